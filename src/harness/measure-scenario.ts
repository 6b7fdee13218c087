/**
 * The perf spec's entry to the harness: runs a scenario module as k
 * independent trials, each in its own plain-Node child, aggregates the
 * trials, hands the result to the reporter and returns it. Variants of one
 * scenario can be interleaved (A B A B …) so slow drift of the machine does
 * not favour one of them.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { byProfile, resolveProfile, type ProfileName } from './profile.js';
import { metricKind } from './metric-kinds.js';
import type { Metric, ScenarioResult } from './result-model.js';
import { median } from './stats/median.js';
import { handOverResult } from './results-handoff.js';
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
  readonly profile: ProfileName;
  readonly trials: number;
  readonly outputs: TrialOutput[];
  readonly startupMs: number[];
  failure?: Extract<TrialOutcome, { state: 'errored' | 'timed-out' }>;
  elapsedMs: number;
  /** How quiet the machine was before the first trial. */
  quietBefore?: QuietCpuOutcome;
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
  const pending: Pending[] = list.map((options) => {
    const profile = options.profile ?? resolveProfile();
    return {
      options,
      profile,
      trials: options.trials ?? byProfile(profile, DEFAULT_TRIALS),
      outputs: [],
      startupMs: [],
      elapsedMs: 0,
    };
  });
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
  for (const p of pending) p.quietBefore = quietBefore;
  const rounds = Math.max(...pending.map((p) => p.trials));
  for (let trial = 0; trial < rounds; trial += 1) {
    for (const p of pending) {
      if (trial >= p.trials || p.failure) continue;
      const started = performance.now();
      const outcome = await runTrial({
        moduleUrl: moduleUrlOf(p.options.module),
        params: p.options.params ?? {},
        profile: p.profile,
        trial,
        timeoutMs: p.options.timeoutMs,
        ...(p.options.env ? { env: p.options.env } : {}),
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
  }
  const results = pending.map(toResult);
  results.forEach((result, i) => {
    if (pending[i]?.options.record !== false) handOverResult(result);
  });
  const failedIndex = results.findIndex((r) => r.state !== 'completed');
  if (failedIndex >= 0) {
    const failed = results[failedIndex] as ScenarioResult;
    throw new ScenarioFailedError(failed, logs.get(pending[failedIndex] as Pending) ?? '');
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
