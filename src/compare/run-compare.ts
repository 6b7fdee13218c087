/**
 * `npm run perf:compare -- --base <ref>`: checks out the base and the head
 * (HEAD with the working tree's uncommitted changes) in two git worktrees of
 * the same kind, measures both on this machine — by default in one jest run
 * per round whose trials take turns (src/harness/runner/duet.ts), or whole
 * runs of each side in turn (A B A B …) — pools each side's trials over the
 * rounds, judges head against base with the gate's verdict rules and the
 * base's noise calibration, measures undecided scenarios again while the
 * budget lasts, and writes
 * <results>/compare/: report.md (the comment), summary.md (every metric),
 * results.json (head, with the comparison), base-results.json,
 * benchmark-smaller.json / benchmark-bigger.json (head) and rounds/.
 * Both worktrees are removed afterwards, also on failure or interrupt.
 */
import { setting } from '../harness/settings.js';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadCalibration, type RunComparison } from '../gate/compare-run.js';
import type { NoiseCalibration } from '../gate/noise-calibration.js';
import { scenarioId, type ScenarioResult } from '../harness/result-model.js';
import { undecidedScenarios, type ReachableTrials } from '../gate/undecided.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { toBenchmarkFiles } from '../history/benchmark-action.js';
import { regressionDistributions } from '../report/distribution-chart.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../gate/results-file.js';
import { createWorktree, type WorktreeOptions } from './base-worktree.js';
import { CompareError } from './compare-error.js';
import type { Interleave, ResolvedCompareOptions } from './compare-options.js';
import { compareSides, type SidesMeasured } from '../gate/compare-sides.js';
import { changedSince, headFacts, resolveCommit, type HeadFacts } from './git.js';
import { poolRounds } from '../gate/pool-rounds.js';
import { runPerfRound, type RoundOutcome, type RoundRunner, type Side } from './perf-round.js';
import { renderCompareConsole, renderCompareMarkdown, type CompareSummary } from './render-compare.js';
import { escapeRegExp } from '../lib/escape-regexp.js';

export interface CompareDeps {
  readonly runRound?: RoundRunner;
  readonly install?: WorktreeOptions['install'];
  readonly print?: (text: string) => void;
  /** Abort on SIGINT/SIGTERM (default true; tests pass false). */
  readonly handleSignals?: boolean;
}

export interface CompareOutcome {
  readonly comparison: RunComparison;
  readonly summary: CompareSummary;
  readonly rounds: readonly Measured[];
  readonly head: HeadFacts;
  readonly failed: boolean;
  readonly outDir: string;
  readonly reportFile: string;
}

export const RUN_ORDER: readonly Side[] = ['base', 'head'];

/**
 * The measuring kit: in a duet round the head's copy runs the base's trials
 * and aggregates them, so a head that changes it would judge by rules it
 * wrote. Then each side measures with its own, in rounds.
 */
export const MEASURING_KIT = ['src/harness', 'scripts/jest.mjs', 'jest.config.ts'];

/** Unit tests of the kit and their fixtures run no trial: changing them is no change of the kit. */
function measures(file: string): boolean {
  return !file.endsWith('.test.ts') && !file.split('/').includes('fixtures');
}

/** Trials take turns unless the head changes the measuring kit (then whole rounds, each side's own kit). */
function effectiveInterleave(
  options: ResolvedCompareOptions,
  baseSha: string,
  print: (text: string) => void,
): Interleave {
  if (options.interleave !== 'trials') return options.interleave;
  const changed = changedSince(options.repoDir, baseSha, MEASURING_KIT).filter(measures);
  if (changed.length === 0) return 'trials';
  const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? `, … (${changed.length} files)` : '');
  print(
    `planebench compare: the head changes the measuring kit (${shown}): each side measures with its own, in rounds A B A B …\n`,
  );
  return 'rounds';
}

/** A round takes longer than its scenarios: jest, the quiet-CPU wait, process start-up. */
const ROUND_OVERHEAD = 1.3;
/**
 * Extra rounds a scenario gets while undecided. One that more data has not settled by then
 * sits near its threshold and is reported as it stands (docs/decisions.md, "Adaptive rounds
 * give up on a scenario").
 */
export const MAX_EXTRA_ROUNDS = 3;

function logTail(file: string, lines = 25): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function withAbortOnSignals<T>(enabled: boolean, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  if (enabled) for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, onSignal);
  return body(controller.signal).finally(() => {
    if (enabled) for (const s of ['SIGINT', 'SIGTERM'] as const) process.off(s, onSignal);
  });
}

