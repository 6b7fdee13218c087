/**
 * The data.js that github-action-benchmark keeps on the Pages branch, and
 * that `npm run perf:trend` keeps locally in the same shape:
 *   window.BENCHMARK_DATA = { lastUpdate, repoUrl, entries: { <suite>: BenchmarkRun[] } }
 * A suite is one `name:` of the action (here one per profile and direction);
 * a run is one commit's benches, oldest first.
 *
 * Runs recorded by planebench also carry what the history verdict needs
 * (src/history/judge-run.ts): the run's id and testbed, and per gated metric
 * its trial values and rules (`gate`). These fields are optional: runs
 * without them (older ones, or the action's before they are recorded) load
 * and are drawn, but are no reference for a verdict.
 */
import { METRIC_STATS } from '../gate/baseline-file.js';
import { JsonReader, parseJsonFile } from '../gate/json-shape.js';
import type { NoiseThreshold } from '../harness/metric-kinds.js';
import type { MetricStat } from '../harness/result-model.js';
import type { Testbed } from '../harness/testbed.js';
import type { BenchmarkEntry } from './benchmark-action.js';

export const DATA_JS_PREFIX = 'window.BENCHMARK_DATA = ';

export interface BenchmarkPerson {
  readonly name: string;
  readonly email: string;
  readonly username?: string;
}

export interface BenchmarkCommit {
  readonly author: BenchmarkPerson;
  readonly committer: BenchmarkPerson;
  readonly distinct: boolean;
  /** Full commit sha. */
  readonly id: string;
  readonly message: string;
  /** ISO 8601 commit time. */
  readonly timestamp: string;
  readonly tree_id: string;
  readonly url: string;
}

export type BenchmarkTool = 'customSmallerIsBetter' | 'customBiggerIsBetter';

/** What the gate needs of one metric of a run: its rules as the run's spec had them, and its trial values. */
export interface GateRecord {
  /** A kind of src/harness/metric-kinds.ts when recorded; one unknown to this version makes the record no reference. */
  readonly kind: string;
  readonly stat: MetricStat;
  readonly gated: boolean;
  readonly noise: NoiseThreshold;
  readonly trials: readonly number[];
}

export interface HistoryBench extends BenchmarkEntry {
  /** Present on the metrics the gate judges, in runs planebench recorded. */
  readonly gate?: GateRecord;
}

export interface BenchmarkRun {
  readonly commit: BenchmarkCommit;
  /** When the run was measured, ms since the epoch. */
  readonly date: number;
  /** Ours are BenchmarkTool; the action's other tools (`go`, `cargo`, …) may share a data.js. */
  readonly tool: string;
  readonly benches: readonly HistoryBench[];
  /** The results.json runId; the same in every suite the run went to. */
  readonly runId?: string;
  /** The machine class the run was measured on (src/harness/testbed.ts). */
  readonly testbed?: Testbed;
}

export interface BenchmarkData {
  /** ms since the epoch. */
  readonly lastUpdate: number;
  readonly repoUrl: string;
  readonly entries: Readonly<Record<string, readonly BenchmarkRun[]>>;
}

export function emptyBenchmarkData(repoUrl: string): BenchmarkData {
  return { lastUpdate: 0, repoUrl, entries: {} };
}

export function formatBenchmarkDataJs(data: BenchmarkData): string {
  return `${DATA_JS_PREFIX}${JSON.stringify(data, null, 2)}\n`;
}

function checkTestbed(r: JsonReader, raw: unknown, field: string): void {
  const t = r.object(raw, field);
  r.string(t['cpuModel'], `${field}.cpuModel`);
  r.number(t['cores'], `${field}.cores`);
  r.number(t['nodeMajor'], `${field}.nodeMajor`);
}

function checkGateRecord(r: JsonReader, raw: unknown, field: string): void {
  const g = r.object(raw, field);
  // A kind this version does not know (renamed since) is not an error here; such a record is no reference.
  r.string(g['kind'], `${field}.kind`);
  r.oneOf(g['stat'], `${field}.stat`, METRIC_STATS);
  r.boolean(g['gated'], `${field}.gated`);
  const noise = r.object(g['noise'], `${field}.noise`);
  r.number(noise['relative'], `${field}.noise.relative`);
  r.number(noise['absolute'], `${field}.noise.absolute`);
  r.numbers(g['trials'], `${field}.trials`);
}

/** Parses a data.js, checking the fields the trend page draws from; errors name the file and field. */
export function parseBenchmarkDataJs(text: string, file: string): BenchmarkData {
  const trimmed = text.trim();
  if (!trimmed.startsWith(DATA_JS_PREFIX.trim())) {
    new JsonReader(file).fail(
      '(whole file)',
      `a script starting with \`${DATA_JS_PREFIX.trim()}\``,
      trimmed.slice(0, 40),
    );
  }
  const json = trimmed.slice(DATA_JS_PREFIX.trim().length).trim().replace(/;$/, '');
  const r = new JsonReader(file);
  const root = r.object(parseJsonFile(file, json), '(root)');
  r.number(root['lastUpdate'], 'lastUpdate');
  if (typeof root['repoUrl'] !== 'string') r.fail('repoUrl', 'a string', root['repoUrl']);
  const entries = r.object(root['entries'], 'entries');
  for (const [suite, runs] of Object.entries(entries)) {
    if (!Array.isArray(runs)) r.fail(`entries.${suite}`, 'an array of runs', runs);
    (runs as unknown[]).forEach((run, i) => {
      const field = `entries.${suite}[${i}]`;
      const o = r.object(run, field);
      r.number(o['date'], `${field}.date`);
      r.string(r.object(o['commit'], `${field}.commit`)['id'], `${field}.commit.id`);
      if (!Array.isArray(o['benches'])) r.fail(`${field}.benches`, 'an array', o['benches']);
      if (o['runId'] !== undefined) r.string(o['runId'], `${field}.runId`);
      if (o['testbed'] !== undefined) checkTestbed(r, o['testbed'], `${field}.testbed`);
      (o['benches'] as unknown[]).forEach((b, j) => {
        const bench = r.object(b, `${field}.benches[${j}]`);
        r.string(bench['name'], `${field}.benches[${j}].name`);
        r.string(bench['unit'], `${field}.benches[${j}].unit`);
        r.number(bench['value'], `${field}.benches[${j}].value`);
        if (bench['gate'] !== undefined) checkGateRecord(r, bench['gate'], `${field}.benches[${j}].gate`);
      });
    });
  }
  return root as unknown as BenchmarkData;
}
