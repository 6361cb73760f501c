import { describe, expect, it } from 'vitest';
import { parseTraceArgs } from './trace-args';
import { UsageError } from './usage-error';

describe('parseTraceArgs', () => {
  it('destination, bridge and flow, with the connection options snapshot takes', () => {
    expect(
      parseTraceArgs([
        'root@198.18.0.3',
        'br-int',
        'in_port=qvo3c4d5e6f-7a,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff',
        '-i',
        'key',
        '--known-hosts',
        'kh',
        '--json',
      ]),
    ).toEqual({
      destination: 'root@198.18.0.3',
      identity: 'key',
      jump: undefined,
      configFile: undefined,
      sudo: false,
      knownHosts: 'kh',
      acceptNewHostKey: false,
      request: {
        bridge: 'br-int',
        packet: { in_port: 'qvo3c4d5e6f-7a', dl_vlan: 1, dl_dst: 'ff:ff:ff:ff:ff:ff' },
      },
      json: true,
      timeoutMs: 60_000,
    });
    expect(parseTraceArgs(['--help'])).toBeNull();
  });

  it('refuses, before anything runs, what is missing or not a flow', () => {
    const refused = (argv: string[]) => {
      try {
        parseTraceArgs(argv);
      } catch (e) {
        if (e instanceof UsageError) return e.message;
        throw e;
      }
      return 'accepted';
    };
    expect(refused(['h', 'br-int'])).toBe('trace needs a destination, a bridge and a flow');
    expect(refused(['h', '--', '-br', 'in_port=1'])).toBe('"-br" is not a bridge name');
    expect(refused(['h', 'br-int', 'in_port=1;id'])).toBe(
      'the flow was refused, nothing was run: the flow holds ";": only letters, digits and _ . : , = " - may appear',
    );
    expect(refused(['h', 'br-int', 'in_port=1', 'extra'])).toBe('unexpected argument "extra"');
    expect(refused(['h', 'br-int', 'in_port=1', '--timeout', '0'])).toBe(
      '--timeout needs a positive number of seconds',
    );
  });
});
