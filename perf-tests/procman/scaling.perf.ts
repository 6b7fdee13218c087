/**
 * Does v2's query latency during a gated stop stay flat as the number of
 * managed processes grows? The control-plane-isolation workload on v2 at
 * n = 8, 32, 64, 256 (smoke: 8 and 64).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { byProfile, measureInterleaved, resolveProfile } from '../../src/harness/index.js';
import type { GatedStopParams } from './support/gated-stop-workload.js';
import { SPEC_TIMEOUT_MS, SUITE } from './support/measure-variants.js';
import { minExpectedSamples, resolvePerfConfig } from './support/perf-config.js';
import { procmanSurvivors } from './support/survivors.js';
import { scalingTrials } from './support/trials.js';
import { describeView, queryView, v2Problems } from './support/pass-bars.js';

const profile = resolveProfile();
const sizes = byProfile(profile, { smoke: [8, 64], ci: [8, 32, 64, 256], full: [8, 32, 64, 256] });
/** n = 256 spawns 256 processes (serially: a spawn forks the whole Node process). */
const SCALING_TRIAL_TIMEOUT_MS = 240_000;
/** Flat: the largest n's p99 is within this factor (or this many µs) of the smallest n's. */
const FLAT_FACTOR = 10;
const FLAT_SLACK_US = 5_000;

describe('procman scaling', () => {
  afterAll(() => {
    expect(procmanSurvivors()).toEqual([]);
  });

  test(
    'v2 query p99 during a gated stop stays flat in the number of processes',
    async () => {
      const configs = sizes.map((n) => resolvePerfConfig(profile, { all: { n } }));
      const results = await measureInterleaved(
        configs.map((config) => ({
          suite: SUITE,
          scenario: 'scaling',
          variant: `v2-n${config.n}`,
          module: new URL('./scaling.scenario.ts', import.meta.url),
          params: { variant: 'v2', config } satisfies GatedStopParams,
          trials: scalingTrials(config.n),
          timeoutMs: SCALING_TRIAL_TIMEOUT_MS,
        })),
      );
      const views = results.map((result) => queryView(result));
      console.log(
        `procman/scaling [${profile}]\n${views.map((v, i) => `  ${describeView(`n=${configs[i]?.n}`, v)}`).join('\n')}`,
      );
      views.forEach((view, i) => {
        const config = configs[i];
        if (!config) return;
        expect(v2Problems(view, minExpectedSamples(config.windowMs, config.queryPaceMs))).toEqual([]);
      });
      const smallest = views[0]?.p99Us ?? 0;
      const largest = views[views.length - 1]?.p99Us ?? 0;
      expect(largest).toBeLessThanOrEqual(Math.max(smallest * FLAT_FACTOR, smallest + FLAT_SLACK_US));
    },
    SPEC_TIMEOUT_MS,
  );
});
