import { describe, expect, it } from 'vitest';
import { pasteFixture } from './fixtures.test-helper';
import { parseOfctlShow } from './ofctl-show';
import { splitPaste } from './split';

const section = (file: string, typed: string) => {
  const s = splitPaste(pasteFixture(file)).find((x) => x.command.typed === typed);
  if (!s) throw new Error(`${file} has no ${typed}`);
  return s.text;
};

describe('parseOfctlShow', () => {
  it('maps port numbers to names, with MAC and state (OVS 2.1 format)', () => {
    expect(parseOfctlShow(section('ofctl-show-br-ex.txt', 'ovs-ofctl show br-ex'))).toEqual({
      localName: 'br-ex',
      datapathId: '0000a0369f1e3a4c',
      ports: [
        {
          ofport: 1,
          name: 'enp2s0',
          mac: 'a0:36:9f:1e:3a:4c',
          adminState: 'up',
          linkState: 'up',
          linkSpeed: 1_000_000_000,
        },
        {
          ofport: 2,
          name: 'phy-br-ex',
          mac: '7e:5c:1d:0a:91:3f',
          adminState: 'up',
          linkState: 'up',
          linkSpeed: null,
        },
        {
          ofport: 65534,
          name: 'br-ex',
          mac: 'a0:36:9f:1e:3a:4c',
          adminState: 'up',
          linkState: 'up',
          linkSpeed: null,
        },
      ],
      errors: [],
    });
  });

  it('reads ports that are down and ports OVS cannot see (OVS 3.1 on the lab host)', () => {
    const parsed = parseOfctlShow(section('lab-openstack-aio.txt', 'ovs-ofctl show br-int'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.ports.map((p) => [p.ofport, p.name, p.adminState, p.linkState, p.mac])).toEqual([
      // Moved into a namespace: OVS prints a zero MAC where OVSDB keeps none.
      [1, 'tap7d2e9b1a-0c', 'down', 'down', null],
      [2, 'qvo3c4d5e6f-7a', 'up', 'up', 'd6:06:3e:6a:1e:03'],
      [3, 'int-br-ex', 'up', 'up', '7a:e4:65:c0:ce:fb'],
      [4, 'qr-5f3a1c2e-4b', 'down', 'down', null],
      [5, 'qvo9e8d7c6b-5a', 'up', 'up', '2a:7b:27:88:b1:a6'],
      [65534, 'br-int', 'down', 'down', 'ce:56:d5:af:06:49'],
    ]);
  });

  it('reads the OpenFlow 1.3 form, where the ports follow a port description reply', () => {
    const parsed = parseOfctlShow(
      [
        'OFPT_FEATURES_REPLY (OF1.3) (xid=0x2): dpid:0000aabbccddeeff',
        'n_tables:254, n_buffers:0',
        'capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS',
        'OFPST_PORT_DESC reply (OF1.3) (xid=0x3):',
        ' 7(vxlan-0a000002): addr:1e:2d:3c:4b:5a:69',
        '     config:     0',
        '     state:      LIVE',
        '     speed: 0 Mbps now, 0 Mbps max',
        'OFPT_GET_CONFIG_REPLY (OF1.3) (xid=0x5): frags=normal miss_send_len=0',
      ].join('\n'),
    );
    expect(parsed).toMatchObject({ localName: null, datapathId: '0000aabbccddeeff', errors: [] });
    expect(parsed.ports).toEqual([
      {
        ofport: 7,
        name: 'vxlan-0a000002',
        mac: '1e:2d:3c:4b:5a:69',
        adminState: 'up',
        linkState: 'up',
        linkSpeed: null,
      },
    ]);
  });

  it("returns ovs-ofctl's error, and says so when nothing was listed", () => {
    expect(parseOfctlShow('ovs-ofctl: br-x is not a bridge or a socket').errors).toEqual([
      'ovs-ofctl: br-x is not a bridge or a socket',
    ]);
    expect(parseOfctlShow('hello').errors).toEqual(['not ovs-ofctl show output: hello']);
    expect(parseOfctlShow('').errors).toEqual(['no ports listed']);
  });
});
