/** Files the orchestrator starts as processes, resolved from this file so any cwd works. */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TSX_LOADER = createRequire(import.meta.url).resolve('tsx');
/** The orchestrator CLI entry: `node --import <tsx> <CLI_MAIN> run|worker|…`. */
export const CLI_MAIN = fileURLToPath(new URL('../cli/orchestrator/main.ts', import.meta.url));
/** test-scripts/example-task.sh: sleeps its first argument in seconds. */
export const EXAMPLE_TASK = fileURLToPath(new URL('../../test-scripts/example-task.sh', import.meta.url));
