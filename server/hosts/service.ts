import { collectHost } from '@/server/collect/collect-host';
import { HostModel } from '@/server/core/model';
import {
  endpointOf,
  HostKeyChangedError,
  type HostKeyPolicy,
  type HostKeySeen,
  HostKeyUnknownError,
  pinnedKeyPolicy,
  type SshErrorData,
  type SshPool,
  toErrorData,
} from '@/server/ssh';
import type { HostFields, HostStore, StoredHost } from '@/server/storage';
import { HostInputError, HostNotFoundError, HostRateLimitedError } from './errors';
import { changedConnection, mergeAuth } from './merge-auth';
import { partialRead } from './partial-read';
import { type RateLimit, RateLimiter } from './rate-limit';
import {
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
  /** Connection tests per target endpoint (address:port); default 6 per minute. */
  testRateLimit?: RateLimit;
}

/** Host inventory: CRUD over the HostStore, connection tests, key trust, and refreshes over the pool. */
export class HostService {
  private readonly inFlight = new Map<string, Promise<RefreshResult>>();
  private readonly testsInFlight = new Map<string, Promise<TestResult>>();
  private readonly testLimiter: RateLimiter;
  private readonly refreshTimeoutMs: number;
  private readonly testTimeoutMs: number;

  constructor(
    private readonly store: HostStore,
    private readonly pool: SshPool,
    opts: HostServiceOptions = {},
  ) {
    this.refreshTimeoutMs = opts.refreshTimeoutMs ?? 30_000;
    this.testTimeoutMs = opts.testTimeoutMs ?? 15_000;
    this.testLimiter = new RateLimiter(opts.testRateLimit ?? { max: 6, windowMs: 60_000 });
  }

  private async load(id: string): Promise<StoredHost> {
    const host = await this.store.get(id);
    if (!host) throw new HostNotFoundError(id);
    return host;
  }

  private fields(input: HostInput | HostUpdateInput, existing?: StoredHost): HostFields {
    const parsed = (existing ? HostUpdateSchema : HostInput).parse(input);
    const connection = {
      address: parsed.address,
      port: parsed.port,
      user: parsed.user,
      jumpHost: parsed.jumpHost ?? null,
      sshConfigAlias: parsed.sshConfigAlias ?? null,
    };
    return {
      name: parsed.name,
      ...connection,
      auth: mergeAuth(parsed.auth, existing?.auth, changedConnection(connection, existing)),
      useSudo: parsed.useSudo,
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

  /**
   * Fresh, unpooled connection + one command; SSH failures (including unknown host keys) come
   * back as data. The pooled session is left alone, so a refresh running meanwhile is not cut
   * off. Concurrent tests of one host share one run; each target endpoint gets a limited number
   * of runs per minute (HostRateLimitedError beyond), and the pool caps fresh connections
   * overall, so a burst of calls cannot turn Patchbay into a port scanner.
   */
  test(id: string): Promise<TestResult> {
    const running = this.testsInFlight.get(id);
    if (running) return running;
    const job = this.runTest(id).finally(() => this.testsInFlight.delete(id));
    this.testsInFlight.set(id, job);
    return job;
  }

  private async runTest(id: string): Promise<TestResult> {
    const host = await this.load(id);
    const endpoint = endpointOf(host.address, host.port);
    const retryAfterMs = this.testLimiter.take(endpoint);
    if (retryAfterMs !== null) throw new HostRateLimitedError(endpoint, retryAfterMs, this.testLimiter.limit);
    try {
      const { result, hostKey, connectMs } = await this.pool.execFresh(targetOf(host), 'true', {
        timeoutMs: this.testTimeoutMs,
      });
      if (result.code !== 0) {
        return {
          ok: false,
          error: { code: 'COMMAND_FAILED', message: `"true" exited ${result.code}: ${result.stderr.trim()}` },
        };
      }
      return { ok: true, latencyMs: result.ms, connectMs, hostKey };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  }

  /**
   * Pin a fingerprint the operator confirmed. The host must present exactly that key now, so a
   * typo or a stale fingerprint is never stored. The key is fetched without authenticating:
   * credentials only ever go to a host whose key is already pinned. A jump host's key is
   * trusted the same way (its HostKeyUnknownError names its endpoint).
   */
  async trustHostKey(input: TrustHostKeyInput): Promise<HostView> {
    const host = await this.load(input.id);
    const pinned = pinnedKeyPolicy(host.hostKeys);
    const policy: HostKeyPolicy = {
      // Offer every algorithm for the endpoint being trusted: a rotated key may be of another type.
      algorithms: (address, port) =>
        !input.endpoint || endpointOf(address, port) === input.endpoint
          ? Promise.resolve(undefined)
          : pinned.algorithms(address, port),
      verify: (key) => pinned.verify(key),
    };
    let presented: HostKeySeen;
    try {
      presented = await this.pool.hostKey(targetOf(host, policy), { timeoutMs: this.testTimeoutMs });
    } catch (err) {
      // A jump host whose key is not pinned stops the route before any credential is offered.
      if (!(err instanceof HostKeyUnknownError || err instanceof HostKeyChangedError)) throw err;
      presented = { endpoint: err.endpoint, fingerprint: err.fingerprint, keyType: err.keyType };
    }
    const pins = host.hostKeys.filter((k) => k.endpoint === presented.endpoint);
    const wanted = !input.endpoint || presented.endpoint === input.endpoint;
    if (pins.some((k) => k.fingerprint === presented.fingerprint)) {
      throw new HostInputError(
        `${host.name} did not present ${input.fingerprint}; its host keys are already trusted`,
      );
    }
    if (!wanted || presented.fingerprint !== input.fingerprint) {
      const { endpoint, fingerprint, keyType } = presented;
      throw pins.length === 0
        ? new HostKeyUnknownError(host.name, endpoint, fingerprint, keyType)
        : new HostKeyChangedError(
            host.name,
            endpoint,
            pins.map((k) => k.fingerprint),
            fingerprint,
            keyType,
          );
    }
    await this.store.setHostKey(host.id, {
      endpoint: presented.endpoint,
      fingerprint: input.fingerprint,
      keyType: presented.keyType,
    });
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
      // Status ok: the read came back. Parts it lacks are said beside it (partial-read.ts).
      const partial = partialRead(model.errors);
      await this.store.recordRefresh(id, {
        status: 'ok',
        latencyMs: ms,
        bytes,
        error: partial?.error ?? null,
        errorCode: partial?.errorCode ?? null,
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
