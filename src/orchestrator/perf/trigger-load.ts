/**
 * Triggers the perf test's runs: a burst (every run at once, concurrently, as
 * the original does) or open-loop at a steady rate (each trigger at its
 * scheduled time, whatever happened to the previous ones).
 */
import type { ClockUs } from '../clock.js';
import type { Store } from '../store/store.js';

export type TriggerPlan = { readonly kind: 'burst' } | { readonly kind: 'open-loop'; readonly ratePerSec: number };

export interface TriggerOutcome {
  readonly runs: number;
  /** First trigger call → last trigger committed, µs. */
  readonly spanUs: number;
  readonly runsPerSec: number;
  /** Open loop: how late triggers left against their schedule, max µs. */
  readonly maxLagUs: number;
}

export async function triggerRuns(
  store: Store,
  workflowName: string,
  runs: number,
  plan: TriggerPlan,
  now: ClockUs,
  signal?: AbortSignal,
): Promise<TriggerOutcome> {
  const startUs = now();
  let maxLagUs = 0;
  if (plan.kind === 'burst') {
    await Promise.all(Array.from({ length: runs }, () => store.triggerRun(workflowName, now())));
  } else {
    const intervalUs = 1e6 / plan.ratePerSec;
    const pending: Promise<number>[] = [];
    for (let i = 0; i < runs && !signal?.aborted; i += 1) {
      const dueUs = startUs + i * intervalUs;
      const waitMs = (dueUs - now()) / 1000;
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      maxLagUs = Math.max(maxLagUs, now() - dueUs);
      pending.push(store.triggerRun(workflowName, now()));
    }
    await Promise.all(pending);
  }
  const spanUs = now() - startUs;
  return { runs, spanUs, runsPerSec: spanUs > 0 ? runs / (spanUs / 1e6) : 0, maxLagUs };
}
