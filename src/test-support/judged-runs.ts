/** Made-up runs for the history verdict's tests: one gated latency metric, on a testbed, added to a history. */
import type { EnvironmentFingerprint, Metric } from '../harness/result-model.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../gate/results-file.js';
import { addRun } from '../history/add-run.js';
import { emptyBenchmarkData, type BenchmarkCommit, type BenchmarkData } from '../history/benchmark-data.js';
import { FIXTURE_ENVIRONMENT, syntheticResult } from './fixture-results.js';

/** Five trials around `level`, spread ±1 %. */
export function trialsAround(level: number): number[] {
  return [0.99, 1.0, 1.01, 0.995, 1.005].map((f) => level * f);
}

export interface JudgedRunSpec {
  /** Day of December 2026 the run was measured on; also its commit and id. */
  readonly day: number;
  readonly level: number;
  readonly environment?: Partial<EnvironmentFingerprint>;
  readonly metric?: Partial<Metric>;
}

export function judgedRun(spec: JudgedRunSpec): ResultsFile {
  const date = new Date(Date.UTC(2026, 11, spec.day)).toISOString();
  const result = syntheticResult(trialsAround(spec.level));
  const metrics = result.metrics.map((m) => ({ ...m, ...spec.metric }));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: `run-${spec.day}`,
    environment: { ...FIXTURE_ENVIRONMENT, gitCommit: commitOf(spec.day), date, ...spec.environment },
    scenarios: [{ ...result, metrics }],
  };
}

export function commitOf(day: number): string {
  return `${String(day).padStart(2, '0')}${'c'.repeat(38)}`;
}

function commit(id: string): BenchmarkCommit {
  const person = { name: 'a', email: 'a@example.com' };
  return { author: person, committer: person, distinct: true, id, message: 'm', timestamp: '', tree_id: '', url: '' };
}

/** A history holding these runs, as `npm run perf:trend` adds them. */
export function historyOfRuns(runs: readonly ResultsFile[]): BenchmarkData {
  return runs.reduce(
    (data, run) => addRun(data, run, commit(run.environment.gitCommit), 0).data,
    emptyBenchmarkData('https://example.com/planebench'),
  );
}
