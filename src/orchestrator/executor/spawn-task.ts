/**
 * Runs one task command as a real subprocess in its own process group, so a
 * timeout or a shutdown kills everything the task started. The same function
 * serves the executor and the raw spawn ceiling of the perf test.
 *
 * Node's own `child_process.spawn`, not execa: the scheduler forks for every
 * task, and a fork's cost grows with the forking process's memory, which
 * importing execa grows (docs/decisions.md, "Tasks are spawned
 * with child_process").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ClockUs } from '../clock.js';

export type TaskExit =
  | { readonly kind: 'exited'; readonly exitCode: number }
  | { readonly kind: 'killed'; readonly signal: string; readonly timedOut: boolean }
  | { readonly kind: 'spawn-failed'; readonly message: string };

export interface TaskProcessResult {
  readonly exit: TaskExit;
  /** Wall-clock µs just before the spawn call. */
  readonly spawnedAtUs: number;
  /** Wall-clock µs when the exit was observed. */
  readonly exitedAtUs: number;
}

export interface RunningTaskProcess {
  /** Wall-clock µs just before the spawn call. */
  readonly spawnedAtUs: number;
  readonly result: Promise<TaskProcessResult>;
  /** Kills the task's whole process group. */
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnTaskOptions {
  /** 0 = no limit. */
  readonly timeoutMs: number;
  readonly now: ClockUs;
  readonly cwd?: string;
}

export function spawnTask(command: readonly string[], options: SpawnTaskOptions): RunningTaskProcess {
  const [file, ...args] = command;
  const spawnedAtUs = options.now();
  if (!file) {
    return {
      result: Promise.resolve({
        exit: { kind: 'spawn-failed', message: 'empty command' },
        spawnedAtUs,
        exitedAtUs: spawnedAtUs,
      }),
      spawnedAtUs,
      kill: () => undefined,
    };
  }
  let child: ChildProcess;
  try {
    child = spawn(file, args, { stdio: 'ignore', detached: true, ...(options.cwd ? { cwd: options.cwd } : {}) });
  } catch (error) {
    // Arguments Node refuses before forking (e.g. a NUL byte in an argument).
    const message = error instanceof Error ? error.message : String(error);
    return {
      result: Promise.resolve({ exit: { kind: 'spawn-failed', message }, spawnedAtUs, exitedAtUs: options.now() }),
      spawnedAtUs,
      kill: () => undefined,
    };
  }
  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const timer =
    options.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          killGroup('SIGKILL');
        }, options.timeoutMs)
      : undefined;
  const result = new Promise<TaskProcessResult>((resolve) => {
    const finish = (exit: TaskExit): void => {
      if (timer) clearTimeout(timer);
      resolve({ exit, spawnedAtUs, exitedAtUs: options.now() });
    };
    // 'error' before any exit is a failed start (a failed kill is caught in killGroup).
    child.once('error', (error) => finish({ kind: 'spawn-failed', message: error.message }));
    child.once('exit', (code, signal) =>
      finish(signal !== null ? { kind: 'killed', signal, timedOut } : { kind: 'exited', exitCode: code ?? -1 }),
    );
  });
  return { result, spawnedAtUs, kill: killGroup };
}
