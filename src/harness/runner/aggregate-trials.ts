/**
 * Turns the outputs of k independent trials into metrics: every statistic of
 * every histogram and every value keeps one number per trial; the headline
 * value is the median of those; histograms of all trials are merged.
 */
import { decodeHistogram, encodeHistogram, histogramStat, mergeHistograms } from '../histogram/histogram.js';
import { defaultNoise, metricKind, type NoiseThreshold } from '../metric-kinds.js';
import type { Metric, MetricStat, RecordedHistogram } from '../result-model.js';
import { median } from '../stats/median.js';
import type { TrialHistogram, TrialOutput, TrialValue } from './protocol.js';

const UNGATED_STATS: ReadonlySet<MetricStat> = new Set(['max', 'min']);
const PERCENTILE: Partial<Record<MetricStat, number>> = { p50: 50, p90: 90, p95: 95, p99: 99, 'p99.9': 99.9 };

/**
 * A percentile is only a percentile when some sample lies above it: p99 of 18
 * samples is the maximum, as noisy as `max`, which is never gated. So a
 * percentile is gated only when every trial has at least one sample above it.
 */
export function hasSamplesAbove(stat: MetricStat, samplesPerTrial: readonly number[]): boolean {
  const p = PERCENTILE[stat];
  if (p === undefined) return true;
  return samplesPerTrial.every((n) => n * (1 - p / 100) >= 1);
}

export interface AggregatedTrials {
  readonly metrics: Metric[];
  readonly histograms: Record<string, RecordedHistogram>;
}

function byName<T extends { name: string }>(trials: readonly (readonly T[])[], what: string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  trials.forEach((items, index) => {
    for (const item of items) {
      const list = grouped.get(item.name) ?? [];
      if (list.length !== index) {
        throw new Error(
          `${what} \`${item.name}\` is missing from trial ${list.length}: every trial must record the same metrics`,
        );
      }
      list.push(item);
      grouped.set(item.name, list);
    }
  });
  for (const [name, list] of grouped) {
    if (list.length !== trials.length) {
      throw new Error(`${what} \`${name}\` was recorded in ${list.length} of ${trials.length} trials`);
    }
  }
  return grouped;
}

function resolveNoise(base: NoiseThreshold, override?: Partial<NoiseThreshold>): NoiseThreshold {
  return { ...base, ...override };
}

function histogramMetrics(
  name: string,
  perTrial: readonly TrialHistogram[],
): { metrics: Metric[]; recorded: RecordedHistogram } {
  const first = perTrial[0] as TrialHistogram;
  const kind = metricKind(first.kind);
  const stepsPerUnit = first.stepsPerUnit;
  if (perTrial.some((t) => t.stepsPerUnit !== stepsPerUnit)) {
    throw new Error(`Histogram \`${name}\` was recorded with different steps per unit in different trials`);
  }
  const decoded = perTrial.map((t) => decodeHistogram(t.encoded));
  const merged = mergeHistograms(first.kind, decoded);
  const counts = perTrial.map((t) => t.count);
  const metrics = first.stats.map((stat): Metric => {
    const trials = decoded.map((h) => histogramStat(h, stat, stepsPerUnit));
    return {
      name: `${name}.${stat}`,
      kind: first.kind,
      unit: kind.unit,
      direction: kind.direction,
      stat,
      value: median(trials),
      trials,
      gated:
        (Array.isArray(first.gate) ? first.gate.includes(stat) : first.gate === true && !UNGATED_STATS.has(stat)) &&
        hasSamplesAbove(stat, counts),
      noise: resolveNoise(defaultNoise(first.kind, stat), first.noise),
      histogram: name,
    };
  });
  return {
    metrics,
    recorded: {
      kind: first.kind,
      unit: kind.unit,
      count: merged.totalCount,
      encoded: encodeHistogram(merged),
      stepsPerUnit,
    },
  };
}

function valueMetric(perTrial: readonly TrialValue[]): Metric {
  const first = perTrial[0] as TrialValue;
  const kind = metricKind(first.kind);
  const trials = perTrial.map((t) => t.value);
  return {
    name: first.name,
    kind: first.kind,
    unit: kind.unit,
    direction: first.direction ?? kind.direction,
    stat: 'value',
    value: median(trials),
    trials,
    gated: first.gate,
    noise: resolveNoise(kind.noise, first.noise),
  };
}

export function aggregateTrials(outputs: readonly TrialOutput[]): AggregatedTrials {
  if (outputs.length === 0) throw new Error('Expected at least one completed trial to aggregate');
  const metrics: Metric[] = [];
  const histograms: Record<string, RecordedHistogram> = {};
  for (const [name, perTrial] of byName(
    outputs.map((o) => o.histograms),
    'Histogram',
  )) {
    const { metrics: stats, recorded } = histogramMetrics(name, perTrial);
    metrics.push(...stats);
    histograms[name] = recorded;
  }
  for (const perTrial of byName(
    outputs.map((o) => o.values),
    'Metric',
  ).values()) {
    metrics.push(valueMetric(perTrial));
  }
  const names = new Set<string>();
  for (const m of metrics) {
    if (names.has(m.name))
      throw new Error(`Metric \`${m.name}\` is recorded both as a value and as a histogram statistic`);
    names.add(m.name);
  }
  return { metrics, histograms };
}
