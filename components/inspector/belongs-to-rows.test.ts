import { describe, expect, it } from 'vitest';
import { belongsToRows } from './belongs-to-rows';

describe('belongsToRows', () => {
  it('shows a libvirt VM with how it was found', () => {
    expect(
      belongsToRows({
        id: 'owner:iface:vnet0',
        of: 'iface:vnet0',
        source: 'libvirt',
        vm: { name: 'web-1', uuid: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', state: 'running' },
        matchedBy: 'mac',
        ifaceId: '4c7d9e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
        attachedMac: '52:54:00:6b:3c:01',
        ifaceStatus: 'active',
      }),
    ).toEqual([
      ['VM', 'web-1'],
      ['VM uuid', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'],
      ['VM state', 'running'],
      ['Neutron port (iface-id)', '4c7d9e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f'],
      ['attached MAC', '52:54:00:6b:3c:01'],
      ['iface-status', 'active'],
      ['known from', "libvirt: the domain's MAC is the attached-mac"],
    ]);
  });

  it('says when only OVS external_ids know the owner, and names the device among several', () => {
    const rows = belongsToRows(
      { id: 'owner:iface:tap1', of: 'iface:tap1', source: 'external_ids', ifaceId: 'p-1' },
      'iface:tap1',
    );
    expect(rows[0]).toEqual(['device', 'iface:tap1']);
    expect(rows.at(-1)).toEqual(['known from', 'OVS external_ids only (no libvirt domain)']);
  });
});
