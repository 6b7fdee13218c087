/**
 * What `spawn` takes: a native agent (a JS handler or a behaviour factory) or a
 * WebAssembly agent (a compiled agent module and a memory limit in pages).
 */
import type { WasmAgentModule } from '../wasm/agent-module.js';
import { option, invalidOption } from '../options/validate.js';
import { resolveRestartPolicy, type RestartPolicy, type RestartPolicyInput } from '../supervisor/restart-policy.js';
import type { AgentInstance, AgentKind } from './agent-instance.js';
import { createNativeInstance, type NativeBehaviour, type NativeHandler } from './native-instance.js';
import { createWasmInstance } from './wasm-instance.js';

interface CommonSpec {
  /** Default: `<kind>-<n>`. */
  readonly id?: string;
  readonly capabilities?: readonly string[];
  /** Default: the runtime's `mailboxCapacity`. */
  readonly mailboxCapacity?: number;
  readonly restartPolicy?: RestartPolicyInput;
}

export interface NativeAgentSpec extends CommonSpec {
  readonly kind: 'native';
  /** A stateless handler … */
  readonly handler?: NativeHandler;
  /** … or a factory called at spawn and on every restart. */
  readonly create?: () => NativeBehaviour;
}

export interface WasmAgentSpec extends CommonSpec {
  readonly kind: 'wasm';
  readonly module: WasmAgentModule;
  /** The memory limit: maximum 64 KiB pages of the agent's linear memory. */
  readonly memoryLimitPages: number;
  /** Default 1. */
  readonly initialPages?: number;
  /** The module export that handles byte and string payloads; default `on_bytes`. */
  readonly bytesExport?: string;
}

export type AgentSpec = NativeAgentSpec | WasmAgentSpec;

export interface ResolvedAgentSpec {
  readonly id: string;
  readonly kind: AgentKind;
  readonly capabilities: readonly string[];
  readonly mailboxCapacity: number;
  readonly restartPolicy: RestartPolicy;
  readonly createInstance: () => AgentInstance;
}

export function resolveAgentSpec(
  spec: AgentSpec,
  defaultId: string,
  defaultMailboxCapacity: number,
): ResolvedAgentSpec {
  const id = spec.id === undefined ? defaultId : option.nonEmptyString('id', spec.id);
  const capabilities = Object.freeze(
    (spec.capabilities ?? []).map((capability, index) => option.nonEmptyString(`capabilities[${index}]`, capability)),
  );
  const mailboxCapacity = option.positiveInteger('mailboxCapacity', spec.mailboxCapacity ?? defaultMailboxCapacity);
  const restartPolicy = resolveRestartPolicy(spec.restartPolicy);
  return {
    id,
    kind: spec.kind,
    capabilities,
    mailboxCapacity,
    restartPolicy,
    createInstance: instanceFactory(spec, id),
  };
}

function instanceFactory(spec: AgentSpec, id: string): () => AgentInstance {
  if (spec.kind === 'native') {
    const { handler, create } = spec;
    if ((handler === undefined) === (create === undefined)) {
      throw invalidOption(
        'handler',
        'given exactly when `create` is not',
        handler === undefined ? 'undefined' : 'a function',
      );
    }
    if (create !== undefined) return () => createNativeInstance(create());
    const behaviour: NativeBehaviour = { handle: handler as NativeHandler };
    return () => createNativeInstance(behaviour);
  }
  if (spec.kind !== 'wasm') throw invalidOption('kind', 'one of native, wasm', (spec as { kind: unknown }).kind);
  const maximumPages = option.positiveInteger('memoryLimitPages', spec.memoryLimitPages);
  if (maximumPages > 65_536) throw invalidOption('memoryLimitPages', 'at most 65536 (4 GiB)', maximumPages);
  const initialPages = option.positiveInteger('initialPages', spec.initialPages ?? 1);
  if (initialPages > maximumPages)
    throw invalidOption('initialPages', `at most \`memoryLimitPages\` (${maximumPages})`, initialPages);
  const module = spec.module;
  const bytesExport = option.nonEmptyString('bytesExport', spec.bytesExport ?? 'on_bytes');
  if (!module.byteHandlers.has(bytesExport)) {
    throw invalidOption(
      'bytesExport',
      `a byte handler of module \`${module.name}\` (${[...module.byteHandlers].join(', ')})`,
      bytesExport,
    );
  }
  return () => createWasmInstance({ agentId: id, module, initialPages, maximumPages, bytesExport });
}
