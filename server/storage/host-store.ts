/** Storage-side shapes; callers depend on this interface only, so a PostgreSQL server backend can replace PGlite. */

export type AuthMethod = 'agent' | 'key' | 'password';

export interface StoredAuth {
  method: AuthMethod;
  keyPath?: string | undefined;
  /** Decrypted in memory only; encrypted at rest. */
  passphrase?: string | undefined;
  password?: string | undefined;
  /** An uploaded private key (OpenSSH/PEM text), instead of keyPath. Encrypted at rest like the others. */
  privateKey?: string | undefined;
}

export interface StoredHostKey {
  endpoint: string;
  fingerprint: string;
  keyType: string;
  trustedAt: string;
}

export interface RefreshRecord {
  status: 'ok' | 'error';
  latencyMs: number | null;
  bytes: number | null;
  error: string | null;
  errorCode: string | null;
  at: string;
}

export interface HostFields {
  name: string;
  address: string;
  port: number;
  user: string;
  auth: StoredAuth;
  useSudo: boolean;
  jumpHost: string | null;
  sshConfigAlias: string | null;
  labels: string[];
}

export interface StoredHost extends HostFields {
  id: string;
  hostKeys: StoredHostKey[];
  lastRefresh: RefreshRecord | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredModel {
  schemaVersion: number;
  collectedAt: string;
  model: unknown;
}

export class HostNameTakenError extends Error {
  readonly domain = 'hosts';
  readonly code = 'HOST_NAME_TAKEN';
  constructor(readonly hostName: string) {
    super(`a host named "${hostName}" already exists`);
  }
}

export interface HostStore {
  list(): Promise<StoredHost[]>;
  get(id: string): Promise<StoredHost | null>;
  create(fields: HostFields): Promise<StoredHost>;
  /** Returns null when the host does not exist. */
  update(id: string, fields: HostFields): Promise<StoredHost | null>;
  delete(id: string): Promise<boolean>;
  /** Pin (or re-pin) the host key of one endpoint (the host itself or a jump host). */
  setHostKey(id: string, key: Omit<StoredHostKey, 'trustedAt'>): Promise<void>;
  recordRefresh(id: string, record: RefreshRecord): Promise<void>;
  saveModel(id: string, model: StoredModel): Promise<void>;
  getModel(id: string): Promise<StoredModel | null>;
}
