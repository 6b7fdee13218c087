/**
 * A duet run: `perf:compare` measures the base and the head in one jest run of
 * the head's specs, each trial of a scenario beside a trial of the base tree's
 * module of the same path, seconds apart, the pair's order alternating. Both
 * sides then see the same machine state, which a round of each side minutes
 * apart does not (docs/decisions.md, "Base and head trials take turns").
 *
 * The head's spec sets the workload (params, trials, env) for both; each
 * side's trial runs its own tree's child entry, loader and scenario code.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../paths.js';
import { setting } from '../settings.js';

/** Where a duet run's base results are handed over: this folder under the run's hand-off folder. */
export const BASE_HANDOFF_FOLDER = 'base';

/** The base tree of a duet run, or undefined outside one. */
export function duetBaseTree(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const tree = setting('PLANEBENCH_DUET_BASE', env);
  return tree === undefined ? undefined : path.resolve(tree);
}

/** `file` (absolute, inside `fromTree`) at the same place in `toTree`. */
export function sameFileIn(file: string, fromTree: string, toTree: string): string {
  const relative = path.relative(fromTree, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`Expected ${file} to be inside ${fromTree}`);
  }
  return path.join(toTree, relative);
}

/**
 * The base tree's module at the head module's path; undefined when the base
 * has no such file (a scenario the head adds: its metrics are new).
 */
export function baseModuleUrl(
  headModuleUrl: string,
  baseTree: string,
  headTree: string = REPO_ROOT,
): string | undefined {
  const file = sameFileIn(fileURLToPath(headModuleUrl), headTree, baseTree);
  return existsSync(file) ? pathToFileURL(file).href : undefined;
}
