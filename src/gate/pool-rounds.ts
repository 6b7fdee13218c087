/**
 * One side's rounds become one set of results: per scenario and metric the
 * trial values of every round, in round order (each trial is an independent
 * process, so the rounds just add trials), the headline value their median,
 * histograms merged. A scenario that failed in any round keeps that state.
 */
import { decodeHistogram, encodeHistogram, mergeHistograms, stepsPerUnitOf } from '../harness/histogram/histogram.js';
import type { HistogramKindName } from '../harness/metric-kinds.js';
import { scenarioId, type Metric, type RecordedHistogram, type ScenarioResult } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';

function mergeMetrics(parts: readonly ScenarioResult[]): Metric[] {
  const byName = new Map<string, Metric[]>();
  for (const part of parts) {
    for (const m of part.metrics) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  }
  return [...byName.values()].map((same) => {
    const trials = same.flatMap((m) => m.trials);
    return { ...(same[0] as Metric), trials, value: median(trials) };
  });
}

function mergeHistogramRecords(parts: readonly ScenarioResult[]): Record<string, RecordedHistogram> {
  const byName = new Map<string, RecordedHistogram[]>();
  for (const part of parts) {
    for (const [name, h] of Object.entries(part.histograms)) byName.set(name, [...(byName.get(name) ?? []), h]);
  }
  const merged: Record<string, RecordedHistogram> = {};
  for (const [name, same] of byName) {
    const first = same[0] as RecordedHistogram;
    if (same.length === 1) {
      merged[name] = first;
      continue;
    }
    // Rounds recorded at different resolutions (a base older than steps per unit) are not merged.
    if (same.some((h) => stepsPerUnitOf(h) !== stepsPerUnitOf(first))) continue;
    try {
      const histogram = mergeHistograms(
        first.kind as HistogramKindName,
        same.map((h) => decodeHistogram(h.encoded)),
      );
      merged[name] = { ...first, count: same.reduce((n, h) => n + h.count, 0), encoded: encodeHistogram(histogram) };
    } catch {
      // A histogram that cannot be merged is left out rather than shown for one round only.
    }
  }
  return merged;
}

export function poolRounds(rounds: readonly (readonly ScenarioResult[])[]): ScenarioResult[] {
  const groups = new Map<string, ScenarioResult[]>();
  for (const results of rounds) {
    for (const r of results) groups.set(scenarioId(r), [...(groups.get(scenarioId(r)) ?? []), r]);
  }
  return [...groups.values()].map((parts) => {
    const first = parts[0] as ScenarioResult;
    const failed = parts.find((p) => p.state !== 'completed');
    const completed = parts.filter((p) => p.state === 'completed');
    const merged: ScenarioResult = {
      ...first,
      state: failed?.state ?? 'completed',
      trialCount: completed.reduce((n, p) => n + p.trialCount, 0),
      durationMs: parts.reduce((n, p) => n + p.durationMs, 0),
      metrics: mergeMetrics(completed),
      histograms: mergeHistogramRecords(completed),
      notes: parts.flatMap((p) => p.notes),
    };
    if (failed?.error !== undefined) return { ...merged, error: failed.error };
    const { error: _dropped, ...rest } = merged;
    return rest;
  });
}
