import { describe, expect, it } from 'vitest';
import { fixture, ovsOf } from '@/server/core/trace/fixtures.test-helper';
import type { ExecResult, SshPool, SshTarget } from '@/server/ssh';
import { DPIF_SHOW, HELPER_QUERY, OVSDB_READ, ovsdbReadOf, traceHelpers } from './helpers';

/** The captured scoped read of openstack-aio: its stream, and the OVSDB answer inside it. */
const SCOPED = fixture('openstack-aio.ovsdb.txt');
const CHECK_ANSWER = SCOPED.split('\n')[2] ?? '';
const DPIF = fixture('openstack-aio.dpif.txt');

/** OVSDB_READ's output: the pid line, then the answer to HELPER_QUERY (the check query + the ports op). */
function readOutput(pid = '4242', extra: unknown[] = [{ name: 'eth1', ofport: 1, ifindex: 5 }]): string {
  const results = JSON.parse(CHECK_ANSWER) as unknown[];
  return `vswitchd ${pid}\n${JSON.stringify([...results, { rows: extra }])}\n`;
}

const ok = (stdout: string, code = 0, stderr = ''): ExecResult => ({ stdout, stderr, code, bytes: 0, ms: 0 });

describe('the OVSDB read of a trace', () => {
  it('asks what the scoped read asks, plus each interface’s name, OpenFlow number and ifindex', () => {
    const ops = JSON.parse(HELPER_QUERY) as { table?: string; columns?: string[] }[];
    expect(ops.slice(1, -1).map((o) => o.table)).toEqual([
      'Open_vSwitch',
      'Bridge',
      'Port',
      'Interface',
      'Controller',
      'Flow_Table',
    ]);
    expect(ops.at(-1)).toMatchObject({ table: 'Interface', columns: ['name', 'ofport', 'ifindex'] });
    expect(OVSDB_READ).toMatch(/\nexec ovsdb-client -t 10 transact '\["Open_vSwitch",/);
  });

  it('gives the OVS state the scoped read gives, and a reuse key of pid and answer', () => {
    const read = ovsdbReadOf(readOutput(), 0);
    expect(read?.ovs).toEqual(ovsOf('openstack-aio'));
    expect(read?.state).toMatch(/^4242 [0-9a-f]{64}$/);
    expect(ovsdbReadOf(readOutput('4243'), 0)?.state).not.toBe(read?.state);
    const moved = readOutput('4242', [{ name: 'eth1', ofport: 1, ifindex: 6 }]);
    expect(ovsdbReadOf(moved, 0)?.state).not.toBe(read?.state);
  });

  it('is no basis for reuse without a pid', () => {
    const read = ovsdbReadOf(readOutput(''), 0);
    expect(read?.ovs).toEqual(ovsOf('openstack-aio'));
    expect(read?.state).toBeNull();
  });

  it('is refused (the scoped read runs instead) unless the answer is clean', () => {
    expect(ovsdbReadOf(readOutput(), 1)).toBeNull();
    expect(ovsdbReadOf(readOutput().replace(/^vswitchd 4242\n/, ''), 0)).toBeNull();
    const missingColumn = `vswitchd 1\n${CHECK_ANSWER.replace('{"rows":', '{"error":"unknown column","rows":')}`;
    expect(ovsdbReadOf(missingColumn, 0)).toBeNull();
    expect(ovsdbReadOf('vswitchd 1\n[{"rows":', 0)).toBeNull();
  });
});

/** A pool answering the helpers' commands from a script; counts what ran. */
function fakePool(answers: { ovsdb: () => ExecResult; dpif: () => ExecResult }) {
  const ran: string[] = [];
  const pool = {
    exec: async (_t: SshTarget, command: string) => {
      if (command === DPIF_SHOW) {
        ran.push('dpif');
        return answers.dpif();
      }
      if (command === OVSDB_READ) {
        ran.push('ovsdb');
        return answers.ovsdb();
      }
      if (command.startsWith('sh -s -- ovsdb')) {
        ran.push('scoped');
        return ok(SCOPED);
      }
      throw new Error(`unexpected command ${command}`);
    },
  } as unknown as SshPool;
  return { pool, ran };
}

const target = { id: 'h1', name: 'h1', address: '192.0.2.1' } as SshTarget;
const exec = { timeoutMs: 1000 };

async function runs(pool: SshPool, ran: string[], n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    ran.length = 0;
    const h = await traceHelpers(pool, target, exec);
    expect(h.ovs).toEqual(ovsOf('openstack-aio'));
    out.push(`${ran.join('+')}:${h.dpif.code}`);
  }
  return out;
}

