/**
 * `planebench compare --base <ref> [--rounds <n>] [pattern…]` — judges the
 * working tree (head) against a base commit, both measured here and now.
 * See src/compare/run-compare.ts. Exit 0: no regression; 1: a gated metric
 * regressed, a scenario or spec failed on the head, or the run broke; 2: usage.
 */
import { CompareError } from '../compare/compare-error.js';
import { COMPARE_USAGE, parseCompareArgs } from '../compare/compare-options.js';
import { runCompare } from '../compare/run-compare.js';

export async function runCompareCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${COMPARE_USAGE}\n`);
    return 0;
  }
  try {
    const outcome = await runCompare(parseCompareArgs(argv));
    return outcome.failed ? 1 : 0;
  } catch (error) {
    if (error instanceof CompareError && error.stage === 'options') {
      process.stderr.write(`planebench compare: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
