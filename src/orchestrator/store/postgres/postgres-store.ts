/**
 * The PostgreSQL store: claims with `FOR UPDATE SKIP LOCKED`, each batch of
 * task updates in one statement (arrays through `unnest`), wake-ups through
 * LISTEN/NOTIFY on a channel per schema, numbered migrations under an advisory
 * lock so several processes can start at once.
 */
import pg from 'pg';
import { OrchestratorError, coerceError } from '../../errors.js';
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
import { toClaimedTask, toRunRecord, toTaskRecord } from '../rows.js';
import type { ClaimRow, RunRow, TaskRow } from '../rows.js';
import {
  claimTimeUs,
  type ApplyResult,
  type ClaimRequest,
  type ExpandResult,
  type ReclaimResult,
  type Store,
} from '../store.js';
import { PostgresPushDispatch } from './push-dispatch.js';
import { SQL } from './queries.js';

export interface PostgresStoreOptions {
  readonly url: string;
  /** Every table lives in this schema (created if missing); default `orchestrator`. */
  readonly schema?: string;
  /** Connections in the pool; default POOL_SIZE. */
  readonly poolSize?: number;
  /** Every connection's `application_name` (pg_stat_activity); default `planebench <schema>`. */
  readonly applicationName?: string;
  /**
   * false: this store's commits do not wait for the write-ahead log's flush
   * (`synchronous_commit = off`). For a scheduler's or worker's own writes
   * (claims, status updates, reclaims) that keeps the guarantee the
   * orchestrator has anyway, at least once: a database crash may lose the last
   * few hundred ms of them, and a lost claim or update is re-run as a lost lease
   * is. Triggers from clients should stay durable (the default, true).
   */
  readonly synchronousCommit?: boolean;
  /**
   * false: this store's runners do not offer slots for push dispatch (`push`
   * is absent), so every run is expanded and claimed by a round trip after its
   * wake-up. Triggers push to other processes' offers either way.
   */
  readonly pushDispatch?: boolean;
}

const STATEMENT_NAMES = new Map<string, string>(
  Object.entries(SQL)
    .filter(([key]) => key !== 'clean')
    .map(([key, text]) => [text, `planebench_${key}`]),
);
const POOL_SIZE = 4;
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,40}$/;
const WORK_KINDS: readonly string[] = ['runs', 'tasks', 'updates'];
/** A lost listening connection is re-opened after this long, doubling up to the max between failures. */
const RELISTEN_FIRST_DELAY_MS = 50;
const RELISTEN_MAX_DELAY_MS = 5_000;

