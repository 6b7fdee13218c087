/**
 * results.json — everything a run measured (documented in docs/results-schema.md):
 *   { schemaVersion: 1, runId, environment, scenarios: ScenarioResult[], comparison }
 */
import { readFileSync } from 'node:fs';
import type { RunComparison } from './compare-run.js';
import { JsonReader, parseJsonFile } from './json-shape.js';
import type { EnvironmentFingerprint, ScenarioResult } from '../harness/result-model.js';

export const RESULTS_SCHEMA_VERSION = 1;

/** A duet run's base side, beside its results.json (src/harness/runner/duet.ts). */
export const BASE_RESULTS_FILE = 'base-results.json';

export interface ResultsFile {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly runId: string;
  readonly environment: EnvironmentFingerprint;
  readonly scenarios: readonly ScenarioResult[];
  readonly comparison?: RunComparison;
}

/** Reads a results.json, checking the fields the gate and baselines rely on. */
export function readResultsFile(file: string): ResultsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the results (${(error as Error).message}); run \`npm test -- perf\` first`, {
      cause: error,
    });
  }
  const r = new JsonReader(file);
  const root = r.object(parseJsonFile(file, text), '(root)');
  if (root['schemaVersion'] !== RESULTS_SCHEMA_VERSION)
    r.fail('schemaVersion', `${RESULTS_SCHEMA_VERSION}`, root['schemaVersion']);
  r.object(root['environment'], 'environment');
  if (!Array.isArray(root['scenarios'])) r.fail('scenarios', 'an array', root['scenarios']);
  (root['scenarios'] as unknown[]).forEach((s, i) => {
    const o = r.object(s, `scenarios[${i}]`);
    for (const key of ['suite', 'scenario', 'variant', 'profile', 'state'] as const)
      r.string(o[key], `scenarios[${i}].${key}`);
    if (!Array.isArray(o['metrics'])) r.fail(`scenarios[${i}].metrics`, 'an array', o['metrics']);
  });
  return root as unknown as ResultsFile;
}
