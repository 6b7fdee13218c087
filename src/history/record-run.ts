/**
 * Records a run in a trend history that github-action-benchmark keeps: the
 * action stores only each bench's name, value, unit, range and extra, so
 * after it has added the run (one entry per direction suite, for the run's
 * commit) this adds what the history verdict needs — the run's id and
 * testbed, and the gate records of its metrics (src/history/gate-records.ts),
 * with a bench of their own for recorded metrics the action's files leave out
 * (the machine-speed reference). When the action added no entry for the
 * commit, the run is added whole (src/history/add-run.ts).
 */
import type { Direction } from '../harness/metric-kinds.js';
import { toBenchmarkFiles } from './benchmark-action.js';
import type { ResultsFile } from '../gate/results-file.js';
import { addRun } from './add-run.js';
import type { BenchmarkCommit, BenchmarkData, BenchmarkRun } from './benchmark-data.js';
import { trendSuiteName } from './trend-suites.js';
import { gateRecords, recordedOnPages, runFields, withGateRecords } from './gate-records.js';

export interface RecordOutcome {
  readonly data: BenchmarkData;
  /** `recorded`: on the action's entries; `added`: as a run of its own; `already`: the history had it. */
  readonly how: 'recorded' | 'added' | 'already';
}

export function recordRun(
  data: BenchmarkData,
  results: ResultsFile,
  commit: () => BenchmarkCommit,
  nowMs: number,
): RecordOutcome {
  const files = toBenchmarkFiles(results.scenarios);
  const records = gateRecords(results);
  const entries: Record<string, readonly BenchmarkRun[]> = { ...data.entries };
  let recorded = false;
  let already = false;
  for (const direction of ['smaller', 'bigger'] as const satisfies readonly Direction[]) {
    const suite = trendSuiteName(results.environment.profile, direction);
    const runs = entries[suite] ?? [];
    if (runs.some((r) => r.runId === results.runId)) {
      already = true;
      continue;
    }
    const at = runs.findLastIndex((r) => r.commit.id === results.environment.gitCommit && r.runId === undefined);
    if (at < 0) continue;
    const run = runs[at] as BenchmarkRun;
    const names = new Set(run.benches.map((b) => b.name));
    const missing = files[direction].filter((b) => {
      const record = records.get(b.name);
      return (
        record &&
        !names.has(b.name) &&
        recordedOnPages({ name: b.name.slice(b.name.lastIndexOf('/') + 1), gated: record.gated })
      );
    });
    const benches = withGateRecords([...run.benches, ...missing], records);
    entries[suite] = runs.map((r, i) => (i === at ? { ...run, benches, ...runFields(results) } : r));
    recorded = true;
  }
  if (recorded) return { data: { ...data, lastUpdate: nowMs, entries }, how: 'recorded' };
  if (already) return { data, how: 'already' };
  return { data: addRun(data, results, commit(), nowMs).data, how: 'added' };
}
