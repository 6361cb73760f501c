/** Hosts, their pinned host keys, the last refresh outcome and the latest model. */
export const sql = `
CREATE TABLE hosts (
  id              text PRIMARY KEY,
  name            text NOT NULL UNIQUE,
  address         text NOT NULL,
  port            integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  username        text NOT NULL,
  auth_method     text NOT NULL CHECK (auth_method IN ('agent', 'key', 'password')),
  key_path        text,
  -- passwords / key passphrases, AES-256-GCM encrypted (see server/storage/secret-box.ts)
  secrets_enc     text,
  use_sudo        boolean NOT NULL DEFAULT false,
  jump_host       text,
  ssh_config_alias text,
  labels          jsonb NOT NULL DEFAULT '[]',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE host_keys (
  host_id     text NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
  endpoint    text NOT NULL,
  fingerprint text NOT NULL,
  key_type    text NOT NULL,
  trusted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (host_id, endpoint)
);

CREATE TABLE host_refresh (
  host_id     text PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  status      text NOT NULL CHECK (status IN ('ok', 'error')),
  latency_ms  integer,
  bytes       integer,
  error       text,
  error_code  text,
  refreshed_at timestamptz NOT NULL
);

CREATE TABLE host_models (
  host_id        text PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  schema_version integer NOT NULL,
  collected_at   timestamptz NOT NULL,
  model          jsonb NOT NULL
);
`;