function trialsRange(results: readonly ScenarioResult[]): readonly [number, number] {
  const counts = results.map((r) => r.trialCount);
  return counts.length === 0 ? [0, 0] : [Math.min(...counts), Math.max(...counts)];
}

type Measured = Extract<RoundOutcome, { state: 'measured' }>;

/** Where each side runs: two worktrees, the head's with the working tree's changes. */
interface Trees {
  readonly base: string;
  readonly head: string;
}

interface RoundPlan {
  readonly round: number;
  /** Jest path patterns of this round: the options' for the fixed rounds, the undecided specs' after. */
  readonly patterns: readonly string[];
  readonly label: string;
}

interface SideRun {
  readonly side: Side;
  readonly cwd: string;
  /** The round's folder under rounds/. */
  readonly folder: string;
  readonly duetBase?: string;
}

/** One jest run of the head's specs whose trials take turns with the base's, or a run of each side in turn. */
function sideRuns(round: number, interleave: Interleave, trees: Trees): SideRun[] {
  if (interleave === 'trials')
    return [{ side: 'head', cwd: trees.head, folder: `${round}-duet`, duetBase: trees.base }];
  return RUN_ORDER.map((side) => ({
    side,
    cwd: side === 'base' ? trees.base : trees.head,
    folder: `${round}-${side}`,
  }));
}

/** A duet round's outcome as the two sides it measured (base first). */
function asSides(outcome: Measured): Measured[] {
  if (!outcome.baseResults) return [outcome];
  const { baseResults, ...head } = outcome;
  // The base's spec assertions did not run: only the head's specs did.
  return [
    { ...head, side: 'base', results: baseResults, failedTests: 0, passedTests: 0, duet: true },
    { ...head, duet: true },
  ];
}

async function runRound(
  plan: RoundPlan,
  options: ResolvedCompareOptions,
  trees: Trees,
  runner: RoundRunner,
  print: (text: string) => void,
  signal: AbortSignal,
): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const run of sideRuns(plan.round, options.interleave, trees)) {
    if (signal.aborted) throw new CompareError('round', 'interrupted');
    const outcome = await runner({
      side: run.side,
      round: plan.round,
      cwd: run.cwd,
      resultsRoot: path.join(options.outDir, 'rounds', run.folder),
      patterns: plan.patterns,
      profile: options.profile,
      ...(run.duetBase ? { duetBase: run.duetBase } : {}),
      signal,
    });
    const seconds = (outcome.durationMs / 1000).toFixed(1);
    const what = run.duetBase ? 'base and head, trials in turns' : run.side;
    if (outcome.state === 'no-results') {
      if (signal.aborted) throw new CompareError('round', 'interrupted');
      const tail = logTail(outcome.logFile);
      throw new CompareError(
        'round',
        `round ${plan.round} ${what}: ${outcome.reason} (log: ${outcome.logFile})${tail ? `\n--- log (tail) ---\n${tail}` : ''}`,
      );
    }
    const scenarios = outcome.results.scenarios.length;
    const specs = `${outcome.passedTests} spec(s) passed${outcome.failedTests > 0 ? `, ${outcome.failedTests} failed` : ''}`;
    print(`planebench compare: round ${plan.label} ${what}: ${scenarios} scenario(s), ${specs}, ${seconds} s\n`);
    measured.push(...asSides(outcome));
  }
  return measured;
}

/** Trials in turns are twins: each base trial measured seconds from the head trial of the same index. */
function measuredAs(interleave: Interleave): SidesMeasured {
  return { mode: 'interleaved', paired: interleave === 'trials' };
}

function pooledSides(rounds: readonly Measured[]): { base: ScenarioResult[]; head: ScenarioResult[] } {
  const of = (side: Side): ScenarioResult[] =>
    poolRounds(rounds.filter((r) => r.side === side).map((r) => r.results.scenarios));
  return { base: of('base'), head: of('head') };
}

/** Jest patterns for the spec files behind `scenarioIds`, relative to the tree; undefined when one is unknown. */
function specPatterns(
  rounds: readonly Measured[],
  scenarioIds: readonly string[],
  repoDir: string,
): string[] | undefined {
  const specs = new Set<string>();
  for (const id of scenarioIds) {
    const spec = rounds.findLast((r) => r.side === 'head' && r.specs[id] !== undefined)?.specs[id];
    if (spec === undefined) return undefined;
    specs.add(escapeRegExp(path.relative(repoDir, spec)));
  }
  return [...specs].sort();
}

