import type { HostKeyPolicy } from './host-key-policy';

export type SshAuth =
  | { method: 'agent' }
  | {
      method: 'key';
      /** A key file on the server; it must lie inside the pool's key dirs. */
      keyPath?: string | undefined;
      /** An uploaded key (OpenSSH/PEM text); wins over keyPath. */
      privateKey?: string | undefined;
      passphrase?: string | undefined;
    }
  | { method: 'password'; password: string };

/** Everything the pool needs to reach one host. Secrets live only in memory here. */
export interface SshTarget {
  /** Pool key: one pooled connection per id. */
  id: string;
  /** Display name used in messages. */
  name: string;
  /** Hostname, IP address, or an ~/.ssh/config Host alias. */
  address: string;
  port?: number | undefined;
  user?: string | undefined;
  /** Default: ssh-agent plus the IdentityFile/default keys, as OpenSSH does. */
  auth?: SshAuth | undefined;
  /** Run commands through `sudo -n sh -c` when the user is not root. */
  useSudo?: boolean | undefined;
  /** ProxyJump: `[user@]host[:port]`, comma-separated for a chain. Overrides the config's ProxyJump. */
  jumpHost?: string | undefined;
  /** Look this alias up in ~/.ssh/config (its HostName/Port/User win over address/port/user). */
  sshConfigAlias?: string | undefined;
  hostKeys: HostKeyPolicy;
}

export interface ExecOptions {
  /** Whole-call deadline (waiting for a connection/channel included). */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  stdin?: string | Buffer | undefined;
  /** Called with each piece of stdout as it arrives (progress of long commands). */
  onStdout?: ((chunk: string) => void) | undefined;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when the remote side reported a signal instead. */
  code: number | null;
  signal?: string | undefined;
  /** Bytes received (stdout + stderr). */
  bytes: number;
  ms: number;
}

export interface HostKeySeen {
  endpoint: string;
  fingerprint: string;
  keyType: string;
}
