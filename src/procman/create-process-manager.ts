/** Builds the manager of a variant, so scenarios run one workload against both. */
import { ProcmanError } from './errors.js';
import type { ActorManagerOptions } from './options.js';
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
  throw new ProcmanError(
    'invalid-argument',
    `Expected \`variant\` to be one of v1, v2, got \`${String(variant)}\` (${typeof variant})`,
  );
}
