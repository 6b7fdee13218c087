/**
 * The perf spec's entry to the harness: runs a scenario module as k
 * independent trials, each in its own plain-Node child, aggregates the
 * trials, hands the result to the reporter and returns it. Variants of one
 * scenario can be interleaved (A B A B …) so slow drift of the machine does
 * not favour one of them. In a duet run (perf:compare) each trial has a
 * twin from the base tree beside it, handed over apart (runner/duet.ts).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { byProfile, resolveProfile, type ProfileName } from './profile.js';
import { metricKind } from './metric-kinds.js';
import type { Metric, ScenarioResult } from './result-model.js';
import { median } from './stats/median.js';
import { handOverResult, runDirectory } from './results-handoff.js';
import { BASE_HANDOFF_FOLDER, baseModuleUrl, duetBaseTree } from './runner/duet.js';
import { waitForQuietCpu, type QuietCpuOutcome } from './process/quiet-cpu.js';
import { aggregateTrials } from './runner/aggregate-trials.js';
import type { TrialOutput } from './runner/protocol.js';
import { runTrial, type TrialOutcome } from './runner/trial-runner.js';
import { setting } from './settings.js';
import { check } from '../lib/validate.js';

export interface MeasureOptions<P> {
  readonly suite: string;
  readonly scenario: string;
  readonly variant?: string;
  /** The scenario module: `new URL('./x.scenario.ts', import.meta.url)` or an absolute path. */
  readonly module: URL | string;
  readonly params?: P;
  /** Independent trials; default 1 (smoke), 3 (ci), 5 (full). */
  readonly trials?: number;
  /** Limit for one trial, ms. */
  readonly timeoutMs: number;
  readonly profile?: ProfileName;
  readonly env?: Readonly<Record<string, string>>;
  /** Hand the result to the reporter (default true). */
  readonly record?: boolean;
  /**
   * The environment of the base tree's trials in a duet run (default: `env`),
   * for what a spec builds from its own tree (e.g. a compiled library).
   */
  readonly baseEnv?: Readonly<Record<string, string>>;
  /** Add the gated metric `runnerStartupMs` (spawn → child ready, per trial). */
  readonly recordRunnerStartup?: boolean;
}

export const DEFAULT_TRIALS: Readonly<Record<ProfileName, number>> = { smoke: 1, ci: 3, full: 5 };

export class ScenarioFailedError extends Error {
  override readonly name = 'ScenarioFailedError';
  constructor(
    readonly result: ScenarioResult,
    readonly log: string,
  ) {
    super(
      `Scenario ${result.suite}/${result.scenario}/${result.variant} ${result.state}: ${result.error ?? ''}` +
        (log ? `\n--- scenario log (tail) ---\n${log}` : ''),
    );
  }
}

function checkOptions(options: MeasureOptions<unknown>): void {
  for (const field of ['suite', 'scenario'] as const) {
    if (typeof options[field] !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(options[field])) {
      throw new TypeError(
        `Expected \`${field}\` to be a name of letters, digits, _ . -, got \`${String(options[field])}\``,
      );
    }
  }
  if (options.trials !== undefined) check.positiveInteger('trials', options.trials);
  check.positiveInteger('timeoutMs', options.timeoutMs);
}

function moduleUrlOf(module: URL | string): string {
  if (module instanceof URL) return module.href;
  return module.startsWith('file:') ? module : pathToFileURL(module).href;
}

interface Pending {
  readonly options: MeasureOptions<unknown>;
  /** `base`: a duet run's trials of the base tree's module (src/harness/runner/duet.ts). */
  readonly side: 'head' | 'base';
  readonly moduleUrl: string;
  /** The tree that runs the trials; undefined: this one. */
  readonly tree?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly profile: ProfileName;
  readonly trials: number;
  readonly outputs: TrialOutput[];
  readonly startupMs: number[];
  failure?: Extract<TrialOutcome, { state: 'errored' | 'timed-out' }>;
  elapsedMs: number;
  /** How quiet the machine was before the first trial. */
  quietBefore?: QuietCpuOutcome;
}

/** This tree's side of each scenario and, in a duet run, the base tree's beside it (base first). */
function sidesOf(options: MeasureOptions<unknown>): Pending[] {
  const profile = options.profile ?? resolveProfile();
  const trials = options.trials ?? byProfile(profile, DEFAULT_TRIALS);
  const side = (fields: Pick<Pending, 'side' | 'moduleUrl' | 'tree' | 'env'>): Pending => ({
    options,
    profile,
    trials,
    outputs: [],
    startupMs: [],
    elapsedMs: 0,
    ...fields,
  });
  const moduleUrl = moduleUrlOf(options.module);
  const head = side({ side: 'head', moduleUrl, env: options.env });
  const baseTree = duetBaseTree();
  const baseUrl = baseTree === undefined ? undefined : baseModuleUrl(moduleUrl, baseTree);
  if (baseTree === undefined || baseUrl === undefined) return [head];
  return [side({ side: 'base', moduleUrl: baseUrl, tree: baseTree, env: options.baseEnv ?? options.env }), head];
}

