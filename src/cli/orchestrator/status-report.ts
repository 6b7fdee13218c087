/** What `orchestrator status` shows: runs and tasks by status, and the newest runs with their tasks. */
import type { RunRecord, RunStatusCounts, StatusCounts, TaskRecord } from '../../orchestrator/model.js';
import type { Store } from '../../orchestrator/store/store.js';
import { alignColumns, formatDurationUs, formatTimeUs, taskColumns } from './format.js';

export interface RecentRun extends RunRecord {
  /** Trigger to finish, or to `nowUs` while the run is not finished. */
  readonly durationUs: number;
  readonly tasks: readonly TaskRecord[];
}

export interface StatusReport {
  readonly store: string;
  readonly nowUs: number;
  readonly runs: RunStatusCounts;
  readonly tasks: StatusCounts;
  /** Newest first. */
  readonly recent: readonly RecentRun[];
}

export async function readStatus(store: Store, described: string, limit: number, nowUs: number): Promise<StatusReport> {
  const runs = await store.countRuns();
  const tasks = await store.countTasks();
  const recentRuns = await store.listRecentRuns(limit);
  const byRun = new Map<number, TaskRecord[]>();
  for (const task of await store.listTasksOfRuns(recentRuns.map((r) => r.id))) {
    byRun.set(task.runId, [...(byRun.get(task.runId) ?? []), task]);
  }
  const recent = recentRuns.map((run) => ({
    ...run,
    durationUs: (run.finishedAtUs ?? nowUs) - run.createdAtUs,
    tasks: byRun.get(run.id) ?? [],
  }));
  return { store: described, nowUs, runs, tasks, recent };
}

export function formatStatus(report: StatusReport): string {
  const total = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((a, b) => a + b, 0);
  const byStatus = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
  const lines = [
    `Store ${report.store}`,
    `Runs:  ${total(report.runs)} (${byStatus(report.runs)})`,
    `Tasks: ${total(report.tasks)} (${byStatus(report.tasks)})`,
    '',
  ];
  if (report.recent.length === 0) {
    lines.push('No runs: `planebench orchestrator trigger <workflow>` creates one, `orchestrator run` runs it.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Newest ${report.recent.length} of ${total(report.runs)} runs, newest first:`);
  for (const run of report.recent) {
    const finished = run.finishedAtUs !== null;
    const took = finished
      ? `took ${formatDurationUs(run.durationUs)}`
      : `${run.status} for ${formatDurationUs(run.durationUs)}`;
    lines.push(
      `run ${run.id}  ${run.workflowName}  ${run.status}  ${took}  (triggered ${formatTimeUs(run.createdAtUs)})`,
    );
    if (run.tasks.length === 0) lines.push('  no tasks yet: a scheduler (`orchestrator run`) creates them');
    lines.push(...alignColumns(run.tasks.map(taskColumns), '  '));
  }
  return `${lines.join('\n')}\n`;
}
