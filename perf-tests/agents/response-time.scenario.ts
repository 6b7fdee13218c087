/**
 * Agent response time (seed: bench_agent_response_time): the time one agent
 * takes to handle one request, called directly (no routing): a 1 KB payload
 * to hash, and a small compute task.
 */
import { loadAgentModule } from '../../src/agents/index.js';
import { microBench } from '../../src/harness/load/micro-bench.js';
import { recordMicroBench } from '../../src/harness/load/record-micro-bench.js';
import { byProfile } from '../../src/harness/profile.js';
import { defineScenario } from '../../src/harness/scenario.js';
import { agentKindParam } from './support/agents.js';
import { directInstance, requestMessage, silentContext } from './support/direct-agent.js';
import { makePayload } from './support/payload.js';

interface Params {
  readonly agentKind: string;
  readonly primesBelow: number;
}

export default defineScenario<Params>(async (ctx) => {
  const kind = agentKindParam(ctx.params.agentKind);
  const instance = directInstance(kind, await loadAgentModule());
  const options = {
    warmupMs: byProfile(ctx.profile, { smoke: 20, ci: 200, full: 1000 }),
    samples: byProfile(ctx.profile, { smoke: 20, ci: 100, full: 100 }),
    sampleTargetMs: byProfile(ctx.profile, { smoke: 0.5, ci: 2, full: 10 }),
  };
  const hashRequest = requestMessage(makePayload(1024));
  const computeRequest = requestMessage(ctx.params.primesBelow);
  let sink = 0;
  recordMicroBench(
    ctx,
    'handle1KBNs',
    microBench(() => (sink ^= instance.handle(hashRequest, silentContext) as number), options),
  );
  recordMicroBench(
    ctx,
    'handleComputeNs',
    microBench(() => (sink ^= instance.handle(computeRequest, silentContext) as number), options),
  );
  ctx.note('checksum', sink);
});
