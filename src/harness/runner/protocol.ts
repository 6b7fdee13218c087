/**
 * Messages between the scenario runner (parent, inside jest) and the scenario
 * child (plain Node), over Node's IPC channel.
 */
import type { HistogramKindName, MetricKindName, NoiseThreshold, Direction } from '../metric-kinds.js';
import type { MetricStat } from '../result-model.js';
import type { ProfileName } from '../profile.js';

export interface RunTrialRequest {
  readonly type: 'run-trial';
  readonly moduleUrl: string;
  readonly params: unknown;
  readonly profile: ProfileName;
  readonly trial: number;
}

export interface TrialHistogram {
  readonly name: string;
  readonly kind: HistogramKindName;
  readonly stats: readonly Exclude<MetricStat, 'value'>[];
  readonly gate: boolean | readonly Exclude<MetricStat, 'value'>[];
  readonly noise?: Partial<NoiseThreshold>;
  readonly encoded: string;
  readonly count: number;
  /** Histogram steps per unit of the kind (see HistogramRange.stepsPerUnit). */
  readonly stepsPerUnit: number;
}

export interface TrialValue {
  readonly name: string;
  readonly kind: MetricKindName;
  readonly value: number;
  readonly gate: boolean;
  readonly direction?: Direction;
  readonly noise?: Partial<NoiseThreshold>;
}

export interface TrialOutput {
  readonly histograms: readonly TrialHistogram[];
  readonly values: readonly TrialValue[];
  readonly notes: Readonly<Record<string, unknown>>;
  readonly durationMs: number;
}

export type ChildMessage =
  | { readonly type: 'ready'; readonly startupMs: number }
  | { readonly type: 'trial-completed'; readonly output: TrialOutput }
  | { readonly type: 'trial-errored'; readonly message: string; readonly stack?: string };

export type ParentMessage = RunTrialRequest | { readonly type: 'abort' };
