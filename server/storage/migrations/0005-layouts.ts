/**
 * The server's ELK answers (server/layout/layout-store.ts), so a restart or another server on the
 * same database (team mode) draws a graph laid out before at once instead of running ELK cold.
 * A cache: any row may go; the newest `used_at` are kept, the rest pruned on each insert.
 */
export const sql = `
-- key: the ELK build and the SHA-256 of ELK's exact input; body: the answer, gzipped JSON.
CREATE TABLE layouts (
  key      text PRIMARY KEY,
  body     bytea NOT NULL,
  used_at  timestamptz NOT NULL
);
CREATE INDEX layouts_used ON layouts(used_at DESC);
`;
