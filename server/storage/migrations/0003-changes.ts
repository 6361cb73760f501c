/** Plans (what would change) and runs (what an apply did), for the change engine. */
export const sql = `
CREATE TABLE plans (
  id          text PRIMARY KEY,
  host_id     text NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
  who         text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  edits       jsonb NOT NULL,
  plan        jsonb NOT NULL
);

-- A run is written when it starts (outcome null) and again when it ends: a crash in between
-- leaves a row that says so instead of losing the apply.
CREATE TABLE runs (
  id          text PRIMARY KEY,
  plan_id     text NOT NULL,
  host_id     text REFERENCES hosts(id) ON DELETE SET NULL,
  host_name   text NOT NULL,
  who         text NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  outcome     text,
  message     text NOT NULL DEFAULT '',
  plan        jsonb NOT NULL,
  report      jsonb
);
CREATE INDEX runs_host ON runs(host_id, started_at DESC);
`;
