/**
 * The recording half of a ScenarioContext: histograms and values of one
 * trial, turned into a TrialOutput at the end.
 */
import { clampToRange, createHistogram, encodeHistogram, type Histogram } from '../histogram/histogram.js';
import { histogramRangeOf, isMetricKindName, type HistogramKindName, type MetricKindName } from '../metric-kinds.js';
import type { HistogramOptions, SampleRecorder, ValueOptions } from '../scenario.js';
import type { TrialHistogram, TrialOutput, TrialValue } from './protocol.js';

const DEFAULT_STATS = ['p50', 'p99', 'max'] as const;
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function checkName(name: string): void {
  if (!METRIC_NAME.test(name)) {
    throw new Error(`Expected a metric name like \`queryLatencyUs\`, got \`${name}\``);
  }
}

interface OpenHistogram {
  readonly kind: HistogramKindName;
  readonly options: HistogramOptions;
  readonly histogram: Histogram;
}

export class TrialRecorder {
  private readonly histograms = new Map<string, OpenHistogram>();
  private readonly values = new Map<string, TrialValue>();
  private readonly notes: Record<string, unknown> = {};

  constructor(private readonly useWasm: boolean) {}

  histogram(name: string, kind: HistogramKindName, options: HistogramOptions = {}): SampleRecorder {
    checkName(name);
    if (!isMetricKindName(kind)) throw new Error(`Unknown metric kind \`${String(kind)}\` for \`${name}\``);
    const existing = this.histograms.get(name);
    if (existing) {
      if (existing.kind !== kind) {
        throw new Error(`Histogram \`${name}\` was created as ${existing.kind}, asked again as ${kind}`);
      }
      return this.recorderFor(existing);
    }
    const open: OpenHistogram = { kind, options, histogram: createHistogram(kind, { wasm: this.useWasm }) };
    this.histograms.set(name, open);
    return this.recorderFor(open);
  }

  private recorderFor(open: OpenHistogram): SampleRecorder {
    const { histogram, kind } = open;
    return {
      record(value: number): void {
        histogram.recordValue(clampToRange(kind, value));
      },
      recordCorrected(value: number, expectedInterval: number): void {
        histogram.recordValueWithExpectedInterval(clampToRange(kind, value), clampToRange(kind, expectedInterval));
      },
      get count(): number {
        return histogram.totalCount;
      },
    };
  }

  value(name: string, kind: MetricKindName, value: number, options: ValueOptions = {}): void {
    checkName(name);
    if (!isMetricKindName(kind)) throw new Error(`Unknown metric kind \`${String(kind)}\` for \`${name}\``);
    if (!Number.isFinite(value)) {
      throw new RangeError(`Expected metric \`${name}\` to be a finite number, got \`${value}\``);
    }
    if (this.values.has(name)) throw new Error(`Metric \`${name}\` was recorded twice in one trial`);
    this.values.set(name, {
      name,
      kind,
      value,
      gate: options.gate ?? true,
      ...(options.direction ? { direction: options.direction } : {}),
      ...(options.noise ? { noise: options.noise } : {}),
    });
  }

  note(key: string, value: unknown): void {
    this.notes[key] = value;
  }

  /** Encodes everything recorded and frees the histograms. */
  finish(durationMs: number): TrialOutput {
    const histograms: TrialHistogram[] = [];
    for (const [name, open] of this.histograms) {
      histograms.push({
        name,
        kind: open.kind,
        stats: open.options.stats ?? DEFAULT_STATS,
        gate: open.options.gate ?? true,
        ...(open.options.noise ? { noise: open.options.noise } : {}),
        encoded: encodeHistogram(open.histogram),
        count: open.histogram.totalCount,
        stepsPerUnit: histogramRangeOf(open.kind).stepsPerUnit,
      });
      open.histogram.destroy();
    }
    this.histograms.clear();
    return { histograms, values: [...this.values.values()], notes: { ...this.notes }, durationMs };
  }

  /** Frees the histograms without encoding (after an error). */
  discard(): void {
    for (const open of this.histograms.values()) open.histogram.destroy();
    this.histograms.clear();
  }
}
