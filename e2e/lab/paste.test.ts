import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { type HostModel, HostModel as HostModelSchema, type Namespace } from '@/server/core/model/schema';
import { modelFromPaste } from '@/server/core/paste/build';
import { patchPairs } from '@/server/core/relations';
import { SshPool, type SshTarget } from '@/server/ssh';
import { LAB_KEY_DIRS, labHost } from './hosts';

/**
 * Paste import against the real thing: the outputs an operator would paste from the openstack-aio
 * lab host, read by modelFromPaste, agree with the same host collected over SSH on everything the
 * outputs carry.
 */

const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
let target: SshTarget;
let pasted: HostModel;
let collected: HostModel;
/** The named namespace whose `ip netns exec NS ip addr` is pasted. */
let chosen: string;
/** The outputs as an operator would paste them. */
let pasteText: string;

async function run(command: string): Promise<string> {
  const r = await pool.exec(target, command);
  if (r.code !== 0) throw new Error(`${command}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  target = labSshTarget(labHost('openstack-aio'), 'paste:openstack-aio');
  collected = (await collectHost(pool, target)).model;
  // The namespace with the most addresses: the one a ticket would show.
  const addresses = (ns: Namespace) => ns.links.reduce((n, l) => n + l.addresses.length, 0);
  const named = collected.namespaces.filter((n) => !n.isRoot).sort((a, b) => addresses(b) - addresses(a));
  chosen = named[0]?.name ?? '';
  const bridges = (await run('ovs-vsctl list-br')).trim().split('\n');
  const commands = [
    'ovs-vsctl show',
    ...bridges.flatMap((b) => [`ovs-ofctl show ${b}`, `ovs-ofctl dump-flows ${b}`]),
    'ip addr',
    'ip -d link',
    'ip route',
    'ip -6 route',
    'ip netns',
    `ip netns exec ${chosen} ip addr`,
    `ip -n ${chosen} route`,
  ];
  const outputs: string[] = [];
  for (const c of commands) outputs.push(`# ${c}\n${await run(c)}`);
  pasteText = outputs.join('\n');
  const result = modelFromPaste(pasteText, { now: new Date(), host: collected.host });
  expect(result.sections.filter((s) => !s.recognised || s.error)).toEqual([]);
  pasted = result.model;
});

afterAll(() => pool.closeAll());

const ns = (m: HostModel, name: string) => m.namespaces.find((n) => n.name === name);
const sortById = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('a paste of the openstack-aio host', () => {
  it('is a valid model with no unreadable part, marked as pasted', () => {
    expect(HostModelSchema.safeParse(pasted).success).toBe(true);
    expect(pasted.errors).toEqual([]);
    expect(pasted.origin?.kind).toBe('paste');
    expect(pasted.hostname).toBeNull();
    expect(pasted.ovs?.system.ovsVersion).toBe(collected.ovs?.system.ovsVersion);
  });

  it('has the bridges, ports and interfaces of the collected model', () => {
    const bridges = (m: HostModel) =>
      sortById(m.ovs?.bridges ?? []).map((b) => ({
        id: b.id,
        failMode: b.failMode,
        datapathType: b.datapathType,
        datapathId: b.datapathId,
        controllers: b.controllers.map((c) => c.target),
        ports: [...b.ports].sort(),
      }));
    expect(bridges(pasted)).toEqual(bridges(collected));
    const ports = (m: HostModel) =>
      sortById(m.ovs?.ports ?? []).map((p) => ({
        id: p.id,
        bridge: p.bridge,
        tag: p.tag,
        trunks: p.trunks,
        interfaces: p.interfaces,
      }));
    expect(ports(pasted)).toEqual(ports(collected));
    const interfaces = (m: HostModel) =>
      sortById(m.ovs?.interfaces ?? []).map((i) => ({
        id: i.id,
        port: i.port,
        bridge: i.bridge,
        type: i.type,
        options: i.options,
        error: i.error,
        ofport: i.ofport,
        macInUse: i.macInUse,
        adminState: i.adminState,
        linkState: i.linkState,
      }));
    expect(interfaces(pasted)).toEqual(interfaces(collected));
  });

  it('pairs the same patch ports', () => {
    expect(patchPairs(pasted)).toEqual(patchPairs(collected));
  });

  it('gives every flow the id it has in the collected model (numbers in the paste, names collected)', () => {
    const flows = (m: HostModel) =>
      Object.fromEntries(
        (m.ovs?.bridges ?? []).map((b) => [
          b.name,
          sortById(b.flows ?? []).map((f) => ({
            id: f.id,
            table: f.table,
            priority: f.priority,
            cookie: f.cookie,
            actions: f.actions.map((a) => a.type),
          })),
        ]),
      );
    expect(flows(pasted)).toEqual(flows(collected));
    expect(Object.values(flows(pasted)).flat().length).toBeGreaterThan(0);
  });

  it('has the namespaces, links, addresses and main-table routes of the root and the pasted namespace', () => {
    const names = (m: HostModel) => m.namespaces.map((n) => [n.name, n.netnsid]).sort();
    expect(names(pasted)).toEqual(names(collected));
    for (const name of ['', chosen]) {
      const links = (m: HostModel) =>
        sortById(ns(m, name)?.links ?? []).map((l) => ({
          id: l.id,
          mac: l.mac,
          mtu: l.mtu,
          operstate: l.operstate,
          flags: l.flags,
          master: l.master,
          linkIndex: l.linkIndex,
          linkNetnsid: l.linkNetnsid,
          addresses: sortById(l.addresses),
        }));
      expect(links(pasted)).toEqual(links(collected));
      const routes = (m: HostModel) =>
        sortById(ns(m, name)?.routes.filter((r) => r.table === 'main') ?? []).map((r) => ({
          id: r.id,
          type: r.type,
          dst: r.dst,
          gateway: r.gateway,
          dev: r.dev,
          prefsrc: r.prefsrc,
          metric: r.metric,
        }));
      // `ip route` without -6 prints IPv4 only: the root's IPv6 routes come from `ip -6 route`.
      const families = name === '' ? ['inet', 'inet6'] : ['inet'];
      const collectedRoutes = routes(collected).filter((r) => families.some((f) => r.id.includes(`/${f}/`)));
      expect(routes(pasted)).toEqual(collectedRoutes);
      expect(collectedRoutes.length).toBeGreaterThan(0);
    }
    // With `ip -d link` pasted too, link kinds are those the collection reads.
    const kinds = (m: HostModel) =>
      sortById(ns(m, '')?.links ?? []).map((l) => [l.name, l.kind, l.slaveKind]);
    expect(kinds(pasted)).toEqual(kinds(collected));
  });
});

describe('patchbay import', () => {
  it('prints the model of a paste read from standard input, the same model modelFromPaste builds', async () => {
    const bin = join(process.cwd(), 'scripts', 'patchbay.mjs');
    const child = spawn(process.execPath, [bin, 'import', '-', '--host', collected.host]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.stdin.end(pasteText);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([code, stderr]).toEqual([0, '']);
    const printed = HostModelSchema.parse(JSON.parse(stdout));
    expect({ ...printed, collectedAt: pasted.collectedAt }).toEqual(pasted);
  });
});
