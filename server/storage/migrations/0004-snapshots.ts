/**
 * Snapshots (content-addressed host models), share links, per-host snapshot schedules, and the
 * per-host apply lock shared by every server process on one database (team mode).
 */
export const sql = `
-- One row per distinct content: a host model's canonical topology, or its counters, gzipped
-- JSON keyed by the SHA-256 of that JSON. A snapshot of an unchanged host adds no blob.
CREATE TABLE blobs (
  hash        text PRIMARY KEY,
  body        bytea NOT NULL,
  size        integer NOT NULL
);

CREATE TABLE snapshots (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  note        text NOT NULL DEFAULT '',
  who         text NOT NULL,
  taken_at    timestamptz NOT NULL,
  source      text NOT NULL CHECK (source IN ('manual', 'before-apply', 'after-apply', 'scheduled', 'imported', 'cli')),
  run_id      text
);
CREATE INDEX snapshots_taken ON snapshots(taken_at DESC);

CREATE TABLE snapshot_hosts (
  snapshot_id   text NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  position      integer NOT NULL,
  host_name     text NOT NULL,
  host_id       text REFERENCES hosts(id) ON DELETE SET NULL,
  collected_at  timestamptz NOT NULL,
  topology_hash text NOT NULL REFERENCES blobs(hash),
  counters_hash text REFERENCES blobs(hash),
  PRIMARY KEY (snapshot_id, position)
);
CREATE INDEX snapshot_hosts_host ON snapshot_hosts(host_name, collected_at DESC);

-- A share link: only the SHA-256 of its token is kept. compare_to makes it a diff (snapshot → compare_to).
CREATE TABLE share_links (
  id          text PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE,
  snapshot_id text NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  compare_to  text REFERENCES snapshots(id) ON DELETE CASCADE,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX share_links_snapshot ON share_links(snapshot_id);

-- Per-host scheduled snapshots. A server claims a due host by moving next_at on (one UPDATE), so
-- with several servers on one database each due snapshot is taken once.
CREATE TABLE snapshot_schedules (
  host_id       text PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  every_minutes integer NOT NULL CHECK (every_minutes > 0),
  next_at       timestamptz NOT NULL
);

-- One apply per host across every server process: the row is the lock, its heartbeat shows the
-- holder is alive (a crashed holder's row goes stale and is taken over).
CREATE TABLE apply_locks (
  host_id      text PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  run_id       text NOT NULL,
  who          text NOT NULL,
  since        timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL
);
`;
