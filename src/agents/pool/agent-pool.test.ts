import { loadAgentModule } from '../wasm/agent-module.js';
import { countPrimes } from '../wasm/native-compute.js';
import { AgentRuntime } from '../runtime/agent-runtime.js';
import { AgentPool } from './agent-pool.js';

describe('AgentPool', () => {
  let runtime: AgentRuntime;
  afterEach(() => runtime.close());

  it('processes tasks concurrently across its members, at most `concurrency` at once', async () => {
    runtime = new AgentRuntime();
    let active = 0;
    let maxActive = 0;
    const pool = new AgentPool(runtime, {
      name: 'io',
      size: 4,
      member: () => ({
        kind: 'native',
        handler: async (message) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((resolve) => setImmediate(resolve));
          active--;
          return (message.content as number) * 10;
        },
      }),
    });
    const outcomes = await pool.processAll([1, 2, 3, 4, 5, 6, 7, 8], 3);
    expect(outcomes.map((outcome) => (outcome.status === 'completed' ? outcome.value : outcome.error))).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80,
    ]);
    expect(maxActive).toBe(3);
    expect(new Set(outcomes.map((outcome) => (outcome.status === 'completed' ? outcome.agentId : '')))).toEqual(
      new Set(['io-0', 'io-1', 'io-2']),
    );
  });

  it('reports a failed task as an outcome and keeps going', async () => {
    runtime = new AgentRuntime();
    const pool = new AgentPool(runtime, {
      name: 'p',
      size: 2,
      member: () => ({
        kind: 'native',
        handler: (message) => {
          if (message.content === 'bad') throw new Error('nope');
          return 'ok';
        },
      }),
    });
    const outcomes = await pool.processAll(['a', 'bad', 'c']);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['completed', 'failed', 'completed']);
    await expect(pool.process('bad')).rejects.toMatchObject({ code: 'handler-failed' });
  });

  it('runs WASM members', async () => {
    runtime = new AgentRuntime();
    const module = await loadAgentModule();
    const pool = new AgentPool(runtime, {
      name: 'w',
      size: 2,
      member: () => ({ kind: 'wasm', module, memoryLimitPages: 2 }),
    });
    expect(await pool.process(500)).toBe(countPrimes(500));
    pool.stop();
    expect(runtime.stats().agents).toBe(0);
  });
});
