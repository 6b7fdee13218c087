/**
 * Throughput over a time window, as the seed asks it ("tasks per second over a
 * time interval (10s, 60s)"): every window of that length that lies inside the
 * run (first task created → last task finished), slid over the tasks' finish
 * times; the peak is the busiest window's tasks finished ÷ its length, the
 * lowest the idlest's. A run shorter than the window has no such window and
 * says so, rather than scaling a shorter span up.
 */
export const THROUGHPUT_WINDOWS_SEC = [10, 60] as const;

export type WindowThroughput =
  | {
      readonly windowSec: number;
      readonly measured: true;
      readonly peakTasksPerSec: number;
      readonly lowestTasksPerSec: number;
    }
  | {
      readonly windowSec: number;
      readonly measured: false;
      /** The run's span, s: shorter than the window. */
      readonly runSec: number;
    };

/** Index of the first element of sorted `values` greater than `x`. */
function upperBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Tasks finished in windows (t, t + window] for every t in [startUs, endUs − window], µs timestamps.
 * The count changes only where a window's edge crosses a finish time, so the extremes are at those t.
 */
export function windowThroughput(
  finishedAtUs: readonly number[],
  startUs: number,
  endUs: number,
  windowSec: number,
): WindowThroughput {
  const windowUs = windowSec * 1e6;
  const lastStartUs = endUs - windowUs;
  if (finishedAtUs.length === 0 || lastStartUs < startUs) {
    return { windowSec, measured: false, runSec: Math.max(0, endUs - startUs) / 1e6 };
  }
  const sorted = [...finishedAtUs].sort((a, b) => a - b);
  const countFrom = (t: number): number => upperBound(sorted, t + windowUs) - upperBound(sorted, t);
  const candidates = [startUs, lastStartUs];
  for (const f of sorted) candidates.push(f - 1, f, f - windowUs, f - windowUs - 1);
  let peak = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (const t of candidates) {
    if (t < startUs || t > lastStartUs) continue;
    const count = countFrom(t);
    peak = Math.max(peak, count);
    lowest = Math.min(lowest, count);
  }
  return { windowSec, measured: true, peakTasksPerSec: peak / windowSec, lowestTasksPerSec: lowest / windowSec };
}
