/** Spawning the agents a scenario works with: native twins or WASM agents doing the same work. */
import type { AgentKind, AgentRuntime, AgentSpec, WasmAgentModule } from '../../../src/agents/index.js';
import { nativeTwin } from '../../../src/agents/index.js';

export const AGENT_KINDS: readonly AgentKind[] = ['native', 'wasm'];

export function isAgentKind(value: unknown): value is AgentKind {
  return value === 'native' || value === 'wasm';
}

export interface SpawnSpecOptions {
  readonly kind: AgentKind;
  readonly module: WasmAgentModule;
  readonly id?: string;
  readonly capabilities?: readonly string[];
  readonly memoryLimitPages?: number;
  readonly mailboxCapacity?: number;
}

export function workerSpec(options: SpawnSpecOptions): AgentSpec {
  const common = {
    ...(options.id === undefined ? {} : { id: options.id }),
    capabilities: options.capabilities ?? ['work'],
    ...(options.mailboxCapacity === undefined ? {} : { mailboxCapacity: options.mailboxCapacity }),
  };
  return options.kind === 'native'
    ? { kind: 'native', create: nativeTwin, ...common }
    : { kind: 'wasm', module: options.module, memoryLimitPages: options.memoryLimitPages ?? 16, ...common };
}

/** Spawns `count` workers, recording each spawn's time (µs) through `onSpawnUs`. */
export function spawnWorkers(
  runtime: AgentRuntime,
  count: number,
  options: SpawnSpecOptions,
  now: () => number,
  onSpawnUs?: (us: number) => void,
): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const spec = workerSpec({ ...options, id: `${options.id ?? options.kind}-${i}` });
    const started = now();
    ids.push(runtime.spawn(spec).id);
    onSpawnUs?.((now() - started) * 1000);
  }
  return ids;
}

/** Requires a params field to be an agent kind; the message names it. */
export function agentKindParam(value: unknown, name = 'agentKind'): AgentKind {
  if (!isAgentKind(value)) throw new TypeError(`Expected \`${name}\` to be one of native, wasm, got \`${String(value)}\` (${typeof value})`);
  return value;
}
