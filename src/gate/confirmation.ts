/**
 * A regression must reproduce before it fails the build. When the gate finds
 * gated regressions and nothing else failed, the reporter writes a request
 * naming the perf spec files that produced them; `npm test` (scripts/jest.mjs)
 * then runs those files once more with PLANEBENCH_CONFIRM_OF pointing at the
 * first run's results.json, and that run's reporter pools each re-measured
 * scenario's trials with the first run's (each trial is an independent
 * process, so a second run just adds trials) and judges the whole run again.
 *
 * A real regression is slow in both runs and stays regressed with twice the
 * trials; a slow stretch of a shared machine during one run is outvoted by the
 * other run's trials (docs/decisions.md, "A regression must reproduce").
 *
 * The request file (perf-results/.confirm-request.json) is read by the plain
 * JavaScript wrapper, so its shape is kept small:
 *   { "results": "<first run's results.json>", "testFiles": ["<abs path>", …],
 *     "regressions": ["suite/scenario/variant metric", …] }
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { poolRounds } from './pool-rounds.js';
import { JsonReader, parseJsonFile } from './json-shape.js';
import { scenarioId, type ScenarioResult } from '../harness/result-model.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import type { SettingName } from '../harness/settings.js';

/** Set on the confirmation run: the first run's results.json. */
export const CONFIRM_OF_VARIABLE = 'PLANEBENCH_CONFIRM_OF' satisfies SettingName;

/** In the results root: written by the reporter (which clears it as every run starts), read by scripts/jest.mjs. */
export const CONFIRM_REQUEST_FILE = '.confirm-request.json';

export interface ConfirmRequest {
  /** The first run's results.json. */
  readonly results: string;
  /** The spec files behind its gated regressions, to run once more. */
  readonly testFiles: readonly string[];
  readonly regressions: readonly string[];
}

export function confirmRequestPath(resultsDir: string): string {
  return path.join(resultsDir, CONFIRM_REQUEST_FILE);
}

export function writeConfirmRequest(resultsDir: string, request: ConfirmRequest): string {
  const file = confirmRequestPath(resultsDir);
  writeFileAtomic(file, `${JSON.stringify(request, null, 1)}\n`);
  return file;
}

export function clearConfirmRequest(resultsDir: string): void {
  rmSync(confirmRequestPath(resultsDir), { force: true });
}

/**
 * The request in `resultsDir`, or undefined when there is none. A malformed
 * one throws an error naming the file and the field.
 */
export function readConfirmRequest(resultsDir: string): ConfirmRequest | undefined {
  const file = confirmRequestPath(resultsDir);
  if (!existsSync(file)) return undefined;
  const r = new JsonReader(file);
  const request = r.object(parseJsonFile(file, readFileSync(file, 'utf8')), '(whole file)');
  return {
    results: r.string(request['results'], 'results'),
    testFiles: r.strings(request['testFiles'], 'testFiles'),
    regressions: r.strings(request['regressions'], 'regressions'),
  };
}

export interface PooledRun {
  readonly results: ScenarioResult[];
  /** Scenario ids whose trials come from both runs. */
  readonly remeasured: ReadonlySet<string>;
}

/**
 * The first run's results with every scenario the confirmation re-measured
 * replaced by both runs' trials pooled; scenarios only the confirmation ran
 * are added as they are.
 */
export function poolConfirmation(first: readonly ScenarioResult[], again: readonly ScenarioResult[]): PooledRun {
  const againById = new Map(again.map((r) => [scenarioId(r), r]));
  const remeasured = new Set<string>();
  const results = first.map((r) => {
    const second = againById.get(scenarioId(r));
    if (!second) return r;
    remeasured.add(scenarioId(r));
    return poolRounds([[r], [second]])[0] as ScenarioResult;
  });
  const firstIds = new Set(first.map(scenarioId));
  for (const r of again) if (!firstIds.has(scenarioId(r))) results.push(r);
  return { results, remeasured };
}
