/** Does nothing: its trials measure what starting a scenario child costs. */
import { defineScenario } from '../../src/harness/scenario.js';

export default defineScenario(async (ctx) => {
  ctx.value('trialBodyMs', 'latencyMs', ctx.now() - ctx.now(), { gate: false });
});
