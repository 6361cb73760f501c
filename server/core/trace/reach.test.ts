import { describe, expect, it } from 'vitest';
import { parsePing, parseRouteGet, pingArgv, ReachRequest, routeGetArgv } from './reach';

describe('reachability check', () => {
  it('runs ping and ip route get inside the namespace, or in the root for ""', () => {
    const r = ReachRequest.parse({ namespace: 'vm1', address: '192.0.2.12' });
    expect(pingArgv(r)).toEqual([
      'ip',
      'netns',
      'exec',
      'vm1',
      'ping',
      '-n',
      '-c',
      '3',
      '-i',
      '0.2',
      '-W',
      '1',
      '192.0.2.12',
    ]);
    expect(routeGetArgv(r)).toEqual(['ip', '-n', 'vm1', '-json', 'route', 'get', '192.0.2.12']);
    const root = ReachRequest.parse({ namespace: '', address: '2001:db8::1' });
    expect(pingArgv(root)[0]).toBe('ping');
    expect(routeGetArgv(root)).toEqual(['ip', '-json', 'route', 'get', '2001:db8::1']);
  });

  it('refuses anything but a namespace name and an address', () => {
    for (const bad of [
      { namespace: '-x', address: '192.0.2.1' },
      { namespace: 'a;b', address: '192.0.2.1' },
      { namespace: 'ns', address: '192.0.2.1; reboot' },
      { namespace: 'ns', address: '-c 1000' },
      { namespace: 'ns', address: '192.0.2.1', count: 1000 },
    ])
      expect(ReachRequest.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('reads what iputils ping printed, answered or not', () => {
    expect(
      parsePing(
        'PING 192.0.2.12 (192.0.2.12) 56(84) bytes of data.\n64 bytes from 192.0.2.12: icmp_seq=1 ttl=64 time=0.061 ms\n\n--- 192.0.2.12 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 405ms\nrtt min/avg/max/mdev = 0.041/0.052/0.061/0.008 ms\n',
      ),
    ).toEqual({ sent: 3, received: 3, rttAvgMs: 0.052 });
    expect(
      parsePing(
        '--- 192.0.2.99 ping statistics ---\n3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2043ms\n',
      ),
    ).toEqual({ sent: 3, received: 0, rttAvgMs: null });
    expect(parsePing('ping: connect: Network is unreachable\n')).toBeNull();
  });

  it('reads the route the kernel picks, with the link it leaves by', () => {
    expect(
      parseRouteGet(
        'vm1',
        '[{"dst":"192.0.2.12","dev":"eth0","prefsrc":"192.0.2.11","flags":[],"uid":0,"cache":[]}]',
      ),
    ).toEqual({ dev: 'eth0', gateway: null, src: '192.0.2.11', linkId: 'link:vm1/eth0' });
    expect(parseRouteGet('', '[{"dst":"8.8.8.8","gateway":"10.0.0.1","dev":"eth1"}]')?.gateway).toBe(
      '10.0.0.1',
    );
    expect(parseRouteGet('', 'RTNETLINK answers: Network is unreachable')).toBeNull();
  });
});
