/** The daemon micro-benchmarks' warm-up and sample sizes, by profile (micro, contention and logging scenarios). */
import { byProfile, type ProfileName } from '../../../src/harness/profile.js';

export function microBenchOptions(profile: ProfileName) {
  return {
    warmupMs: byProfile(profile, { smoke: 100, ci: 300, full: 3_000 }),
    samples: byProfile(profile, { smoke: 20, ci: 100, full: 100 }),
    sampleTargetMs: byProfile(profile, { smoke: 0.5, ci: 3, full: 10 }),
  };
}
