/**
 * baselines/<suite>.json — committed reference results, one entry per
 * scenario/variant. Format (version 1), documented in docs/baselines.md:
 *
 *   { "version": 1, "suite": "harness",
 *     "scenarios": { "<scenario>/<variant>": {
 *         "profile": "ci", "updatedAt": ISO date, "environment": {...}, "params": {...},
 *         "metrics": { "<metric>": { kind, unit, direction, stat, gated, value, trials: [..], histogram?, updatedAt? } },
 *         "histograms": { "<name>": { kind, unit, count, encoded, stepsPerUnit? } } } } }
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeHistogram } from '../harness/histogram/histogram.js';
import { isMetricKindName, type Direction, type MetricKindName } from '../harness/metric-kinds.js';
import { PROFILE_NAMES, type ProfileName } from '../harness/profile.js';
import type { EnvironmentFingerprint, MetricStat, RecordedHistogram } from '../harness/result-model.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { JsonReader, parseJsonFile } from './json-shape.js';

export const BASELINE_VERSION = 1;

export interface BaselineMetric {
  readonly kind: MetricKindName;
  readonly unit: string;
  readonly direction: Direction;
  readonly stat: MetricStat;
  readonly gated: boolean;
  readonly value: number;
  readonly trials: readonly number[];
  readonly histogram?: string;
  /**
   * When the metric was written after its entry (re-based by name, or added to an
   * existing entry); absent, the entry's `updatedAt` dates it (metricDate).
   */
  readonly updatedAt?: string;
}

export interface BaselineEntry {
  readonly profile: ProfileName;
  readonly updatedAt: string;
  readonly environment: EnvironmentFingerprint | Record<string, unknown>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, BaselineMetric>>;
  readonly histograms: Readonly<Record<string, RecordedHistogram>>;
}

export interface BaselineFile {
  readonly version: typeof BASELINE_VERSION;
  readonly suite: string;
  readonly scenarios: Readonly<Record<string, BaselineEntry>>;
}

export const METRIC_STATS: readonly MetricStat[] = ['value', 'mean', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'min'];

export function baselinePath(dir: string, suite: string): string {
  return path.join(dir, `${suite}.json`);
}

function readMetric(r: JsonReader, raw: unknown, field: string): BaselineMetric {
  const m = r.object(raw, field);
  const kind = r.string(m['kind'], `${field}.kind`);
  if (!isMetricKindName(kind)) r.fail(`${field}.kind`, 'a metric kind of src/harness/metric-kinds.ts', kind);
  const histogram = m['histogram'] === undefined ? undefined : r.string(m['histogram'], `${field}.histogram`);
  const updatedAt = m['updatedAt'] === undefined ? undefined : isoDate(r, m['updatedAt'], `${field}.updatedAt`);
  return {
    kind,
    unit: r.string(m['unit'], `${field}.unit`),
    direction: r.oneOf(m['direction'], `${field}.direction`, ['smaller', 'bigger'] as const),
    stat: r.oneOf(m['stat'], `${field}.stat`, METRIC_STATS),
    gated: r.boolean(m['gated'], `${field}.gated`),
    value: r.number(m['value'], `${field}.value`),
    trials: r.numbers(m['trials'], `${field}.trials`),
    ...(histogram ? { histogram } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  };
}

function isoDate(r: JsonReader, raw: unknown, field: string): string {
  const text = r.string(raw, field);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text))) r.fail(field, 'an ISO date', text);
  return text;
}

/** When a baseline metric was measured: its own date when written after its entry, else the entry's. */
export function metricDate(entry: BaselineEntry, metric: string): string {
  return entry.metrics[metric]?.updatedAt ?? entry.updatedAt;
}

