import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm start` refuses what it does not understand before it installs or builds anything. */
describe('npm start arguments', () => {
  const start = (...args: string[]) => spawnSync('bash', ['scripts/start.sh', ...args], { encoding: 'utf8' });

  it.each([
    [['--bogus'], /unknown argument to npm start: --bogus/],
    [['-p', 'abc'], /the port must be a number from 1 to 65535, not "abc"/],
    [['--port=70000'], /not "70000"/],
    [['-p'], /usage: npm start/],
    [['-H'], /usage: npm start/],
  ])('%j is refused with exit 2', (args, message) => {
    const r = start(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
