import { WASM_PAGE_BYTES, type WasmCheckpoint } from '../agent/wasm-instance.js';
import { loadAgentModule, type WasmAgentModule } from '../wasm/agent-module.js';
import { countPrimes, fnv1a } from '../wasm/native-compute.js';
import { AgentRuntime } from './agent-runtime.js';

describe('WebAssembly agents', () => {
  let module: WasmAgentModule;
  let runtime: AgentRuntime;
  beforeAll(async () => {
    module = await loadAgentModule();
  });
  afterEach(() => runtime.close());

  it('handle numbers, bytes, strings and export calls in their own instance', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'wasm', id: 'w1', module, memoryLimitPages: 4 });
    runtime.spawn({ kind: 'wasm', id: 'w2', module, memoryLimitPages: 4 });
    expect((await runtime.request('w1', 1000)).content).toBe(countPrimes(1000));
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect((await runtime.request('w1', bytes)).content).toBe(fnv1a(bytes));
    expect((await runtime.request('w1', 'héllo')).content).toBe(fnv1a(new TextEncoder().encode('héllo')));
    expect((await runtime.request('w1', { call: 'handled' })).content).toBe(3);
    expect((await runtime.request('w2', { call: 'handled' })).content).toBe(0);
    expect(await runtime.request('w1', { call: 'not_an_export' })).toMatchObject({ performative: 'not-understood' });
    expect(runtime.info('w1').memoryBytes).toBe(WASM_PAGE_BYTES);
  });

  it('enforces the memory limit: the largest allocation stops at the maximum pages', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'wasm', id: 'w', module, memoryLimitPages: 16 });
    const limitBytes = 16 * WASM_PAGE_BYTES;
    const tooBig = await runtime.request('w', { call: 'try_alloc', args: [limitBytes] });
    expect(tooBig.content).toBe(-1);
    const fits = await runtime.request('w', { call: 'try_alloc', args: [limitBytes - 2048] });
    expect(fits.content).toBe(1024);
    expect(runtime.info('w').memoryBytes).toBe(limitBytes);
  });

  it('crashes with memory-limit when a message needs more than the limit, and restarts', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'wasm', id: 'w', module, memoryLimitPages: 2 });
    const crash = runtime.events.next('crash');
    const reply = await runtime.request('w', new Uint8Array(3 * WASM_PAGE_BYTES));
    expect(reply.performative).toBe('failure');
    const crashed = await crash;
    expect(crashed.kind).toBe('memory-limit');
    expect(crashed.error.message).toMatch(/could not allocate 196608 B within its limit of 2 pages \(131072 B\)/);
    await runtime.events.next('restart');
    expect((await runtime.request('w', 10)).content).toBe(4);
  });

  it('contains a trap to the trapping agent', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'wasm', id: 'trapper', module, memoryLimitPages: 2 });
    runtime.spawn({ kind: 'wasm', id: 'bystander', module, memoryLimitPages: 2 });
    const crash = runtime.events.next('crash');
    expect(await runtime.request('trapper', { call: 'trap' })).toMatchObject({
      performative: 'failure',
      content: { reason: 'trap' },
    });
    expect((await crash).kind).toBe('trap');
    expect((await runtime.request('bystander', 100)).content).toBe(25);
    await runtime.events.next('restart');
    expect((await runtime.request('trapper', 100)).content).toBe(25);
  });

  it('checkpoints its linear memory and restores it into the next incarnation', async () => {
    runtime = new AgentRuntime();
    runtime.spawn({ kind: 'wasm', id: 'w', module, memoryLimitPages: 8 });
    await runtime.request('w', { call: 'try_alloc', args: [100_000] });
    await runtime.request('w', 'abc');
    const checkpoint = runtime.checkpoint('w');
    const state = checkpoint.state as WasmCheckpoint;
    expect(state.handled).toBe(1); // payload messages; export calls are not counted
    expect(state.memory.length).toBe(state.heapTop);
    await runtime.request('w', { call: 'trap' });
    await runtime.events.next('restart');
    expect((await runtime.request('w', { call: 'heap_top' })).content).toBe(state.heapTop);
    expect(runtime.info('w').memoryBytes).toBeGreaterThanOrEqual(state.heapTop);
  });

  it('validates the memory limit', () => {
    runtime = new AgentRuntime();
    expect(() => runtime.spawn({ kind: 'wasm', module, memoryLimitPages: 0 })).toThrow(
      'Expected `memoryLimitPages` to be a positive integer, got `0` (number)',
    );
    expect(() => runtime.spawn({ kind: 'wasm', module, memoryLimitPages: 2, initialPages: 3 })).toThrow(
      'Expected `initialPages` to be at most `memoryLimitPages` (2), got `3` (number)',
    );
  });
});

describe('WebAssembly agents with a chosen byte handler', () => {
  it('hand byte payloads to the export the spec names, and reject one the module lacks', async () => {
    const module = await loadAgentModule();
    const runtime = new AgentRuntime();
    try {
      runtime.spawn({ kind: 'wasm', id: 'light', module, memoryLimitPages: 2, bytesExport: 'on_receive' });
      expect((await runtime.request('light', new Uint8Array(300))).content).toBe(300);
      expect((await runtime.request('light', { call: 'handled' })).content).toBe(1);
      expect(() => runtime.spawn({ kind: 'wasm', module, memoryLimitPages: 2, bytesExport: 'nope' })).toThrow(
        'Expected `bytesExport` to be a byte handler of module `agent.wat` (on_bytes, on_receive), got `nope` (string)',
      );
    } finally {
      runtime.close();
    }
  });
});
