/**
 * The report's "Scheduler Loop" lines: the scheduler's own per-iteration timings
 * (src/orchestrator/scheduler/iteration-stats.ts), from the summary it prints when it stops.
 */
import { LOOP_STEPS, type IterationSummary } from '../scheduler/iteration-stats.js';

const ms = (us: number): string => `${(us / 1000).toFixed(2)} ms`;

/** The summary the scheduler sent, if it has the fields the report reads (it crosses a process boundary). */
export function asIterationSummary(value: unknown): IterationSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<Record<keyof IterationSummary, unknown>>;
  const isPercentiles = (p: unknown): boolean =>
    typeof p === 'object' && p !== null && ['p50', 'p90', 'p99'].every((k) => typeof (p as never)[k] === 'number');
  const numbers = [v.iterations, v.busyIterations, v.totalUs, v.maxUs].every((n) => typeof n === 'number');
  const steps = typeof v.stepTotalsUs === 'object' && v.stepTotalsUs !== null;
  return numbers && steps && isPercentiles(v.iterationUs) && isPercentiles(v.busyIterationUs)
    ? (value as IterationSummary)
    : null;
}

export function schedulerLoopLines(summary: IterationSummary | null): string[] {
  if (!summary) return ['Scheduler Loop:', '  (the scheduler did not report its loop timings)'];
  const { iterationUs: all, busyIterationUs: busy } = summary;
  const shares = LOOP_STEPS.map((step) => {
    const us = summary.stepTotalsUs[step];
    const share = summary.totalUs > 0 ? (us / summary.totalUs) * 100 : 0;
    return `${step} ${ms(us)} (${share.toFixed(0)} %)`;
  });
  return [
    'Scheduler Loop:',
    `  Iterations: ${summary.iterations} (${summary.busyIterations} did work), ${ms(summary.totalUs)} in all`,
    `  Per iteration: p50 ${ms(all.p50)}, p90 ${ms(all.p90)}, p99 ${ms(all.p99)}, max ${ms(summary.maxUs)}`,
    `  Per iteration that did work: p50 ${ms(busy.p50)}, p90 ${ms(busy.p90)}, p99 ${ms(busy.p99)}`,
    `  Time by step: ${shares.join(', ')}`,
  ];
}
