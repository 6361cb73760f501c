/**
 * Packet traces on the lab's openstack-aio host (real OVS, real sshd): the seed's broadcast from
 * a VLAN-1 port of br-int crosses the patch pair tagged 1, is untagged by br-ex's strip_vlan flow
 * and leaves the physical port untagged; a drop names its flow; bad requests are refused before
 * anything runs; the tRPC procedure and the CLI give the same path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { traceCommand } from '@/scripts/cli/trace';
import { labUpMissing } from '@/scripts/lab/lab';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import type { Session } from '@/server/auth';
import { collectHost } from '@/server/collect/collect-host';
import type { Flow, HostModel } from '@/server/core/model';
import type { TracePath, TraceRequest } from '@/server/core/trace';
import { createServices, type Services } from '@/server/services';
import { knownHostsPolicy, SshPool, type SshTarget } from '@/server/ssh';
import type { Sql } from '@/server/storage';
import { openDatabase } from '@/server/storage';
import { runTrace, TraceError } from '@/server/trace';
import { createCallerFactory, router } from '@/server/trpc/init';
import { traceRouter } from '@/server/trpc/routers/trace';
import { contextFor } from '@/server/trpc/test-context';
import { addTrustedLabHost, LAB_KEY_DIRS, labHost } from './hosts';

const HOST = 'openstack-aio';
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
const target = () => labSshTarget(labHost(HOST), 'trace-test');
let model: HostModel;

const flowsOf = (bridge: string): Flow[] => model.ovs?.bridges.find((b) => b.name === bridge)?.flows ?? [];
const vlanStrip = (f: Flow) => f.actions.some((a) => a.type === 'strip_vlan' || a.type === 'pop_vlan');
const patchPeer = (bridge: string) => {
  const iface = model.ovs?.interfaces.find((i) => i.bridge === bridge && i.type === 'patch');
  return iface ? { port: iface.name, peer: iface.options.peer ?? '' } : null;
};

/** The seed's packet: a broadcast from a VLAN-1 access port of br-int. */
function seedRequest(): TraceRequest {
  const port = model.ovs?.ports.find((p) => p.bridge === 'br-int' && p.tag === 1 && p.vlanMode === null);
  if (!port) throw new Error('openstack-aio has no VLAN-1 access port on br-int');
  return {
    bridge: 'br-int',
    packet: { in_port: port.name, dl_src: 'fa:16:3e:00:00:01', dl_dst: 'ff:ff:ff:ff:ff:ff' },
  };
}

beforeAll(async () => {
  await labUpMissing([HOST]); // up already when run through the integration project's global setup
  model = (await collectHost(pool, target(), { timeoutMs: 60_000 })).model;
}, 120_000);
afterAll(() => pool.closeAll());

describe('trace on openstack-aio', () => {
  let seed: TracePath;
  beforeAll(async () => {
    seed = await runTrace(pool, target(), seedRequest());
  });

  it('the broadcast crosses the patch pair tagged 1', () => {
    const pair = patchPeer('br-int');
    expect(pair).not.toBeNull();
    expect(seed.crossings[0]).toMatchObject({
      kind: 'patch',
      from: { bridge: 'br-int', port: pair?.port },
      to: { bridge: 'br-ex', port: pair?.peer },
      vlan: 1,
    });
    expect(seed.hops[0]).toMatchObject({ bridge: 'br-int', vlan: 'untagged', normalVlan: 1 });
  });

  it('br-ex’s strip_vlan flow matches it tagged 1 and untags it', () => {
    const strip = flowsOf('br-ex').find((f) => vlanStrip(f) && f.inPort === patchPeer('br-int')?.peer);
    expect(strip).toBeDefined();
    const hop = seed.hops.find((h) => h.bridge === 'br-ex');
    expect(hop).toMatchObject({
      table: strip?.table,
      priority: strip?.priority,
      flowId: strip?.id,
      vlan: 1,
      vlanAfter: 'untagged',
    });
    expect(hop?.changes.some((c) => c === 'pop_vlan' || c === 'strip_vlan')).toBe(true);
  });

  it('leaves br-ex’s physical port untagged', () => {
    const physical = model.ovs?.interfaces
      .filter((i) => i.bridge === 'br-ex' && i.type === 'system')
      .map((i) => i.name);
    expect(physical?.length).toBeGreaterThan(0);
    expect(seed.fate.kind).toBe('output');
    const out = seed.fate.kind === 'output' ? seed.fate.ports.filter((p) => physical?.includes(p.port)) : [];
    expect(out.map((p) => `${p.port} ${p.vlan}`)).toEqual(physical?.map((name) => `${name} untagged`));
    expect(seed.elements).toContain(seed.crossings[0]?.edge);
  });

  it('a VLAN br-int does not take from br-ex is dropped, by the flow that drops it', async () => {
    const pair = patchPeer('br-int');
    const drop = flowsOf('br-int').find(
      (f) => f.inPort === pair?.port && f.actions.every((a) => a.type === 'drop'),
    );
    expect(drop).toBeDefined();
    const path = await runTrace(pool, target(), {
      bridge: 'br-int',
      packet: { in_port: pair?.port ?? '', dl_vlan: 5, dl_dst: 'ff:ff:ff:ff:ff:ff' },
    });
    expect(path.fate).toMatchObject({ kind: 'drop', hop: 0 });
    expect(path.hops[0]).toMatchObject({ flowId: drop?.id, priority: drop?.priority, dropped: true });
  });
});

