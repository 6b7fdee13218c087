/**
 * Loads the WebAssembly agent module: compiles `agent.wat` (next to this file)
 * with wabt once per process and checks that it exports the agent ABI.
 */
import { readFile } from 'node:fs/promises';
import { AgentError } from '../errors.js';
import { compileWat } from './compile-wat.js';
import { Wasm, type WasmModule } from './webassembly-api.js';

/** Exports a WASM agent module must have; see agent.wat for their meaning. */
export const WASM_AGENT_EXPORTS = [
  'on_bytes',
  'on_number',
  'scratch',
  'try_alloc',
  'alloc',
  'heap_top',
  'set_heap_top',
  'handled',
  'set_handled',
] as const;

/** Exports a `{ call, args }` message may invoke. */
export const WASM_CALLABLE_EXPORTS = [
  'try_alloc',
  'alloc',
  'count_primes',
  'fnv1a',
  'fill_checksum',
  'heap_top',
  'handled',
  'trap',
] as const;

/** Exports that can handle byte payloads, `(ptr, len) -> i32`; a spec picks one. */
export const WASM_BYTE_HANDLERS = ['on_bytes', 'on_receive'] as const;

export type WasmCallableExport = (typeof WASM_CALLABLE_EXPORTS)[number];

export interface WasmAgentModule {
  readonly name: string;
  readonly module: WasmModule;
  /** The exports of WASM_CALLABLE_EXPORTS this module has. */
  readonly callable: ReadonlySet<string>;
  /** The exports of WASM_BYTE_HANDLERS this module has (always `on_bytes`). */
  readonly byteHandlers: ReadonlySet<string>;
}

/** Checks a compiled module against the agent ABI. */
export function toAgentModule(name: string, module: WasmModule): WasmAgentModule {
  const exports = new Set(Wasm.Module.exports(module).map((entry) => entry.name));
  const missing = WASM_AGENT_EXPORTS.filter((required) => !exports.has(required));
  const importsMemory = Wasm.Module.imports(module).some(
    (entry) => entry.module === 'env' && entry.name === 'memory' && entry.kind === 'memory',
  );
  if (missing.length > 0 || !importsMemory) {
    const problems = [
      ...missing.map((exportName) => `missing export \`${exportName}\``),
      ...(importsMemory ? [] : ['memory not imported as `env.memory`']),
    ];
    throw new AgentError(
      'wasm-abi-mismatch',
      `WASM agent module \`${name}\` does not fit the agent ABI: ${problems.join(', ')}`,
    );
  }
  const callable = new Set<string>(WASM_CALLABLE_EXPORTS.filter((exportName) => exports.has(exportName)));
  const byteHandlers = new Set<string>(WASM_BYTE_HANDLERS.filter((exportName) => exports.has(exportName)));
  return { name, module, callable, byteHandlers };
}

export const AGENT_WAT_URL = new URL('./agent.wat', import.meta.url);

let defaultModule: Promise<WasmAgentModule> | undefined;

/** The repository's agent module (agent.wat), compiled once per process. */
export function loadAgentModule(): Promise<WasmAgentModule> {
  defaultModule ??= (async () => {
    const source = await readFile(AGENT_WAT_URL, 'utf8');
    return toAgentModule('agent.wat', await compileWat('agent.wat', source));
  })();
  return defaultModule;
}