async function runNextTrial(p: Pending, trial: number, logs: Map<Pending, string>): Promise<void> {
  const started = performance.now();
  const outcome = await runTrial({
    moduleUrl: p.moduleUrl,
    params: p.options.params ?? {},
    profile: p.profile,
    trial,
    timeoutMs: p.options.timeoutMs,
    ...(p.env ? { env: p.env } : {}),
    ...(p.tree ? { tree: p.tree } : {}),
    echoOutput: setting('PLANEBENCH_ECHO') === '1',
  });
  p.elapsedMs += performance.now() - started;
  if (outcome.state === 'completed') {
    p.outputs.push(outcome.output);
    p.startupMs.push(outcome.startupMs);
  } else {
    p.failure = outcome;
    logs.set(p, outcome.log);
  }
}

function runnerStartupMetric(trials: readonly number[]): Metric {
  const kind = metricKind('latencyMs');
  return {
    name: 'runnerStartupMs',
    kind: 'latencyMs',
    unit: kind.unit,
    direction: kind.direction,
    stat: 'value',
    value: median(trials),
    trials: [...trials],
    gated: true,
    noise: kind.noise,
  };
}

function toResult(p: Pending): ScenarioResult {
  const base = {
    suite: p.options.suite,
    scenario: p.options.scenario,
    variant: p.options.variant ?? 'default',
    profile: p.profile,
    params: (p.options.params ?? {}) as Record<string, unknown>,
    trialCount: p.outputs.length,
    durationMs: p.elapsedMs,
    notes: p.outputs.map((o, i) => ({
      ...o.notes,
      runnerStartupMs: p.startupMs[i],
      ...(p.quietBefore
        ? {
            cpuBusyBeforeStart: round3(p.quietBefore.busyFraction),
            quietWaitMs: Math.round(p.quietBefore.waitedMs),
            cpuQuietBeforeStart: p.quietBefore.quiet,
          }
        : {}),
    })),
  };
  if (p.failure) {
    return { ...base, state: p.failure.state, error: p.failure.message, metrics: [], histograms: {} };
  }
  try {
    const { metrics, histograms } = aggregateTrials(p.outputs);
    if (p.options.recordRunnerStartup) metrics.push(runnerStartupMetric(p.startupMs));
    return { ...base, state: 'completed', metrics, histograms };
  } catch (error) {
    return { ...base, state: 'errored', error: (error as Error).message, metrics: [], histograms: {} };
  }
}

/**
 * Runs several scenarios (typically the variants of one) with their trials
 * interleaved; returns results in the order given. Throws ScenarioFailedError
 * for the first one that did not complete, after handing every result over.
 */
export async function measureInterleaved(list: readonly MeasureOptions<unknown>[]): Promise<ScenarioResult[]> {
  list.forEach(checkOptions);
  const groups = list.map(sidesOf);
  const logs = new Map<Pending, string>();
  // What ran before (another spec, the unit tests) must not be measured as this scenario.
  const what = `${list[0]?.suite}/${list[0]?.scenario}`;
  const quietBefore = await waitForQuietCpu({
    onBusy: (busy, timeoutMs) =>
      process.stderr.write(
        `planebench: the CPUs are ${Math.round(busy * 100)} % busy; waiting up to ${timeoutMs / 1000} s for them to quiet before measuring ${what}\n`,
      ),
  });
  if (!quietBefore.quiet) {
    process.stderr.write(
      `planebench: the CPUs are still ${Math.round(quietBefore.busyFraction * 100)} % busy after ${Math.round(quietBefore.waitedMs)} ms; measuring ${what} anyway; its results say so\n`,
    );
  }
  for (const p of groups.flat()) p.quietBefore = quietBefore;
  const rounds = Math.max(...groups.flat().map((p) => p.trials));
  for (let trial = 0; trial < rounds; trial += 1) {
    for (const group of groups) {
      // A duet pair's order alternates, so neither side always runs first.
      for (const p of trial % 2 === 0 ? group : [...group].reverse()) {
        if (trial < p.trials && !p.failure) await runNextTrial(p, trial, logs);
      }
    }
  }
  const resultOf = new Map(groups.flat().map((p) => [p, toResult(p)]));
  const runDir = runDirectory();
  for (const [p, result] of resultOf) {
    if (p.options.record !== false) {
      handOverResult(result, p.side === 'base' ? path.join(runDir, BASE_HANDOFF_FOLDER) : runDir);
    }
  }
  // The head's results are the spec's; a base that failed is the comparison's to report.
  const heads = groups.map((group) => group.at(-1) as Pending);
  const results = heads.map((p) => resultOf.get(p) as ScenarioResult);
  const failedIndex = results.findIndex((r) => r.state !== 'completed');
  if (failedIndex >= 0) {
    const failed = results[failedIndex] as ScenarioResult;
    throw new ScenarioFailedError(failed, logs.get(heads[failedIndex] as Pending) ?? '');
  }
  return results;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export async function measureScenario<P>(options: MeasureOptions<P>): Promise<ScenarioResult> {
  const [result] = await measureInterleaved([options]);
  return result as ScenarioResult;
}