/** A checked-out pooled connection; `release(error)` drops it instead of reusing it. */
interface GuardedClient {
  readonly client: pg.PoolClient;
  release: (error?: unknown) => void;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  readonly push: PostgresPushDispatch | undefined;
  private readonly pool: pg.Pool;
  private readonly channel: string;
  private readonly listeners = new Set<(kind: WorkKind) => void>();
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: PostgresStoreOptions) {
    this.schema = options.schema ?? 'orchestrator';
    if (!SCHEMA_PATTERN.test(this.schema)) {
      throw new OrchestratorError(`Expected \`schema\` to match ${SCHEMA_PATTERN}, got \`${this.schema}\` (string)`, {
        invalidInput: true,
      });
    }
    this.channel = `planebench_${this.schema}`;
    this.pool = new pg.Pool({
      connectionString: options.url,
      application_name: this.applicationName,
      max: options.poolSize ?? POOL_SIZE,
      options: `-c search_path=${this.schema}${options.synchronousCommit === false ? ' -c synchronous_commit=off' : ''}`,
    });
    this.pool.on('error', () => undefined); // an idle client's error resurfaces on its next query
    this.push =
      options.pushDispatch === false
        ? undefined
        : new PostgresPushDispatch({
            query: (text, values) => this.query(text, values),
            listenerPid: () => this.listenerPid(),
          });
  }

  async migrate(): Promise<void> {
    const { client, release } = await this.connect('migrate');
    let failed: unknown;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`planebench:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => r.version));
      for (const migration of readMigrations(new URL('./migrations/', import.meta.url))) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      failed = error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw this.failure('migrate', error);
    } finally {
      release(failed);
    }
  }

  /** Drops the schema and everything in it (tests use a schema each). */
  async dropSchema(): Promise<void> {
    await this.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async upsertWorkflow(definition: WorkflowDefinition): Promise<number> {
    const rows = await this.query<{ id: string }>(SQL.upsertWorkflow, [definition.name, JSON.stringify(definition)]);
    return Number(rows[0]?.id);
  }

  async triggerRun(workflowName: string, createdAtUs: number): Promise<number> {
    const rows = await this.query<{ id: string }>(SQL.triggerRun, [createdAtUs, workflowName, this.channel]);
    const row = rows[0];
    if (!row)
      throw new OrchestratorError(`Cannot trigger unknown workflow \`${workflowName}\``, { invalidInput: true });
    return Number(row.id);
  }

  async expandPendingRuns(limit: number, nowUs: number, claim?: ClaimRequest): Promise<ExpandResult> {
    const claimLimit = claim ? Math.max(0, claim.limit) : 0;
    const rows = await this.queryAt<{ total: number } & Partial<ClaimRow>>(
      SQL.expandPendingRuns,
      claim,
      nowUs,
      (atUs) => [
        limit,
        atUs,
        this.channel,
        claimLimit,
        claim?.workerId ?? null,
        claim ? atUs + claim.leaseMs * 1000 : null,
      ],
    );
    const claimed = claim
      ? rows
          .filter((row): row is ClaimRow & { total: number } => row.id != null)
          .map((row) => toClaimedTask(row, claim.workerId))
      : [];
    return { created: rows[0]?.total ?? 0, claimed };
  }

  async claimTasks(request: ClaimRequest): Promise<ClaimedTask[]> {
    if (request.limit <= 0) return [];
    const rows = await this.queryAt<ClaimRow>(SQL.claim, request, request.nowUs, (atUs) => [
      request.workerId,
      atUs,
      atUs + request.leaseMs * 1000,
      request.limit,
    ]);
    return rows.map((row) => toClaimedTask(row, request.workerId));
  }

  async applyUpdates(updates: readonly TaskUpdate[]): Promise<ApplyResult> {
    if (updates.length === 0) return { applied: 0, stale: 0 };
    const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (const u of updates) {
      const finished = u.kind === 'finished';
      const values = [
        u.taskId,
        u.workerId,
        u.attempt,
        finished ? u.status : 'running',
        u.startedAtUs,
        finished ? u.finishedAtUs : null,
        finished ? u.runTimeUs : null,
        finished ? u.exitCode : null,
        finished ? u.error : null,
      ];
      values.forEach((value, i) => columns[i]?.push(value));
    }
    const rows = await this.query<{ applied: number }>(SQL.applyUpdates, columns);
    const applied = rows[0]?.applied ?? 0;
    return { applied, stale: updates.length - applied };
  }

  async renewLeases(workerId: string, taskIds: readonly number[], leaseUntilUs: number): Promise<number> {
    if (taskIds.length === 0) return 0;
    const result = await this.pool
      .query({ name: 'planebench_renewLeases', text: SQL.renewLeases, values: [leaseUntilUs, workerId, taskIds] })
      .catch((e: unknown) => {
        throw this.failure('renewLeases', e);
      });
    return result.rowCount ?? 0;
  }

  async reclaimExpiredLeases(nowUs: number): Promise<ReclaimResult> {
    const rows = await this.query<{ requeued_count: number; failed_count: number }>(SQL.reclaimExpired, [
      nowUs,
      this.channel,
    ]);
    return { requeued: rows[0]?.requeued_count ?? 0, failed: rows[0]?.failed_count ?? 0 };
  }

  async warmUp(): Promise<void> {
    const clients = await Promise.all(Array.from({ length: this.pool.options.max }, () => this.connect('warmUp')));
    for (const { release } of clients) release();
  }

  async countTasks(): Promise<StatusCounts> {
    const counts = emptyStatusCounts();
    for (const row of await this.query<{ status: TaskStatus; n: number }>(SQL.countTasks)) counts[row.status] = row.n;
    return counts;
  }

  async listRuns(): Promise<RunRecord[]> {
    return (await this.query<RunRow>(SQL.listRuns)).map(toRunRecord);
  }

  async listTasks(): Promise<TaskRecord[]> {
    return (await this.query<TaskRow>(SQL.listTasks)).map(toTaskRecord);
  }

  async countRuns(): Promise<RunStatusCounts> {
    const counts = emptyRunStatusCounts();
    for (const row of await this.query<{ status: RunStatus; n: number }>(SQL.countRuns)) counts[row.status] = row.n;
    return counts;
  }

  async listRecentRuns(limit: number): Promise<RunRecord[]> {
    return (await this.query<RunRow>(SQL.listRecentRuns, [limit])).map(toRunRecord);
  }

  async listTasksOfRuns(runIds: readonly number[]): Promise<TaskRecord[]> {
    if (runIds.length === 0) return [];
    return (await this.query<TaskRow>(SQL.listTasksOfRuns, [runIds])).map(toTaskRecord);
  }

  async getTask(taskId: number): Promise<TaskRecord | undefined> {
    const [row] = await this.query<TaskRow>(SQL.getTask, [taskId]);
    return row && toTaskRecord(row);
  }

  async clean(): Promise<void> {
    await this.query(SQL.clean);
  }

  onWork(listener: (kind: WorkKind) => void): () => void {
    this.listeners.add(listener);
    this.listening ??= this.listen();
    return () => this.listeners.delete(listener);
  }

  /** Resolves once LISTEN is in place (so a test can trigger after it); rejects if the first attempt failed. */
  async ready(): Promise<void> {
    await this.listening;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.relistenTimer);
    this.listeners.clear();
    await this.listening?.catch(() => undefined);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /**
   * Opens the listening connection. When it is lost later (a restart, a
   * terminated backend, a network cut), it is opened again after
   * RELISTEN_FIRST_DELAY_MS, doubling up to RELISTEN_MAX_DELAY_MS between
   * failed attempts, and every listener is woken once it is back: work that
   * arrived meanwhile sent its notification to nobody.
   */
  private listen(retryDelayMs = RELISTEN_FIRST_DELAY_MS): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: this.applicationName });
    client.on('error', () => undefined); // 'end' follows
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      if (WORK_KINDS.includes(payload)) this.notify(payload as WorkKind);
      else this.push?.deliver(payload);
    });
    this.listener = client;
    const attempt = (async () => {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    })();
    attempt.then(
      () => client.once('end', () => this.relisten(client, RELISTEN_FIRST_DELAY_MS)),
      () => {
        void client.end().catch(() => undefined);
        this.relisten(client, Math.min(retryDelayMs * 2, RELISTEN_MAX_DELAY_MS));
      },
    );
    return attempt;
  }

  private relisten(lost: pg.Client, delayMs: number): void {
    if (this.closed || this.listener !== lost) return;
    this.listener = undefined;
    this.relistenTimer = setTimeout(() => {
      if (this.closed) return;
      const attempt = this.listen(delayMs);
      this.listening = attempt;
      attempt.then(
        () => {
          for (const kind of WORK_KINDS) this.notify(kind as WorkKind);
        },
        () => undefined, // listen() schedules the next attempt
      );
    }, delayMs);
  }

  /** The listening connection's backend pid once LISTEN is in place; undefined while it is lost. */
  private async listenerPid(): Promise<number | undefined> {
    this.listening ??= this.listen();
    await this.listening.catch(() => undefined);
    // pg.Client sets processID at connect; its type definitions leave it out.
    return (this.listener as { processID?: number | null } | undefined)?.processID ?? undefined;
  }

  private notify(kind: WorkKind): void {
    for (const listener of this.listeners) listener(kind);
  }

  /**
   * A pooled connection checked out for more than one statement. While checked
   * out, the pool no longer listens for its errors: a backend terminated between
   * two statements (or right after the last one, in the same read) emits 'error'
   * with no listener, which would crash the process. The guard keeps the error;
   * `release()` then drops that connection instead of reusing it.
   */
  private async connect(operation = 'connect'): Promise<GuardedClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.failure(operation, error);
    }
    let lost: Error | undefined;
    const onError = (error: Error): void => {
      lost ??= error;
    };
    client.on('error', onError);
    return {
      client,
      release: (error?: unknown) => {
        client.removeListener('error', onError);
        const cause = error === undefined ? lost : coerceError(error);
        client.release(cause); // as pool.query does: a client that failed is not reused
      },
    };
  }

  /** Runs a statement; the hot ones are named, so each connection parses and plans them once. */
  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    const name = STATEMENT_NAMES.get(text);
    try {
      return (await this.pool.query<R>(name ? { name, text, values: values ?? [] } : { text, values: values ?? [] }))
        .rows;
    } catch (error) {
      throw this.failure(name ?? text.trim().split(/\s+/, 3).join(' '), error);
    }
  }

  /**
   * A claiming statement whose time is read once a pooled connection is in hand
   * when the request has a clock (claimTimeUs): waiting for a connection (the
   * pool's first use, a reconnect) then does not predate the claim.
   */
  private async queryAt<R extends pg.QueryResultRow>(
    text: string,
    request: ClaimRequest | undefined,
    nowUs: number,
    values: (atUs: number) => unknown[],
  ): Promise<R[]> {
    if (!request?.clock) return this.query<R>(text, values(nowUs));
    const name = STATEMENT_NAMES.get(text)!;
    const { client, release } = await this.connect(name);
    try {
      const rows = (await client.query<R>({ name, text, values: values(claimTimeUs(request)) })).rows;
      release();
      return rows;
    } catch (error) {
      release(error);
      throw this.failure(name, error);
    }
  }

  private get applicationName(): string {
    return this.options.applicationName ?? `planebench ${this.schema}`;
  }

  private failure(operation: string, error: unknown): OrchestratorError {
    const cause = coerceError(error);
    return new OrchestratorError(`PostgreSQL store (schema ${this.schema}) failed in ${operation}: ${cause.message}`, {
      cause,
      storeFailure: true,
    });
  }
}
