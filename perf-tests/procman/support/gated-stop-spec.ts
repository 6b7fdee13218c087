/** One jest spec per gated-stop scenario: run v1 and v2 on the same workload and assert the bars. */
import { afterAll, describe, expect, test } from '@jest/globals';
import { resolveProfile } from '../../../src/harness/index.js';
import { expectGatedStopBars, reportVariants } from './assert-bars.js';
import type { GatedStopParams } from './gated-stop-workload.js';
import { measureVariants, SPEC_TIMEOUT_MS } from './measure-variants.js';
import { resolvePerfConfig } from './perf-config.js';
import type { ScenarioDefaults } from './perf-config.js';
import type { ProcmanVariantScenario } from './scenario-names.js';
import { procmanSurvivors } from './survivors.js';

export interface GatedStopSpec {
  readonly scenario: ProcmanVariantScenario;
  readonly title: string;
  readonly module: URL;
  readonly churn: boolean;
  /** One hot process, the rest cold and queried apart (hot-process-isolation). */
  readonly hot?: boolean;
  readonly defaults?: ScenarioDefaults;
}

export function describeGatedStopSpec(spec: GatedStopSpec): void {
  const config = resolvePerfConfig(resolveProfile(), spec.defaults);
  describe(`procman ${spec.scenario}`, () => {
    afterAll(() => {
      expect(procmanSurvivors()).toEqual([]);
    });

    test(
      spec.title,
      async () => {
        const results = await measureVariants<GatedStopParams>(spec.scenario, spec.module, (variant) => ({
          variant,
          config,
        }));
        const hot = spec.hot ?? false;
        const prefixes = ['', ...(hot ? ['cold'] : []), ...(spec.churn ? ['churnWindow'] : [])];
        reportVariants(spec.scenario, results, [...prefixes, ...(hot && spec.churn ? ['churnWindowCold'] : [])]);
        expectGatedStopBars(results, config, { churn: spec.churn, hot });
      },
      SPEC_TIMEOUT_MS,
    );
  });
}
