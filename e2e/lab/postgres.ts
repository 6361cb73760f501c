import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Sql } from '@/server/storage';

/**
 * A new, empty database in the private cluster global-setup started: each file (and each
 * "server" of the team tests) gets its own, so no test sees another's rows.
 */
export async function freshPostgresUrl(): Promise<string> {
  const base = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database opened the way the server opens one with DATABASE_URL (migrated). */
export async function openFreshPostgres(dataDir: string): Promise<Sql> {
  return openDatabase(dataDir, await freshPostgresUrl());
}
