/**
 * The original's pass bars, read from a scenario result:
 * v2 — no timeout in any trial, p99 ≤ 500 ms, enough samples;
 * v1 — contention observed: a timeout, or p95/p99 within max(gate/5, 50 ms)
 * of the gate hold, or too few samples.
 */
import { findMetric, type ScenarioResult } from '../../../src/harness/index.js';

export const V2_MAX_P99_US = 500_000;

export interface QueryView {
  readonly p50Us: number;
  readonly p95Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /** Worst trial. */
  readonly worstTimeouts: number;
  readonly worstP99Us: number;
  /** Fewest samples of any trial. */
  readonly fewestSamples: number;
  readonly medianTimeouts: number;
}

function metric(result: ScenarioResult, name: string): { value: number; trials: readonly number[] } {
  return findMetric(result, name);
}

export function queryView(result: ScenarioResult): QueryView {
  const p99 = metric(result, 'queryLatencyUs.p99');
  const timeouts = metric(result, 'queryTimeouts');
  return {
    p50Us: metric(result, 'queryLatencyUs.p50').value,
    p95Us: metric(result, 'queryLatencyUs.p95').value,
    p99Us: p99.value,
    maxUs: metric(result, 'queryLatencyUs.max').value,
    worstTimeouts: Math.max(...timeouts.trials),
    worstP99Us: Math.max(...p99.trials),
    fewestSamples: Math.min(...metric(result, 'querySamples').trials),
    medianTimeouts: timeouts.value,
  };
}

/** Problems with v2's responsiveness; empty when it passes. */
export function v2Problems(view: QueryView, minSamples: number): string[] {
  const problems: string[] = [];
  if (view.worstTimeouts > 0) problems.push(`${view.worstTimeouts} query timeouts in a trial`);
  if (view.worstP99Us > V2_MAX_P99_US) problems.push(`p99 ${view.worstP99Us} us > ${V2_MAX_P99_US} us`);
  if (view.fewestSamples < minSamples) problems.push(`${view.fewestSamples} samples < ${minSamples}`);
  return problems;
}

/** How v1 showed contention, or null when it did not (median trial). */
export function v1Contention(view: QueryView, holdMs: number, minSamples: number): string | null {
  const thresholdUs = (holdMs - Math.max(holdMs / 5, 50)) * 1000;
  if (view.medianTimeouts > 0) return `${view.medianTimeouts} query timeouts`;
  if (view.p95Us >= thresholdUs || view.p99Us >= thresholdUs)
    return `p95/p99 ${view.p95Us}/${view.p99Us} us >= ${thresholdUs} us`;
  if (view.fewestSamples < minSamples) return `${view.fewestSamples} samples < ${minSamples}`;
  return null;
}

export function describeView(variant: string, view: QueryView): string {
  const ms = (us: number): string => (us / 1000).toFixed(3);
  return `${variant}: p50 ${ms(view.p50Us)} ms, p99 ${ms(view.p99Us)} ms, max ${ms(view.maxUs)} ms, timeouts ${view.medianTimeouts}`;
}
