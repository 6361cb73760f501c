import { randomUUID } from 'node:crypto';
import {
  type HostFields,
  HostNameTakenError,
  type HostStore,
  type RefreshRecord,
  type StoredHost,
  type StoredHostKey,
  type StoredModel,
} from './host-store';
import type { SecretBox } from './secret-box';
import type { Sql } from './sql';

interface HostRow {
  id: string;
  name: string;
  address: string;
  port: number;
  username: string;
  auth_method: HostFields['auth']['method'];
  key_path: string | null;
  secrets_enc: string | null;
  use_sudo: boolean;
  jump_host: string | null;
  ssh_config_alias: string | null;
  labels: string[];
  created_at: Date;
  updated_at: Date;
  host_keys: { endpoint: string; fingerprint: string; key_type: string; trusted_at: string }[];
  r_status: RefreshRecord['status'] | null;
  r_latency_ms: number | null;
  r_bytes: number | null;
  r_error: string | null;
  r_error_code: string | null;
  r_at: Date | null;
}

const SELECT_HOSTS = `
SELECT h.*,
  COALESCE((SELECT jsonb_agg(k ORDER BY k.endpoint) FROM host_keys k WHERE k.host_id = h.id), '[]') AS host_keys,
  r.status AS r_status, r.latency_ms AS r_latency_ms, r.bytes AS r_bytes, r.error AS r_error,
  r.error_code AS r_error_code, r.refreshed_at AS r_at
FROM hosts h LEFT JOIN host_refresh r ON r.host_id = h.id`;

/** The secrets of one host, sealed together as one JSON object in `secrets_enc`. */
type SecretField = 'password' | 'passphrase' | 'privateKey';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/** HostStore on PGlite (the same SQL runs on a PostgreSQL server). */
export class SqlHostStore implements HostStore {
  constructor(
    private readonly db: Promise<Sql>,
    private readonly secrets: SecretBox,
  ) {}

  private sealSecrets(auth: HostFields['auth']): string | null {
    const secret: Partial<Record<SecretField, string>> = {};
    if (auth.password) secret.password = auth.password;
    if (auth.passphrase) secret.passphrase = auth.passphrase;
    if (auth.privateKey) secret.privateKey = auth.privateKey;
    return Object.keys(secret).length > 0 ? this.secrets.seal(JSON.stringify(secret)) : null;
  }

