import { describe, expect, it } from 'vitest';
import { fixturePart } from './fixtures.test-helper';
import { parseVirshDomain, parseVirshList } from './virsh';

const KVM = 'lab-kvm.v3.collect.txt';

describe('parseVirshList', () => {
  it('reads the uuids virsh list --all --uuid printed on the lab kvm host', () => {
    expect(parseVirshList(fixturePart(KVM, 'virsh'))).toEqual([
      '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9',
      '1b2c3d4e-5f60-4172-8384-a5b6c7d8e9f0',
      '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
      '4f5a6b7c-8d9e-4fa0-9b1c-2d3e4f5a6b7c',
    ]);
    expect(parseVirshList('\n')).toEqual([]);
  });
});

describe('parseVirshDomain', () => {
  it('reads a running domain on an OVS bridge (lab capture: domstate, then dumpxml)', () => {
    const { vm, errors } = parseVirshDomain(
      fixturePart(KVM, 'domain', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'),
    );
    expect(errors).toEqual([]);
    expect(vm).toEqual({
      id: 'vm:web-1',
      name: 'web-1',
      uuid: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      state: 'running',
      interfaces: [
        {
          type: 'bridge',
          // libvirt's test driver names the device itself, as libvirtd does with vnetN.
          target: 'testnet0',
          mac: '52:54:00:6b:3c:01',
          source: 'ovsbr0',
          model: 'virtio',
          interfaceId: '4c7d9e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
        },
      ],
    });
  });

  it('reads a tap named by the domain and a shut-off domain (lab capture)', () => {
    const db = parseVirshDomain(fixturePart(KVM, 'domain', '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b')).vm;
    expect(db?.interfaces).toEqual([
      {
        type: 'ethernet',
        target: 'tap-db0',
        mac: '52:54:00:6b:3c:04',
        source: null,
        model: 'virtio',
        interfaceId: null,
      },
    ]);
    const spare = parseVirshDomain(fixturePart(KVM, 'domain', '4f5a6b7c-8d9e-4fa0-9b1c-2d3e4f5a6b7c')).vm;
    expect(spare).toMatchObject({ name: 'spare-1', state: 'shut off' });
  });

  it('reads libvirtd forms (hand-written): aliases, direct (macvtap) and vhost-user NICs, upper-case MACs', () => {
    const text = [
      'paused',
      '',
      "<domain type='kvm' id='7' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>",
      '  <name>instance-0000001a</name>',
      '  <uuid>6F1E2D3C-4B5A-4968-8776-655443322110</uuid>',
      '  <devices>',
      "    <interface type='direct'>",
      "      <mac address='52:54:00:AB:CD:EF'/>",
      "      <source dev='eth2' mode='vepa'/>",
      "      <target dev='macvtap0'/>",
      "      <alias name='net0'/>",
      '    </interface>',
      "    <interface type='vhostuser'>",
      "      <mac address='fa:16:3e:00:00:02'/>",
      "      <source type='unix' path='/var/run/openvswitch/vhu1a2b3c4d-5e' mode='server'/>",
      "      <model type='virtio'/>",
      '    </interface>',
      '  </devices>',
      '</domain>',
    ].join('\n');
    const { vm } = parseVirshDomain(text);
    expect(vm?.state).toBe('paused');
    expect(vm?.uuid).toBe('6f1e2d3c-4b5a-4968-8776-655443322110');
    expect(vm?.interfaces).toEqual([
      {
        type: 'direct',
        target: 'macvtap0',
        mac: '52:54:00:ab:cd:ef',
        source: 'eth2',
        model: null,
        interfaceId: null,
      },
      {
        type: 'vhostuser',
        target: null,
        mac: 'fa:16:3e:00:00:02',
        source: '/var/run/openvswitch/vhu1a2b3c4d-5e',
        model: 'virtio',
        interfaceId: null,
      },
    ]);
  });

  it('names what is missing instead of inventing a domain', () => {
    expect(parseVirshDomain('running\n\n')).toEqual({ vm: null, errors: ['no domain XML in virsh output'] });
    expect(parseVirshDomain('running\n<domain><name>x</name>').errors).toEqual([
      'unreadable domain XML: <domain> is not closed',
    ]);
    expect(parseVirshDomain('<network><name>default</name></network>').errors).toEqual([
      'unreadable domain XML: <network> is not <domain>',
    ]);
    expect(parseVirshDomain('running\n<domain><name>x</name></domain>').errors).toEqual([
      'domain XML without <name> or <uuid>',
    ]);
  });
});
