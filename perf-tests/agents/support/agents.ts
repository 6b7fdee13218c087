/**
 * Spawning the agents a scenario works with, native or WASM, doing the same
 * work: `hash` (FNV-1a over byte payloads, count primes for numbers: the
 * native twin and agent.wat's `on_bytes`) or `receive` (take the payload and
 * count its bytes: a light handler, so a scenario about routing measures the
 * runtime rather than the hash; the WASM agent still copies the payload into
 * its linear memory).
 */
import type { AgentKind, AgentRuntime, AgentSpec, WasmAgentModule } from '../../../src/agents/index.js';
import { nativeTwin } from '../../../src/agents/index.js';
import { check } from '../../../src/lib/validate.js';

export const AGENT_KINDS: readonly AgentKind[] = ['native', 'wasm'];

export interface SpawnSpecOptions {
  readonly kind: AgentKind;
  readonly module: WasmAgentModule;
  readonly id?: string;
  readonly capabilities?: readonly string[];
  readonly memoryLimitPages?: number;
  readonly mailboxCapacity?: number;
  /** Default `hash`. */
  readonly work?: 'hash' | 'receive';
}

function receiveBytes(message: { content: unknown }): number {
  const content = message.content;
  return content instanceof Uint8Array ? content.length : 0;
}

export function workerSpec(options: SpawnSpecOptions): AgentSpec {
  const common = {
    ...(options.id === undefined ? {} : { id: options.id }),
    capabilities: options.capabilities ?? ['work'],
    ...(options.mailboxCapacity === undefined ? {} : { mailboxCapacity: options.mailboxCapacity }),
  };
  const receive = options.work === 'receive';
  if (options.kind === 'native') {
    return receive
      ? { kind: 'native', handler: receiveBytes, ...common }
      : { kind: 'native', create: nativeTwin, ...common };
  }
  return {
    kind: 'wasm',
    module: options.module,
    memoryLimitPages: options.memoryLimitPages ?? 16,
    ...(receive ? { bytesExport: 'on_receive' } : {}),
    ...common,
  };
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
  return check.oneOf(name, value, AGENT_KINDS);
}
