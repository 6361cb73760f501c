import { UsageError } from './usage-error';

/** The SSH options every host command takes (snapshot, plan, apply, lint, trace), for parseArgs. */
export const CONNECTION_OPTIONS = {
  i: { type: 'string' },
  J: { type: 'string' },
  F: { type: 'string' },
  sudo: { type: 'boolean' },
  'known-hosts': { type: 'string' },
  'accept-new-host-key': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

/** How a command reaches its host: the destination and the parsed SSH options. */
export interface HostConnection {
  destination: string;
  identity?: string | undefined;
  jump?: string | undefined;
  configFile?: string | undefined;
  sudo: boolean;
  knownHosts?: string | undefined;
  acceptNewHostKey: boolean;
  timeoutMs: number;
}

/** The connection a command's parsed options describe; --timeout checked (60 s when absent). */
export function hostConnection(
  destination: string,
  values: {
    i?: string | undefined;
    J?: string | undefined;
    F?: string | undefined;
    sudo?: boolean | undefined;
    'known-hosts'?: string | undefined;
    'accept-new-host-key'?: boolean | undefined;
    timeout?: string | undefined;
  },
): HostConnection {
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError('--timeout needs a positive number of seconds');
  return {
    destination,
    identity: values.i,
    jump: values.J,
    configFile: values.F,
    sudo: values.sudo ?? false,
    knownHosts: values['known-hosts'],
    acceptNewHostKey: values['accept-new-host-key'] ?? false,
    timeoutMs: timeout * 1000,
  };
}
