/** Does nothing: its trials measure what starting a scenario child costs. */
import { defineScenario } from '../../src/harness/scenario.js';

export default defineScenario(async (ctx) => {
  ctx.note('trial', ctx.trial);
});
