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
  it('takes a name and a note', () => {
    expect(parseCommand(['snapshot', 'h', '--name', 'before upgrade', '--note', 'ticket 12'])).toMatchObject({
      kind: 'snapshot',
      args: { destination: 'h', name: 'before upgrade', note: 'ticket 12' },
    });
  });
  it.each([
    [['snapshot', 'h', '--name', ' ']],
    [['snapshot', 'h', '--name', 'x'.repeat(201)]],
    [['snapshot', 'h', '--note', 'x'.repeat(10_001)]],
    [['plan', 'h', '-f', 'c.yaml', '--name', 'n']],
    [['snap', 'h']],
    [['snapshot']],
    [['snapshot', 'a', 'b']],
    [['snapshot', 'a', '--bogus']],
    [['snapshot', 'a', '--timeout', '-1']],
  ])('rejects %j', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
  });
});

describe('parseCommand lint', () => {
  const ssh = {
    destination: 'root@kvm',
    identity: 'k',
    jump: undefined,
    configFile: undefined,
    sudo: true,
    knownHosts: undefined,
    acceptNewHostKey: false,
    timeoutMs: 60000,
  };
  it('reads a host with ssh options, text by default', () => {
    expect(parseCommand(['lint', 'root@kvm', '-i', 'k', '--sudo'])).toEqual({
      kind: 'lint',
      args: { format: 'text', ssh },
    });
  });
  it('reads a FILE.json (any case) and takes --format', () => {
    expect(parseCommand(['lint', 'saved/host.JSON', '--format', 'json'])).toEqual({
      kind: 'lint',
      args: { format: 'json', file: 'saved/host.JSON' },
    });
    expect(parseCommand(['lint', 'h.json', '--format', 'text'])).toEqual({
      kind: 'lint',
      args: { format: 'text', file: 'h.json' },
    });
  });
  it.each([
    [['lint']],
    [['lint', 'h', '--format', 'yaml']],
    [['lint', 'h.json', '--sudo']],
    [['lint', 'h.json', '--timeout', '5']],
    [['lint', 'h', '-f', 'c.yaml']],
    [['lint', 'h', '--pretty']],
    [['lint', 'h.json', '--name', 'n']],
    [['lint', 'a', 'b']],
    [['snapshot', 'h', '--format', 'json']],
    [['plan', 'h', '-f', 'c.yaml', '--format', 'json']],
  ])('rejects %j', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
  });
});
