import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  contains,
  formatCidr,
  hostPart,
  isNetworkAddress,
  networkOf,
  parseCidr,
  parseIp,
  routeDstText,
} from './cidr';

describe('parseIp', () => {
  it('reads IPv4 and IPv6 addresses', () => {
    expect(parseIp('192.0.2.1')).toEqual({ family: 'inet', value: 0xc0000201n });
    expect(parseIp('0.0.0.0')).toEqual({ family: 'inet', value: 0n });
    expect(parseIp('::')).toEqual({ family: 'inet6', value: 0n });
    expect(parseIp('::1')).toEqual({ family: 'inet6', value: 1n });
    expect(parseIp('2001:db8::1')?.value).toBe(0x20010db8000000000000000000000001n);
    expect(parseIp('::ffff:192.0.2.1')?.value).toBe(0xffffc0000201n);
    expect(parseIp('1:2:3:4:5:6:7:8')?.family).toBe('inet6');
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1.2.3.-4',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '12345::',
      'g::1',
      'fe80::1%eth0',
      '1.2.3.4/24',
      '::ffff:1.2.3',
      '1:2:3:4:5:6:7::8',
      '$(reboot)',
      '1.2.3.4\n',
    ])
      expect(parseIp(bad), bad).toBeNull();
  });
});

describe('parseCidr', () => {
  it('reads address/prefixlen and keeps the host part', () => {
    const c = parseCidr('192.0.2.10/24');
    expect(c).toEqual({ family: 'inet', addr: 0xc000020an, prefixlen: 24 });
    expect(c && hostPart(c)).toBe(10n);
    expect(c && formatCidr(networkOf(c))).toBe('192.0.2.0/24');
    expect(c && isNetworkAddress(c)).toBe(false);
    expect(parseCidr('2001:db8::/32')?.prefixlen).toBe(32);
    expect(parseCidr('0.0.0.0/0')?.prefixlen).toBe(0);
  });

  it('needs a prefix in range', () => {
    for (const bad of [
      '192.0.2.1',
      '192.0.2.1/33',
      '2001:db8::/129',
      '192.0.2.1/',
      '192.0.2.1/024',
      '1.2.3.4/2 4',
      'x/24',
    ])
      expect(parseCidr(bad), bad).toBeNull();
  });
});

describe('contains', () => {
  it('checks the network bits in either family', () => {
    expect(contains('192.0.2.0/24', '192.0.2.254')).toBe(true);
    expect(contains('192.0.2.10/24', '192.0.2.1')).toBe(true);
    expect(contains('192.0.2.0/24', '192.0.3.1')).toBe(false);
    expect(contains('198.51.100.128/25', '198.51.100.130')).toBe(true);
    expect(contains('198.51.100.128/25', '198.51.100.2')).toBe(false);
    expect(contains('0.0.0.0/0', '203.0.113.9')).toBe(true);
    expect(contains('2001:db8::/64', '2001:db8::abcd')).toBe(true);
    expect(contains('2001:db8::/64', '2001:db9::1')).toBe(false);
    expect(contains('192.0.2.0/24', '::ffff:192.0.2.1')).toBe(false);
    expect(contains('not a cidr', '192.0.2.1')).toBe(false);
  });
});

describe('printing like ip does', () => {
  it('compresses IPv6 as inet_ntop does', () => {
    expect(canonicalIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIp('2001:0db8:0000:0001:0000:0000:0000:0001')).toBe('2001:db8:0:1::1');
    expect(canonicalIp('fe80:0::0:1')).toBe('fe80::1');
    expect(canonicalIp('1:0:2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7');
    expect(canonicalIp('0:0:0:0:0:0:0:0')).toBe('::');
    expect(canonicalIp('1::')).toBe('1::');
    expect(canonicalIp('::1')).toBe('::1');
    expect(canonicalIp('::ffff:c000:201')).toBe('::ffff:192.0.2.1');
    expect(canonicalIp('010.1.1.1')).toBeNull();
  });

  it('prints route destinations: default, bare host routes, networks', () => {
    const dst = (t: string) => {
      const c = parseCidr(t);
      return c ? routeDstText(c) : null;
    };
    expect(dst('0.0.0.0/0')).toBe('default');
    expect(dst('::/0')).toBe('default');
    expect(dst('10.1.2.3/32')).toBe('10.1.2.3');
    expect(dst('2001:db8::1/128')).toBe('2001:db8::1');
    expect(dst('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(dst('2001:DB8:0::/64')).toBe('2001:db8::/64');
  });
});
