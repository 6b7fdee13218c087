/** procman: two process managers under test, v1 (locked) and v2 (actor). */
export { LockedProcessManager } from './v1/locked-process-manager.js';
export { ActorProcessManager } from './v2/actor-process-manager.js';
export { ProcmanError, isProcmanError } from './errors.js';
export { ACTOR_DEFAULTS, MANAGER_DEFAULTS } from './options.js';
export { createProcessManager } from './create-process-manager.js';

export type { ActorInternals } from './v2/actor-process-manager.js';
export type { ProcmanVariant } from './create-process-manager.js';
export type { ProcmanErrorCode } from './errors.js';
export type { ActorManagerOptions, ManagerOptions } from './options.js';
export type {
  ExitInfo,
  OperationOptions,
  ProcessInfo,
  ProcessManager,
  ProcessSpec,
  ProcessState,
  RestartOutcome,
  StartOutcome,
  StopOptions,
  StopOutcome,
} from './types.js';
