import { describe, expect, it } from 'vitest';
import { plan, touchesPath, UNRESTORABLE } from './plan';
import {
  addPort,
  bridge,
  edit,
  iface,
  link,
  load,
  newAddress4,
  newNamespace,
  newRoute4,
  ns,
  port,
  removeLink,
  removePort,
} from './plan.test-helper';
import { commandProblem, PlanSchema, parsePlan } from './plan-schema';
import { planCommands, planInverseCommands, planText } from './render';
import { shQuote } from './shell-quote';
import type { Plan } from './types';
import { unitsOf } from './units';

/** A plan with OVSDB, flow and kernel steps and a warning. */
const mixed = () =>
  edit('aio', (m) => {
    addPort(m, 'br-int', 'p5', { port: { tag: 5 }, iface: { externalIds: { note: `it's "mine"` } } });
    port(m, 'qvo3c4d5e6f-7a').tag = 7;
    removePort(m, 'phy-br-ex');
    m.namespaces.push(newNamespace('blue'));
  }).plan;

describe('planText', () => {
  it('lists the step lines in order, then the warnings', () => {
    expect(planText(mixed())).toBe(
      [
        '+ namespace blue',
        '- port br-ex/phy-br-ex patch peer=int-br-ex',
        '~ port br-int/qvo3c4d5e6f-7a tag 1 → 7',
        '+ port br-int/p5 tag=5 internal',
        '',
        '! FLOW_NAMES_REMOVED_PORT: flow br-ex table=0 priority=4 in_port=phy-br-ex,dl_vlan=1 actions=strip_vlan,NORMAL names port phy-br-ex, which the plan removes',
        '! FLOW_NAMES_REMOVED_PORT: flow br-ex table=0 priority=2 in_port=phy-br-ex actions=drop names port phy-br-ex, which the plan removes',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to do', () => {
    expect(planText(plan(load('kvm'), load('kvm')))).toBe('no changes');
  });
});

describe('planCommands', () => {
  it('shows the OVSDB steps as ONE ovs-vsctl transaction and quotes what the shell would split', () => {
    expect(planCommands(mixed())).toBe(
      [
        'ip netns add blue',
        'ovs-vsctl --timeout=30 \\',
        '  -- del-port br-ex phy-br-ex \\',
        '  -- set Port qvo3c4d5e6f-7a tag=7 \\',
        '  -- add-port br-int p5 \\',
        `  -- set Interface p5 type=internal 'external_ids:note="it'\\''s \\"mine\\""' \\`,
        '  -- set Port p5 tag=5',
      ].join('\n'),
    );
  });

  it('names the ovs-vsctl the executor runs, and shows the rollback last step first', () => {
    const p = mixed();
    expect(planCommands(p).split('\n')[1]).toBe('ovs-vsctl --timeout=30 \\');
    expect(planInverseCommands(p).split('\n')).toEqual([
      'ovs-vsctl --timeout=30 \\',
      '  -- --if-exists del-port br-int p5 \\',
      '  -- set Port qvo3c4d5e6f-7a tag=1 \\',
      '  -- --may-exist add-port br-ex phy-br-ex \\',
      '  -- set Interface phy-br-ex type=patch options:peer=int-br-ex',
      'ip netns del blue',
    ]);
  });

  it('gives the transaction as one argument vector', () => {
    const p = mixed();
    const ovsdb = (q: typeof p) => unitsOf(q).find((u) => u.forward[0]?.argv[0] === 'ovs-vsctl');
    expect(ovsdb(p)?.forward[0]?.argv.slice(0, 6)).toEqual([
      'ovs-vsctl',
      '--timeout=30',
      '--',
      'del-port',
      'br-ex',
      'phy-br-ex',
    ]);
    expect(ovsdb(plan(load('kvm'), load('kvm')))).toBeUndefined();
  });

  it('quotes like server/ssh/quote.ts', () => {
    expect(shQuote('')).toBe("''");
    expect(shQuote('table=0,priority=2,in_port=x,actions=drop')).toBe(
      'table=0,priority=2,in_port=x,actions=drop',
    );
    expect(shQuote('a b')).toBe("'a b'");
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(shQuote('$(reboot)')).toBe("'$(reboot)'");
  });
});

describe('PlanSchema', () => {
  it('reads back a saved plan exactly', () => {
    const p = mixed();
    const saved = JSON.parse(JSON.stringify(p)) as unknown;
    const read = PlanSchema.parse(saved);
    expect(read).toEqual(p);
    expect(parsePlan(saved)).toEqual({ ok: true, plan: p });
  });

  it('reads back plans with every kind of command and an unrestorable inverse', () => {
    const wide = edit('kvm', (m) => {
      removeLink(m, '', 'eth0');
      removePort(m, 'vnet2');
      bridge(m, 'ovsbr0').flows = [];
      link(m, 'vm-web', 'eth0').mtu = 9000;
    }).plan;
    expect(wide.steps.some((s) => s.inverse[0]?.[0] === UNRESTORABLE)).toBe(true);
    expect(PlanSchema.safeParse(JSON.parse(JSON.stringify(wide))).success).toBe(true);
  });

  const tampered = (change: (p: Plan) => void): string[] => {
    const p = structuredClone(mixed());
    change(p);
    const r = parsePlan(JSON.parse(JSON.stringify(p)));
    return r.ok ? [] : r.errors;
  };

  it('refuses commands the planner never emits', () => {
    const kernel = (argv: string[]) =>
      tampered((p) => {
        const s = p.steps.find((x) => x.phase === 'kernel');
        if (s) s.forward = [argv];
      });
    expect(kernel(['ip', 'netns', 'exec', 'blue', 'sh', '-c', 'reboot'])).toEqual([
      'steps.0.forward.0: not an ip netns command the planner uses: exec',
    ]);
    expect(kernel(['ip', '-batch', '/tmp/x'])).toEqual([
      'steps.0.forward.0: not an ip object the planner uses: -batch',
    ]);
    expect(kernel(['sh', '-c', 'reboot'])).toEqual(['steps.0.forward.0: a kernel step runs ip']);
    expect(kernel(['ip', 'link', 'set', 'dev', 'x', '-force'])).toEqual([
      'steps.0.forward.0: ip arguments may not start with "-"',
    ]);
    const ovsdb = tampered((p) => {
      const s = p.steps.find((x) => x.phase === 'ovsdb');
      if (s)
        s.forward = [
          ['--db=tcp:10.0.0.1:6640', 'del-br', 'br-int'],
          ['del-port', 'br-ex', 'x', '--', 'emer-reset'],
        ];
    });
    expect(ovsdb).toEqual([
      'steps.1.forward.0: not an ovs-vsctl sub-command the planner uses: --db=tcp:10.0.0.1:6640',
      'steps.1.forward.1: ovs-vsctl arguments may not start with "-"',
    ]);
    expect(commandProblem('flow', ['ovs-ofctl', 'add-flows', 'br-int', '/etc/shadow'], false)).toBe(
      'not an ovs-ofctl command the planner uses: add-flows',
    );
    expect(
      commandProblem(
        'flow',
        ['ovs-ofctl', '-O', 'OpenFlow13', '--strict', 'del-flows', 'br', 'table=0'],
        false,
      ),
    ).toBeNull();
    expect(commandProblem('kernel', [UNRESTORABLE, 'why'], false)).toBe('a kernel step runs ip');
    expect(commandProblem('kernel', [UNRESTORABLE, 'why'], true)).toBeNull();
  });

  it('refuses a renumbered plan, a split OVSDB transaction, a bad fingerprint and a newline in an argument', () => {
    expect(
      tampered((p) => {
        const s = p.steps[0];
        if (s) s.n = 5;
      }),
    ).toEqual(['steps.0.n: step 0 is numbered 5']);
    expect(
      tampered((p) => {
        const [a, b, c] = p.steps;
        if (a && b && c) p.steps = [{ ...b, n: 0 }, { ...a, n: 1 }, { ...c, n: 2 }, ...p.steps.slice(3)];
      }),
    ).toEqual(['steps: the OVSDB steps of a plan must be consecutive']);
    expect(tampered((p) => Object.assign(p, { baseFingerprint: 'abc' }))).toEqual([
      'baseFingerprint: fnv1a64:<16 hex digits>',
    ]);
    expect(
      tampered((p) => {
        const s = p.steps[0];
        if (s) s.forward = [['ip', 'netns', 'add', 'a\nreboot']];
      }),
    ).toEqual(['steps.0.forward.0.3: one line, no NUL']);
  });
});

describe('touchesPath', () => {
  const kvm = () => load('kvm');

  it('finds the internal port holding the address, its bridge, the bridge’s ports and flows', () => {
    const current = kvm();
    const tag = edit('kvm', (m) => {
      port(m, 'vnet0').tag = 11;
    }).plan;
    expect(touchesPath(tag, current, { address: '203.0.113.5' })).toEqual(['port:ovsbr0/vnet0']);
    const flows = edit('kvm', (m) => {
      bridge(m, 'ovsbr0').flows = [];
    }).plan;
    expect(touchesPath(flows, current, { address: '203.0.113.5' })).toEqual([
      'flow:ovsbr0/0/20/in_port=vnet2,vlan_tci=0x0000/0x1fff',
      'flow:ovsbr0/0/0/',
    ]);
    const mgmt = edit('kvm', (m) => {
      link(m, '', 'mgmt0').addresses = link(m, '', 'mgmt0').addresses.filter((a) => a.family !== 'inet');
      iface(m, 'mgmt0').mtuRequest = 1400;
    }).plan;
    expect(touchesPath(mgmt, current, { address: '203.0.113.5' }).sort()).toEqual(
      ['addr:/mgmt0/203.0.113.5/24', 'iface:mgmt0'].sort(),
    );
  });

  it('finds the link, address and routes of a plain device; other changes do not touch the path', () => {
    const current = kvm();
    const p = edit('kvm', (m) => {
      link(m, '', 'eth0').mtu = 1400;
      port(m, 'vnet0').tag = 11;
      m.namespaces.push(newNamespace('blue'));
      ns(m, '').routes.push(newRoute4('', 'default', '198.18.0.1', 'eth0'));
    }).plan;
    expect(touchesPath(p, current, { address: '198.18.0.30' })).toEqual([
      'link:/eth0',
      'route:/main/inet/default',
    ]);
    expect(touchesPath(p, current, { address: '192.0.2.99' })).toEqual([]);
  });

  it('flags an address moving to the host elsewhere, and routes to the client when given', () => {
    const current = kvm();
    const p = edit('kvm', (m) => {
      link(m, 'vm-router', 'eth0').addresses.push(newAddress4('vm-router', 'eth0', '198.18.0.30/24'));
      ns(m, '').routes.push(newRoute4('', '10.9.0.0/16', '203.0.113.1', 'mgmt0'));
    }).plan;
    expect(touchesPath(p, current, { address: '198.18.0.30' })).toEqual([
      'addr:vm-router/eth0/198.18.0.30/24',
    ]);
    expect(touchesPath(p, current, { address: '198.18.0.30', client: '10.9.1.1' })).toEqual([
      'route:/main/inet/10.9.0.0/16',
      'addr:vm-router/eth0/198.18.0.30/24',
    ]);
  });
});
