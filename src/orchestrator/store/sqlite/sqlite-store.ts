/**
 * The embedded default store: SQLite through better-sqlite3, one file, no
 * server. WAL mode lets a trigger process write while the scheduler reads;
 * every operation is one short synchronous transaction, and one that finds
 * another process's write lock waits for it from a timer (busy-retry.ts).
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { OrchestratorError } from '../../errors.js';
import {
  emptyRunStatusCounts,
  emptyStatusCounts,
  type ClaimedTask,
  type RunRecord,
  type RunStatus,
  type RunStatusCounts,
  type StatusCounts,
  type TaskRecord,
  type TaskStatus,
  type TaskUpdate,
  type WorkflowDefinition,
  type WorkKind,
} from '../../model.js';
import { readMigrations } from '../migrations.js';
import { DEFAULT_MAX_ATTEMPTS, toClaimedTask, toRunRecord, toTaskRecord } from '../rows.js';
import type { ClaimRow, RunRow, TaskRow } from '../rows.js';
import {
  claimTimeUs,
  type ApplyResult,
  type ClaimRequest,
  type ExpandResult,
  type ReclaimResult,
  type Store,
} from '../store.js';
import { retryWhileBusy } from './busy-retry.js';
import { DEFAULT_BUSY_TIMEOUT_MS, applyStorePragmas } from './pragmas.js';
import { WakeBus } from './wake-bus.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a private in-memory database. */
  readonly path: string;
  /** How long a writer waits for another process's write lock, ms (without blocking the event loop). */
  readonly busyTimeoutMs?: number;
}

