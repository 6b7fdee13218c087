/** Builds the manager of a variant, so scenarios run one workload against both. */
import { RULES } from '../lib/validate.js';
import { argument, type ActorManagerOptions } from './options.js';
import type { ProcessManager } from './types.js';
import { LockedProcessManager } from './v1/locked-process-manager.js';
import { ActorProcessManager } from './v2/actor-process-manager.js';

export type ProcmanVariant = ProcessManager['variant'];

export function createProcessManager(variant: ProcmanVariant, options: ActorManagerOptions = {}): ProcessManager {
  if (variant === 'v1') {
    const { gracePeriodMs, killTimeoutMs, heartbeatIntervalMs } = options;
    return new LockedProcessManager({
      ...(gracePeriodMs === undefined ? {} : { gracePeriodMs }),
      ...(killTimeoutMs === undefined ? {} : { killTimeoutMs }),
      ...(heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs }),
    });
  }
  if (variant === 'v2') return new ActorProcessManager(options);
  return argument.fail('variant', RULES.oneOf(['v1', 'v2']), variant);
}
