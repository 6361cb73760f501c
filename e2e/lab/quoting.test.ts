/**
 * The one quoting runner (server/core/changes/shell-quote.ts) against a real shell on a lab host:
 * values full of metacharacters arrive as the exact arguments, never as shell syntax.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { shJoin } from '@/server/core/changes/shell-quote';
import { SshPool } from '@/server/ssh';
import { LAB_KEY_DIRS, labHost } from './hosts';

const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
const target = () => labSshTarget(labHost('openstack-aio'), 'quoting');
afterAll(() => pool.closeAll());

/** Runs `printf '%s\0' values…` through the runner and splits what arrived. */
async function echoed(values: string[]): Promise<string[]> {
  const res = await pool.exec(target(), shJoin(['printf', '%s\\0', ...values]), { timeoutMs: 30_000 });
  expect(res.code, res.stderr).toBe(0);
  return res.stdout.split('\0').slice(0, -1);
}

describe('the quoting runner over SSH', () => {
  it('passes metacharacters through literally', async () => {
    const values = [
      '; touch /tmp/pb-pwned',
      '$(touch /tmp/pb-pwned)',
      '`touch /tmp/pb-pwned`',
      "it's",
      '"double"',
      'a b\tc',
      'new\nline',
      '*',
      '$HOME',
      '\\',
      '-n',
      '',
      '|| true &',
      '> /tmp/pb-pwned',
    ];
    expect(await echoed(values)).toEqual(values);
    const check = await pool.exec(target(), 'test -e /tmp/pb-pwned && echo yes || echo no');
    expect(check.stdout.trim()).toBe('no');
  });

  it('round-trips generated strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0')),
          { minLength: 1, maxLength: 8 },
        ),
        async (values) => {
          const wellFormed = values.map((v) => v.toWellFormed());
          expect(await echoed(wellFormed)).toEqual(wellFormed);
        },
      ),
      { numRuns: 200 },
    );
  });
});
