/** Files the orchestrator starts as processes, resolved from this file so any cwd works. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The loader orchestrator processes run under: the scenario child's types-only
 * TypeScript loader (no tsx `__name` wrappers, no source maps), so the scheduler
 * runs the JavaScript one would write by hand and its RSS carries no loader
 * (docs/decisions.md, "Orchestrator processes run under the scenario loader").
 */
export { SCENARIO_LOADER as TS_LOADER } from '../harness/paths.js';
/** The orchestrator CLI entry: `node --import <TS_LOADER> <CLI_MAIN> run|worker|…`. */
export const CLI_MAIN = fileURLToPath(new URL('../cli/orchestrator/main.ts', import.meta.url));
/** test-scripts/example-task.sh: sleeps its first argument in seconds. */
export const EXAMPLE_TASK = fileURLToPath(new URL('../../test-scripts/example-task.sh', import.meta.url));
