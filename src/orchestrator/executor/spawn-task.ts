/**
 * Runs one task command as a real subprocess (execa) in its own process group,
 * so a timeout or a shutdown kills everything the task started. The same
 * function serves the executor and the raw spawn ceiling of the perf test.
 */
import { execa } from 'execa';
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
  const subprocess = execa(file, args, {
    stdio: 'ignore',
    buffer: false,
    reject: false,
    detached: true,
    cleanup: false,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    if (subprocess.pid === undefined) return;
    try {
      process.kill(-subprocess.pid, signal);
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
  const result = subprocess.then((r): TaskProcessResult => {
    const exitedAtUs = options.now();
    if (timer) clearTimeout(timer);
    const signal = r.signal;
    let exit: TaskExit;
    if (r.failed && r.exitCode === undefined && signal === undefined) {
      exit = { kind: 'spawn-failed', message: r.shortMessage ?? 'unknown error' };
    } else if (signal !== undefined) {
      exit = { kind: 'killed', signal, timedOut };
    } else {
      exit = { kind: 'exited', exitCode: r.exitCode ?? -1 };
    }
    return { exit, spawnedAtUs, exitedAtUs };
  });
  return { result, spawnedAtUs, kill: killGroup };
}
