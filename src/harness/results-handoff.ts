/**
 * How perf specs hand results to the jest reporter: one JSON file per
 * scenario result in the run's folder. The reporter names the folder in
 * PLANEBENCH_RUN_DIR when the run starts.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resultsRoot } from './paths.js';
import type { ScenarioResult } from './result-model.js';
import { setting, type SettingName } from './settings.js';

export const RUN_DIR_VARIABLE = 'PLANEBENCH_RUN_DIR' satisfies SettingName;

export function runDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return setting(RUN_DIR_VARIABLE, env) ?? path.join(resultsRoot(env), '.incoming');
}

export function handoffFileName(result: Pick<ScenarioResult, 'suite' | 'scenario' | 'variant'>): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return `${safe(result.suite)}--${safe(result.scenario)}--${safe(result.variant)}.json`;
}

/** Writes a result where the reporter will find it (atomically: temp file, then rename). */
export function handOverResult(result: ScenarioResult, dir = runDirectory()): string {
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, handoffFileName(result));
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(result));
  renameSync(temp, target);
  return target;
}

/** File names of the results handed over in `dir` so far, sorted (none if it does not exist). */
export function handedOverFileNames(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

/** Every result handed over in `dir`, sorted by suite, scenario and variant. */
export function collectHandedOverResults(dir: string): ScenarioResult[] {
  return handedOverFileNames(dir).map((name) => {
    const file = path.join(dir, name);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as ScenarioResult;
    } catch (error) {
      throw new Error(`Result file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  });
}
