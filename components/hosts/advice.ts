/**
 * What the user can do about a failed connection or refresh, by SshError code. `beside`: the
 * advice stands beside the key's fingerprint and its Trust button (a connection test), so it
 * does not send the reader elsewhere.
 */
export function adviceFor(code: string | null | undefined, beside?: 'trust'): string {
  if (beside === 'trust' && code === 'HOST_KEY_UNKNOWN')
    return "Patchbay has not seen this host's key. Compare the fingerprint below with the host's (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and trust it if they match.";
  switch (code) {
    case 'PARTIAL_READ':
      return 'The view lacks these parts. Most often the user cannot read them: connect as root, or turn on "use sudo" with NOPASSWD for this user.';
    case 'HOST_KEY_UNKNOWN':
      return 'The host presented a key Patchbay has not seen. Compare the fingerprint with the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and trust it on the Hosts page.';
    case 'HOST_KEY_CHANGED':
      return 'The host key differs from the trusted one: the host was reinstalled, or someone is in the middle. Verify on the host before trusting the new key.';
    case 'HOST_KEY_REVOKED':
      return 'The key is marked revoked in known_hosts; fix the host, do not trust it.';
    case 'CONNECT_FAILED':
      return 'Nothing answered: check the address and port, that sshd runs, and firewalls or the jump host.';
    case 'AUTH_FAILED':
      return 'The user or credentials were refused: check the user, key path (readable by the server), passphrase or password, and authorized_keys.';
    case 'TIMEOUT':
      return 'The host did not answer in time: it may be overloaded or the network slow; try again.';
    case 'SUDO_PASSWORD_REQUIRED':
      return 'sudo asked for a password: allow the collection commands with NOPASSWD for this user, or connect as root.';
    default:
      return 'See the message; refresh again once it is fixed.';
  }
}