describe('refusals', () => {
  it('a bad request is refused with the reason, and nothing runs', async () => {
    const exec = vi.spyOn(pool, 'exec');
    try {
      for (const bad of [
        { bridge: 'br-int;reboot', packet: { in_port: 'p' } },
        { bridge: 'br-int', packet: { in_port: 'p,actions=drop' } },
        { bridge: 'br-int', packet: { in_port: 'p', nw_src: '192.0.2.1' } },
      ]) {
        const err = await runTrace(pool, target(), bad).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TraceError);
        expect((err as TraceError).code).toBe('INVALID_REQUEST');
        expect((err as Error).message).toMatch(/^the trace request was refused, nothing was run: /);
      }
      expect(exec).not.toHaveBeenCalled();
    } finally {
      exec.mockRestore();
    }
    const err = await runTrace(pool, target(), {
      bridge: 'br-int',
      packet: { in_port: 'p', nw_src: '192.0.2.1' },
    }).catch((e: Error) => e.message);
    expect(err).toBe(
      'the trace request was refused, nothing was run: packet.nw_src: needs an IPv4 protocol (ip, icmp, tcp, udp, sctp)',
    );
  });

  it('an unknown bridge or port is named, with what exists', async () => {
    const noBridge = await runTrace(pool, target(), { bridge: 'br-nope', packet: { in_port: '1' } }).catch(
      (e: TraceError) => e,
    );
    expect(noBridge).toMatchObject({
      code: 'BRIDGE_NOT_FOUND',
      message: 'bridge br-nope does not exist on openstack-aio (its bridges: br-ex, br-int)',
    });
    const noPort = await runTrace(pool, target(), { bridge: 'br-int', packet: { in_port: 'nope' } }).catch(
      (e: TraceError) => e,
    );
    expect(noPort).toMatchObject({
      code: 'BAD_FLOW',
      message: expect.stringMatching(/^port nope is not on bridge br-int of openstack-aio \(its ports: /),
    });
  });

  it('a user who may not talk to ovs-vswitchd is told to use root or sudo; with sudo it works', async () => {
    const h = labHost(HOST);
    const as = (useSudo: boolean): SshTarget => ({
      id: `trace-test-sudo-${useSudo}`,
      name: h.name,
      address: h.address,
      port: h.port,
      user: h.users.sudo.user,
      auth: { method: 'key', keyPath: h.users.sudo.keyPath },
      useSudo,
      hostKeys: knownHostsPolicy(h.knownHostsPath, { acceptNew: false }),
    });
    const denied = await runTrace(pool, as(false), seedRequest()).catch((e: TraceError) => e);
    expect(denied).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect((denied as Error).message).toMatch(/connect as root, or turn on sudo for this host/);
    const viaSudo = await runTrace(pool, as(true), seedRequest());
    expect(viaSudo.crossings[0]?.vlan).toBe(1);
  });
});

describe('API and CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-trace-api-'));
  let db: Sql;
  let services: Services;
  let hostId: string;
  const createCaller = createCallerFactory(router({ trace: traceRouter }));

  beforeAll(async () => {
    const dbPromise = openDatabase(dir);
    db = await dbPromise;
    services = createServices(dbPromise, dir, { ssh: pool });
    hostId = await addTrustedLabHost(services, HOST);
    await services.auth.addUser({ name: 'viewer-trace', role: 'viewer', password: 'viewer-trace-password' });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function viewer() {
    const signedIn = await services.auth.login(
      { name: 'viewer-trace', password: 'viewer-trace-password' },
      { source: '127.0.0.1', userAgent: 't' },
    );
    return createCaller(contextFor(services, (await services.auth.session(signedIn.token)) as Session));
  }

  it('trace.run: a viewer may trace; graph ids carry the inventory name', async () => {
    const path = await (await viewer()).trace.run({ hostId, request: seedRequest() });
    expect(path.crossings[0]?.vlan).toBe(1);
    expect(path.elements).toContain('openstack-aio|br:br-ex');
  });

  it('trace.run: bad input is BAD_REQUEST before anything runs; no one signed in is UNAUTHORIZED', async () => {
    const api = await viewer();
    const bad = await api.trace
      .run({ hostId, request: { bridge: 'br-int', packet: { in_port: 'p;id' } } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    const missing = await api.trace
      .run({ hostId, request: { bridge: 'br-nope', packet: { in_port: '1' } } })
      .catch((e: unknown) => e);
    expect((missing as TRPCError).code).toBe('NOT_FOUND');
    const anonymous = await createCaller(contextFor(services, null))
      .trace.run({ hostId, request: seedRequest() })
      .catch((e: unknown) => e);
    expect((anonymous as TRPCError).code).toBe('UNAUTHORIZED');
  });

  it('patchbay trace prints the same path as text', async () => {
    const h = labHost(HOST);
    const { packet } = seedRequest();
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    let status: number;
    try {
      status = await traceCommand([
        `root@${h.address}`,
        'br-int',
        `in_port=${packet.in_port},dl_dst=ff:ff:ff:ff:ff:ff`,
        '-i',
        h.rootKeyPath,
        '--known-hosts',
        h.knownHostsPath,
      ]);
    } finally {
      write.mockRestore();
    }
    expect(status).toBe(0);
    const text = out.join('');
    const pair = patchPeer('br-int');
    expect(text).toContain(`enters br-int by ${packet.in_port}, untagged\n`);
    expect(text).toContain(`     patch ${pair?.port} → ${pair?.peer}, tagged 1\n`);
    expect(text).toMatch(
      / 2\. br-ex table 0 priority \d+ in_port=\S+,dl_vlan=1 → pop_vlan,NORMAL {2}\[tagged 1 → untagged/,
    );
    expect(text).toMatch(/\n {2}eth1 on br-ex, untagged\n/);
  });
});
