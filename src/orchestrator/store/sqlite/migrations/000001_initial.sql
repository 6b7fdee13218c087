CREATE TABLE workflows (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL
);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  workflow_id INTEGER NOT NULL REFERENCES workflows (id),
  status TEXT NOT NULL,
  task_count INTEGER NOT NULL DEFAULT 0,
  remaining_tasks INTEGER NOT NULL DEFAULT 0,
  failed_tasks INTEGER NOT NULL DEFAULT 0,
  created_at_us INTEGER NOT NULL,
  started_at_us INTEGER,
  finished_at_us INTEGER
);
CREATE INDEX runs_pending ON runs (id) WHERE status = 'pending';

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id),
  name TEXT NOT NULL,
  command TEXT NOT NULL,
  timeout_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  worker_id TEXT,
  lease_expires_at_us INTEGER,
  exit_code INTEGER,
  error TEXT,
  created_at_us INTEGER NOT NULL,
  dispatched_at_us INTEGER,
  started_at_us INTEGER,
  finished_at_us INTEGER,
  run_time_us INTEGER
);
CREATE INDEX tasks_pending ON tasks (id) WHERE status = 'pending';
CREATE INDEX tasks_in_flight ON tasks (lease_expires_at_us) WHERE status IN ('dispatched', 'running');