const IN_FLIGHT = `status IN ('dispatched', 'running')`;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Db;
  private readonly wake: WakeBus;
  private readonly definitions = new Map<string, WorkflowDefinition>();
  private dataVersion = 0;
  private statements: ReturnType<SqliteStore['prepare']> | undefined;
  private readonly busyTimeoutMs: number;

  constructor(options: SqliteStoreOptions) {
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    try {
      this.db = new Database(options.path);
      // No waiting inside SQLite's busy handler: a taken write lock is waited for from a timer (busy-retry.ts).
      applyStorePragmas(this.db, 0);
    } catch (error) {
      throw new OrchestratorError(`Cannot open the SQLite store at ${options.path}`, {
        cause: error,
        storeFailure: true,
      });
    }
    this.wake = new WakeBus(options.path, () => this.changedByOthers());
  }

  async migrate(): Promise<void> {
    await this.retryingBusy(() =>
      this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)'),
    );
    for (const migration of readMigrations(new URL('./migrations/', import.meta.url))) {
      await this.retryingBusy(() =>
        this.db
          .transaction(() => {
            if (this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version)) return;
            this.db.exec(migration.sql);
            this.db
              .prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)')
              .run(migration.version, migration.name);
          })
          .immediate(),
      );
    }
    this.statements = this.prepare();
  }

  async upsertWorkflow(definition: WorkflowDefinition): Promise<number> {
    const upsert = () => this.sql.upsertWorkflow.get(definition.name, JSON.stringify(definition)) as { id: number };
    return (await this.retryingBusy(upsert)).id;
  }

  async triggerRun(workflowName: string, createdAtUs: number): Promise<number> {
    const insert = () => this.sql.insertRun.get(createdAtUs, workflowName) as { id: number } | undefined;
    const row = await this.retryingBusy(insert);
    if (!row)
      throw new OrchestratorError(`Cannot trigger unknown workflow \`${workflowName}\``, { invalidInput: true });
    this.wake.publish('runs');
    return row.id;
  }

  async expandPendingRuns(limit: number, nowUs: number, claim?: ClaimRequest): Promise<ExpandResult> {
    // A read first: most iterations find no new run and need not take the write lock.
    if ((await this.retryingBusy(() => this.sql.hasPendingRun.get())) === undefined) return { created: 0, claimed: [] };
    const result = await this.retryingBusy(() => this.expandNow(limit, nowUs, claim));
    if (result.created > result.claimed.length) this.wake.publish('tasks');
    return result;
  }

  async claimTasks(request: ClaimRequest): Promise<ClaimedTask[]> {
    // Read inside the attempt: it runs once the write lock is free.
    return this.retryingBusy(() => this.claimNow(request, claimTimeUs(request)));
  }

  /** Turns pending runs into tasks, claiming up to the request's limit of them, in one write transaction. */
  private expandNow(limit: number, nowUs: number, claim: ClaimRequest | undefined): ExpandResult {
    return this.db
      .transaction((): ExpandResult => {
        const atUs = claim ? claimTimeUs(claim) : nowUs; // the write lock is held from here
        let tasks = 0;
        const runs = this.sql.pendingRuns.all(limit) as { id: number; created_at_us: number; definition: string }[];
        for (const run of runs) {
          const definition = this.parseDefinition(run.definition);
          for (const task of definition.tasks) {
            this.sql.insertTask.run(
              run.id,
              task.name,
              JSON.stringify(task.command),
              task.timeoutMs ?? 0,
              task.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
              run.created_at_us,
            );
          }
          this.sql.startRun.run(definition.tasks.length, definition.tasks.length, atUs, run.id);
          tasks += definition.tasks.length;
        }
        const claimed = claim && tasks > 0 ? this.claimNow(claim, atUs) : [];
        return { created: tasks, claimed };
      })
      .immediate();
  }

  private claimNow(request: ClaimRequest, atUs: number): ClaimedTask[] {
    if (request.limit <= 0) return [];
    const leaseUntil = atUs + request.leaseMs * 1000;
    const rows = this.sql.claim.all(request.workerId, atUs, leaseUntil, request.limit) as ClaimRow[];
    return rows.map((row) => toClaimedTask(row, request.workerId)).sort((a, b) => a.id - b.id);
  }

  async applyUpdates(updates: readonly TaskUpdate[]): Promise<ApplyResult> {
    if (updates.length === 0) return { applied: 0, stale: 0 };
    const applied = await this.retryingBusy(() =>
      this.db
        .transaction(() => {
          let count = 0;
          for (const u of updates) {
            if (u.kind === 'started') {
              count += this.sql.markStarted.run(u.startedAtUs, u.taskId, u.workerId, u.attempt).changes;
              continue;
            }
            const row = this.sql.markFinished.get(
              u.status,
              u.startedAtUs,
              u.finishedAtUs,
              u.runTimeUs,
              u.exitCode,
              u.error,
              u.taskId,
              u.workerId,
              u.attempt,
            ) as { run_id: number } | undefined;
            if (!row) continue;
            count += 1;
            this.countFinished(row.run_id, u.status, u.finishedAtUs);
          }
          return count;
        })
        .immediate(),
    );
    this.wake.publish('updates');
    return { applied, stale: updates.length - applied };
  }

  async renewLeases(workerId: string, taskIds: readonly number[], leaseUntilUs: number): Promise<number> {
    if (taskIds.length === 0) return 0;
    return (await this.retryingBusy(() => this.sql.renew.run(leaseUntilUs, workerId, JSON.stringify(taskIds)))).changes;
  }

  async reclaimExpiredLeases(nowUs: number): Promise<ReclaimResult> {
    const result = await this.retryingBusy(() =>
      this.db
        .transaction(() => {
          const failed = this.sql.failExpired.all(nowUs, nowUs) as { run_id: number }[];
          for (const row of failed) this.countFinished(row.run_id, 'failed', nowUs);
          const requeued = this.sql.requeueExpired.run(nowUs).changes;
          return { requeued, failed: failed.length };
        })
        .immediate(),
    );
    if (result.requeued > 0) this.wake.publish('tasks');
    if (result.failed > 0) this.wake.publish('updates');
    return result;
  }

  /** One connection, opened with the store. */
  async warmUp(): Promise<void> {}

  async countTasks(): Promise<StatusCounts> {
    const counts = emptyStatusCounts();
    const rows = (await this.retryingBusy(() => this.sql.countTasks.all())) as { status: TaskStatus; n: number }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async listRuns(): Promise<RunRecord[]> {
    return ((await this.retryingBusy(() => this.sql.listRuns.all())) as RunRow[]).map(toRunRecord);
  }

  async listTasks(): Promise<TaskRecord[]> {
    return ((await this.retryingBusy(() => this.sql.listTasks.all())) as TaskRow[]).map(toTaskRecord);
  }

  async countRuns(): Promise<RunStatusCounts> {
    const counts = emptyRunStatusCounts();
    const rows = (await this.retryingBusy(() => this.sql.countRuns.all())) as { status: RunStatus; n: number }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async listRecentRuns(limit: number): Promise<RunRecord[]> {
    return ((await this.retryingBusy(() => this.sql.listRecentRuns.all(limit))) as RunRow[]).map(toRunRecord);
  }

  async listTasksOfRuns(runIds: readonly number[]): Promise<TaskRecord[]> {
    if (runIds.length === 0) return [];
    const rows = (await this.retryingBusy(() => this.sql.listTasksOfRuns.all(JSON.stringify(runIds)))) as TaskRow[];
    return rows.map(toTaskRecord);
  }

  async getTask(taskId: number): Promise<TaskRecord | undefined> {
    const row = (await this.retryingBusy(() => this.sql.getTask.get(taskId))) as TaskRow | undefined;
    return row && toTaskRecord(row);
  }

  async clean(): Promise<void> {
    await this.retryingBusy(() =>
      this.db
        .transaction(() => {
          this.db.exec('DELETE FROM tasks; DELETE FROM runs;');
        })
        .immediate(),
    );
  }

  onWork(listener: (kind: WorkKind) => void): () => void {
    this.dataVersion = this.readDataVersion();
    return this.wake.subscribe(listener);
  }

  async close(): Promise<void> {
    this.wake.close();
    if (this.db.open) this.db.close();
  }

  /** Runs a statement or transaction, waiting out another connection's write lock from a timer. */
  private retryingBusy<T>(operation: () => T): Promise<T> {
    return retryWhileBusy(operation, this.busyTimeoutMs);
  }

  private countFinished(runId: number, status: 'success' | 'failed', finishedAtUs: number): void {
    const failed = status === 'failed' ? 1 : 0;
    this.sql.countFinished.run(failed, failed, finishedAtUs, runId);
  }

  private parseDefinition(text: string): WorkflowDefinition {
    let definition = this.definitions.get(text);
    if (!definition) {
      definition = JSON.parse(text) as WorkflowDefinition;
      this.definitions.set(text, definition);
    }
    return definition;
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private changedByOthers(): boolean {
    if (!this.db.open) return false;
    const version = this.readDataVersion();
    if (version === this.dataVersion) return false;
    this.dataVersion = version;
    return true;
  }

  private get sql(): ReturnType<SqliteStore['prepare']> {
    if (!this.statements) throw new OrchestratorError('The SQLite store is used before `migrate()`');
    return this.statements;
  }

  private prepare() {
    const s = (text: string): Statement => this.db.prepare(text);
    return {
      upsertWorkflow: s(
        `INSERT INTO workflows (name, definition) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET definition = excluded.definition RETURNING id`,
      ),
      insertRun: s(
        `INSERT INTO runs (workflow_id, status, created_at_us)
         SELECT id, 'pending', ? FROM workflows WHERE name = ? RETURNING id`,
      ),
      hasPendingRun: s(`SELECT 1 FROM runs WHERE status = 'pending' LIMIT 1`),
      pendingRuns: s(
        `SELECT r.id, r.created_at_us, w.definition FROM runs r JOIN workflows w ON w.id = r.workflow_id
         WHERE r.status = 'pending' ORDER BY r.id LIMIT ?`,
      ),
      insertTask: s(
        `INSERT INTO tasks (run_id, name, command, timeout_ms, max_attempts, status, created_at_us)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      ),
      startRun: s(
        `UPDATE runs SET status = 'running', task_count = ?, remaining_tasks = ?, started_at_us = ? WHERE id = ?`,
      ),
      claim: s(
        `UPDATE tasks SET status = 'dispatched', worker_id = ?, attempt = attempt + 1,
           dispatched_at_us = ?, lease_expires_at_us = ?
         WHERE id IN (SELECT id FROM tasks WHERE status = 'pending' ORDER BY id LIMIT ?)
         RETURNING id, run_id, command, timeout_ms, attempt`,
      ),
      markStarted: s(
        `UPDATE tasks SET status = 'running', started_at_us = ?
         WHERE id = ? AND worker_id = ? AND attempt = ? AND status = 'dispatched'`,
      ),
      markFinished: s(
        `UPDATE tasks SET status = ?, started_at_us = ?, finished_at_us = ?, run_time_us = ?, exit_code = ?,
           error = ?, lease_expires_at_us = NULL
         WHERE id = ? AND worker_id = ? AND attempt = ? AND ${IN_FLIGHT} RETURNING run_id`,
      ),
      countFinished: s(
        `UPDATE runs SET remaining_tasks = remaining_tasks - 1, failed_tasks = failed_tasks + ?,
           status = CASE WHEN remaining_tasks = 1
             THEN CASE WHEN failed_tasks + ? > 0 THEN 'failed' ELSE 'success' END ELSE status END,
           finished_at_us = CASE WHEN remaining_tasks = 1 THEN ? ELSE finished_at_us END
         WHERE id = ?`,
      ),
      renew: s(
        `UPDATE tasks SET lease_expires_at_us = ?
         WHERE worker_id = ? AND id IN (SELECT value FROM json_each(?)) AND ${IN_FLIGHT}`,
      ),
      failExpired: s(
        `UPDATE tasks SET status = 'failed', finished_at_us = ?, error = 'lease expired', lease_expires_at_us = NULL
         WHERE ${IN_FLIGHT} AND lease_expires_at_us < ? AND attempt >= max_attempts RETURNING run_id`,
      ),
      requeueExpired: s(
        `UPDATE tasks SET status = 'pending', worker_id = NULL, lease_expires_at_us = NULL,
           dispatched_at_us = NULL, started_at_us = NULL
         WHERE ${IN_FLIGHT} AND lease_expires_at_us < ?`,
      ),
      countTasks: s(`SELECT status, count(*) AS n FROM tasks GROUP BY status`),
      listRuns: s(
        `SELECT r.id, w.name AS workflow_name, r.status, r.task_count, r.created_at_us, r.finished_at_us
         FROM runs r JOIN workflows w ON w.id = r.workflow_id ORDER BY r.id`,
      ),
      listTasks: s(`SELECT * FROM tasks ORDER BY id`),
      countRuns: s(`SELECT status, count(*) AS n FROM runs GROUP BY status`),
      listRecentRuns: s(
        `SELECT r.id, w.name AS workflow_name, r.status, r.task_count, r.created_at_us, r.finished_at_us
         FROM runs r JOIN workflows w ON w.id = r.workflow_id ORDER BY r.id DESC LIMIT ?`,
      ),
      listTasksOfRuns: s(`SELECT * FROM tasks WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY id`),
      getTask: s(`SELECT * FROM tasks WHERE id = ?`),
    };
  }
}
