/** Helpers for the orchestrator's tests: wait for a store condition on wake-ups, not sleeps; read what tasks recorded. */
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
