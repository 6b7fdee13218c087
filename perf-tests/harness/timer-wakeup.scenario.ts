/**
 * Timer overhead as a load generator sees it: how late setTimeout(0) and
 * setImmediate callbacks run after they were scheduled, in µs.
 */
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';

export default defineScenario(async (ctx) => {
  const rounds = byProfile(ctx.profile, { smoke: 200, ci: 1000, full: 20000 });
  const immediate = ctx.histogram('setImmediateLatencyUs', 'latencyUs', { stats: ['p50', 'p99', 'max'] });
  const timeout = ctx.histogram('setTimeout0LatencyUs', 'latencyUs', { stats: ['p50', 'p99', 'max'] });
  for (let i = 0; i < rounds; i += 1) {
    const scheduled = ctx.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
    immediate.record((ctx.now() - scheduled) * 1000);
  }
  for (let i = 0; i < rounds; i += 1) {
    const scheduled = ctx.now();
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    timeout.record((ctx.now() - scheduled) * 1000);
  }
});
