import { collectHost } from '@/server/collect/collect-host';
import { HostModel } from '@/server/core/model';
import {
  endpointOf,
  HostKeyChangedError,
  type HostKeyPolicy,
  HostKeyUnknownError,
  pinnedKeyPolicy,
  type SshErrorData,
  type SshPool,
  toErrorData,
} from '@/server/ssh';
import type { HostFields, HostStore, StoredAuth, StoredHost } from '@/server/storage';
import { HostInputError, HostNotFoundError } from './errors';
import {
  type AuthInput,
  HostInput,
  type HostUpdateInput,
  HostUpdateInput as HostUpdateSchema,
  type HostView,
  type TrustHostKeyInput,
} from './schema';
import { targetOf } from './target';
import { toView } from './view';

export type TestResult =
  | {
      ok: true;
      /** Round trip of one command on the fresh session (through sudo when configured). */
      latencyMs: number;
      connectMs: number;
      hostKey: { endpoint: string; fingerprint: string; keyType: string };
    }
  | { ok: false; error: SshErrorData };

export type RefreshResult =
  | {
      hostId: string;
      name: string;
      ok: true;
      ms: number;
      bytes: number;
      collectedAt: string;
      partErrors: number;
    }
  | { hostId: string; name: string; ok: false; ms: number; error: SshErrorData };

export interface HostServiceOptions {
  /** Per-host deadline for one refresh (connect + collect + parse). */
  refreshTimeoutMs?: number;
  testTimeoutMs?: number;
}

function mergeAuth(input: AuthInput, existing: StoredAuth | undefined): StoredAuth {
  // Secrets are write-only: undefined keeps the stored value, '' clears it.
  const keep = (given: string | undefined, stored: string | undefined) =>
    given === undefined ? stored : given === '' ? undefined : given;
  if (input.method === 'key') {
    const passphrase = keep(input.passphrase, existing?.method === 'key' ? existing.passphrase : undefined);
    return { method: 'key', keyPath: input.keyPath, ...(passphrase ? { passphrase } : {}) };
  }
  if (input.method === 'password') {
    const password = keep(input.password, existing?.method === 'password' ? existing.password : undefined);
    if (!password) throw new HostInputError('password authentication needs a password');
    return { method: 'password', password };
  }
  return { method: 'agent' };
}

/** Host inventory: CRUD over the HostStore, connection tests, key trust, and refreshes over the pool. */
export class HostService {
  private readonly inFlight = new Map<string, Promise<RefreshResult>>();
  private readonly refreshTimeoutMs: number;
  private readonly testTimeoutMs: number;

  constructor(
    private readonly store: HostStore,
    private readonly pool: SshPool,
    opts: HostServiceOptions = {},
  ) {
    this.refreshTimeoutMs = opts.refreshTimeoutMs ?? 30_000;
    this.testTimeoutMs = opts.testTimeoutMs ?? 15_000;
  }

  private async load(id: string): Promise<StoredHost> {
    const host = await this.store.get(id);
    if (!host) throw new HostNotFoundError(id);
    return host;
  }

  private fields(input: HostInput | HostUpdateInput, existing?: StoredHost): HostFields {
    const parsed = (existing ? HostUpdateSchema : HostInput).parse(input);
    return {
      name: parsed.name,
      address: parsed.address,
      port: parsed.port,
      user: parsed.user,
      auth: mergeAuth(parsed.auth, existing?.auth),
      useSudo: parsed.useSudo,
      jumpHost: parsed.jumpHost ?? null,
      sshConfigAlias: parsed.sshConfigAlias ?? null,
      labels: [...new Set(parsed.labels)],
    };
  }

  async list(): Promise<HostView[]> {
    return (await this.store.list()).map(toView);
  }

  async get(id: string): Promise<HostView> {
    return toView(await this.load(id));
  }

  async add(input: HostInput): Promise<HostView> {
    return toView(await this.store.create(this.fields(input)));
  }

  async update(input: HostUpdateInput): Promise<HostView> {
    const existing = await this.load(input.id);
    const updated = await this.store.update(input.id, this.fields(input, existing));
    if (!updated) throw new HostNotFoundError(input.id);
    this.pool.close(input.id);
    return toView(updated);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw new HostNotFoundError(id);
    this.pool.close(id);
  }

