import type { PGlite } from '@electric-sql/pglite';
import type { Plan } from '@/server/core/changes/types';
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

/** Plans and runs on PGlite (plain PostgreSQL). */
export class ChangeStore {
  constructor(private readonly db: Promise<PGlite>) {}

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

  /** Runs a stopped server left without an outcome: say so (the host must be read to know more). */
  async markInterrupted(): Promise<number> {
    const { affectedRows } = await (await this.db).query(
      `UPDATE runs SET finished_at = now(), outcome = 'interrupted',
         message = 'the server stopped during this apply; the host finished or rolled back by itself: refresh it to see which'
       WHERE outcome IS NULL`,
    );
    return affectedRows ?? 0;
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
