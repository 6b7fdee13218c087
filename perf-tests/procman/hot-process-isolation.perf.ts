/**
 * Can one slow process degrade the whole manager? One hot process in a long
 * stop and then stop+start cycles; the cold processes have no lifecycle
 * change and are queried one at a time (`coldQueryLatencyUs`) apart from the
 * whole table (`queryLatencyUs`). Sized like the original (n = 16, 3 s window
 * at the full profile).
 */
import { describeGatedStopSpec } from './support/gated-stop-spec.js';

describeGatedStopSpec({
  scenario: 'hot-process-isolation',
  title: 'v2 stays responsive while one hot process is stuck stopping; v1 does not',
  module: new URL('./hot-process-isolation.scenario.ts', import.meta.url),
  churn: true,
  hot: true,
  defaults: { all: { n: 16 }, full: { windowMs: 3000 }, smoke: { n: 8 } },
});