  /** Fresh connection + one command; SSH failures (including unknown host keys) come back as data. */
  async test(id: string): Promise<TestResult> {
    const host = await this.load(id);
    const target = targetOf(host);
    this.pool.close(id);
    try {
      const session = await this.pool.session(target, { timeoutMs: this.testTimeoutMs });
      const run = await this.pool.exec(target, 'true', { timeoutMs: this.testTimeoutMs });
      if (run.code !== 0) {
        return {
          ok: false,
          error: { code: 'COMMAND_FAILED', message: `"true" exited ${run.code}: ${run.stderr.trim()}` },
        };
      }
      return { ok: true, latencyMs: run.ms, connectMs: session.connectMs, hostKey: session.hostKey };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  }

  /**
   * Pin a fingerprint the operator confirmed. The host must present exactly that key now
   * (checked on a fresh connection), so a typo or a stale fingerprint is never stored.
   */
  async trustHostKey(input: TrustHostKeyInput): Promise<HostView> {
    const host = await this.load(input.id);
    const pinned = pinnedKeyPolicy(host.hostKeys);
    let accepted: { endpoint: string; keyType: string } | undefined;
    const policy: HostKeyPolicy = {
      // Offer every algorithm for the endpoint being trusted: a rotated key may be of another type.
      algorithms: (address, port) =>
        !accepted && (!input.endpoint || endpointOf(address, port) === input.endpoint)
          ? Promise.resolve(undefined)
          : pinned.algorithms(address, port),
      async verify(key) {
        try {
          await pinned.verify(key);
        } catch (err) {
          const presented =
            err instanceof HostKeyUnknownError || err instanceof HostKeyChangedError ? err : null;
          const wanted = !input.endpoint || presented?.endpoint === input.endpoint;
          if (!presented || presented.fingerprint !== input.fingerprint || !wanted) throw err;
          accepted = { endpoint: presented.endpoint, keyType: presented.keyType };
        }
      },
    };
    let failure: unknown;
    try {
      await this.pool.probe(targetOf(host, policy), { timeoutMs: this.testTimeoutMs });
    } catch (err) {
      failure = err;
    }
    if (!accepted) {
      if (failure) throw failure;
      throw new HostInputError(
        `${host.name} did not present ${input.fingerprint}; its host keys are already trusted`,
      );
    }
    await this.store.setHostKey(host.id, {
      endpoint: accepted.endpoint,
      fingerprint: input.fingerprint,
      keyType: accepted.keyType,
    });
    this.pool.close(host.id);
    return toView(await this.load(host.id));
  }

  /** Collect and store one host's model. SSH/collect failures are recorded and returned, not thrown. */
  refresh(id: string): Promise<RefreshResult> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const job = this.runRefresh(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, job);
    return job;
  }

  private async runRefresh(id: string): Promise<RefreshResult> {
    const host = await this.load(id);
    const started = performance.now();
    const at = new Date().toISOString();
    try {
      const { model, bytes, ms } = await collectHost(this.pool, targetOf(host), {
        timeoutMs: this.refreshTimeoutMs,
      });
      await this.store.saveModel(id, {
        schemaVersion: model.schemaVersion,
        collectedAt: model.collectedAt,
        model,
      });
      await this.store.recordRefresh(id, {
        status: 'ok',
        latencyMs: ms,
        bytes,
        error: null,
        errorCode: null,
        at,
      });
      return {
        hostId: id,
        name: host.name,
        ok: true,
        ms,
        bytes,
        collectedAt: model.collectedAt,
        partErrors: model.errors.length,
      };
    } catch (err) {
      const error = toErrorData(err);
      const ms = performance.now() - started;
      await this.store.recordRefresh(id, {
        status: 'error',
        latencyMs: null,
        bytes: null,
        error: error.message,
        errorCode: error.code,
        at,
      });
      return { hostId: id, name: host.name, ok: false, ms, error };
    }
  }

  /** Every host at once; each has its own deadline, so a dead host never delays the others. */
  async refreshAll(): Promise<RefreshResult[]> {
    const hosts = await this.store.list();
    const settled = await Promise.allSettled(hosts.map((h) => this.refresh(h.id)));
    return settled.map((s, i) => {
      if (s.status === 'fulfilled') return s.value;
      const host = hosts[i] as StoredHost;
      return { hostId: host.id, name: host.name, ok: false, ms: 0, error: toErrorData(s.reason) };
    });
  }

  /** The latest stored model, or null when there is none (or it predates the current schema). */
  async model(id: string): Promise<{ model: HostModel; collectedAt: string } | null> {
    await this.load(id);
    const stored = await this.store.getModel(id);
    if (!stored) return null;
    const parsed = HostModel.safeParse(stored.model);
    return parsed.success ? { model: parsed.data, collectedAt: stored.collectedAt } : null;
  }
}
