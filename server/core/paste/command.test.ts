import { describe, expect, it } from 'vitest';
import { namesKnownTool, parseCommandLine, shellWords } from './command';

describe('shellWords', () => {
  it('honours quotes and stops at pipes and redirections', () => {
    expect(shellWords(`ovs-ofctl dump-flows "br ex" 'x y' 2>&1 | grep in_port`)).toEqual([
      'ovs-ofctl',
      'dump-flows',
      'br ex',
      'x y',
    ]);
    expect(shellWords('ip a; ip r')).toEqual(['ip', 'a']);
  });
});

describe('parseCommandLine', () => {
  it.each([
    ['ovs-vsctl show', { kind: 'ovs-vsctl show', tool: 'ovs-vsctl', subcommand: 'show' }],
    ['sudo -E /usr/bin/ovs-vsctl --timeout=5 show', { kind: 'ovs-vsctl show' }],
    ['ovs-ofctl dump-flows br-ex', { kind: 'ovs-ofctl dump-flows', bridge: 'br-ex' }],
    [
      'ovs-ofctl -O OpenFlow13 dump-flows br-tun table=0 --no-stats',
      { kind: 'ovs-ofctl dump-flows', bridge: 'br-tun' },
    ],
    ['ovs-ofctl show br-int', { kind: 'ovs-ofctl show', bridge: 'br-int' }],
    ['ovs-ofctl dump-ports-desc br-int', { kind: 'ovs-ofctl show', bridge: 'br-int' }],
    [
      'ovs-ofctl dump-flows unix:/var/run/openvswitch/br-int.mgmt',
      { kind: 'ovs-ofctl dump-flows', bridge: 'br-int' },
    ],
    ['docker exec -it openvswitch_vswitchd ovs-vsctl show', { kind: 'ovs-vsctl show' }],
    ['kubectl exec ovs-node-x -- ovs-ofctl show br-int', { kind: 'ovs-ofctl show', bridge: 'br-int' }],
    ['ip a', { kind: 'ip address', namespace: '', json: false }],
    ['ip addr show dev eth0', { kind: 'ip address' }],
    ['ip -d link show', { kind: 'ip link' }],
    ['ip r', { kind: 'ip route' }],
    ['ip -6 ro show table all', { kind: 'ip route', family: 'inet6' }],
    ['ip -f inet6 route', { kind: 'ip route', family: 'inet6' }],
    ['ip --json -4 route', { kind: 'ip route', family: 'inet', json: true }],
    ['ip -j -p addr', { kind: 'ip address', json: true }],
    ['ip netns', { kind: 'ip netns' }],
    ['ip net list', { kind: 'ip netns' }],
    ['ip -n qrouter-1 a', { kind: 'ip address', namespace: 'qrouter-1' }],
    ['ip -netns=qdhcp-2 -6 r', { kind: 'ip route', namespace: 'qdhcp-2', family: 'inet6' }],
    ['ip netns exec qrouter-1 ip -j addr', { kind: 'ip address', namespace: 'qrouter-1', json: true }],
    ['sudo ip netns exec qrouter-1 sudo ip route', { kind: 'ip route', namespace: 'qrouter-1' }],
  ])('%s', (typed, expected) => {
    expect(parseCommandLine(typed)).toMatchObject({ typed, ...expected });
  });

  it.each([
    ['ovs-vsctl list interface', 'ovs-vsctl list is not read; paste ovs-vsctl show'],
    ['ovs-ofctl dump-ports br-int', /ovs-ofctl dump-ports is not read/],
    ['ovs-ofctl dump-flows', 'ovs-ofctl dump-flows names no bridge'],
    ['ip -br a', 'ip -brief output is not read; paste it without -brief'],
    ['ip -o link', 'ip -oneline output is not read; paste it without -oneline'],
    ['ip n', /ip n is not read/],
    ['ip rule', 'ip rule is not read'],
    ['ip route get 8.8.8.8', /ip route get is not read/],
    ['ip addr add 10.0.0.1/24 dev eth0', /ip address add is not read/],
    ['neutron router-list', 'neutron output is not read'],
    ['ip -z a', 'ip option -z is not known'],
  ])('%s is not read: %s', (typed, why) => {
    const c = parseCommandLine(typed);
    expect(c.kind).toBeNull();
    expect(c.unsupported).toMatch(why);
  });

  it('runs a command in the namespace of an earlier shell unless it names its own', () => {
    expect(parseCommandLine('ip netns exec qrouter-1 /bin/bash')).toMatchObject({
      kind: null,
      shellNamespace: 'qrouter-1',
    });
    expect(parseCommandLine('ip route show', 'qrouter-1')).toMatchObject({
      kind: 'ip route',
      namespace: 'qrouter-1',
    });
    expect(parseCommandLine('ip -n other route', 'qrouter-1')).toMatchObject({ namespace: 'other' });
    expect(parseCommandLine('exit', 'qrouter-1')).toMatchObject({ leavesShell: true });
  });
});

describe('namesKnownTool', () => {
  it('is true for the tools Patchbay reads, after sudo', () => {
    expect(namesKnownTool('sudo ovs-vsctl show')).toBe(true);
    expect(namesKnownTool('ip a')).toBe(true);
    expect(namesKnownTool('br-int')).toBe(false);
    expect(namesKnownTool('Controller Node')).toBe(false);
  });
});
