import type { Sql } from '@/server/storage/sql';
import { type AuditEntry, AuditListInput } from './schema';
import type { AuditStore, NewAuditEntry } from './store';

interface Row {
  id: string;
  at: Date;
  actor: string;
  role: string | null;
  source: string;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  detail: Record<string, unknown>;
}

const toEntry = (r: Row): AuditEntry => ({
  id: Number(r.id),
  at: r.at.toISOString(),
  actor: r.actor,
  role: r.role,
  source: r.source,
  action: r.action,
  target: r.target,
  outcome: r.outcome,
  detail: r.detail,
});

export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: Promise<Sql>) {}

  async append(e: NewAuditEntry): Promise<void> {
    await (await this.db).query(
      `INSERT INTO audit_log (actor, role, source, action, target, outcome, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.actor, e.role, e.source, e.action, e.target, e.outcome, JSON.stringify(e.detail)],
    );
  }

  async list(query: AuditListInput): Promise<AuditEntry[]> {
    const q = AuditListInput.parse(query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.before !== undefined) where.push(`id < $${params.push(q.before)}`);
    if (q.action) where.push(`action = $${params.push(q.action)}`);
    if (q.actor) where.push(`actor = $${params.push(q.actor)}`);
    const { rows } = await (await this.db).query<Row>(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.push(q.limit)}`,
      params,
    );
    return rows.map(toEntry);
  }

  async scan(afterId: number, limit: number): Promise<AuditEntry[]> {
    const { rows } = await (await this.db).query<Row>(
      'SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2',
      [afterId, limit],
    );
    return rows.map(toEntry);
  }
}
