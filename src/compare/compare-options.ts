/**
 * Options of `planebench compare`, resolved once:
 *   --base <ref>      the commit to compare with (required), e.g. origin/main or HEAD~1
 *   --rounds <n>      rounds of both sides (default 2)
 *   --interleave <u>  what takes turns: `trials` (default; one jest run of the head's specs per
 *                     round, each base trial beside a head trial) or `rounds` (a jest run of
 *                     each side's own specs in turn, A B A B …)
 *   --budget <min>    wall-time budget of the whole comparison, fixed rounds included: after
 *                     them, scenarios with an undecided gated metric are measured again (both
 *                     sides, at most 3 times each) while what is left of it lasts (default 25)
 *   --keep-worktree   leave the base worktree in place (for debugging)
 *   [pattern…]        jest path patterns for a subset of perf specs (e.g. harness)
 * The profile comes from PERF_PROFILE; the output goes to <results root>/compare/.
 */
import path from 'node:path';
import { resultsRoot } from '../harness/paths.js';
import { resolveProfile, type ProfileName } from '../harness/profile.js';
import { typedNumber } from '../lib/typed-number.js';
import { expectedMessage, validators } from '../lib/validate.js';
import { CompareError } from './compare-error.js';

export const COMPARE_USAGE =
  'usage: planebench compare --base <git ref> [--rounds <n>] [--interleave trials|rounds] [--budget <minutes>] [--keep-worktree] [spec path pattern…]';

export const DEFAULT_ROUNDS = 2;
export const MAX_ROUNDS = 20;
export const DEFAULT_BUDGET_MIN = 25;

/** What takes turns between base and head (src/harness/runner/duet.ts). */
export type Interleave = 'trials' | 'rounds';
export const INTERLEAVES: readonly Interleave[] = ['trials', 'rounds'];

export interface ResolvedCompareOptions {
  readonly baseRef: string;
  readonly rounds: number;
  readonly interleave: Interleave;
  readonly patterns: readonly string[];
  readonly profile: ProfileName;
  /** The repository and head working tree. */
  readonly repoDir: string;
  /** Where report.md, results.json and the rounds go. */
  readonly outDir: string;
  readonly keepWorktree: boolean;
  /** Wall time the comparison may take before it stops measuring undecided scenarios again, ms. */
  readonly budgetMs: number;
}

/** The validator family (src/lib/validate.ts), failing with an options CompareError. */
const checkOption = validators((field, rule, value) => {
  throw new CompareError('options', expectedMessage(field, rule, value));
});

export function parseRounds(raw: string | undefined): number {
  return typedNumber(checkOption, raw ?? '', (v, n) => v.integerInRange('--rounds', n, 1, MAX_ROUNDS, 'rounds'));
}

export function parseBudgetMinutes(raw: string): number {
  return typedNumber(checkOption, raw, (v, n) => v.nonNegativeNumber('--budget', n, 'minutes'));
}

export function parseInterleave(raw: string): Interleave {
  return checkOption.oneOf('--interleave', raw, INTERLEAVES);
}

export function parseCompareArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): ResolvedCompareOptions {
  let baseRef: string | undefined;
  let rounds = DEFAULT_ROUNDS;
  let interleave: Interleave = 'trials';
  let keepWorktree = false;
  let budgetMs = DEFAULT_BUDGET_MIN * 60_000;
  const patterns: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '--base' || flag === '--rounds' || flag === '--budget' || flag === '--interleave') {
      const value = inline ?? argv[i + 1];
      if (inline === undefined) i += 1;
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new CompareError(
          'options',
          `${expectedMessage(flag, 'followed by a value', value ?? '')}\n${COMPARE_USAGE}`,
        );
      }
      if (flag === '--base') baseRef = value;
      else if (flag === '--budget') budgetMs = parseBudgetMinutes(value) * 60_000;
      else if (flag === '--interleave') interleave = parseInterleave(value);
      else rounds = parseRounds(value);
    } else if (flag === '--keep-worktree') {
      keepWorktree = true;
    } else if (flag.startsWith('-')) {
      throw new CompareError('options', `Unknown option \`${flag}\` for \`planebench compare\`\n${COMPARE_USAGE}`);
    } else {
      patterns.push(flag);
    }
  }
  if (!baseRef)
    throw new CompareError('options', `Expected \`--base\` to name a git ref, got nothing\n${COMPARE_USAGE}`);
  return {
    baseRef,
    rounds,
    interleave,
    patterns,
    profile: resolveProfile(env),
    repoDir: cwd,
    outDir: path.join(resultsRoot(env), 'compare'),
    keepWorktree,
    budgetMs,
  };
}
