/**
 * A WebAssembly agent incarnation: its own instance and its own linear memory,
 * whose maximum is the agent's memory limit. A trap or a failed allocation
 * throws out of `handle`, so it is contained to this agent (the runtime treats
 * it as a crash of this agent only).
 */
import { AgentError } from '../errors.js';
import type { AgentMessage } from '../messages/message.js';
import type { WasmAgentModule } from '../wasm/agent-module.js';
import { Wasm } from '../wasm/webassembly-api.js';
import type { AgentContext } from './agent-context.js';
import type { AgentInstance } from './agent-instance.js';

export const WASM_PAGE_BYTES = 65_536;

/** Message content that calls one of the module's callable exports. */
export interface WasmCall {
  readonly call: string;
  readonly args?: readonly number[];
}

export function isWasmCall(content: unknown): content is WasmCall {
  return typeof content === 'object' && content !== null && typeof (content as { call?: unknown }).call === 'string';
}

interface AgentExports {
  on_bytes(ptr: number, len: number): number;
  on_number(n: number): number;
  scratch(len: number): number;
  heap_top(): number;
  set_heap_top(top: number): void;
  handled(): number;
  set_handled(n: number): void;
  [name: string]: unknown;
}

export interface WasmCheckpoint {
  readonly heapTop: number;
  readonly handled: number;
  readonly memory: Uint8Array;
}

export interface WasmInstanceOptions {
  readonly agentId: string;
  readonly module: WasmAgentModule;
  readonly initialPages: number;
  readonly maximumPages: number;
  /** The export that handles byte payloads, `(ptr, len) -> i32`. */
  readonly bytesExport: string;
}

const encoder = new TextEncoder();

export function createWasmInstance(options: WasmInstanceOptions): AgentInstance {
  const { agentId, module, maximumPages } = options;
  const memory = new Wasm.Memory({ initial: options.initialPages, maximum: maximumPages });
  const outOfMemory = (requested: number): never => {
    throw new AgentError(
      'memory-limit-exceeded',
      `Agent \`${agentId}\` could not allocate ${requested >>> 0} B within its limit of ${maximumPages} pages (${maximumPages * WASM_PAGE_BYTES} B)`,
      { agentId },
    );
  };
  const instance = new Wasm.Instance(module.module, { env: { memory, out_of_memory: outOfMemory } });
  const exports = instance.exports as unknown as AgentExports;
  const onBytes = exports[options.bytesExport] as AgentExports['on_bytes'];

  const handleBytes = (bytes: Uint8Array): number => {
    const ptr = exports.scratch(bytes.length);
    if (ptr === -1) return outOfMemory(bytes.length);
    new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
    return onBytes(ptr, bytes.length);
  };

  const handle = (message: AgentMessage, context: AgentContext): unknown => {
    const content = message.content;
    if (typeof content === 'number') return exports.on_number(content);
    if (content instanceof Uint8Array) return handleBytes(content);
    if (typeof content === 'string') return handleBytes(encoder.encode(content));
    if (isWasmCall(content) && module.callable.has(content.call)) {
      const fn = exports[content.call] as (...args: number[]) => number | undefined;
      return fn(...(content.args ?? []));
    }
    context.reply('not-understood', {
      reason: 'WASM agents take a number, bytes, a string or a { call, args } of a callable export',
    });
    return undefined;
  };

  return {
    kind: 'wasm',
    handle,
    checkpoint(): WasmCheckpoint {
      const heapTop = exports.heap_top();
      return { heapTop, handled: exports.handled(), memory: new Uint8Array(memory.buffer, 0, heapTop).slice() };
    },
    restore(state: unknown) {
      const saved = state as WasmCheckpoint;
      const needPages = Math.ceil(saved.memory.length / WASM_PAGE_BYTES);
      const havePages = memory.buffer.byteLength / WASM_PAGE_BYTES;
      if (needPages > havePages) memory.grow(needPages - havePages);
      new Uint8Array(memory.buffer).set(saved.memory);
      exports.set_heap_top(saved.heapTop);
      exports.set_handled(saved.handled);
    },
    memoryBytes: () => memory.buffer.byteLength,
    dispose: () => undefined,
  };
}
