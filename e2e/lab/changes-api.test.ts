/**
 * The change engine through the tRPC API (server-side caller, real services, PGlite, a lab host):
 * plan with refused edits named by index and field, apply in the background with progress
 * streamed, a second apply gets CONFLICT, every run recorded and audited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labUpMissing } from '@/scripts/lab/lab';
import type { Session } from '@/server/auth';
import { createServices, type Services } from '@/server/services';
import { SshPool } from '@/server/ssh';
import type { Sql } from '@/server/storage';
import { openDatabase } from '@/server/storage';
import { createCaller } from '@/server/trpc/routers/_app';
import { contextFor } from '@/server/trpc/test-context';
import { HOST, onHost } from './changes-helpers';
import { addTrustedLabHost, LAB_KEY_DIRS } from './hosts';

const dir = mkdtempSync(join(tmpdir(), 'pb-changes-api-'));
const pool = new SshPool({
  agentSocket: undefined,
  sshConfigText: null,
  readyTimeoutMs: 5_000,
  keyDirs: LAB_KEY_DIRS,
});
let db: Sql;
let services: Services;
let hostId: string;
let operator: Awaited<ReturnType<typeof as>>;
let viewer: Awaited<ReturnType<typeof as>>;

async function as(role: 'operator' | 'viewer') {
  const name = `${role}-api`;
  await services.auth.addUser({ name, role, password: `${role}-api-password` });
  const signedIn = await services.auth.login(
    { name, password: `${role}-api-password` },
    { source: '127.0.0.1', userAgent: 't' },
  );
  return createCaller(contextFor(services, (await services.auth.session(signedIn.token)) as Session));
}

beforeAll(async () => {
  await labUpMissing([HOST]); // up already when run through the integration project's global setup
  const dbPromise = openDatabase(dir);
  db = await dbPromise;
  services = createServices(dbPromise, dir, { ssh: pool, changes: { guardSeconds: 10 } });
  hostId = await addTrustedLabHost(services, HOST);
  operator = await as('operator');
  viewer = await as('viewer');
}, 120_000);
afterAll(async () => {
  pool.closeAll();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function done(api: Awaited<ReturnType<typeof as>>, runId: string) {
  const events: string[] = [];
  for await (const e of await api.changes.progress({ runId })) events.push(`${e.phase} ${e.status}`);
  return { events, run: await api.changes.run({ id: runId }) };
}

describe('changes API', { timeout: 120_000 }, () => {
  it('refuses bad edits before anything runs, naming edit and field', async () => {
    const err = await operator.changes
      .plan({
        hostId,
        edits: [
          { op: 'add-port', bridge: 'br-int', name: 'x;reboot', type: 'internal' },
          { op: 'set-port', name: 'tap1', tag: 4096 },
        ],
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    expect((err as TRPCError).message).toMatch(/edit 0 \(add-port\) field name/);
    expect((err as TRPCError).message).toMatch(/edit 1 \(set-port\) field tag/);
  });

  it('plans, applies in the background with progress, records the run, and a viewer may only read', async () => {
    const planned = await operator.changes.plan({
      hostId,
      edits: [{ op: 'set-port', name: 'tap1', tag: 33 }],
    });
    expect(planned.text).toContain('tap1');
    expect(planned.commands).toContain('ovs-vsctl --timeout=30');
    await expect(viewer.changes.applyPlan({ planId: planned.id })).rejects.toThrow(/operator role/);
    const { runId } = await operator.changes.applyPlan({ planId: planned.id });
    const { events, run } = await done(operator, runId);
    expect(events).toContain('execute ok');
    expect(events.at(-1)).toBe('done ok');
    expect(run.outcome).toBe('applied');
    expect(run.report?.units[0]?.rc).toBe(0);
    expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'tag')).toBe('33');
    expect((await viewer.changes.runs({ hostId })).map((r) => r.id)).toContain(runId);
    const audited = await services.audit.list({ action: 'changes.apply' });
    expect(audited[0]).toMatchObject({ outcome: 'ok', actor: 'operator-api' });
    // Back: the inverse, through the API as well.
    const back = await operator.changes.plan({ hostId, edits: [{ op: 'set-port', name: 'tap1', tag: 1 }] });
    const second = await operator.changes.applyPlan({ planId: back.id });
    expect((await done(operator, second.runId)).run.outcome).toBe('applied');
  });

  it('a second apply while one runs gets CONFLICT naming who and since when', async () => {
    const a = await operator.changes.plan({
      hostId,
      edits: [
        { op: 'add-namespace', name: 'ns-api1' },
        { op: 'add-port', bridge: 'br-int', name: 'pa1', type: 'internal' },
      ],
    });
    const b = await operator.changes.plan({ hostId, edits: [{ op: 'add-namespace', name: 'ns-api2' }] });
    const first = await operator.changes.applyPlan({ planId: a.id });
    const err = await operator.changes.applyPlan({ planId: b.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as TRPCError).code).toBe('CONFLICT');
    expect((err as TRPCError).message).toMatch(/operator-api is applying a change to changes since/);
    expect((await done(operator, first.runId)).run.outcome).toBe('applied');
    const back = await operator.changes.plan({
      hostId,
      edits: [
        { op: 'delete-port', name: 'pa1' },
        { op: 'delete-namespace', name: 'ns-api1' },
      ],
    });
    expect(
      (await done(operator, (await operator.changes.applyPlan({ planId: back.id })).runId)).run.outcome,
    ).toBe('applied');
  });
});
