import type { Plan } from '@/server/core/changes/types';
import type { Sql } from '@/server/storage/sql';
import type { RunReport } from './apply';

export interface StoredPlan {
  id: string;
  hostId: string;
  who: string;
  createdAt: string;
  edits: unknown[];
  plan: Plan;
}

export interface RunSummary {
  id: string;
  planId: string;
  hostId: string | null;
  hostName: string;
  who: string;
  startedAt: string;
  finishedAt: string | null;
  /** null while running (or when the server stopped during it: see `interrupted`). */
  outcome: string | null;
  message: string;
}

export interface StoredRun extends RunSummary {
  plan: Plan;
  report: RunReport | null;
}

export interface ApplyLockHolder {
  runId: string;
  who: string;
  since: string;
}

/** A holder that has not beaten for this long is gone (its server crashed): its lock is taken over. */
export const LOCK_STALE_SECONDS = 90;

/** Plans, runs and the per-host apply lock (plain PostgreSQL: PGlite or a server shared by several Patchbay processes). */
export class ChangeStore {
  constructor(private readonly db: Promise<Sql>) {}

  async savePlan(p: Omit<StoredPlan, 'createdAt'>): Promise<void> {
    await (await this.db).query(
      'INSERT INTO plans (id, host_id, who, edits, plan) VALUES ($1, $2, $3, $4, $5)',
      [p.id, p.hostId, p.who, JSON.stringify(p.edits), JSON.stringify(p.plan)],
    );
  }

  async getPlan(id: string): Promise<StoredPlan | null> {
    const { rows } = await (await this.db).query<{
      id: string;
      host_id: string;
      who: string;
      created_at: Date;
      edits: unknown[];
      plan: Plan;
    }>('SELECT * FROM plans WHERE id = $1', [id]);
    const r = rows[0];
    return r
      ? {
          id: r.id,
          hostId: r.host_id,
          who: r.who,
          createdAt: r.created_at.toISOString(),
          edits: r.edits,
          plan: r.plan,
        }
      : null;
  }

  async startRun(r: {
    id: string;
    planId: string;
    hostId: string;
    hostName: string;
    who: string;
    startedAt: string;
    plan: Plan;
  }) {
    await (await this.db).query(
      `INSERT INTO runs (id, plan_id, host_id, host_name, who, started_at, plan) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.id, r.planId, r.hostId, r.hostName, r.who, r.startedAt, JSON.stringify(r.plan)],
    );
  }

  async finishRun(id: string, report: RunReport): Promise<void> {
    await (await this.db).query(
      'UPDATE runs SET finished_at = $2, outcome = $3, message = $4, report = $5 WHERE id = $1',
      [id, report.finishedAt, report.outcome, report.message, JSON.stringify(report)],
    );
  }

  /**
   * Runs a stopped server left without an outcome: say so (the host must be read to know more).
   * A run whose lock still beats belongs to another live server (team mode) and is left alone.
   */
  async markInterrupted(): Promise<number> {
    return (await this.db).transaction(async (tx) => {
      await tx.query(`DELETE FROM apply_locks WHERE heartbeat_at < now() - make_interval(secs => $1)`, [
        LOCK_STALE_SECONDS,
      ]);
      const { affected } = await tx.query(
        `UPDATE runs SET finished_at = now(), outcome = 'interrupted',
           message = 'the server stopped during this apply; the host finished or rolled back by itself: refresh it to see which'
         WHERE outcome IS NULL AND NOT EXISTS (SELECT 1 FROM apply_locks l WHERE l.run_id = runs.id)`,
      );
      return affected;
    });
  }

  /**
   * Takes the host's apply lock for `runId`, or returns who holds it. One row per host is the lock,
   * so it holds across every server process on the database; a stale holder's row is replaced.
   */
  async acquireLock(hostId: string, holder: ApplyLockHolder): Promise<ApplyLockHolder | null> {
    const { rows } = await (await this.db).query<{ run_id: string; who: string; since: Date }>(
      `INSERT INTO apply_locks (host_id, run_id, who, since, heartbeat_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (host_id) DO UPDATE SET run_id = $2, who = $3, since = $4, heartbeat_at = now()
         WHERE apply_locks.heartbeat_at < now() - make_interval(secs => $5)
       RETURNING run_id, who, since`,
      [hostId, holder.runId, holder.who, holder.since, LOCK_STALE_SECONDS],
    );
    if (rows[0]?.run_id === holder.runId) return null;
    const { rows: held } = await (await this.db).query<{ run_id: string; who: string; since: Date }>(
      'SELECT run_id, who, since FROM apply_locks WHERE host_id = $1',
      [hostId],
    );
    const h = held[0];
    // Released between the two statements: try once more rather than report a holder that is gone.
    if (!h) return this.acquireLock(hostId, holder);
    return { runId: h.run_id, who: h.who, since: h.since.toISOString() };
  }

  async heartbeat(hostId: string, runId: string): Promise<void> {
    await (await this.db).query(
      'UPDATE apply_locks SET heartbeat_at = now() WHERE host_id = $1 AND run_id = $2',
      [hostId, runId],
    );
  }

  async releaseLock(hostId: string, runId: string): Promise<void> {
    await (await this.db).query('DELETE FROM apply_locks WHERE host_id = $1 AND run_id = $2', [
      hostId,
      runId,
    ]);
  }

  private static summary(r: RunRow): RunSummary {
    return {
      id: r.id,
      planId: r.plan_id,
      hostId: r.host_id,
      hostName: r.host_name,
      who: r.who,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
      outcome: r.outcome,
      message: r.message,
    };
  }

  async listRuns(q: { hostId?: string | undefined; limit: number }): Promise<RunSummary[]> {
    const { rows } = await (await this.db).query<RunRow>(
      `SELECT id, plan_id, host_id, host_name, who, started_at, finished_at, outcome, message FROM runs
       ${q.hostId ? 'WHERE host_id = $2' : ''} ORDER BY started_at DESC LIMIT $1`,
      q.hostId ? [q.limit, q.hostId] : [q.limit],
    );
    return rows.map(ChangeStore.summary);
  }

  async getRun(id: string): Promise<StoredRun | null> {
    const { rows } = await (await this.db).query<RunRow & { plan: Plan; report: RunReport | null }>(
      'SELECT * FROM runs WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r ? { ...ChangeStore.summary(r), plan: r.plan, report: r.report } : null;
  }
}

interface RunRow {
  id: string;
  plan_id: string;
  host_id: string | null;
  host_name: string;
  who: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: string | null;
  message: string;
}
