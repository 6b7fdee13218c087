/** How the orchestrator's commands show durations, times, commands and tasks to a person. */
import type { TaskRecord } from '../../orchestrator/model.js';

/** `0.4 ms`, `123 ms`, `1.23 s`, `2 min 03 s`, `1 h 02 min`. */
export function formatDurationUs(us: number): string {
  if (us < 1_000) return `${(us / 1_000).toFixed(1)} ms`;
  if (us < 1_000_000) return `${Math.round(us / 1_000)} ms`;
  const s = us / 1_000_000;
  if (s < 60) return `${s.toFixed(2)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** UTC, to the millisecond: `2026-12-05 17:20:01.123Z`. */
export function formatTimeUs(us: number): string {
  return new Date(Math.floor(us / 1_000)).toISOString().replace('T', ' ');
}

/** The command as one would type it in a shell. */
export function formatCommand(command: readonly string[]): string {
  return command.map((arg) => (/^[\w./:=@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** The columns of a task's line: id, name, status, exit code, attempts, what happened. */
export function taskColumns(task: TaskRecord): string[] {
  const happened =
    task.error ??
    (task.runTimeUs !== null ? `ran ${formatDurationUs(task.runTimeUs)}` : task.workerId ? `on ${task.workerId}` : '');
  return [
    `task ${task.id}`,
    task.name,
    task.status,
    task.exitCode === null ? 'exit -' : `exit ${task.exitCode}`,
    `attempt ${task.attempt}/${task.maxAttempts}`,
    happened,
  ];
}

/** Rows of columns, each column padded to its widest cell. */
export function alignColumns(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `${indent}${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
}
