/**
 * The contract of a scenario module: the code that runs, timed, in a plain Node
 * child process (never inside jest's sandbox). A module default-exports
 * `defineScenario(async (ctx) => { ... })` and records through `ctx`.
 */
import type { HistogramKindName, MetricKindName, NoiseThreshold, Direction } from './metric-kinds.js';
import type { MetricStat } from './result-model.js';
import type { ProfileName } from './profile.js';

export interface SampleRecorder {
  /** Records one sample in the kind's unit (e.g. microseconds for latencyUs). */
  record(value: number): void;
  /** Records `value` as an open-loop sample would have been, back-filling the
   * samples a stall hid (HdrHistogram's expected-interval correction). */
  recordCorrected(value: number, expectedInterval: number): void;
  readonly count: number;
}

export interface HistogramOptions {
  /** Statistics to report as metrics; default p50, p99 and max. */
  readonly stats?: readonly Exclude<MetricStat, 'value'>[];
  /**
   * Which statistics the gate judges: true (default) for all but `max` and
   * `min`, false for none, or a list (e.g. `['p50']` where tails are too noisy
   * run to run to gate).
   */
  readonly gate?: boolean | readonly Exclude<MetricStat, 'value'>[];
  readonly noise?: Partial<NoiseThreshold>;
}

export interface ValueOptions {
  readonly gate?: boolean;
  /** Overrides the kind's direction, e.g. a count where bigger is better. */
  readonly direction?: Direction;
  readonly noise?: Partial<NoiseThreshold>;
}

export interface ScenarioContext<P> {
  readonly profile: ProfileName;
  readonly params: P;
  /** 0-based index of this independent trial. */
  readonly trial: number;
  /** Aborted when the parent asks the scenario to stop. */
  readonly signal: AbortSignal;
  /** Monotonic milliseconds with sub-millisecond precision. */
  now(): number;
  /** A histogram metric, created once per name per trial. */
  histogram(name: string, kind: HistogramKindName, options?: HistogramOptions): SampleRecorder;
  /** A plain metric value for this trial (one per name). */
  value(name: string, kind: MetricKindName, value: number, options?: ValueOptions): void;
  /** A fact for the results, not a metric (sizes, counts, what happened). */
  note(key: string, value: unknown): void;
  /** A line for the scenario's log (stderr; its tail is kept on failure). */
  log(message: string): void;
}

export type ScenarioFn<P> = (ctx: ScenarioContext<P>) => Promise<void>;

export interface ScenarioModule<P> {
  readonly kind: 'planebench-scenario';
  readonly run: ScenarioFn<P>;
}

export function defineScenario<P = Record<string, never>>(run: ScenarioFn<P>): ScenarioModule<P> {
  return { kind: 'planebench-scenario', run };
}

export function isScenarioModule(value: unknown): value is ScenarioModule<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'planebench-scenario' &&
    typeof (value as { run?: unknown }).run === 'function'
  );
}
