import type { NativeBehaviour } from '../agent/native-instance.js';
import type { ScheduleFn } from '../supervisor/supervisor.js';
import { AgentRuntime } from './agent-runtime.js';

/** A manual restart scheduler and clock: a restart runs only when the test says so. */
function manualScheduling() {
  let nowMs = 1000;
  const due: { callback: () => void; delayMs: number }[] = [];
  const schedule: ScheduleFn = (callback, delayMs) => {
    const entry = { callback, delayMs };
    due.push(entry);
    return () => due.splice(due.indexOf(entry), 1);
  };
  return {
    now: () => nowMs,
    schedule,
    due,
    advance(ms: number) {
      nowMs += ms;
    },
    runNext() {
      due.shift()?.callback();
    },
  };
}

function counter(): NativeBehaviour {
  let count = 0;
  return {
    handle(message) {
      if (message.content === 'boom') throw new Error('handler exploded');
      count++;
      return count;
    },
    checkpoint: () => ({ count }),
    restore(state) {
      count = (state as { count: number }).count;
    },
  };
}

describe('AgentRuntime supervision', () => {
  let runtime: AgentRuntime;
  afterEach(() => runtime.close());

  it('answers `failure`, restarts the agent by policy and measures recovery time', async () => {
    const clock = manualScheduling();
    runtime = new AgentRuntime({ now: clock.now, scheduleRestart: clock.schedule });
    runtime.spawn({
      kind: 'native',
      id: 'c',
      create: counter,
      restartPolicy: { kind: 'backoff', initialDelayMs: 20, factor: 2, maxDelayMs: 100 },
    });
    expect((await runtime.request('c', 'tick')).content).toBe(1);
    const crash = runtime.events.next('crash');
    const failed = await runtime.request('c', 'boom');
    expect(failed).toMatchObject({ performative: 'failure', content: { reason: 'error', error: 'handler exploded' } });
    expect(await crash).toMatchObject({ agentId: 'c', kind: 'error', atMs: 1000 });
    expect(runtime.info('c').status).toBe('crashed');
    expect(clock.due.map((entry) => entry.delayMs)).toEqual([20]);

    // Messages sent while the agent is down wait in its mailbox.
    const queued = runtime.request('c', 'tick');
    const restarted = runtime.events.next('restart');
    clock.advance(25);
    clock.runNext();
    expect(await restarted).toEqual({ agentId: 'c', kind: 'error', attempt: 1, recoveryMs: 25 });
    expect((await queued).content).toBe(1); // a fresh incarnation: state reset
    expect(runtime.info('c')).toMatchObject({ status: 'running', incarnation: 2 });
    const snapshot = runtime.snapshot();
    expect(snapshot.counters).toMatchObject({ crashes: 1, restarts: 1, failureReplies: 1 });
    expect(snapshot.recoveryMs).toMatchObject({ count: 1, max: 25 });
  });

  it('restores the last checkpoint on restart', async () => {
    const clock = manualScheduling();
    runtime = new AgentRuntime({ now: clock.now, scheduleRestart: clock.schedule });
    runtime.spawn({ kind: 'native', id: 'c', create: counter });
    await runtime.request('c', 'tick');
    await runtime.request('c', 'tick');
    expect(runtime.checkpoint('c')).toMatchObject({ agentId: 'c', kind: 'native', handled: 2, state: { count: 2 } });
    await runtime.request('c', 'boom');
    clock.runNext();
    expect((await runtime.request('c', 'tick')).content).toBe(3);
  });

  it('gives up past the restart limit and fails what is still queued', async () => {
    const clock = manualScheduling();
    runtime = new AgentRuntime({ now: clock.now, scheduleRestart: clock.schedule });
    runtime.spawn({ kind: 'native', id: 'c', create: counter, restartPolicy: { kind: 'always', maxRestarts: 1 } });
    await runtime.request('c', 'boom');
    clock.runNext();
    const gaveUp = runtime.events.next('gave-up');
    const second = runtime.request('c', 'boom');
    const stranded = runtime.request('c', 'tick');
    expect(await second).toMatchObject({ performative: 'failure' });
    expect(await gaveUp).toMatchObject({ agentId: 'c', kind: 'error' });
    await expect(stranded).rejects.toMatchObject({ code: 'agent-unavailable', agentId: 'c' });
    expect(runtime.info('c').status).toBe('failed');
    expect(runtime.trySend('c', 'inform', 1)).toBe('agent-unavailable');
    expect(runtime.snapshot().counters).toMatchObject({ crashes: 2, restarts: 1, gaveUp: 1 });
  });

  it('contains a crash to its agent: the others keep working', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({
      kind: 'native',
      id: 'bad',
      handler: () => {
        throw new TypeError('bad input');
      },
      restartPolicy: { kind: 'never' },
    });
    runtime.spawn({ kind: 'native', id: 'good', handler: (message) => message.content });
    runtime.send('bad', 'inform', 1);
    expect((await runtime.request('good', 'still here')).content).toBe('still here');
    await runtime.idle();
    expect(runtime.info('bad').status).toBe('failed');
  });

  it('restarts on the real scheduler and resolves idle afterwards', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'native', id: 'c', create: counter });
    const restarted = runtime.events.next('restart');
    runtime.send('c', 'inform', 'boom');
    runtime.send('c', 'inform', 'tick');
    const { recoveryMs } = await restarted;
    expect(recoveryMs).toBeGreaterThanOrEqual(0);
    await runtime.idle();
    expect(runtime.info('c')).toMatchObject({ status: 'running', handled: 1, incarnation: 2 });
  });
});
