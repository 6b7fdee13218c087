/** Where things are, resolved from this file so they work from any cwd. */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { setting } from './settings.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const require = createRequire(import.meta.url);

/** Absolute path of the tsx loader (jest's reporter, the CLI, test helpers). */
export const TSX_LOADER = require.resolve('tsx');

/**
 * The scenario child's loader: strips TypeScript types and nothing else (tsx
 * wraps every function in a naming helper, which distorts micro-benchmarks).
 */
export const SCENARIO_LOADER = fileURLToPath(new URL('./runner/ts-loader/register.mjs', import.meta.url));

/** The folder perf results go to; PLANEBENCH_RESULTS_ROOT overrides it. */
export function resultsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(setting('PLANEBENCH_RESULTS_ROOT', env) ?? path.join(process.cwd(), 'perf-results'));
}
