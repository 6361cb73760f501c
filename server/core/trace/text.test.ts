import { describe, expect, it } from 'vitest';
import { traced } from './fixtures.test-helper';
import { traceText } from './text';

describe('traceText', () => {
  it('the seed, one line per hop, the VLAN along the way and the fate at the end', () => {
    expect(traceText(traced('aio-broadcast', 'openstack-aio', 'br-int'))).toBe(`\
trace on openstack-aio, bridge br-int: aio-broadcast
enters br-int by qvo3c4d5e6f-7a, untagged
 1. br-int table 0 priority 0 → NORMAL  [untagged; NORMAL in VLAN 1]
       no learned MAC for destination, flooding
     patch int-br-ex → phy-br-ex, tagged 1
 2. br-ex table 0 priority 4 in_port=phy-br-ex,dl_vlan=1 → pop_vlan,NORMAL  [tagged 1 → untagged; NORMAL in no VLAN]
       no learned MAC for destination, flooding
fate: output to 6 ports
  qg-a1b2c3d4-e5 on br-ex, untagged
  eth1 on br-ex, untagged
  br-ex on br-ex, untagged
  tap7d2e9b1a-0c on br-int, untagged
  br-int on br-int, tagged 1
  qr-5f3a1c2e-4b on br-int, untagged
datapath actions: 8,7,6,1,push_vlan(vid=1,pcp=0),3,pop_vlan,4
`);
  });

  it('a drop names the rule', () => {
    expect(traceText(traced('aio-drop-vlan', 'openstack-aio', 'br-int'))).toBe(`\
trace on openstack-aio, bridge br-int: aio-drop-vlan
enters br-int by int-br-ex, tagged 5
 1. br-int table 0 priority 2 in_port=int-br-ex → drop  [tagged 5]
fate: drop — dropped by br-int table 0 priority 2 (in_port=int-br-ex): drop
datapath actions: drop
`);
  });

  it('a recirculation starts a new section; a tunnel and a miss read plainly', () => {
    const ct = traceText(traced('scratch-ct', 'scratch2', 'br-a'));
    expect(ct).toContain(
      '--- recirc(0x1) - resume conntrack with default ct_state=trk|new (use --ct-next to customize)\n 2. br-a table 3 priority 10',
    );
    expect(ct).toContain('datapath actions: ct(zone=1),recirc(0x1)\ndatapath actions: ct(commit,zone=1),1\n');
    const tunnel = traceText(traced('scratch-tunnel', 'scratch2', 'br-tun'));
    expect(tunnel).toContain('     tunnel vx0 → underlay br-phy\n');
    expect(tunnel).toContain('  p0 on br-phy, untagged, in tunnel vx0 to 198.51.100.2\n');
    expect(traceText(traced('scratch-table-miss', 'scratch', 'br-a'))).toContain(
      ' 1. br-a table 0: No match. → drop  [untagged]\nfate: drop — no rule matched in br-a table 0\n',
    );
  });
});
