/**
 * The original's pass bars, read from a scenario result:
 * v2 — no timeout in any trial, p99 ≤ 500 ms, enough samples;
 * v1 — contention observed: a timeout, or p95/p99 within max(gate/5, 50 ms)
 * of the gate hold, or too few samples; under churn alone (no gate), v1's
 * p95 at least CHURN_CONTENTION_FACTOR times v2's.
 */
import { findMetric, type ScenarioResult } from '../../../src/harness/index.js';
import { prefixed } from './record-window.js';

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

/** The queries of one window: prefix '' for `queryLatencyUs` …, `churnWindow` for `churnWindowQueryLatencyUs` … */
export function queryView(result: ScenarioResult, prefix = ''): QueryView {
  const name = (suffix: string): string => prefixed(prefix, suffix);
  const p99 = metric(result, name('QueryLatencyUs.p99'));
  const timeouts = metric(result, name('QueryTimeouts'));
  return {
    p50Us: metric(result, name('QueryLatencyUs.p50')).value,
    p95Us: metric(result, name('QueryLatencyUs.p95')).value,
    p99Us: p99.value,
    maxUs: metric(result, name('QueryLatencyUs.max')).value,
    worstTimeouts: Math.max(...timeouts.trials),
    worstP99Us: Math.max(...p99.trials),
    fewestSamples: Math.min(...metric(result, name('QuerySamples')).trials),
    medianTimeouts: timeouts.value,
  };
}

/**
 * v1's queries wait for the churn: every stop and start holds v1's write lock
 * across its awaits (the signal, the exit, the spawn), so a query that meets
 * one waits for it, while v2 answers from the actor's table. The bar: v1's p95
 * (median trial) at least this many times v2's, measured in the same run with
 * trials interleaved. The p95, not the p50: readers share v1's lock, so with
 * 8 readers and 2 writers a trial's median query may meet no write while more
 * than 5 % of them always do (docs/decisions.md, "Procman: v1's contention under
 * churn is measured without the gate"). A v1 whose queries no longer wait has a
 * p95 near v2's.
 */
export const CHURN_CONTENTION_FACTOR = 10;

/** How v1 showed contention from churn alone, or null when it did not. */
export function v1ChurnContention(v1: QueryView, v2: QueryView): string | null {
  return v1.p95Us >= CHURN_CONTENTION_FACTOR * v2.p95Us
    ? `v1 p95 ${v1.p95Us} us >= ${CHURN_CONTENTION_FACTOR} x v2 p95 ${v2.p95Us} us`
    : null;
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
