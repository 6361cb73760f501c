import { randomUUID } from 'node:crypto';
import { collectHost } from '@/server/collect/collect-host';
import { applyEdits } from '@/server/core/changes/apply-edits';
import { plan as makePlan } from '@/server/core/changes/plan';
import { planCommands, planText } from '@/server/core/changes/render';
import { checkScope } from '@/server/core/changes/scope';
import type { Plan } from '@/server/core/changes/types';
import type { HostModel } from '@/server/core/model';
import { HostNotFoundError, targetOf } from '@/server/hosts';
import type { SshPool } from '@/server/ssh';
import type { HostStore } from '@/server/storage';
import { applyPlan, type RunEvent, type RunReport } from './apply';
import { ChangeError, describeEditErrors } from './errors';
import { LiveRuns } from './live-runs';
import type { ChangeStore, RunSummary, StoredRun } from './store';

export interface PlanView {
  id: string;
  hostId: string;
  plan: Plan;
  text: string;
  commands: string;
}

/** Snapshots around each apply (server/services.ts wires them to the snapshot service). */
export interface RunSnapshots {
  /** Reads the host and saves it as a snapshot of `phase` of run `runId`. */
  take(hostId: string, phase: 'before' | 'after', runId: string, who: string): Promise<void>;
}

export interface ChangeServiceOptions {
  guardSeconds?: number;
  collectTimeoutMs?: number;
  snapshots?: RunSnapshots;
  /** How often a running apply renews its lock (LOCK_STALE_SECONDS must be well above it). */
  heartbeatMs?: number;
}

/**
 * Plans and applies changes to inventory hosts: edits are checked against a fresh read of the
 * host, planned, stored; an apply runs in the background (one per host), streams its progress
 * and is recorded from start to end.
 */
export class ChangeService {
  readonly live = new LiveRuns();

  constructor(
    private readonly hosts: HostStore,
    private readonly pool: SshPool,
    private readonly store: ChangeStore,
    private readonly opts: ChangeServiceOptions = {},
  ) {}

  private async host(id: string) {
    const host = await this.hosts.get(id);
    if (!host) throw new HostNotFoundError(id);
    return host;
  }

  async plan(hostId: string, edits: unknown[], who: string): Promise<PlanView> {
    const host = await this.host(hostId);
    const { model } = await collectHost(this.pool, targetOf(host), {
      timeoutMs: this.opts.collectTimeoutMs ?? 60_000,
    });
    const applied = applyEdits(model, edits);
    if (!applied.ok)
      throw new ChangeError(
        'INVALID_EDITS',
        `the edits were refused, nothing was changed:\n${describeEditErrors(applied.errors)}`,
        applied.errors,
      );
    return this.savePlan(hostId, edits, makePlan(model, applied.desired), who);
  }

  /**
   * A plan that makes the host look like `desired` again (a snapshot of it): the same planner
   * and apply as edits, against a fresh read. The record names the snapshot in place of edits.
   */
  async planTo(
    hostId: string,
    desired: HostModel,
    origin: { snapshotId: string },
    who: string,
  ): Promise<PlanView> {
    const host = await this.host(hostId);
    if (desired.host !== host.name)
      throw new ChangeError(
        'INVALID_EDITS',
        `the snapshot holds ${desired.host}, not ${host.name}; nothing was planned`,
      );
    const { model } = await collectHost(this.pool, targetOf(host), {
      timeoutMs: this.opts.collectTimeoutMs ?? 60_000,
    });
    return this.savePlan(hostId, [{ restore: origin }], makePlan(model, desired), who);
  }

  private async savePlan(hostId: string, edits: unknown[], plan: Plan, who: string): Promise<PlanView> {
    const id = randomUUID();
    await this.store.savePlan({ id, hostId, who, edits, plan });
    return { id, hostId, plan, text: planText(plan), commands: planCommands(plan) };
  }

  async getPlan(id: string): Promise<PlanView> {
    const stored = await this.store.getPlan(id);
    if (!stored) throw new ChangeError('PLAN_NOT_FOUND', `no plan with id ${id}`);
    return {
      id,
      hostId: stored.hostId,
      plan: stored.plan,
      text: planText(stored.plan),
      commands: planCommands(stored.plan),
    };
  }

