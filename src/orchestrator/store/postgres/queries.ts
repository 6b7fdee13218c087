/** The PostgreSQL store's statements, one per operation; $-parameters documented at each use. */
const IN_FLIGHT = `status IN ('dispatched', 'running')`;

/** Shared by task updates and expired leases: completes runs counted in `done`. */
const COMPLETE_RUNS = `
  runs_done AS (
    UPDATE runs r SET remaining_tasks = r.remaining_tasks - d.n, failed_tasks = r.failed_tasks + d.f,
      status = CASE WHEN r.remaining_tasks = d.n
        THEN CASE WHEN r.failed_tasks + d.f > 0 THEN 'failed' ELSE 'success' END ELSE r.status END,
      finished_at_us = CASE WHEN r.remaining_tasks = d.n THEN d.last ELSE r.finished_at_us END
    FROM done d WHERE r.id = d.run_id RETURNING r.id
  )`;

/** A task's name, command, timeout_ms and max_attempts from its definition `t` (one of a workflow's `tasks`). */
const taskFromDefinition = (t: string): string =>
  `${t}->>'name', ARRAY(SELECT jsonb_array_elements_text(${t}->'command')),
  COALESCE((${t}->>'timeoutMs')::int, 0), COALESCE((${t}->>'maxAttempts')::int, 3)`;

/**
 * A NOTIFY payload must stay under 8000 bytes: a run is pushed only when its
 * tasks' definitions, the worker id and this much per task (the ids, numbers
 * and keys of a pushed task's JSON) fit in PUSH_PAYLOAD_MAX_BYTES.
 */
const PUSH_BYTES_PER_TASK = 128;
const PUSH_PAYLOAD_MAX_BYTES = 7000;

/** The payload prefix of a notification that carries pushed tasks (the JSON follows). */
export const ASSIGN_PREFIX = 'assign ';

