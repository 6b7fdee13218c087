/**
 * Runs one procman scenario against v1 and v2 with identical params, trials
 * interleaved; each variant runs the trials its noise needs (./trials.ts).
 */
import { measureInterleaved, type ScenarioResult } from '../../../src/harness/index.js';
import type { ProcmanVariant } from '../../../src/procman/index.js';
import type { ProcmanVariantScenario } from './scenario-names.js';
import { VARIANT_TRIALS } from './trials.js';

export const SUITE = 'procman';
/** Limit for one trial (fleet start, warm-up, window, stop, shutdown). */
export const TRIAL_TIMEOUT_MS = 90_000;
/** Jest's limit for a spec's test: every trial of both variants at the full profile. */
export const SPEC_TIMEOUT_MS = 900_000;

export async function measureVariants<P>(
  scenario: ProcmanVariantScenario,
  module: URL,
  paramsOf: (variant: ProcmanVariant) => P,
): Promise<Record<ProcmanVariant, ScenarioResult>> {
  const variants: ProcmanVariant[] = ['v1', 'v2'];
  const [v1, v2] = await measureInterleaved(
    variants.map((variant) => ({
      suite: SUITE,
      scenario,
      variant,
      module,
      params: paramsOf(variant),
      trials: VARIANT_TRIALS[scenario]?.[variant],
      timeoutMs: TRIAL_TIMEOUT_MS,
    })),
  );
  return { v1: v1 as ScenarioResult, v2: v2 as ScenarioResult };
}
