import ssh2 from 'ssh2';

/** Test-only: ed25519 key pairs for tests and the fake sshd. */

interface Encrypted {
  passphrase: string;
  cipher: string;
  rounds: number;
}

/**
 * ssh2.utils.generateKeyPairSync('ed25519') writes a malformed key about 3 times in 1,000 (the
 * key one byte short: a leading zero byte lost), which ssh2.utils.parseKey then refuses as
 * "Malformed OpenSSH public key". Tests take only pairs whose two halves parse, so a test about
 * refusing a public key never fails on a key ssh2 itself cannot read.
 */
export function ed25519Pair(encrypted?: Encrypted): { private: string; public: string } {
  for (let i = 0; i < 50; i++) {
    const pair = encrypted
      ? ssh2.utils.generateKeyPairSync('ed25519', encrypted)
      : ssh2.utils.generateKeyPairSync('ed25519');
    const ok =
      !(ssh2.utils.parseKey(pair.public) instanceof Error) &&
      !(ssh2.utils.parseKey(pair.private, encrypted?.passphrase) instanceof Error);
    if (ok) return pair;
  }
  throw new Error('ssh2 generated no readable ed25519 key pair in 50 tries');
}
