import { describe, expect, it } from 'vitest';
import { linkKindText, linkSpeedText, operstateText, ruleSelectorText } from './values';

describe('inspector values in words', () => {
  it('link speed', () => {
    expect(linkSpeedText(10_000_000_000)).toBe('10 Gb/s');
    expect(linkSpeedText(100_000_000)).toBe('100 Mb/s');
    expect(linkSpeedText(2_500_000_000)).toBe('2.5 Gb/s');
    expect(linkSpeedText(null)).toBeNull();
  });
  it('operstate', () => {
    expect(operstateText('UP')).toBe('up');
    expect(operstateText('UNKNOWN')).toMatch(/no carrier state reported/);
    expect(operstateText('LOWERLAYERDOWN')).toMatch(/device under it is down/);
  });
  it('an OVS internal port is not "kind tun"', () => {
    expect(linkKindText('tun', 'internal')).toBe('OVS internal port (kernel: tun)');
    expect(linkKindText('veth', undefined)).toBe('veth');
    expect(linkKindText('vxlan', 'vxlan')).toBe('OVS vxlan port (kernel: vxlan)');
  });
  it('rule selectors as ip rule prints them', () => {
    expect(ruleSelectorText({ src: '192.0.2.0', srclen: 24 })).toBe('from 192.0.2.0/24');
    expect(ruleSelectorText({})).toBe('from all');
    expect(ruleSelectorText({ dst: '10.0.0.0', dstlen: 8, fwmark: '0x1' })).toBe(
      'from all to 10.0.0.0/8 fwmark 0x1',
    );
  });
});
