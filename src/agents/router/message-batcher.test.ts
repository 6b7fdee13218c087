import { AgentRuntime } from '../runtime/agent-runtime.js';
import { MessageBatcher } from './message-batcher.js';

describe('MessageBatcher', () => {
  let runtime: AgentRuntime;
  afterEach(() => runtime.close());

  it('flushes on size and on the timer, waiting for room instead of dropping', async () => {
    runtime = new AgentRuntime();
    const handled: unknown[] = [];
    runtime.spawn({
      kind: 'native',
      id: 'sink',
      mailboxCapacity: 2,
      handler: (message) => void handled.push(message.content),
    });
    const timers: (() => void)[] = [];
    const batcher = new MessageBatcher(runtime, {
      target: 'sink',
      batchSize: 3,
      batchTimeoutMs: 10,
      schedule: (callback) => {
        timers.push(callback);
        return () => timers.splice(timers.indexOf(callback), 1);
      },
    });
    batcher.add(1);
    batcher.add(2);
    expect(timers).toHaveLength(1);
    batcher.add(3); // size flush: cancels the timer
    expect(timers).toHaveLength(0);
    batcher.add(4);
    timers[0]?.();
    await batcher.flush();
    await runtime.idle();
    expect(handled).toEqual([1, 2, 3, 4]);
    expect(batcher.batches).toBeGreaterThanOrEqual(3); // the full mailbox split the first batch
    expect(runtime.snapshot().counters.deadLetters).toBe(0);
  });

  it('surfaces a routing failure on the next add', async () => {
    runtime = new AgentRuntime();
    const batcher = new MessageBatcher(runtime, { target: 'nobody', batchSize: 1, batchTimeoutMs: 0 });
    await expect(batcher.flush()).resolves.toBeUndefined();
    batcher.add('x');
    await expect(batcher.flush()).rejects.toMatchObject({ code: 'unknown-agent' });
    expect(() => batcher.add('y')).toThrow(/No agent `nobody`/);
  });
});
