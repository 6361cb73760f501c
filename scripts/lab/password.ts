import { randomBytes } from 'node:crypto';
import { run, runOk } from './shell';

// The lab's password user gets a fresh random password per `lab up`; /etc/shadow inside the host
// holds only its SHA-512 crypt hash. The clear text lives in .lab/state.json for tests.

/** 24 characters from [A-Za-z0-9_-]: 144 random bits. */
export const newLabPassword = (): string => randomBytes(18).toString('base64url');

const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const cryptSalt = () => [...randomBytes(16)].map((b) => CRYPT_ALPHABET[b % 64]).join('');

/** `openssl passwd -6` (optional package) — the password goes in on stdin, never in argv. */
export async function opensslHash(password: string): Promise<string | null> {
  const r = await run('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` }).catch(() => null);
  return r?.code === 0 ? r.stdout.trim() : null;
}

/** perl-base is Essential on Debian; its crypt() is libcrypt's, which does `$6$` (SHA-512). */
export async function perlHash(password: string): Promise<string> {
  const r = await runOk(
    'perl',
    ['-e', 'chomp(my $p = <STDIN>); print crypt($p, $ARGV[0])', `$6$${cryptSalt()}$`],
    {
      input: `${password}\n`,
    },
  );
  return r.stdout.trim();
}

const SHA512_CRYPT = /^\$6\$[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{86}$/;

/** A `$6$` hash for /etc/shadow: openssl when installed, else perl. */
export async function hashLabPassword(password: string): Promise<string> {
  if (!/^[\x21-\x7e]+$/.test(password)) throw new Error('lab passwords are printable ASCII without spaces');
  const hash = (await opensslHash(password)) ?? (await perlHash(password));
  if (!SHA512_CRYPT.test(hash)) throw new Error(`unexpected password hash format: ${hash.slice(0, 8)}…`);
  return hash;
}