export const SQL = {
  /** $1 name, $2 definition */
  upsertWorkflow: `INSERT INTO workflows (name, definition) VALUES ($1, $2)
    ON CONFLICT (name) DO UPDATE SET definition = excluded.definition RETURNING id`,

  /**
   * $1 created_at_us, $2 workflow name, $3 channel. Creates the run; when a live
   * runner offers slots for all its tasks (dispatch_offers), also its tasks,
   * dispatched to that runner, and notifies `assign {"w": worker, "t": [tasks]}`
   * instead of `runs`. Concurrent triggers skip an offer another one holds.
   */
  triggerRun: `WITH w AS (
      SELECT id, definition->'tasks' AS tasks, jsonb_array_length(definition->'tasks') AS n
      FROM workflows WHERE name = $2
    ), offer AS (
      SELECT d.worker_id FROM dispatch_offers d, w
      WHERE w.n > 0 AND d.slots >= w.n AND d.expires_at_us > $1
        AND octet_length(w.tasks::text) + octet_length(d.worker_id) + ${PUSH_BYTES_PER_TASK} * w.n <= ${PUSH_PAYLOAD_MAX_BYTES}
        AND EXISTS (SELECT 1 FROM pg_stat_get_activity(d.listener_pid))
      ORDER BY d.slots DESC, d.worker_id LIMIT 1 FOR UPDATE OF d SKIP LOCKED
    ), taken AS (
      UPDATE dispatch_offers d SET slots = d.slots - w.n FROM offer o, w
      WHERE d.worker_id = o.worker_id RETURNING d.worker_id, d.lease_ms
    ), run AS (
      INSERT INTO runs (workflow_id, status, created_at_us, task_count, remaining_tasks, started_at_us)
      SELECT w.id, CASE WHEN t.worker_id IS NULL THEN 'pending' ELSE 'running' END, $1,
        CASE WHEN t.worker_id IS NULL THEN 0 ELSE w.n END, CASE WHEN t.worker_id IS NULL THEN 0 ELSE w.n END,
        CASE WHEN t.worker_id IS NOT NULL THEN $1::bigint END
      FROM w LEFT JOIN taken t ON true
      RETURNING id, status
    ), pushed AS (
      INSERT INTO tasks (run_id, name, command, timeout_ms, max_attempts, status, created_at_us,
        worker_id, attempt, dispatched_at_us, lease_expires_at_us)
      SELECT r.id, ${taskFromDefinition('x.t')}, 'dispatched', $1,
        t.worker_id, 1, $1, $1::bigint + t.lease_ms::bigint * 1000
      FROM run r, taken t, w CROSS JOIN LATERAL jsonb_array_elements(w.tasks) WITH ORDINALITY AS x(t, n)
      ORDER BY x.n
      RETURNING id, run_id, command, timeout_ms, attempt
    )
    SELECT r.id, pg_notify($3, CASE WHEN r.status = 'running'
        THEN '${ASSIGN_PREFIX}' || json_build_object('w', (SELECT worker_id FROM taken),
          't', (SELECT json_agg(p ORDER BY p.id) FROM pushed p))::text
        ELSE 'runs' END)
    FROM run r`,

  /**
   * $1 run limit, $2 now_us, $3 channel, $4 claim limit (0 = none), $5 worker_id, $6 lease_until_us.
   * New tasks are inserted already claimed up to $4 (data-modifying CTEs share one snapshot, so
   * a separate claim in the same statement would not see them); one row per claimed task, or
   * one row with a null id when none was claimed; `total` counts the tasks created.
   */
  expandPendingRuns: `WITH picked AS (
      SELECT r.id, r.created_at_us, w.definition FROM runs r JOIN workflows w ON w.id = r.workflow_id
      WHERE r.status = 'pending' ORDER BY r.id LIMIT $1 FOR UPDATE OF r SKIP LOCKED
    ), expanded AS (
      SELECT p.id AS run_id, p.created_at_us, x.t, row_number() OVER (ORDER BY p.id, x.n) AS k
      FROM picked p CROSS JOIN LATERAL jsonb_array_elements(p.definition->'tasks') WITH ORDINALITY AS x(t, n)
    ), new_tasks AS (
      INSERT INTO tasks (run_id, name, command, timeout_ms, max_attempts, status, created_at_us,
        worker_id, attempt, dispatched_at_us, lease_expires_at_us)
      SELECT e.run_id, ${taskFromDefinition('e.t')},
        CASE WHEN e.k <= $4 THEN 'dispatched' ELSE 'pending' END, e.created_at_us,
        CASE WHEN e.k <= $4 THEN $5::text END, CASE WHEN e.k <= $4 THEN 1 ELSE 0 END,
        CASE WHEN e.k <= $4 THEN $2::bigint END, CASE WHEN e.k <= $4 THEN $6::bigint END
      FROM expanded e ORDER BY e.k
      RETURNING id, run_id, command, timeout_ms, attempt, status
    ), counts AS (
      SELECT run_id, count(*)::int AS n FROM new_tasks GROUP BY run_id
    ), started AS (
      UPDATE runs SET status = 'running', task_count = c.n, remaining_tasks = c.n, started_at_us = $2
      FROM counts c WHERE runs.id = c.run_id RETURNING c.n
    ), summary AS (
      SELECT COALESCE(sum(n), 0)::int AS total FROM started
    ), notified AS (
      SELECT CASE WHEN EXISTS (SELECT 1 FROM new_tasks WHERE status = 'pending')
        THEN pg_notify($3, 'tasks') END AS done
    )
    SELECT s.total, (SELECT done FROM notified) AS notified, nt.id, nt.run_id, nt.command, nt.timeout_ms, nt.attempt
    FROM summary s LEFT JOIN new_tasks nt ON nt.status = 'dispatched'
    ORDER BY nt.id`,

  /** $1 worker_id, $2 now_us, $3 lease_until_us, $4 limit */
  claim: `WITH c AS (
      UPDATE tasks SET status = 'dispatched', worker_id = $1, attempt = attempt + 1,
        dispatched_at_us = $2, lease_expires_at_us = $3
      WHERE id IN (SELECT id FROM tasks WHERE status = 'pending' ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
      RETURNING id, run_id, command, timeout_ms, attempt
    ) SELECT * FROM c ORDER BY id`,

  /** $1..$9 parallel arrays: id, worker_id, attempt, status, started, finished, run_time, exit_code, error */
  applyUpdates: `WITH u AS (
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::bigint[], $6::bigint[],
        $7::bigint[], $8::int[], $9::text[])
        AS u(id, worker_id, attempt, status, started_at_us, finished_at_us, run_time_us, exit_code, error)
    ), updated AS (
      UPDATE tasks t SET status = u.status, started_at_us = u.started_at_us, finished_at_us = u.finished_at_us,
        run_time_us = u.run_time_us, exit_code = u.exit_code, error = u.error,
        lease_expires_at_us = CASE WHEN u.status = 'running' THEN t.lease_expires_at_us END
      FROM u WHERE t.id = u.id AND t.worker_id = u.worker_id AND t.attempt = u.attempt
        AND (t.status = 'dispatched' OR (t.status = 'running' AND u.status <> 'running'))
      RETURNING t.run_id, t.status, t.finished_at_us
    ), done AS (
      SELECT run_id, count(*)::int AS n, (count(*) FILTER (WHERE status = 'failed'))::int AS f,
        max(finished_at_us) AS last
      FROM updated WHERE status IN ('success', 'failed') GROUP BY run_id
    ), ${COMPLETE_RUNS}
    SELECT (SELECT count(*)::int FROM updated) AS applied`,

  /** $1 lease_until_us, $2 worker_id, $3 task ids */
  renewLeases: `UPDATE tasks SET lease_expires_at_us = $1
    WHERE id = ANY($3::bigint[]) AND worker_id = $2 AND ${IN_FLIGHT}`,

  /** $1 now_us, $2 channel */
  reclaimExpired: `WITH expired AS (
      SELECT id FROM tasks WHERE ${IN_FLIGHT} AND lease_expires_at_us < $1 FOR UPDATE SKIP LOCKED
    ), failed AS (
      UPDATE tasks t SET status = 'failed', finished_at_us = $1, error = 'lease expired', lease_expires_at_us = NULL
      FROM expired e WHERE t.id = e.id AND t.attempt >= t.max_attempts RETURNING t.run_id
    ), requeued AS (
      UPDATE tasks t SET status = 'pending', worker_id = NULL, lease_expires_at_us = NULL,
        dispatched_at_us = NULL, started_at_us = NULL
      FROM expired e WHERE t.id = e.id AND t.attempt < t.max_attempts RETURNING t.id
    ), done AS (
      SELECT run_id, count(*)::int AS n, count(*)::int AS f, $1::bigint AS last FROM failed GROUP BY run_id
    ), ${COMPLETE_RUNS}
    SELECT requeued_count, failed_count,
      CASE WHEN requeued_count > 0 THEN pg_notify($2, 'tasks') END AS notified
    FROM (SELECT (SELECT count(*)::int FROM requeued) AS requeued_count,
                 (SELECT count(*)::int FROM failed) AS failed_count) s`,

  countTasks: `SELECT status, count(*)::int AS n FROM tasks GROUP BY status`,
  listRuns: `SELECT r.id, w.name AS workflow_name, r.status, r.task_count, r.created_at_us, r.finished_at_us
    FROM runs r JOIN workflows w ON w.id = r.workflow_id ORDER BY r.id`,
  listTasks: `SELECT * FROM tasks ORDER BY id`,
  countRuns: `SELECT status, count(*)::int AS n FROM runs GROUP BY status`,
  listRecentRuns: `SELECT r.id, w.name AS workflow_name, r.status, r.task_count, r.created_at_us, r.finished_at_us
    FROM runs r JOIN workflows w ON w.id = r.workflow_id ORDER BY r.id DESC LIMIT $1`,
  listTasksOfRuns: `SELECT * FROM tasks WHERE run_id = ANY($1::bigint[]) ORDER BY id`,
  getTask: `SELECT * FROM tasks WHERE id = $1`,
  /**
   * $1 worker_id, $2 slots (a new offer or one that lapsed), $3 change to a standing offer,
   * $4 lease_ms, $5 listener_pid, $6 expires_at_us, $7 now_us. Also deletes the offers of runners
   * that stopped without withdrawing (killed): lapsed a whole lease ago, a margin for other hosts' clocks.
   */
  offerSlots: `WITH lapsed AS (
      DELETE FROM dispatch_offers WHERE worker_id <> $1 AND expires_at_us + lease_ms::bigint * 1000 < $7
    ) INSERT INTO dispatch_offers AS d (worker_id, slots, lease_ms, listener_pid, expires_at_us)
      VALUES ($1, $2, $4, $5, $6)
    ON CONFLICT (worker_id) DO UPDATE SET
      slots = CASE WHEN d.listener_pid = excluded.listener_pid AND d.expires_at_us > $7
        THEN greatest(0, d.slots + $3) ELSE excluded.slots END,
      lease_ms = excluded.lease_ms, listener_pid = excluded.listener_pid, expires_at_us = excluded.expires_at_us`,

  /** $1 worker_id. A withdrawn offer is deleted, so the table holds only the runners that offer. */
  withdrawOffer: `DELETE FROM dispatch_offers WHERE worker_id = $1`,

  clean: `DELETE FROM tasks; DELETE FROM runs;`,
} as const;
