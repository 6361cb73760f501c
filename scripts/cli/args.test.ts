import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args';

describe('parseCommand', () => {
  it('shows help with no arguments or -h', () => {
    expect(parseCommand([])).toEqual({ kind: 'help' });
    expect(parseCommand(['snapshot', 'h', '-h'])).toEqual({ kind: 'help' });
  });
  it('parses a full snapshot command', () => {
    const cmd = parseCommand([
      'snapshot',
      'ops@aio:2222',
      '-i',
      'k',
      '-J',
      'jump',
      '--sudo',
      '--pretty',
      '--known-hosts',
      'kh',
      '--accept-new-host-key',
      '--timeout',
      '5',
    ]);
    expect(cmd).toEqual({
      kind: 'snapshot',
      args: {
        destination: 'ops@aio:2222',
        identity: 'k',
        jump: 'jump',
        configFile: undefined,
        sudo: true,
        pretty: true,
        knownHosts: 'kh',
        acceptNewHostKey: true,
        timeoutMs: 5000,
      },
    });
  });
  it.each([
    [['snap', 'h']],
    [['snapshot']],
    [['snapshot', 'a', 'b']],
    [['snapshot', 'a', '--bogus']],
    [['snapshot', 'a', '--timeout', '-1']],
  ])('rejects %j', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
  });
});
