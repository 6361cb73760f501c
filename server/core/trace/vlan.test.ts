import { describe, expect, it } from 'vitest';
import { parseAction } from '../parsers/ofctl-actions';
import { applyAction, normalVlanIn, normalVlanOut, type PortVlanConfig } from './vlan';

const port = (tag: number | null, trunks: number[] = [], vlanMode: string | null = null): PortVlanConfig => ({
  tag,
  trunks,
  vlanMode,
});

describe('applyAction', () => {
  it('strips, pushes and sets the header the way the trace prints it', () => {
    const apply = (vlan: Parameters<typeof applyAction>[0], ...actions: string[]) =>
      actions.reduce((v, a) => applyAction(v, parseAction(a)), vlan);
    expect(apply(1, 'pop_vlan')).toBe('untagged');
    expect(apply(1, 'strip_vlan')).toBe('untagged');
    expect(apply('untagged', 'push_vlan:0x8100', 'set_field:4097->vlan_vid')).toBe(1);
    expect(apply('untagged', 'mod_vlan_vid:7')).toBe(7);
    expect(apply(3, 'NORMAL', 'output:2', 'load:0x64->NXM_NX_TUN_ID[]')).toBe(3);
    expect(apply(3, 'move:NXM_NX_REG0[0..11]->NXM_OF_VLAN_TCI[0..11]')).toBe('unknown');
  });
});

describe('NORMAL’s VLAN', () => {
  it('in: an access port’s tag for untagged traffic; refused when tagged', () => {
    expect(normalVlanIn(port(1), 'untagged')).toBe(1);
    expect(normalVlanIn(port(10), 20)).toBeNull();
    expect(normalVlanIn(port(null), 'untagged')).toBe('untagged');
    expect(normalVlanIn(port(null), 5)).toBe(5);
    expect(normalVlanIn(port(null, [10, 20, 30], 'trunk'), 40)).toBeNull();
    expect(normalVlanIn(port(20, [20, 30], 'native-untagged'), 'untagged')).toBe(20);
    expect(normalVlanIn(port(20, [20, 30], 'native-untagged'), 30)).toBe(30);
    expect(normalVlanIn(undefined, 'untagged')).toBe('unknown');
  });

  it('out: untagged on access ports and a native-untagged port’s own VLAN, tagged on trunks', () => {
    expect(normalVlanOut(port(null), 1)).toBe(1);
    expect(normalVlanOut(port(1), 1)).toBe('untagged');
    expect(normalVlanOut(port(null), 'untagged')).toBe('untagged');
    expect(normalVlanOut(port(20, [20, 30], 'native-untagged'), 20)).toBe('untagged');
    expect(normalVlanOut(port(20, [20, 30], 'native-untagged'), 30)).toBe(30);
    expect(normalVlanOut(port(20, [20, 30], 'native-tagged'), 20)).toBe(20);
    expect(normalVlanOut(port(5, [], 'dot1q-tunnel'), 5)).toBe('unknown');
    expect(normalVlanOut(undefined, 1)).toBe('unknown');
  });
});
