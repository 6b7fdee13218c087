/**
 * Runs one task command as a real subprocess in its own process group, so a
 * timeout or a shutdown kills everything the task started. The same function
 * serves the executor and the raw spawn ceiling of the perf test.
 *
 * Where the native spawner is built (Linux), tasks start with posix_spawn
 * (./group-spawn.ts): a fork's cost grows with the forking process's memory,
 * posix_spawn's does not (docs/decisions.md, "Tasks are started with
 * posix_spawn"). Elsewhere, Node's own `child_process.spawn`, not execa, whose
 * import grows the scheduler.
 */
import { spawn as forkSpawn } from 'node:child_process';
import { constants } from 'node:os';
import { getSystemErrorName } from 'node:util';
import type { ClockUs } from '../clock.js';
import { coerceError } from '../errors.js';
import { DEFAULT_TASK_SPAWNER, groupSpawn, type TaskSpawner } from './group-spawn.js';

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
  /** Default: posix_spawn where it is built, else child_process. */
  readonly spawner?: TaskSpawner;
}

export function spawnTask(command: readonly string[], options: SpawnTaskOptions): RunningTaskProcess {
  const [file, ...args] = command;
  const spawnedAtUs = options.now();
  const started = file
    ? startProcess(file, args, options.spawner ?? DEFAULT_TASK_SPAWNER, options.cwd)
    : { failure: 'empty command' };
  if ('failure' in started) {
    return {
      result: Promise.resolve({
        exit: { kind: 'spawn-failed', message: started.failure },
        spawnedAtUs,
        exitedAtUs: options.now(),
      }),
      spawnedAtUs,
      kill: () => undefined,
    };
  }
  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    if (started.pid === undefined) return;
    try {
      process.kill(-started.pid, signal);
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
  const result = started.ended.then((ended): TaskProcessResult => {
    if (timer) clearTimeout(timer);
    const exit: TaskExit =
      'failure' in ended
        ? { kind: 'spawn-failed', message: ended.failure }
        : ended.signal !== null
          ? { kind: 'killed', signal: ended.signal, timedOut }
          : { kind: 'exited', exitCode: ended.exitCode ?? -1 };
    return { exit, spawnedAtUs, exitedAtUs: options.now() };
  });
  return { result, spawnedAtUs, kill: killGroup };
}

type Ended = { readonly exitCode: number | null; readonly signal: string | null } | { readonly failure: string };
/** `pid` is undefined when child_process failed the start (its 'error' event says why). */
type Started = { readonly pid: number | undefined; readonly ended: Promise<Ended> } | { readonly failure: string };

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

/** The process started in a session of its own (its pid is its group's), stdio on /dev/null. */
function startProcess(file: string, args: readonly string[], spawner: TaskSpawner, cwd: string | undefined): Started {
  if (spawner === 'posix_spawn') {
    if (!groupSpawn) return { failure: 'the native task spawner is not built (npm install builds it on Linux)' };
    // As child_process refuses them: C strings end at the first NUL.
    if ([file, ...args].some((arg) => arg.includes('\0')))
      return { failure: `spawn ${file}: an argument holds a NUL byte` };
    let settle!: (ended: Ended) => void;
    const ended = new Promise<Ended>((resolve) => (settle = resolve));
    try {
      const pid = groupSpawn.spawn(file, args, cwd ?? null, (exitCode, signal) =>
        settle(
          exitCode === null && signal === null
            ? { failure: 'the exit status was lost' }
            : { exitCode, signal: signal === null ? null : (SIGNAL_NAMES.get(signal) ?? `signal ${signal}`) },
        ),
      );
      return { pid, ended };
    } catch (error) {
      const errno = (error as { errno?: unknown }).errno;
      return {
        failure: typeof errno === 'number' ? `spawn ${file} ${getSystemErrorName(errno)}` : coerceError(error).message,
      };
    }
  }
  try {
    const child = forkSpawn(file, args, { stdio: 'ignore', detached: true, ...(cwd ? { cwd } : {}) });
    const ended = new Promise<Ended>((resolve) => {
      // 'error' before any exit is a failed start (a failed kill is caught in killGroup).
      child.once('error', (error) => resolve({ failure: error.message }));
      child.once('exit', (exitCode, signal) => resolve({ exitCode, signal }));
    });
    return { pid: child.pid, ended };
  } catch (error) {
    // Arguments Node refuses before forking (e.g. a NUL byte in an argument).
    return { failure: coerceError(error).message };
  }
}
