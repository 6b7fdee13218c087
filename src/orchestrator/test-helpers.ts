/**
 * Helpers for the orchestrator's tests: wait for a store condition on wake-ups, not sleeps; read
 * what tasks recorded; see a task's process group die.
 */
import { readFileSync } from 'node:fs';
import type { TaskRecord } from './model.js';
import type { Store } from './store/store.js';

/** The most tasks running at once, from their recorded start and finish times (finished tasks only). */
export function peakConcurrency(tasks: readonly TaskRecord[]): number {
  const edges = tasks.flatMap((t) => [
    { at: t.startedAtUs!, delta: 1 },
    { at: t.finishedAtUs!, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const edge of edges) peak = Math.max(peak, (running += edge.delta));
  return peak;
}

/**
 * Resolves once `check` returns a value other than undefined, re-checking on
 * every wake-up of the store and at least every `recheckMs` (for changes made
 * by other processes that do not notify); rejects after `timeoutMs`.
 */
export function waitForStore<T>(
  store: Store,
  check: () => Promise<T | undefined>,
  options: { timeoutMs?: number; recheckMs?: number; what?: string } = {},
): Promise<T> {
  const { timeoutMs = 10_000, recheckMs = 50, what = 'condition' } = options;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let checking = false;
    let again = false;
    const finish = (fn: () => void): void => {
      done = true;
      clearTimeout(deadline);
      clearInterval(ticker);
      unsubscribe();
      fn();
    };
    const run = async (): Promise<void> => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value !== undefined) return finish(() => resolve(value));
        } while (again && !done);
      } catch (error) {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
      } finally {
        checking = false;
      }
    };
    const deadline = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    const ticker = setInterval(() => void run(), recheckMs);
    const unsubscribe = store.onWork(() => void run());
    void run();
  });
}

/** Resolves when every task of `expected` count is finished; returns the counts. */
export function waitForFinishedTasks(store: Store, expected: number, timeoutMs = 10_000) {
  return waitForStore(
    store,
    async () => {
      const counts = await store.countTasks();
      return counts.success + counts.failed >= expected ? counts : undefined;
    },
    { timeoutMs, what: `${expected} finished tasks` },
  );
}

/** Alive and not a zombie (a killed orphan may wait for its reaper). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is gone within `ms`. A SIGKILL to a group is sent to every member at once, but a
 * member dies when the kernel next runs it: on a loaded machine a grandchild can still be alive
 * just after its parent's exit was reported. There is no event for another process's death (it is
 * not our child), so /proc is polled; without the kill, the grandchild would live 30 s.
 */
export async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** The pid a task wrote to `file`, once it is there (polled: a file has no event to wait on here). */
export async function pidIn(file: string, ms = 5000): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid > 0) return pid;
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) throw new Error(`No pid in ${file} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A task whose shell starts a 30 s grandchild in its group and writes its pid: `sh -c 'sleep 30 & sleep 30'`. */
export const withGrandchild = (pidFile: string): string[] => ['sh', '-c', `sleep 30 & echo $! > ${pidFile}; sleep 30`];
