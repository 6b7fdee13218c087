/**
 * Adds one perf run (a results.json) to the trend history, as
 * github-action-benchmark would: its benchmark files become one run per
 * direction suite. A run already in the history (same commit and date) is
 * not added twice. Each run also keeps its id, testbed and per gated metric
 * its trial values (src/history/gate-records.ts), for the history verdict.
 */
import type { Direction } from '../harness/metric-kinds.js';
import { gateRecords, runFields, withGateRecords } from './gate-records.js';
import { toBenchmarkFiles } from './benchmark-action.js';
import type { ResultsFile } from '../gate/results-file.js';
import type { BenchmarkCommit, BenchmarkData, BenchmarkRun } from './benchmark-data.js';
import { benchmarkTool, trendSuiteName } from './trend-suites.js';

export interface AddRunOutcome {
  readonly data: BenchmarkData;
  /** False when the run was already in the history or measured nothing. */
  readonly added: boolean;
}

export function runDateMs(results: ResultsFile): number {
  const ms = Date.parse(results.environment.date);
  if (!Number.isFinite(ms)) {
    throw new Error(
      `Expected \`environment.date\` of run ${results.runId} to be an ISO date, got \`${results.environment.date}\``,
    );
  }
  return ms;
}

export function addRun(
  data: BenchmarkData,
  results: ResultsFile,
  commit: BenchmarkCommit,
  nowMs: number,
): AddRunOutcome {
  const date = runDateMs(results);
  const files = toBenchmarkFiles(results.scenarios);
  const records = gateRecords(results);
  const entries: Record<string, readonly BenchmarkRun[]> = { ...data.entries };
  let added = false;
  for (const [direction, benches] of [
    ['smaller', files.smaller],
    ['bigger', files.bigger],
  ] as const satisfies readonly (readonly [Direction, unknown])[]) {
    if (benches.length === 0) continue;
    const suite = trendSuiteName(results.environment.profile, direction);
    const runs = entries[suite] ?? [];
    if (runs.some((r) => r.date === date && r.commit.id === commit.id)) continue;
    const run: BenchmarkRun = {
      commit,
      date,
      tool: benchmarkTool(direction),
      benches: withGateRecords(benches, records),
      ...runFields(results),
    };
    entries[suite] = [...runs, run].sort((a, b) => a.date - b.date);
    added = true;
  }
  return { data: added ? { ...data, lastUpdate: nowMs, entries } : data, added };
}
