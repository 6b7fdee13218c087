-- Push dispatch. A runner (the scheduler's local worker or a worker process)
-- with free slots offers them here; a trigger that finds an offer big enough
-- for its run creates the run's tasks already dispatched to that runner and
-- sends them in its notification, so they start without a claim round trip.
-- An offer counts only while the runner's listening connection (listener_pid)
-- is alive and until expires_at_us; the runner renews it while it is idle.
CREATE TABLE dispatch_offers (
  worker_id text PRIMARY KEY,
  slots int NOT NULL CHECK (slots >= 0),
  lease_ms int NOT NULL,
  listener_pid int NOT NULL,
  expires_at_us bigint NOT NULL
);
