/** FinishedRuns: each run that finished after the scheduler started is reported once, with its own tasks. */
import type { RunRecord, TaskRecord } from '../../orchestrator/model.js';
import type { Store } from '../../orchestrator/store/store.js';
import { FinishedRuns } from './finished-runs.js';
import { runFinishedEvent } from './process-lines.js';

const run = (id: number, finishedAtUs: number | null): RunRecord => ({
  id,
  workflowName: 'tiny',
  status: finishedAtUs === null ? 'running' : 'failed',
  taskCount: 2,
  createdAtUs: 1_000,
  finishedAtUs,
});
const task = (id: number, runId: number, status: 'success' | 'failed'): TaskRecord =>
  ({ id, runId, status }) as TaskRecord;

describe('FinishedRuns', () => {
  it('reports runs finished since it started, once each, oldest finish first, on stop too', async () => {
    let runs: RunRecord[] = [run(1, 500), run(2, null), run(3, null)];
    const tasks = [task(1, 1, 'success'), task(3, 2, 'success'), task(4, 2, 'failed'), task(5, 3, 'failed')];
    const store = {
      listRecentRuns: (limit: number) => Promise.resolve(runs.slice(-limit).reverse()),
      listTasksOfRuns: (ids: readonly number[]) => Promise.resolve(tasks.filter((t) => ids.includes(t.runId))),
    } as unknown as Store;
    const lines: string[] = [];
    const watcher = new FinishedRuns(store, {
      sinceUs: 900,
      onFinished: (r, t) => lines.push(runFinishedEvent(r, t).human),
      onError: (error) => lines.push(`error: ${String(error)}`),
      intervalMs: 10,
    });
    watcher.start();
    runs = [run(1, 500), run(2, 1_500_000), run(3, 1_200_000)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    await watcher.stop();
    expect(lines).toEqual([
      'run 3 (tiny) finished: 2 tasks, 0 succeeded, 1 failed in 1.20 s',
      'run 2 (tiny) finished: 2 tasks, 1 succeeded, 1 failed in 1.50 s',
    ]);
  });
});