  private toHost(row: HostRow): StoredHost {
    const secret = row.secrets_enc
      ? (JSON.parse(this.secrets.open(row.secrets_enc)) as Partial<Record<SecretField, string>>)
      : {};
    return {
      id: row.id,
      name: row.name,
      address: row.address,
      port: row.port,
      user: row.username,
      auth: {
        method: row.auth_method,
        ...(row.key_path ? { keyPath: row.key_path } : {}),
        ...(secret.password ? { password: secret.password } : {}),
        ...(secret.passphrase ? { passphrase: secret.passphrase } : {}),
        ...(secret.privateKey ? { privateKey: secret.privateKey } : {}),
      },
      useSudo: row.use_sudo,
      jumpHost: row.jump_host,
      sshConfigAlias: row.ssh_config_alias,
      labels: row.labels,
      hostKeys: row.host_keys.map(
        (k): StoredHostKey => ({
          endpoint: k.endpoint,
          fingerprint: k.fingerprint,
          keyType: k.key_type,
          trustedAt: new Date(k.trusted_at).toISOString(),
        }),
      ),
      lastRefresh:
        row.r_status && row.r_at
          ? {
              status: row.r_status,
              latencyMs: row.r_latency_ms,
              bytes: row.r_bytes,
              error: row.r_error,
              errorCode: row.r_error_code,
              at: row.r_at.toISOString(),
            }
          : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async list(): Promise<StoredHost[]> {
    const { rows } = await (await this.db).query<HostRow>(`${SELECT_HOSTS} ORDER BY h.name`);
    return rows.map((r) => this.toHost(r));
  }

  async get(id: string): Promise<StoredHost | null> {
    const { rows } = await (await this.db).query<HostRow>(`${SELECT_HOSTS} WHERE h.id = $1`, [id]);
    return rows[0] ? this.toHost(rows[0]) : null;
  }

  private params(f: HostFields) {
    return [
      f.name,
      f.address,
      f.port,
      f.user,
      f.auth.method,
      f.auth.keyPath ?? null,
      this.sealSecrets(f.auth),
      f.useSudo,
      f.jumpHost,
      f.sshConfigAlias,
      JSON.stringify(f.labels),
    ];
  }

  async create(fields: HostFields): Promise<StoredHost> {
    const id = randomUUID();
    try {
      await (await this.db).query(
        `INSERT INTO hosts (id, name, address, port, username, auth_method, key_path, secrets_enc, use_sudo,
           jump_host, ssh_config_alias, labels)
         VALUES ($12, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [...this.params(fields), id],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new HostNameTakenError(fields.name);
      throw err;
    }
    return (await this.get(id)) as StoredHost;
  }

  async update(id: string, fields: HostFields): Promise<StoredHost | null> {
    try {
      const { affected } = await (await this.db).query(
        `UPDATE hosts SET name = $1, address = $2, port = $3, username = $4, auth_method = $5, key_path = $6,
           secrets_enc = $7, use_sudo = $8, jump_host = $9, ssh_config_alias = $10, labels = $11, updated_at = now()
         WHERE id = $12`,
        [...this.params(fields), id],
      );
      if (!affected) return null;
    } catch (err) {
      if (isUniqueViolation(err)) throw new HostNameTakenError(fields.name);
      throw err;
    }
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const { affected } = await (await this.db).query('DELETE FROM hosts WHERE id = $1', [id]);
    return affected > 0;
  }

  async setHostKey(id: string, key: Omit<StoredHostKey, 'trustedAt'>): Promise<void> {
    await (await this.db).query(
      `INSERT INTO host_keys (host_id, endpoint, fingerprint, key_type) VALUES ($1, $2, $3, $4)
       ON CONFLICT (host_id, endpoint) DO UPDATE SET fingerprint = $3, key_type = $4, trusted_at = now()`,
      [id, key.endpoint, key.fingerprint, key.keyType],
    );
  }

  // A read outlives a host removed while it ran: its record and model are then dropped, not
  // refused by the foreign key (which failed the refresh with a database error).
  async recordRefresh(id: string, r: RefreshRecord): Promise<void> {
    await (await this.db).query(
      `INSERT INTO host_refresh (host_id, status, latency_ms, bytes, error, error_code, refreshed_at)
       SELECT id, $2::text, $3::integer, $4::integer, $5::text, $6::text, $7::timestamptz FROM hosts WHERE id = $1
       ON CONFLICT (host_id) DO UPDATE SET status = $2, latency_ms = $3, bytes = $4, error = $5, error_code = $6,
         refreshed_at = $7`,
      [
        id,
        r.status,
        r.latencyMs === null ? null : Math.round(r.latencyMs),
        r.bytes,
        r.error,
        r.errorCode,
        r.at,
      ],
    );
  }

  async saveModel(id: string, m: StoredModel): Promise<void> {
    await (await this.db).query(
      `INSERT INTO host_models (host_id, schema_version, collected_at, model)
       SELECT id, $2::integer, $3::timestamptz, $4::jsonb FROM hosts WHERE id = $1
       ON CONFLICT (host_id) DO UPDATE SET schema_version = $2, collected_at = $3, model = $4`,
      [id, m.schemaVersion, m.collectedAt, JSON.stringify(m.model)],
    );
  }

  async getModel(id: string): Promise<StoredModel | null> {
    const { rows } = await (await this.db).query<{
      schema_version: number;
      collected_at: Date;
      model: unknown;
    }>('SELECT schema_version, collected_at, model FROM host_models WHERE host_id = $1', [id]);
    const row = rows[0];
    return row
      ? { schemaVersion: row.schema_version, collectedAt: row.collected_at.toISOString(), model: row.model }
      : null;
  }
}