  /** Starts the apply and returns at once; follow it with `progress`, read it with `run`. */
  async apply(planId: string, who: string): Promise<{ runId: string }> {
    const stored = await this.store.getPlan(planId);
    if (!stored) throw new ChangeError('PLAN_NOT_FOUND', `no plan with id ${planId}`);
    const host = await this.host(stored.hostId);
    const runId = randomUUID();
    const startedAt = new Date().toISOString();
    // The lock is a database row: it holds across every server process sharing the database.
    const busy = await this.store.acquireLock(host.id, { runId, who, since: startedAt });
    if (busy)
      throw new ChangeError(
        'BUSY',
        `${busy.who} is applying a change to ${host.name} since ${busy.since} (run ${busy.runId}); try again when it ends`,
      );
    const beat = setInterval(
      () => void this.store.heartbeat(host.id, runId).catch(() => {}),
      this.opts.heartbeatMs ?? 20_000,
    );
    const release = async () => {
      clearInterval(beat);
      await this.store.releaseLock(host.id, runId).catch(() => {});
    };
    try {
      await this.store.startRun({
        id: runId,
        planId,
        hostId: host.id,
        hostName: host.name,
        who,
        startedAt,
        plan: stored.plan,
      });
    } catch (err) {
      await release();
      throw err;
    }
    this.live.start(runId);
    const emit = (e: RunEvent) => this.live.push(runId, e);
    void this.snapshot(host.id, 'before', runId, who, emit)
      .then(() =>
        applyPlan({
          pool: this.pool,
          target: targetOf(host),
          plan: stored.plan,
          who,
          runId,
          guardSeconds: this.opts.guardSeconds,
          collectTimeoutMs: this.opts.collectTimeoutMs,
          onEvent: emit,
        }),
      )
      .catch((err: unknown): RunReport => failedReport(runId, host.name, who, startedAt, stored.plan, err))
      .then(async (report) => {
        await this.store.finishRun(runId, report);
        await this.snapshot(host.id, 'after', runId, who, emit);
        this.live.push(runId, {
          at: report.finishedAt,
          phase: 'done',
          status: report.outcome === 'applied' ? 'ok' : 'fail',
          message: `${report.outcome}: ${report.message}`,
        });
      })
      .finally(async () => {
        await release();
        this.live.finish(runId);
      });
    return { runId };
  }

  /**
   * The snapshot before or after a run. A failed one is said in the run's progress but does not
   * stop the apply: the drift check and verify read the host themselves.
   */
  private async snapshot(
    hostId: string,
    phase: 'before' | 'after',
    runId: string,
    who: string,
    emit: (e: RunEvent) => void,
  ): Promise<void> {
    if (!this.opts.snapshots) return;
    try {
      await this.opts.snapshots.take(hostId, phase, runId, who);
      emit({
        at: new Date().toISOString(),
        phase: 'snapshot',
        status: 'ok',
        message: `snapshot ${phase} the apply saved`,
      });
    } catch (err) {
      emit({
        at: new Date().toISOString(),
        phase: 'snapshot',
        status: 'fail',
        message: `no snapshot ${phase} the apply: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  /** Every event of a run so far, then the rest live; a finished run replays its outcome. */
  async *progress(runId: string, signal?: AbortSignal): AsyncGenerator<RunEvent> {
    if (this.live.has(runId)) {
      yield* this.live.follow(runId, signal);
      return;
    }
    const run = await this.store.getRun(runId);
    if (!run) throw new ChangeError('RUN_NOT_FOUND', `no run with id ${runId}`);
    yield {
      at: run.finishedAt ?? run.startedAt,
      phase: 'done',
      status: run.outcome === 'applied' ? 'ok' : 'fail',
      message: `${run.outcome ?? 'interrupted'}: ${run.message}`,
    };
  }

  /** After a restart: runs the server was doing when it stopped are marked, not left "running". */
  recoverInterrupted(): Promise<number> {
    return this.store.markInterrupted();
  }

  runs(q: { hostId?: string | undefined; limit?: number }): Promise<RunSummary[]> {
    return this.store.listRuns({ hostId: q.hostId, limit: q.limit ?? 50 });
  }

  async run(id: string): Promise<StoredRun> {
    const run = await this.store.getRun(id);
    if (!run) throw new ChangeError('RUN_NOT_FOUND', `no run with id ${id}`);
    return run;
  }
}

/** An apply that threw (host unreachable, a read failed, …): recorded with the reason. */
function failedReport(
  id: string,
  host: string,
  who: string,
  startedAt: string,
  plan: Plan,
  err: unknown,
): RunReport {
  const finishedAt = new Date().toISOString();
  return {
    id,
    host,
    who,
    startedAt,
    finishedAt,
    outcome: 'interrupted',
    message: `the apply stopped: ${err instanceof Error ? err.message : String(err)}; refresh the host to see its state`,
    drift: [],
    hostMoved: false,
    scope: checkScope(plan.diff),
    units: [],
    verify: [],
    notAtBase: null,
    guard: { armed: false, seconds: 0, confirmed: null, touches: [] },
    baseFingerprint: plan.baseFingerprint,
    result: null,
  };
}
