import { AgentError } from '../errors.js';
import { loadAgentModule, toAgentModule } from './agent-module.js';
import { compileWat } from './compile-wat.js';
import { countPrimes, fnv1a } from './native-compute.js';
import { Wasm } from './webassembly-api.js';

interface ComputeExports {
  count_primes(n: number): number;
  fnv1a(ptr: number, len: number): number;
  try_alloc(bytes: number): number;
}

describe('WASM agent module', () => {
  it('compiles agent.wat with wabt and exposes the agent ABI', async () => {
    const agentModule = await loadAgentModule();
    expect(agentModule.name).toBe('agent.wat');
    expect([...agentModule.callable].sort()).toEqual([
      'alloc',
      'count_primes',
      'fill_checksum',
      'fnv1a',
      'handled',
      'heap_top',
      'trap',
      'try_alloc',
    ]);
  });

  it('computes exactly what the native twins compute', async () => {
    const { module } = await loadAgentModule();
    const memory = new Wasm.Memory({ initial: 1, maximum: 2 });
    const instance = new Wasm.Instance(module, { env: { memory, out_of_memory: () => undefined } });
    const exports = instance.exports as unknown as ComputeExports;
    for (const n of [0, 2, 3, 100, 10_000]) expect(exports.count_primes(n)).toBe(countPrimes(n));
    expect(countPrimes(100)).toBe(25);
    const bytes = new TextEncoder().encode('planebench agents');
    const ptr = exports.try_alloc(bytes.length);
    new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
    expect(exports.fnv1a(ptr, bytes.length)).toBe(fnv1a(bytes));
  });

  it('rejects a module that does not fit the ABI, naming what is missing', async () => {
    const module = await compileWat('bare.wat', '(module (memory (export "memory") 1))');
    expect(() => toAgentModule('bare.wat', module)).toThrow(AgentError);
    expect(() => toAgentModule('bare.wat', module)).toThrow(
      /missing export `on_bytes`.*memory not imported as `env.memory`/,
    );
  });

  it('reports a WAT syntax error as wasm-compile-failed', async () => {
    await expect(compileWat('broken.wat', '(module (func $f (result i32)))')).rejects.toMatchObject({
      code: 'wasm-compile-failed',
    });
  });
});
