/** What `orchestrator logs <task id>` shows: everything the store knows of one task. Its output is not recorded. */
import type { TaskRecord } from '../../orchestrator/model.js';
import { formatCommand, formatDurationUs, formatTimeUs } from './format.js';

/** Tasks run with stdin, stdout and stderr ignored (src/orchestrator/executor/spawn-task.ts). */
export const OUTPUT_NOT_RECORDED =
  'Output: not recorded. Tasks run with their stdout and stderr discarded; a task whose output matters writes it to a file itself.';

export function formatTask(task: TaskRecord): string {
  const since = (us: number | null): string =>
    us === null ? '-' : `${formatTimeUs(us)}  (+${formatDurationUs(us - task.createdAtUs)})`;
  const lines = [
    `task ${task.id} \`${task.name}\` of run ${task.runId}: ${task.status}, ` +
      `exit code ${task.exitCode ?? '-'}, attempt ${task.attempt} of ${task.maxAttempts}`,
    `command:     ${formatCommand(task.command)}${task.timeoutMs > 0 ? `  (timeout ${task.timeoutMs} ms)` : ''}`,
    `error:       ${task.error ?? '-'}`,
    `worker:      ${task.workerId ?? '-'}`,
    `created:     ${formatTimeUs(task.createdAtUs)}  (the run's trigger)`,
    `dispatched:  ${since(task.dispatchedAtUs)}`,
    `started:     ${since(task.startedAtUs)}`,
    `finished:    ${since(task.finishedAtUs)}`,
    `run time:    ${task.runTimeUs === null ? '-' : formatDurationUs(task.runTimeUs)}`,
  ];
  if (task.leaseExpiresAtUs !== null) lines.push(`lease until: ${formatTimeUs(task.leaseExpiresAtUs)}`);
  lines.push(OUTPUT_NOT_RECORDED);
  return `${lines.join('\n')}\n`;
}
