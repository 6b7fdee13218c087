CREATE TABLE workflows (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  definition jsonb NOT NULL
);

CREATE TABLE runs (
  id bigserial PRIMARY KEY,
  workflow_id bigint NOT NULL REFERENCES workflows (id),
  status text NOT NULL,
  task_count int NOT NULL DEFAULT 0,
  remaining_tasks int NOT NULL DEFAULT 0,
  failed_tasks int NOT NULL DEFAULT 0,
  created_at_us bigint NOT NULL,
  started_at_us bigint,
  finished_at_us bigint
);
CREATE INDEX runs_pending ON runs (id) WHERE status = 'pending';

CREATE TABLE tasks (
  id bigserial PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES runs (id),
  name text NOT NULL,
  command text[] NOT NULL,
  timeout_ms int NOT NULL,
  status text NOT NULL,
  attempt int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL,
  worker_id text,
  lease_expires_at_us bigint,
  exit_code int,
  error text,
  created_at_us bigint NOT NULL,
  dispatched_at_us bigint,
  started_at_us bigint,
  finished_at_us bigint,
  run_time_us bigint
);
CREATE INDEX tasks_pending ON tasks (id) WHERE status = 'pending';
CREATE INDEX tasks_in_flight ON tasks (lease_expires_at_us) WHERE status IN ('dispatched', 'running');
CREATE INDEX tasks_run ON tasks (run_id);
