/**
 * VM and Neutron identity read over SSH from real lab hosts: `kvm` declares libvirt domains (served
 * by libvirt's test driver, named by the host's libvirt.conf default URI), `compute` declares none
 * (virsh is absent there). Driven by the scenario files: the expected VMs are the kvm scenario's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUpMissing } from '@/scripts/lab/lab';
import { compileScenario, readScenarioDocument } from '@/scripts/lab/scenario';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { toElements } from '@/server/core/graph';
import { elementId } from '@/server/core/graph/ids';
import { isNode } from '@/server/core/graph/types';
import { HostModel } from '@/server/core/model/schema';
import { vmIdentities } from '@/server/core/relations';
import { SshPool } from '@/server/ssh';
import { LAB_KEY_DIRS, labHost } from './hosts';

const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
let broughtUp: string[] = [];

beforeAll(async () => {
  // `kvm` is not a default lab host: build it when missing and remove it again afterwards.
  broughtUp = await labUpMissing(['kvm', 'compute']);
}, 60_000);

afterAll(async () => {
  pool.closeAll();
  if (broughtUp.length) await labDown(broughtUp);
});

/** One read of kvm as root, shared by the tests that only look at it. */
let kvmRead: Promise<HostModel> | undefined;
const kvmModel = () => {
  kvmRead ??= collectHost(pool, labSshTarget(labHost('kvm'), 'vm-identity:kvm')).then((r) => r.model);
  return kvmRead;
};

const scenarioOf = (name: string) => {
  const h = labHost(name);
  return compileScenario(readScenarioDocument(h.scenario), h.address, (n) => labHost(n).address);
};

describe('VM identity from a lab host with libvirt', () => {
  it('lists the scenario’s domains with their states and NICs, with no part errors', async () => {
    const model = await kvmModel();
    expect(model.errors).toEqual([]);
    expect(HostModel.safeParse(model).success).toBe(true);
    const declared = scenarioOf('kvm').libvirt?.domains ?? [];
    expect(declared.length).toBeGreaterThan(0);
    const states = { running: 'running', paused: 'paused', shutoff: 'shut off' } as const;
    expect(model.vms?.map((v) => [v.name, v.uuid, v.state])).toEqual(
      declared.map((d) => [d.name, d.uuid, states[d.state]]),
    );
    for (const d of declared)
      expect(model.vms?.find((v) => v.name === d.name)?.interfaces.map((i) => i.mac)).toEqual(
        d.interfaces.map((i) => i.mac),
      );
  });

  it('names the VM of every running domain’s tap on OVS, in the model and on the graph', async () => {
    const model = await kvmModel();
    const scenario = scenarioOf('kvm');
    // The scenario's ports a running domain owns: by target name, else by attached-mac.
    const ports = scenario.bridges.flatMap((b) => b.ports.map((p) => ({ bridge: b.name, port: p })));
    const owners = vmIdentities(model);
    const els = toElements([model]).filter(isNode);
    let named = 0;
    for (const d of scenario.libvirt?.domains ?? []) {
      if (d.state === 'shutoff') continue;
      for (const nic of d.interfaces) {
        const owned = ports.find(
          ({ port }) => port.name === nic.target || port.externalIds?.['attached-mac'] === nic.mac,
        );
        if (!owned) continue;
        named++;
        expect(owners.find((o) => o.of === `iface:${owned.port.name}`)?.vm, owned.port.name).toMatchObject({
          name: d.name,
          uuid: d.uuid,
        });
        const label = els.find(
          (n) => n.data.id === elementId('kvm', `port:${owned.bridge}/${owned.port.name}`),
        )?.data.label;
        expect(label?.split('\n')[1], owned.port.name).toBe(`vm ${d.name}`);
      }
    }
    expect(named).toBeGreaterThanOrEqual(2);
  });

  it('reads the same domains as a non-root user (libvirt reads that user’s own libvirt.conf)', async () => {
    const h = labHost('kvm');
    const { model } = await collectHost(pool, {
      ...labSshTarget(h, 'vm-identity:kvm:pbuser'),
      user: h.users.sudo.user,
      auth: { method: 'key', keyPath: h.users.sudo.keyPath },
    });
    expect(model.errors.filter((e) => e.part === 'virsh' || e.part === 'domain')).toEqual([]);
    expect(model.vms?.map((v) => v.name)).toEqual(scenarioOf('kvm').libvirt?.domains.map((d) => d.name));
  });
});

describe('a lab host without libvirt', () => {
  it('says virsh is not there (vms null) and reports no error for it', async () => {
    const { model } = await collectHost(pool, labSshTarget(labHost('compute'), 'vm-identity:compute'));
    expect(scenarioOf('compute').libvirt).toBeUndefined();
    expect(model.vms).toBeNull();
    expect(model.errors).toEqual([]);
    // OVS's external_ids still say which VM and Neutron port each tap is for.
    const tap = vmIdentities(model).find((o) => o.source === 'external_ids' && o.ifaceId);
    expect(tap?.vm?.uuid).toBeTruthy();
  });
});