function readHistogram(r: JsonReader, raw: unknown, field: string): RecordedHistogram {
  const h = r.object(raw, field);
  const kind = r.string(h['kind'], `${field}.kind`);
  if (!isMetricKindName(kind)) r.fail(`${field}.kind`, 'a metric kind', kind);
  const encoded = r.string(h['encoded'], `${field}.encoded`);
  try {
    decodeHistogram(encoded);
  } catch {
    r.fail(`${field}.encoded`, 'a compressed base64 HDR histogram that decodes', encoded);
  }
  const stepsPerUnit = h['stepsPerUnit'];
  if (
    stepsPerUnit !== undefined &&
    (typeof stepsPerUnit !== 'number' || !Number.isInteger(stepsPerUnit) || stepsPerUnit < 1)
  ) {
    r.fail(`${field}.stepsPerUnit`, 'a positive integer', stepsPerUnit);
  }
  return {
    kind,
    unit: r.string(h['unit'], `${field}.unit`),
    count: r.number(h['count'], `${field}.count`),
    encoded,
    ...(stepsPerUnit === undefined ? {} : { stepsPerUnit }),
  };
}

function readEntry(r: JsonReader, raw: unknown, field: string): BaselineEntry {
  const e = r.object(raw, field);
  const metricsRaw = r.object(e['metrics'], `${field}.metrics`);
  const histogramsRaw = e['histograms'] === undefined ? {} : r.object(e['histograms'], `${field}.histograms`);
  const metrics: Record<string, BaselineMetric> = {};
  for (const [name, m] of Object.entries(metricsRaw)) metrics[name] = readMetric(r, m, `${field}.metrics["${name}"]`);
  const histograms: Record<string, RecordedHistogram> = {};
  for (const [name, h] of Object.entries(histogramsRaw)) {
    histograms[name] = readHistogram(r, h, `${field}.histograms["${name}"]`);
  }
  return {
    profile: r.oneOf(e['profile'], `${field}.profile`, PROFILE_NAMES),
    updatedAt: isoDate(r, e['updatedAt'], `${field}.updatedAt`),
    environment: r.object(e['environment'], `${field}.environment`),
    params: e['params'] === undefined ? {} : r.object(e['params'], `${field}.params`),
    metrics,
    histograms,
  };
}

/** Validates a parsed baseline; every problem names the file and the field. */
export function parseBaseline(file: string, text: string): BaselineFile {
  const r = new JsonReader(file);
  const root = r.object(parseJsonFile(file, text), '(root)');
  if (root['version'] !== BASELINE_VERSION) r.fail('version', `${BASELINE_VERSION}`, root['version']);
  const suite = r.string(root['suite'], 'suite');
  const scenariosRaw = r.object(root['scenarios'], 'scenarios');
  const scenarios: Record<string, BaselineEntry> = {};
  for (const [key, entry] of Object.entries(scenariosRaw)) {
    if (!/^[^/]+\/[^/]+$/.test(key)) r.fail(`scenarios["${key}"]`, 'a key of the form <scenario>/<variant>', key);
    scenarios[key] = readEntry(r, entry, `scenarios["${key}"]`);
  }
  return { version: BASELINE_VERSION, suite, scenarios };
}

/** The suite's baseline, or undefined when the file does not exist. */
export function readBaseline(dir: string, suite: string): BaselineFile | undefined {
  const file = baselinePath(dir, suite);
  if (!existsSync(file)) return undefined;
  const baseline = parseBaseline(file, readFileSync(file, 'utf8'));
  if (baseline.suite !== suite) {
    new JsonReader(file).fail('suite', `\`${suite}\` (the file name)`, baseline.suite);
  }
  return baseline;
}

/** The kind of a noise.json key's metric (suite/scenario/variant/metric), from its committed baseline. */
export function metricKindIn(dir: string): (key: string) => string | undefined {
  const files = new Map<string, BaselineFile | undefined>();
  return (key) => {
    const [suite = '', scenario, variant, ...metric] = key.split('/');
    if (!files.has(suite)) files.set(suite, readBaseline(dir, suite));
    return files.get(suite)?.scenarios[`${scenario}/${variant}`]?.metrics[metric.join('/')]?.kind;
  };
}

export function writeBaseline(dir: string, baseline: BaselineFile): string {
  const file = baselinePath(dir, baseline.suite);
  const sorted = Object.fromEntries(Object.entries(baseline.scenarios).sort(([a], [b]) => a.localeCompare(b)));
  writeFileAtomic(file, `${JSON.stringify({ ...baseline, scenarios: sorted }, null, 2)}\n`);
  return file;
}
