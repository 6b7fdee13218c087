/**
 * The runs that finish while `orchestrator run` runs, for its human lines. The
 * store tells no one when a run finishes (a worker in another process may end
 * it), so this reads the newest `window` runs every `intervalMs` and once more
 * on stop; a run is reported once, and only if it finished after `sinceUs`. Runs
 * finishing beyond the newest `window` between two reads are not reported.
 * Only the human output uses it: with --json the scheduler reads nothing extra.
 */
import type { RunRecord, TaskRecord } from '../../orchestrator/model.js';
import type { Store } from '../../orchestrator/store/store.js';

export interface FinishedRunsOptions {
  readonly sinceUs: number;
  readonly onFinished: (run: RunRecord, tasks: readonly TaskRecord[]) => void;
  readonly onError: (error: unknown) => void;
  readonly intervalMs?: number;
  readonly window?: number;
}

export class FinishedRuns {
  private readonly reported = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: FinishedRunsOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.schedule(), this.options.intervalMs ?? 1000);
  }

  /** Stops reading on a timer and reports what finished since the last read. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.schedule();
    await this.checking;
  }

  private schedule(): void {
    this.checking = this.checking.then(() => this.check()).catch((error: unknown) => this.options.onError(error));
  }

  private async check(): Promise<void> {
    const runs = await this.store.listRecentRuns(this.options.window ?? 100);
    const finished = runs
      .filter((r) => r.finishedAtUs !== null && r.finishedAtUs >= this.options.sinceUs && !this.reported.has(r.id))
      .sort((a, b) => a.finishedAtUs! - b.finishedAtUs! || a.id - b.id);
    if (finished.length === 0) return;
    const tasks = await this.store.listTasksOfRuns(finished.map((r) => r.id));
    for (const run of finished) {
      this.reported.add(run.id);
      this.options.onFinished(
        run,
        tasks.filter((t) => t.runId === run.id),
      );
    }
    const oldest = Math.min(...runs.map((r) => r.id));
    for (const id of this.reported) if (id < oldest) this.reported.delete(id);
  }
}
