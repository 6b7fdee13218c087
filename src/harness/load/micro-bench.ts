/**
 * Criterion-style micro-benchmark: warm up, calibrate how many iterations
 * make one sample last `sampleTargetMs`, then take `samples` samples; each
 * sample's time per iteration is one data point. Runs in the scenario child.
 *
 * Each sample is followed by a batch of the harness's reference workload
 * (reference-workload.ts) lasting about half a sample: the pair was timed
 * milliseconds apart on the same machine state, so sample ÷ reference is the
 * routine's cost in units of the machine's speed at that moment.
 */
import { performance } from 'node:perf_hooks';
import { runReferenceWorkload } from './reference-workload.js';
import { check } from '../../lib/validate.js';

export interface MicroBenchOptions {
  /** Time spent running the routine before measuring, ms. */
  readonly warmupMs: number;
  /** Number of samples to take. */
  readonly samples: number;
  /** Wall time one sample should last, ms (iterations are scaled to it). */
  readonly sampleTargetMs: number;
  /** Monotonic clock in ms; injectable for tests. */
  readonly now?: () => number;
  /** The reference batch after each sample; injectable for tests. */
  readonly reference?: (iterations: number) => void;
}

export interface MicroBenchResult {
  /** Time per iteration of each sample, ns (fractional). */
  readonly perIterationNs: number[];
  /** Time per iteration of the reference batch right after each sample, ns. */
  readonly referenceNs: number[];
  readonly iterationsPerSample: number;
}

/** A reference batch lasts this fraction of a sample. */
const REFERENCE_SHARE = 0.5;

function checkOptions(options: MicroBenchOptions): void {
  check.positiveNumber('warmupMs', options.warmupMs, 'ms');
  check.positiveInteger('samples', options.samples);
  check.positiveNumber('sampleTargetMs', options.sampleTargetMs, 'ms');
}

type Routine = () => unknown;

function timeBatch(routine: Routine, iterations: number, now: () => number): number {
  const start = now();
  for (let i = 0; i < iterations; i += 1) routine();
  return now() - start;
}

function timeReference(reference: (iterations: number) => void, iterations: number, now: () => number): number {
  const start = now();
  reference(iterations);
  return now() - start;
}

async function timeBatchAsync(routine: () => Promise<unknown>, iterations: number, now: () => number): Promise<number> {
  const start = now();
  for (let i = 0; i < iterations; i += 1) await routine();
  return now() - start;
}

/** The iteration count that makes one batch last `targetMs`, once a batch lasted at least a quarter of it. */
function scaleIterations(elapsedMs: number, iterations: number, targetMs: number): number | undefined {
  if (elapsedMs >= targetMs / 4 && elapsedMs > 0) {
    return Math.max(1, Math.round((iterations * targetMs) / elapsedMs));
  }
  return undefined;
}

/** Doubles the reference batch until it can be scaled to `targetMs`. */
function calibrateReference(reference: (iterations: number) => void, targetMs: number, now: () => number): number {
  let iterations = 1;
  for (;;) {
    const scaled = scaleIterations(timeReference(reference, iterations, now), iterations, targetMs);
    if (scaled !== undefined) return scaled;
    iterations *= 2;
  }
}

interface Sampler {
  readonly now: () => number;
  readonly reference: (iterations: number) => void;
  readonly referenceIterations: number;
}

function sampler(options: MicroBenchOptions): Sampler {
  const now = options.now ?? (() => performance.now());
  const reference = options.reference ?? runReferenceWorkload;
  return {
    now,
    reference,
    referenceIterations: calibrateReference(reference, options.sampleTargetMs * REFERENCE_SHARE, now),
  };
}

function referenceSampleNs(s: Sampler): number {
  return (timeReference(s.reference, s.referenceIterations, s.now) * 1e6) / s.referenceIterations;
}

export function microBench(routine: Routine, options: MicroBenchOptions): MicroBenchResult {
  checkOptions(options);
  const s = sampler(options);
  const warmupEnd = s.now() + options.warmupMs;
  let iterations = 1;
  let scaled: number | undefined;
  while (s.now() < warmupEnd || scaled === undefined) {
    scaled = scaleIterations(timeBatch(routine, iterations, s.now), iterations, options.sampleTargetMs);
    if (scaled === undefined) iterations *= 2;
  }
  const perIterationNs: number[] = [];
  const referenceNs: number[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    perIterationNs.push((timeBatch(routine, scaled, s.now) * 1e6) / scaled);
    referenceNs.push(referenceSampleNs(s));
  }
  return { perIterationNs, referenceNs, iterationsPerSample: scaled };
}

export async function microBenchAsync(
  routine: () => Promise<unknown>,
  options: MicroBenchOptions,
): Promise<MicroBenchResult> {
  checkOptions(options);
  const s = sampler(options);
  const warmupEnd = s.now() + options.warmupMs;
  let iterations = 1;
  let scaled: number | undefined;
  while (s.now() < warmupEnd || scaled === undefined) {
    scaled = scaleIterations(await timeBatchAsync(routine, iterations, s.now), iterations, options.sampleTargetMs);
    if (scaled === undefined) iterations *= 2;
  }
  const perIterationNs: number[] = [];
  const referenceNs: number[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    perIterationNs.push(((await timeBatchAsync(routine, scaled, s.now)) * 1e6) / scaled);
    referenceNs.push(referenceSampleNs(s));
  }
  return { perIterationNs, referenceNs, iterationsPerSample: scaled };
}
