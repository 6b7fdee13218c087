/**
 * Criterion-style micro-benchmark: warm up, calibrate how many iterations
 * make one sample last `sampleTargetMs`, then take `samples` samples; each
 * sample's time per iteration is one data point. Runs in the scenario child.
 */
import { performance } from 'node:perf_hooks';

export interface MicroBenchOptions {
  /** Time spent running the routine before measuring, ms. */
  readonly warmupMs: number;
  /** Number of samples to take. */
  readonly samples: number;
  /** Wall time one sample should last, ms (iterations are scaled to it). */
  readonly sampleTargetMs: number;
  /** Monotonic clock in ms; injectable for tests. */
  readonly now?: () => number;
}

export interface MicroBenchResult {
  /** Time per iteration of each sample, ns (fractional). */
  readonly perIterationNs: number[];
  readonly iterationsPerSample: number;
}

function checkPositive(name: string, value: number, integer: boolean): void {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(
      `Expected \`${name}\` to be a positive ${integer ? 'integer' : 'number'}, got \`${value}\` (${typeof value})`,
    );
  }
}

type Routine = () => unknown;

function timeBatch(routine: Routine, iterations: number, now: () => number): number {
  const start = now();
  for (let i = 0; i < iterations; i += 1) routine();
  return now() - start;
}

async function timeBatchAsync(routine: () => Promise<unknown>, iterations: number, now: () => number): Promise<number> {
  const start = now();
  for (let i = 0; i < iterations; i += 1) await routine();
  return now() - start;
}

/** Doubles iterations until one batch lasts at least `targetMs`; returns the scaled count. */
function scaleIterations(elapsedMs: number, iterations: number, targetMs: number): number | undefined {
  if (elapsedMs >= targetMs / 4 && elapsedMs > 0) {
    return Math.max(1, Math.round((iterations * targetMs) / elapsedMs));
  }
  return undefined;
}

export function microBench(routine: Routine, options: MicroBenchOptions): MicroBenchResult {
  const now = options.now ?? (() => performance.now());
  checkPositive('warmupMs', options.warmupMs, false);
  checkPositive('samples', options.samples, true);
  checkPositive('sampleTargetMs', options.sampleTargetMs, false);
  const warmupEnd = now() + options.warmupMs;
  let iterations = 1;
  let scaled: number | undefined;
  while (now() < warmupEnd || scaled === undefined) {
    const elapsed = timeBatch(routine, iterations, now);
    scaled = scaleIterations(elapsed, iterations, options.sampleTargetMs);
    if (scaled === undefined) iterations *= 2;
  }
  const perIterationNs: number[] = [];
  for (let s = 0; s < options.samples; s += 1) {
    perIterationNs.push((timeBatch(routine, scaled, now) * 1e6) / scaled);
  }
  return { perIterationNs, iterationsPerSample: scaled };
}

export async function microBenchAsync(
  routine: () => Promise<unknown>,
  options: MicroBenchOptions,
): Promise<MicroBenchResult> {
  const now = options.now ?? (() => performance.now());
  checkPositive('warmupMs', options.warmupMs, false);
  checkPositive('samples', options.samples, true);
  checkPositive('sampleTargetMs', options.sampleTargetMs, false);
  const warmupEnd = now() + options.warmupMs;
  let iterations = 1;
  let scaled: number | undefined;
  while (now() < warmupEnd || scaled === undefined) {
    const elapsed = await timeBatchAsync(routine, iterations, now);
    scaled = scaleIterations(elapsed, iterations, options.sampleTargetMs);
    if (scaled === undefined) iterations *= 2;
  }
  const perIterationNs: number[] = [];
  for (let s = 0; s < options.samples; s += 1) {
    perIterationNs.push(((await timeBatchAsync(routine, scaled, now)) * 1e6) / scaled);
  }
  return { perIterationNs, iterationsPerSample: scaled };
}
