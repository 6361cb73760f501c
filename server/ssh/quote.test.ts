import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isSudoPasswordPrompt, shQuote, wrapCommand } from './quote';

const echoThroughSh = (word: string) => execFileSync('sh', ['-c', `printf %s ${word}`]).toString();

describe('shQuote', () => {
  it.each([
    'plain',
    '',
    "it's",
    'a b',
    '$(reboot)',
    '`id`',
    '"; rm -rf / #',
    "'''",
    'line\nbreak',
    '*',
    '\\',
  ])('round-trips %j through a real sh', (value) => {
    expect(echoThroughSh(shQuote(value))).toBe(value);
  });
  it('leaves safe words bare', () => {
    expect(shQuote('/usr/bin/ovs-vsctl')).toBe('/usr/bin/ovs-vsctl');
  });
});

describe('wrapCommand', () => {
  it('runs root commands unchanged', () => {
    expect(wrapCommand('ovs-vsctl show', { user: 'root', useSudo: true })).toBe('ovs-vsctl show');
  });
  it('wraps non-root commands in sudo -n sh -c with one quoted argument', () => {
    const cmd = "echo 'x' && id";
    const wrapped = wrapCommand(cmd, { user: 'ops', useSudo: true });
    expect(wrapped).toBe(`sudo -n sh -c 'echo '\\''x'\\'' && id'`);
    expect(wrapCommand(cmd, { user: 'ops', useSudo: false })).toBe(cmd);
  });
});

describe('isSudoPasswordPrompt', () => {
  it('recognises sudo -n refusals', () => {
    expect(isSudoPasswordPrompt('sudo: a password is required\n')).toBe(true);
    expect(isSudoPasswordPrompt('sudo: a terminal is required to read the password')).toBe(true);
    expect(isSudoPasswordPrompt('ovs-vsctl: database connection failed')).toBe(false);
  });
});
