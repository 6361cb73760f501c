import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUpMissing } from '@/scripts/lab/lab';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { HostModel } from '@/server/core/model/schema';
import { SshPool } from '@/server/ssh';
import { LAB_KEY_DIRS, labHost } from './hosts';

const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
let broughtUp: string[] = [];

const rootTarget = (name: string) => labSshTarget(labHost(name), `collect:${name}`);

beforeAll(async () => {
  // `large` is not a default lab host: build it when missing and remove it again afterwards.
  broughtUp = await labUpMissing(['openstack-aio', 'large']);
});

afterAll(async () => {
  pool.closeAll();
  if (broughtUp.length) await labDown(broughtUp);
});

describe('collectHost over the real pool', () => {
  it('reads the whole large host: 300 namespaces, 4 bridges, 2,000 ports, 10,000 flows', async () => {
    const { model, bytes } = await collectHost(pool, rootTarget('large'), { timeoutMs: 60_000 });
    expect(model.errors).toEqual([]);
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(bytes).toBeGreaterThan(1_000_000);
    const named = model.namespaces.filter((n) => !n.isRoot);
    expect(named).toHaveLength(300);
    for (const ns of named) {
      expect(ns.links.length).toBeGreaterThanOrEqual(3);
      expect(ns.links.some((l) => l.addresses.length > 0)).toBe(true);
      expect(ns.routes.length).toBeGreaterThan(0);
    }
    expect(model.ovs?.bridges).toHaveLength(4);
    expect(model.ovs?.ports.length).toBeGreaterThanOrEqual(2000);
    const flows = model.ovs?.bridges.reduce((n, b) => n + (b.flows?.length ?? 0), 0) ?? 0;
    expect(flows).toBeGreaterThanOrEqual(10_000);
  });

  it('reads openstack-aio with both address families of routes and rules and no part errors', async () => {
    const { model } = await collectHost(pool, rootTarget('openstack-aio'));
    expect(model.errors).toEqual([]);
    const qrouter = model.namespaces.find((n) => n.name.startsWith('qrouter-'));
    expect(qrouter?.routes.some((r) => r.family === 'inet')).toBe(true);
    expect(qrouter?.routes.some((r) => r.family === 'inet6')).toBe(true);
    expect(qrouter?.rules.some((r) => r.family === 'inet6')).toBe(true);
    expect(model.ovs?.bridges.every((b) => b.flows !== null)).toBe(true);
  });
});
