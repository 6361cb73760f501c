/**
 * The audit page filters by action and by actor, newest first (server/audit/sql-store.ts). The
 * log is append-only and never pruned, so without these each filtered page walked the whole
 * table backwards until it had found enough rows: every row when nothing matched (~100,000 rows
 * on a busy server took seconds in the embedded database).
 */
export const sql = `
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
`;