describe('dpif/show beside a trace', () => {
  it('is reused once two reads agreed under one OVSDB state and vswitchd', async () => {
    let answer = readOutput();
    const { pool, ran } = fakePool({ ovsdb: () => ok(answer), dpif: () => ok(DPIF) });
    expect(await runs(pool, ran, 4)).toEqual(['ovsdb+dpif:0', 'ovsdb+dpif:0', 'ovsdb:0', 'ovsdb:0']);
    ran.length = 0;
    expect((await traceHelpers(pool, target, exec)).dpif).toEqual({ code: 0, stdout: DPIF, stderr: '' });
    // Any change in the answer (a port, a tag, an ifindex) or a new vswitchd: read again, agree again.
    answer = readOutput('4242', [{ name: 'eth1', ofport: 1, ifindex: 9 }]);
    expect(await runs(pool, ran, 3)).toEqual(['ovsdb+dpif:0', 'ovsdb+dpif:0', 'ovsdb:0']);
    answer = readOutput('5000', [{ name: 'eth1', ofport: 1, ifindex: 9 }]);
    expect(await runs(pool, ran, 3)).toEqual(['ovsdb+dpif:0', 'ovsdb+dpif:0', 'ovsdb:0']);
  });

  it('is not reused while two reads disagree (vswitchd still applying a change)', async () => {
    const dpifs = [DPIF, DPIF.replace('eth1 1/7', 'eth1 1/9'), DPIF, DPIF];
    const { pool, ran } = fakePool({ ovsdb: () => ok(readOutput()), dpif: () => ok(dpifs.shift() ?? DPIF) });
    expect(await runs(pool, ran, 5)).toEqual([
      'ovsdb+dpif:0',
      'ovsdb+dpif:0',
      'ovsdb+dpif:0',
      'ovsdb+dpif:0',
      'ovsdb:0',
    ]);
  });

  it('is never reused without a pid, after a failed dpif/show, or from the scoped read', async () => {
    const noPid = fakePool({ ovsdb: () => ok(readOutput('')), dpif: () => ok(DPIF) });
    expect(await runs(noPid.pool, noPid.ran, 3)).toEqual(['ovsdb+dpif:0', 'ovsdb+dpif:0', 'ovsdb+dpif:0']);
    const failing = fakePool({ ovsdb: () => ok(readOutput()), dpif: () => ok('', 1, 'denied') });
    expect(await runs(failing.pool, failing.ran, 3)).toEqual([
      'ovsdb+dpif:1',
      'ovsdb+dpif:1',
      'ovsdb+dpif:1',
    ]);
    const oldSchema = fakePool({ ovsdb: () => ok('vswitchd 1\n[{"error":"x"}]'), dpif: () => ok(DPIF) });
    expect(await runs(oldSchema.pool, oldSchema.ran, 3)).toEqual([
      'ovsdb+dpif+scoped:0',
      'ovsdb+dpif+scoped:0',
      'ovsdb+dpif+scoped:0',
    ]);
  });

  it('gives no OVS state, without a second try, when the read’s exec itself fails', async () => {
    const { pool, ran } = fakePool({
      ovsdb: () => {
        throw new Error('timed out');
      },
      dpif: () => ok(DPIF),
    });
    const h = await traceHelpers(pool, target, exec);
    expect(h).toEqual({ dpif: ok(DPIF), ovs: null });
    expect(ran).toEqual(['ovsdb', 'dpif']);
  });

  it('keeps hosts apart', async () => {
    const { pool, ran } = fakePool({ ovsdb: () => ok(readOutput()), dpif: () => ok(DPIF) });
    await runs(pool, ran, 2);
    ran.length = 0;
    await traceHelpers(pool, { ...target, id: 'h2' }, exec);
    expect(ran).toEqual(['ovsdb', 'dpif']);
    ran.length = 0;
    await traceHelpers(pool, { ...target, address: '192.0.2.2' }, exec);
    expect(ran).toEqual(['ovsdb', 'dpif']);
  });
});
