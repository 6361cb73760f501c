import { describe, expect, it } from 'vitest';
import { hashLabPassword, newLabPassword, opensslHash, perlHash } from './password';
import { runOk } from './shell';

/** libcrypt's own check: crypt(password, hash) must give the hash back. */
async function verifies(password: string, hash: string): Promise<boolean> {
  const r = await runOk(
    'perl',
    ['-e', 'chomp(my $p = <STDIN>); print crypt($p, $ARGV[0]) eq $ARGV[0] ? "ok" : "no"', hash],
    {
      input: `${password}\n`,
    },
  );
  return r.stdout === 'ok';
}

describe('lab password', () => {
  it('is random and printable', () => {
    const a = newLabPassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newLabPassword()).not.toBe(a);
  });

  it('hashes with SHA-512 crypt that libcrypt verifies, by openssl and by perl', async () => {
    const password = newLabPassword();
    const hash = await hashLabPassword(password);
    expect(hash).toMatch(/^\$6\$/);
    expect(await verifies(password, hash)).toBe(true);
    expect(await verifies(`${password}x`, hash)).toBe(false);
    const viaPerl = await perlHash(password);
    expect(await verifies(password, viaPerl)).toBe(true);
    const viaOpenssl = await opensslHash(password);
    if (viaOpenssl !== null) expect(await verifies(password, viaOpenssl)).toBe(true);
  });

  it('refuses passwords that would not survive a shadow line or stdin', async () => {
    await expect(hashLabPassword('with space')).rejects.toThrow(/printable ASCII/);
  });
});
