import { AgentError } from '../errors.js';
import type { AgentMessage } from '../messages/message.js';
import { toAgent, toCapability } from '../messages/message.js';
import type { Timers } from '../router/pending-requests.js';
import { AgentRuntime } from './agent-runtime.js';

function echo(message: AgentMessage): unknown {
  return message.content;
}

describe('AgentRuntime routing', () => {
  let runtime: AgentRuntime;
  afterEach(() => runtime.close());

  it('delivers by id and answers a request with `inform`, carrying the conversation', async () => {
    runtime = new AgentRuntime();
    const seen: AgentMessage[] = [];
    runtime.spawn({
      kind: 'native',
      id: 'a',
      handler: (message) => (seen.push(message), `got ${String(message.content)}`),
    });
    runtime.send('a', 'inform', 'hello');
    const reply = await runtime.request(toAgent('a'), 'ping', { conversationId: 77 });
    expect(reply).toMatchObject({ performative: 'inform', sender: 'a', content: 'got ping', conversationId: 77 });
    expect(reply.inReplyTo).toBe(seen[1]?.replyWith);
    expect(seen.map((message) => [message.performative, message.content, message.replyWith === 0])).toEqual([
      ['inform', 'hello', true],
      ['request', 'ping', false],
    ]);
  });

  it('counts dispatcher turns: messages sent together share a turn; snapshots read the count', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'native', id: 'a', handler: echo });
    expect(runtime.snapshot().counters.turns).toBe(0);
    for (let i = 0; i < 3; i += 1) runtime.send('a', 'inform', i);
    await runtime.idle();
    expect(runtime.snapshot().counters.turns).toBe(1);
    expect(runtime.metrics.intervalSnapshot().counters.turns).toBe(1);
    runtime.send('a', 'inform', 'again');
    await runtime.idle();
    expect(runtime.snapshot().counters.turns).toBe(2);
    expect(runtime.metrics.intervalSnapshot().counters.turns).toBe(1);
  });

  it('routes by capability round-robin across the agents that have it', async () => {
    runtime = new AgentRuntime();
    for (const id of ['x', 'y', 'z'])
      runtime.spawn({
        kind: 'native',
        id,
        capabilities: id === 'z' ? ['other'] : ['math'],
        handler: (_m, ctx) => ctx.agentId,
      });
    const answers = await Promise.all([1, 2, 3, 4].map(() => runtime.request(toCapability('math'), null)));
    expect(answers.map((reply) => reply.content)).toEqual(['x', 'y', 'x', 'y']);
    await expect(runtime.request(toCapability('none'), null)).rejects.toMatchObject({ code: 'no-capable-agent' });
    expect(() => runtime.send('ghost', 'inform', 1)).toThrow(new AgentError('unknown-agent', 'No agent `ghost`'));
  });

  it('lets a handler reply with its own performative and talk to other agents', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'native', id: 'doubler', handler: (message) => (message.content as number) * 2 });
    runtime.spawn({
      kind: 'native',
      id: 'front',
      handler: async (message, ctx) => {
        if (typeof message.content !== 'number') {
          ctx.reply('refuse', 'numbers only');
          return undefined;
        }
        const doubled = await ctx.request('doubler', message.content);
        return doubled.content;
      },
    });
    expect((await runtime.request('front', 21)).content).toBe(42);
    expect(await runtime.request('front', 'x')).toMatchObject({ performative: 'refuse', content: 'numbers only' });
  });

  it('refuses a message with a clear error when the mailbox is full and drops nothing', async () => {
    runtime = new AgentRuntime();
    const handled: number[] = [];
    runtime.spawn({
      kind: 'native',
      id: 'slow',
      mailboxCapacity: 2,
      handler: (message) => void handled.push(message.content as number),
    });
    expect(runtime.trySend('slow', 'inform', 1)).toBe('delivered');
    expect(runtime.trySend('slow', 'inform', 2)).toBe('delivered');
    expect(runtime.trySend('slow', 'inform', 3)).toBe('mailbox-full');
    let error: unknown;
    try {
      runtime.send('slow', 'inform', 3);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ code: 'mailbox-full', isBackPressure: true, agentId: 'slow' });
    await expect(runtime.request('slow', 3)).rejects.toMatchObject({ code: 'mailbox-full' });
    const waited = runtime.sendWhenReady('slow', 'inform', 3);
    await waited;
    await runtime.idle();
    expect(handled).toEqual([1, 2, 3]);
    const { counters } = runtime.snapshot();
    expect(counters.rejected).toBe(3);
    expect(counters.delivered).toBe(3);
    expect(counters.processed).toBe(3);
  });

  it('queues a batch up to the mailbox capacity and says how many went in', async () => {
    runtime = new AgentRuntime();
    const handled: unknown[] = [];
    runtime.spawn({
      kind: 'native',
      id: 'sink',
      mailboxCapacity: 3,
      handler: (message) => void handled.push(message.content),
    });
    const outcome = runtime.sendBatch('sink', 'inform', ['a', 'b', 'c', 'd', 'e']);
    expect(outcome).toEqual({ delivered: 3, status: 'mailbox-full' });
    await runtime.idle();
    expect(runtime.sendBatch('sink', 'inform', ['a', 'b', 'c', 'd', 'e'], 3)).toEqual({
      delivered: 2,
      status: 'delivered',
    });
    await runtime.idle();
    expect(handled).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('handles one message at a time even with async handlers', async () => {
    runtime = new AgentRuntime();
    let active = 0;
    let maxActive = 0;
    runtime.spawn({
      kind: 'native',
      id: 'serial',
      handler: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setImmediate(resolve));
        active--;
      },
    });
    await Promise.all([1, 2, 3, 4].map((n) => runtime.request('serial', n)));
    expect(maxActive).toBe(1);
  });

  it('times out a request that gets no answer (injected timers)', async () => {
    const fired: (() => void)[] = [];
    const timers: Timers = { setTimeout: (callback) => fired.push(callback), clearTimeout: () => undefined };
    runtime = new AgentRuntime({ timers });
    runtime.spawn({ kind: 'native', id: 'mute', handler: () => new Promise(() => undefined) });
    const reply = runtime.request('mute', 'x', { timeoutMs: 50 });
    await Promise.resolve();
    fired[0]?.();
    await expect(reply).rejects.toMatchObject({ code: 'request-timeout', timedOut: true, agentId: 'mute' });
    expect(runtime.snapshot().counters.timeouts).toBe(1);
  });

  it('turns queued messages of a stopped agent into rejections and dead letters', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'native', id: 'gone', handler: () => new Promise(() => undefined) });
    runtime.send('gone', 'inform', 'first'); // occupies the handler forever
    await Promise.resolve();
    runtime.send('gone', 'inform', 'queued');
    const request = runtime.request('gone', 'queued request');
    const deadLetter = runtime.events.next('dead-letter');
    runtime.stop('gone');
    await expect(request).rejects.toMatchObject({ code: 'agent-unavailable' });
    expect(await deadLetter).toMatchObject({ reason: 'agent-stopped', message: { content: 'queued' } });
    expect(runtime.snapshot().counters.deadLetters).toBe(1);
  });

  it('rejects the request a stopped agent was still handling, so no caller hangs', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'native', id: 'slow', handler: () => new Promise(() => undefined) });
    const inFlight = runtime.request('slow', 'x');
    await Promise.resolve();
    expect(runtime.info('slow').status).toBe('busy');
    runtime.stop('slow');
    await expect(inFlight).rejects.toMatchObject({ code: 'agent-unavailable', agentId: 'slow' });
    expect(runtime.stats().pendingRequests).toBe(0);
  });

  it('validates spawn options and ids', () => {
    runtime = new AgentRuntime();
    expect(() => runtime.spawn({ kind: 'native', handler: echo, mailboxCapacity: 0 })).toThrow(
      'Expected `mailboxCapacity` to be a positive integer, got `0` (number)',
    );
    runtime.spawn({ kind: 'native', id: 'dup', handler: echo });
    expect(() => runtime.spawn({ kind: 'native', id: 'dup', handler: echo })).toThrow(/already exists/);
    expect(() => new AgentRuntime({ turnBudget: -1 })).toThrow(
      'Expected `turnBudget` to be a positive integer, got `-1` (number)',
    );
  });

  it('rejects pending requests when the runtime closes', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'native', id: 'mute', handler: () => new Promise(() => undefined) });
    const reply = runtime.request('mute', 1);
    await Promise.resolve();
    runtime.close();
    await expect(reply).rejects.toMatchObject({ code: 'runtime-closed' });
    expect(runtime.trySend('mute', 'inform', 1)).toBe('runtime-closed');
  });
});
