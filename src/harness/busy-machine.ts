/**
 * Whether a scenario was measured on a busy machine: the harness waited its
 * whole quiet-CPU timeout before the trials and the CPUs were still busy
 * (trial notes `cpuQuietBeforeStart: false`, src/harness/measure-scenario.ts).
 * Its numbers may be slow for reasons outside the code measured, and reports
 * say so next to it.
 */
import type { ScenarioResult } from './result-model.js';

export interface BusyStart {
  /** Busy fraction of all CPU time in the last window before the trials began. */
  readonly busyFraction: number;
  /** How long the harness waited for quiet CPUs, ms. */
  readonly waitedMs: number;
}

/** The busiest start among the result's trials (pooled results carry every run's notes); undefined when all were quiet. */
export function busyAtStart(result: Pick<ScenarioResult, 'notes'>): BusyStart | undefined {
  let busiest: BusyStart | undefined;
  for (const note of result.notes) {
    if (note['cpuQuietBeforeStart'] !== false) continue;
    const busyFraction = Number(note['cpuBusyBeforeStart']);
    const waitedMs = Number(note['quietWaitMs']);
    if (!Number.isFinite(busyFraction) || !Number.isFinite(waitedMs)) continue;
    if (!busiest || busyFraction > busiest.busyFraction) busiest = { busyFraction, waitedMs };
  }
  return busiest;
}

/** The busier of two starts. */
export function busier(a: BusyStart | undefined, b: BusyStart | undefined): BusyStart | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.busyFraction > a.busyFraction ? b : a;
}
