/**
 * The reachability check on the lab's compute host (real namespaces behind real OVS, real sshd):
 * a namespace pings another on its subnet through OVS and the route names the link it leaves by;
 * an address nobody holds gets no answer (a result, not an error); bad requests run nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { contains, parseCidr } from '@/server/core/changes/cidr';
import type { HostModel } from '@/server/core/model';
import { SshPool } from '@/server/ssh';
import { TraceError } from '@/server/trace';
import { runReach } from '@/server/trace/reach';
import { LAB_KEY_DIRS, labHost } from './hosts';

const HOST = 'compute';
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
const target = () => labSshTarget(labHost(HOST), 'reach-test');
let model: HostModel;

/** Two namespaces of the host with IPv4 addresses on one subnet (read from the host, not assumed). */
function neighbours() {
  const addrs = model.namespaces
    .filter((n) => !n.isRoot)
    .flatMap((n) =>
      n.links.flatMap((l) =>
        l.addresses
          .filter((a) => a.family === 'inet' && !a.local.startsWith('127.'))
          .map((a) => ({ ns: n.name, link: l.name, local: a.local, cidr: `${a.local}/${a.prefixlen}` })),
      ),
    );
  for (const a of addrs)
    for (const b of addrs) {
      const net = parseCidr(a.cidr);
      if (a.ns !== b.ns && net && contains(net, b.local)) return { a, b, all: addrs };
    }
  throw new Error('no two namespaces on one subnet');
}

beforeAll(async () => {
  model = (await collectHost(pool, target(), { timeoutMs: 60_000 })).model;
}, 120_000);
afterAll(() => pool.closeAll());

describe('reachability from a namespace', () => {
  it('a neighbour answers, and the route leaves by the namespace’s own link', async () => {
    const { a, b } = neighbours();
    const r = await runReach(pool, target(), { namespace: a.ns, address: b.local });
    expect(r.ping).toMatchObject({ sent: 3, received: 3 });
    expect(r.ping?.rttAvgMs).toBeGreaterThan(0);
    expect(r.route).toEqual({ dev: a.link, gateway: null, src: a.local, linkId: `link:${a.ns}/${a.link}` });
  });

  it('an address nobody holds gets no answer: a result, with the route it would take', async () => {
    const { a, all } = neighbours();
    const prefix = a.local.split('.').slice(0, 3).join('.');
    const free = [254, 253, 252, 251]
      .map((n) => `${prefix}.${n}`)
      .find((ip) => !all.some((x) => x.local === ip));
    if (!free) throw new Error('no free address');
    const r = await runReach(pool, target(), { namespace: a.ns, address: free });
    expect(r.ping).toMatchObject({ sent: 3, received: 0, rttAvgMs: null });
    expect(r.route?.dev).toBe(a.link);
  });

  it('a namespace that does not exist is said so; bad requests run nothing', async () => {
    const r = await runReach(pool, target(), { namespace: 'no-such-ns', address: '192.0.2.1' });
    expect(r.ping).toBeNull();
    expect(r.pingError).toMatch(/no-such-ns/);
    for (const bad of [
      { namespace: 'x;reboot', address: '192.0.2.1' },
      { namespace: 'x', address: '$(id)' },
    ]) {
      const err = await runReach(pool, target(), bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TraceError);
      expect((err as TraceError).code).toBe('INVALID_REQUEST');
    }
  });
});
