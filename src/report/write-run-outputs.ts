/**
 * Writes a run's files into perf-results/<runId>/ and mirrors them into
 * perf-results/latest/: results.json, report.md (the pull-request comment),
 * summary.md (the job summary: every metric), benchmark-smaller.json,
 * benchmark-bigger.json, and specs.json (which spec file measured each
 * scenario, for the re-runs of `planebench compare`); in a duet run also
 * base-results.json, the base tree's trials measured beside the run's.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { RunComparison } from '../gate/compare-run.js';
import type { EnvironmentFingerprint, ScenarioResult } from '../harness/result-model.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { toBenchmarkFiles } from '../history/benchmark-action.js';
import type { Distribution } from './distribution-chart.js';
import { renderMarkdownReport } from './markdown-report.js';
import { BASE_RESULTS_FILE, RESULTS_SCHEMA_VERSION, type ResultsFile } from '../gate/results-file.js';

/** suite/scenario/variant → absolute path of the perf spec that measured it. */
export const SPECS_FILE = 'specs.json';

export interface RunOutputExtras {
  /** suite/scenario/variant → the spec file that measured it. */
  readonly specs?: Readonly<Record<string, string>>;
  readonly distributions?: ReadonlyMap<string, Distribution>;
  /** A duet run's base results; none outside one. */
  readonly baseResults?: readonly ScenarioResult[];
}

export interface RunOutputs {
  readonly runDir: string;
  readonly latestDir: string;
  readonly files: readonly string[];
}

export function writeRunOutputs(
  root: string,
  runId: string,
  environment: EnvironmentFingerprint,
  results: readonly ScenarioResult[],
  comparison: RunComparison,
  extras: RunOutputExtras = {},
): RunOutputs {
  const { specs = {}, distributions = new Map<string, Distribution>(), baseResults = [] } = extras;
  const runDir = path.join(root, runId);
  mkdirSync(runDir, { recursive: true });
  const resultsFile: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    environment,
    scenarios: results,
    comparison,
  };
  const bench = toBenchmarkFiles(results, { gatedOnly: true });
  const contents: Record<string, string> = {
    'results.json': `${JSON.stringify(resultsFile, null, 1)}\n`,
    'report.md': renderMarkdownReport(comparison, environment, { distributions }),
    'summary.md': renderMarkdownReport(comparison, environment, { audience: 'summary', distributions }),
    'benchmark-smaller.json': `${JSON.stringify(bench.smaller, null, 1)}\n`,
    'benchmark-bigger.json': `${JSON.stringify(bench.bigger, null, 1)}\n`,
    [SPECS_FILE]: `${JSON.stringify(specs, null, 1)}\n`,
  };
  if (baseResults.length > 0) {
    const baseFile: ResultsFile = { schemaVersion: RESULTS_SCHEMA_VERSION, runId, environment, scenarios: baseResults };
    contents[BASE_RESULTS_FILE] = `${JSON.stringify(baseFile, null, 1)}\n`;
  }
  for (const [name, text] of Object.entries(contents)) writeFileAtomic(path.join(runDir, name), text);
  const latestDir = path.join(root, 'latest');
  const staging = path.join(root, `.latest-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  cpSync(runDir, staging, { recursive: true });
  rmSync(latestDir, { recursive: true, force: true });
  cpSync(staging, latestDir, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  return { runDir, latestDir, files: Object.keys(contents).map((n) => path.join(latestDir, n)) };
}
