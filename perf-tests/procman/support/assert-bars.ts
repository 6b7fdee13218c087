/** The jest assertions every gated-stop spec makes, on the original's bars. */
import { expect } from '@jest/globals';
import { findMetric, type ScenarioResult } from '../../../src/harness/index.js';
import type { ProcmanVariant } from '../../../src/procman/index.js';
import { gateHoldMs, minExpectedSamples } from './perf-config.js';
import type { ProcmanPerfConfig } from './perf-config.js';
import { describeView, queryView, v1Contention, v2Problems } from './pass-bars.js';

export function reportVariants(scenario: string, results: Record<ProcmanVariant, ScenarioResult>): void {
  console.log(
    `procman/${scenario} [${results.v2.profile}]\n  ${describeView('v1', queryView(results.v1))}\n  ${describeView('v2', queryView(results.v2))}`,
  );
}

export function expectGatedStopBars(
  results: Record<ProcmanVariant, ScenarioResult>,
  config: ProcmanPerfConfig,
  options: { readonly churn: boolean },
): void {
  const minSamples = minExpectedSamples(config.windowMs, config.queryPaceMs);
  expect(v2Problems(queryView(results.v2), minSamples)).toEqual([]);
  expect(v1Contention(queryView(results.v1), gateHoldMs(config.windowMs), minSamples)).not.toBeNull();
  for (const result of [results.v1, results.v2]) {
    expect(Math.max(...findMetric(result, 'queryErrors').trials)).toBe(0);
  }
  if (options.churn) {
    // The churn must have made progress in every trial, or there was no write pressure.
    expect(Math.min(...findMetric(results.v2, 'churnSuccessfulCycles').trials)).toBeGreaterThan(0);
  }
}