/** Wall time of one side of a round of these scenarios, from what they took so far (the slowest round). */
function estimateRoundMs(rounds: readonly Measured[], scenarioIds: ReadonlySet<string>): number {
  let most = 0;
  for (const r of rounds) {
    const ms = r.results.scenarios.filter((x) => scenarioIds.has(scenarioId(x))).reduce((n, x) => n + x.durationMs, 0);
    most = Math.max(most, ms);
  }
  return most;
}

/**
 * The head trials each scenario can have once its remaining extra rounds ran:
 * what it has, plus its last round's trial count for each round left.
 */
function reachableTrials(rounds: readonly Measured[], extraRounds: ReadonlyMap<string, number>): ReachableTrials {
  const have = new Map<string, number>();
  const perRound = new Map<string, number>();
  for (const r of rounds) {
    if (r.side !== 'head') continue;
    for (const s of r.results.scenarios) {
      const id = scenarioId(s);
      have.set(id, (have.get(id) ?? 0) + s.trialCount);
      perRound.set(id, s.trialCount);
    }
  }
  return (id) => (have.get(id) ?? 0) + (perRound.get(id) ?? 0) * (MAX_EXTRA_ROUNDS - (extraRounds.get(id) ?? 0));
}

/**
 * The fixed rounds, then — while some metric is undecided (../gate/undecided.ts)
 * and the budget allows another round of its scenarios — rounds of just those specs.
 */
async function runRounds(
  options: ResolvedCompareOptions,
  trees: Trees,
  runner: RoundRunner,
  print: (text: string) => void,
  signal: AbortSignal,
  judgeSides: (rounds: readonly Measured[]) => RunComparison,
): Promise<Measured[]> {
  const started = Date.now();
  const measured: Measured[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    const plan = { round, patterns: options.patterns, label: `${round}/${options.rounds}` };
    measured.push(...(await runRound(plan, options, trees, runner, print, signal)));
  }
  const extraRounds = new Map<string, number>();
  for (let round = options.rounds + 1; ; round += 1) {
    const undecided = undecidedScenarios(judgeSides(measured), reachableTrials(measured, extraRounds));
    const again = undecided.filter((id) => (extraRounds.get(id) ?? 0) < MAX_EXTRA_ROUNDS);
    const givenUp = undecided.filter((id) => !again.includes(id));
    if (givenUp.length > 0) {
      print(
        `planebench compare: still undecided after ${MAX_EXTRA_ROUNDS} extra rounds, not measured again: ${givenUp.join(', ')}\n`,
      );
    }
    if (again.length === 0) break;
    const patterns = specPatterns(measured, again, trees.head);
    const needMs = 2 * estimateRoundMs(measured, new Set(again)) * ROUND_OVERHEAD;
    const leftMs = options.budgetMs - (Date.now() - started);
    if (!patterns || needMs > leftMs) {
      print(
        `planebench compare: ${again.length} scenario(s) still undecided; ` +
          (patterns
            ? `another round needs ~${Math.round(needMs / 60_000)} min, ${Math.max(0, Math.round(leftMs / 60_000))} min of the budget left\n`
            : 'their spec files are unknown, so they cannot be measured again\n'),
      );
      break;
    }
    print(`planebench compare: undecided, measured again: ${again.join(', ')}\n`);
    for (const id of again) extraRounds.set(id, (extraRounds.get(id) ?? 0) + 1);
    const plan = { round, patterns, label: `${round} (undecided only)` };
    measured.push(...(await runRound(plan, options, trees, runner, print, signal)));
  }
  return measured;
}

function writeOutputs(
  outDir: string,
  base: readonly ScenarioResult[],
  head: readonly ScenarioResult[],
  last: ResultsFile,
  comparison: RunComparison,
  markdown: { readonly comment: string; readonly summary: string },
): string {
  const runId = `compare-${last.runId}`;
  const headFile: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    environment: last.environment,
    scenarios: head,
    comparison,
  };
  const baseFile: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    environment: last.environment,
    scenarios: base,
  };
  const bench = toBenchmarkFiles(head, { gatedOnly: true });
  writeFileAtomic(path.join(outDir, 'results.json'), `${JSON.stringify(headFile, null, 1)}\n`);
  writeFileAtomic(path.join(outDir, 'base-results.json'), `${JSON.stringify(baseFile, null, 1)}\n`);
  writeFileAtomic(path.join(outDir, 'benchmark-smaller.json'), `${JSON.stringify(bench.smaller, null, 1)}\n`);
  writeFileAtomic(path.join(outDir, 'benchmark-bigger.json'), `${JSON.stringify(bench.bigger, null, 1)}\n`);
  const reportFile = path.join(outDir, 'report.md');
  writeFileAtomic(reportFile, markdown.comment);
  writeFileAtomic(path.join(outDir, 'summary.md'), markdown.summary);
  return reportFile;
}

