/**
 * HDR histograms for every latency: built from the metric kind's range and
 * precision (src/harness/metric-kinds.ts), carried between processes as
 * compressed base64, merged with `add`.
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { histogramRangeOf, type HistogramKindName } from '../metric-kinds.js';
import type { MetricStat } from '../result-model.js';

export type { Histogram };

export interface HistogramBuildOptions {
  /** WebAssembly histograms record ~6x faster; call `enableWasmHistograms` first and `destroy()` after. */
  readonly wasm?: boolean;
}

let wasmReady = false;

/** Loads hdr-histogram-js's WebAssembly build (once per process). */
export async function enableWasmHistograms(): Promise<void> {
  if (wasmReady) return;
  await hdr.initWebAssembly();
  wasmReady = true;
}

export function createHistogram(kind: HistogramKindName, options: HistogramBuildOptions = {}): Histogram {
  const range = histogramRangeOf(kind);
  if (options.wasm && !wasmReady) {
    throw new Error('WebAssembly histograms need `await enableWasmHistograms()` first');
  }
  return hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: range.lowest,
    highestTrackableValue: range.highest,
    numberOfSignificantValueDigits: range.significantDigits,
    useWebAssembly: options.wasm === true,
  });
}

/** A sample in the kind's unit as the histogram's whole steps, within its range. */
export function clampToRange(kind: HistogramKindName, value: number): number {
  const { highest, stepsPerUnit } = histogramRangeOf(kind);
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`Expected a histogram sample to be a finite non-negative number, got \`${value}\``);
  }
  return Math.min(Math.round(value * stepsPerUnit), highest);
}

/** Steps per unit of a recorded histogram; results written before steps existed recorded whole units. */
export function stepsPerUnitOf(recorded: { readonly stepsPerUnit?: number }): number {
  return recorded.stepsPerUnit ?? 1;
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export class HistogramDecodeError extends Error {
  override readonly name = 'HistogramDecodeError';
}

/** Decodes compressed base64 into a plain JS histogram; a bad string is a HistogramDecodeError. */
export function decodeHistogram(encoded: string): Histogram {
  if (typeof encoded !== 'string' || encoded.length === 0) {
    throw new HistogramDecodeError('Expected a compressed base64 histogram, got an empty value');
  }
  try {
    return hdr.decodeFromCompressedBase64(encoded, 32, false);
  } catch (error) {
    throw new HistogramDecodeError(
      `Expected a compressed base64 histogram; decoding failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Merges histograms of one kind into a new one. */
export function mergeHistograms(kind: HistogramKindName, parts: readonly Histogram[]): Histogram {
  const merged = createHistogram(kind);
  for (const part of parts) merged.add(part);
  return merged;
}

const PERCENTILE_OF: Partial<Record<MetricStat, number>> = {
  p50: 50,
  p90: 90,
  p95: 95,
  p99: 99,
  'p99.9': 99.9,
};

/** One statistic of a histogram in its unit (steps ÷ stepsPerUnit); 0 for an empty histogram. */
export function histogramStat(histogram: Histogram, stat: Exclude<MetricStat, 'value'>, stepsPerUnit = 1): number {
  return statInSteps(histogram, stat) / stepsPerUnit;
}

function statInSteps(histogram: Histogram, stat: Exclude<MetricStat, 'value'>): number {
  if (histogram.totalCount === 0) return 0;
  switch (stat) {
    case 'max':
      return histogram.maxValue;
    case 'min':
      return histogram.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : histogram.minNonZeroValue;
    case 'mean':
      return histogram.mean;
    default: {
      const percentile = PERCENTILE_OF[stat];
      if (percentile === undefined) throw new Error(`Unknown histogram statistic \`${stat}\``);
      return histogram.getValueAtPercentile(percentile);
    }
  }
}
