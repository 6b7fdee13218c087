/** Timing per scheduler iteration, per step of the loop, in microseconds. */
import { DurationHistogram } from './duration-histogram.js';

export const LOOP_STEPS = ['expandRuns', 'dispatchTasks', 'writeUpdates', 'reclaimLeases'] as const;
export type LoopStep = (typeof LOOP_STEPS)[number];

export interface IterationTiming {
  readonly steps: Readonly<Record<LoopStep, number>>;
  readonly totalUs: number;
  /** Runs expanded + tasks dispatched + updates written + leases reclaimed. */
  readonly work: number;
}

/** Percentiles of iteration durations, µs (within 12.5 %: src/orchestrator/scheduler/duration-histogram.ts). */
export interface IterationPercentilesUs {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export interface IterationSummary {
  readonly iterations: number;
  readonly busyIterations: number;
  readonly totalUs: number;
  readonly maxUs: number;
  readonly stepTotalsUs: Readonly<Record<LoopStep, number>>;
  /** Every iteration's duration. */
  readonly iterationUs: IterationPercentilesUs;
  /** The durations of the iterations that did work. */
  readonly busyIterationUs: IterationPercentilesUs;
}

function percentilesOf(histogram: DurationHistogram): IterationPercentilesUs {
  return { p50: histogram.percentileUs(50), p90: histogram.percentileUs(90), p99: histogram.percentileUs(99) };
}

export class IterationStats {
  private iterations = 0;
  private busyIterations = 0;
  private totalUs = 0;
  private maxUs = 0;
  private readonly all = new DurationHistogram();
  private readonly busy = new DurationHistogram();
  private readonly stepTotalsUs: Record<LoopStep, number> = {
    expandRuns: 0,
    dispatchTasks: 0,
    writeUpdates: 0,
    reclaimLeases: 0,
  };

  record(timing: IterationTiming): void {
    this.iterations += 1;
    if (timing.work > 0) this.busyIterations += 1;
    this.all.record(timing.totalUs);
    if (timing.work > 0) this.busy.record(timing.totalUs);
    this.totalUs += timing.totalUs;
    this.maxUs = Math.max(this.maxUs, timing.totalUs);
    for (const step of LOOP_STEPS) this.stepTotalsUs[step] += timing.steps[step];
  }

  summary(): IterationSummary {
    return {
      iterations: this.iterations,
      busyIterations: this.busyIterations,
      totalUs: this.totalUs,
      maxUs: this.maxUs,
      stepTotalsUs: { ...this.stepTotalsUs },
      iterationUs: percentilesOf(this.all),
      busyIterationUs: percentilesOf(this.busy),
    };
  }
}