export async function runCompare(asked: ResolvedCompareOptions, deps: CompareDeps = {}): Promise<CompareOutcome> {
  const print = deps.print ?? ((text: string) => process.stdout.write(text));
  const baseSha = resolveCommit(asked.repoDir, asked.baseRef);
  const options = { ...asked, interleave: effectiveInterleave(asked, baseSha, print) };
  const head = headFacts(options.repoDir);
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });

  return withAbortOnSignals(deps.handleSignals ?? true, async (signal) => {
    print(`planebench compare: base ${options.baseRef} (${baseSha.slice(0, 12)}) in a git worktree…\n`);
    const install = deps.install ? { install: deps.install } : {};
    const worktree = await createWorktree(options.repoDir, baseSha, { signal, side: 'base', ...install });
    let headTree: Awaited<ReturnType<typeof createWorktree>>;
    try {
      headTree = await createWorktree(options.repoDir, head.sha, { signal, side: 'head', ...install });
    } catch (error) {
      worktree.remove();
      throw error;
    }
    let rounds: Measured[];
    let calibration: NoiseCalibration | undefined;
    try {
      // The base owns the rules: its committed noise calibration sets the thresholds.
      const loaded = loadCalibration(path.join(worktree.dir, 'baselines'), options.profile);
      if (loaded.error) throw new CompareError('options', `the base's ${loaded.error.message}`);
      calibration = loaded.calibration;
      print(
        calibration
          ? `planebench compare: thresholds from the base's noise calibration (${calibration.measuredAt}, ${Object.keys(calibration.metrics).length} metrics)\n`
          : `planebench compare: the base has no noise calibration for profile ${options.profile}: kind defaults\n`,
      );
      print(
        `planebench compare: worktrees ${worktree.dir} (node_modules ${worktree.nodeModules}) and ${headTree.dir} (the working tree's state)\n`,
      );
      const judgeSides = (done: readonly Measured[]): RunComparison => {
        const sides = pooledSides(done);
        return compareSides(sides.base, sides.head, calibration, measuredAs(options.interleave));
      };
      const trees = { base: worktree.dir, head: headTree.dir };
      rounds = await runRounds(options, trees, deps.runRound ?? runPerfRound, print, signal, judgeSides);
    } finally {
      if (options.keepWorktree) print(`planebench compare: kept the worktrees ${worktree.dir} and ${headTree.dir}\n`);
      else {
        worktree.remove();
        headTree.remove();
      }
    }
    const sideRounds = (side: Side): typeof rounds => rounds.filter((r) => r.side === side);
    const { base, head: headResults } = pooledSides(rounds);
    const headSpecFailures = sideRounds('head').reduce((n, r) => n + r.failedTests, 0);
    // A perf spec assertion that failed on the head fails the comparison too (the tables then say FAILED).
    const sides = compareSides(base, headResults, calibration, measuredAs(options.interleave));
    const comparison: RunComparison = { ...sides, failed: sides.failed || headSpecFailures > 0 };
    const lastHead = sideRounds('head').at(-1) as (typeof rounds)[number];
    const summary: CompareSummary = {
      baseRef: options.baseRef,
      baseSha,
      headSha: head.sha,
      headDirty: head.dirty,
      profile: options.profile,
      interleave: options.interleave,
      order: rounds.map((r) => r.side),
      trialsPerSide: trialsRange(headResults),
      headSpecFailures,
      baseSpecFailures: sideRounds('base').reduce((n, r) => n + r.failedTests, 0),
    };
    const environment = lastHead.results.environment;
    const baseById = new Map(base.map((r) => [scenarioId(r), r]));
    const charts = regressionDistributions(comparison.regressions, headResults, (id) => baseById.get(id)?.histograms);
    const markdown = {
      comment: renderCompareMarkdown(summary, comparison, environment, 'comment', charts),
      summary: renderCompareMarkdown(summary, comparison, environment, 'summary', charts),
    };
    const reportFile = writeOutputs(options.outDir, base, headResults, lastHead.results, comparison, markdown);
    const table = {
      verbose: setting('PLANEBENCH_VERBOSE') === '1',
      fullReport: path.relative(process.cwd(), path.join(options.outDir, 'summary.md')),
    };
    print(`${renderCompareConsole(summary, comparison, table)}\n`);
    print(`planebench compare: report in ${path.relative(process.cwd(), reportFile)}\n`);
    return { comparison, summary, rounds, head, failed: comparison.failed, outDir: options.outDir, reportFile };
  });
}
