import type { HostInput, HostUpdateInput, HostView } from '@/server/hosts/schema';

/** The form's authentication choices; "upload" and "key" are both the API's `key` method. */
export type AuthChoice = 'key' | 'upload' | 'password' | 'agent';

/** The host form's fields as typed, before they become an API input. */
export interface HostFormValues {
  name: string;
  address: string;
  port: string;
  user: string;
  auth: AuthChoice;
  keyPath: string;
  privateKey: string;
  passphrase: string;
  password: string;
  jumpHost: string;
  sshConfigAlias: string;
  /** Comma- or space-separated. */
  labels: string;
  useSudo: boolean;
}

/** What the add form starts with. */
export const NEW_HOST: HostFormValues = {
  name: '',
  address: '',
  port: '22',
  user: 'root',
  auth: 'key',
  keyPath: '',
  privateKey: '',
  passphrase: '',
  password: '',
  jumpHost: '',
  sshConfigAlias: '',
  labels: '',
  useSudo: false,
};

/** The form's own names for the fields a refusal names (zod's flattened issues use the input's keys). */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  address: 'Address',
  port: 'Port',
  user: 'User',
  auth: 'Authentication',
  jumpHost: 'Jump host',
  sshConfigAlias: 'SSH config alias',
  labels: 'Labels',
};

/**
 * The edit form's starting values. The browser never gets secrets (HostView has only flags), so
 * the secret fields start empty, which on save means "keep the stored one".
 */
export function formValuesOf(host: HostView): HostFormValues {
  const { auth } = host;
  return {
    ...NEW_HOST,
    name: host.name,
    address: host.address,
    port: String(host.port),
    user: host.user,
    // A stored upload has no key path: a key path replaces an uploaded key (merge-auth.ts).
    auth: auth.method === 'key' && !auth.keyPath && auth.hasPrivateKey ? 'upload' : auth.method,
    keyPath: auth.keyPath ?? '',
    jumpHost: host.jumpHost ?? '',
    sshConfigAlias: host.sshConfigAlias ?? '',
    labels: host.labels.join(', '),
    useSudo: host.useSudo,
  };
}

/** Labels cannot contain commas or blanks, so either separates them. */
export function parseLabels(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * The API input for the form's values. Empty secrets are left out: on update an omitted secret
 * keeps the stored one (an empty string would remove it), and on add the server names what is
 * missing. Secrets are sent as typed (a passphrase may end in a blank); the other fields trimmed.
 */
export function toHostInput(v: HostFormValues): HostInput {
  const passphrase = v.passphrase ? { passphrase: v.passphrase } : {};
  const auth: HostInput['auth'] =
    v.auth === 'key'
      ? { method: 'key', keyPath: v.keyPath.trim(), ...passphrase }
      : v.auth === 'upload'
        ? { method: 'key', ...(v.privateKey ? { privateKey: v.privateKey } : {}), ...passphrase }
        : v.auth === 'password'
          ? { method: 'password', ...(v.password ? { password: v.password } : {}) }
          : { method: 'agent' };
  return {
    name: v.name.trim(),
    address: v.address.trim(),
    port: Number(v.port.trim() || 22),
    user: v.user.trim() || 'root',
    auth,
    useSudo: v.useSudo,
    jumpHost: v.jumpHost.trim() || null,
    sshConfigAlias: v.sshConfigAlias.trim() || null,
    labels: parseLabels(v.labels),
  };
}

/** hosts.update replaces every field, so the whole form is sent; only empty secrets are left out. */
export function toHostUpdateInput(id: string, v: HostFormValues): HostUpdateInput {
  return { id, ...toHostInput(v) };
}
