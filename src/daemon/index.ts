/** The daemon library: config, daemon builder, subsystems, shutdown, errors, rotating log. */
export {
  configBuilder,
  createConfig,
  defaultConfig,
  resolveWorkerThreads,
  ConfigBuilder,
  CONFIG_DEFAULTS,
} from './config/daemon-config.js';
export { LOGGING_DEFAULTS, resolveLoggingConfig } from './config/logging-config.js';
export { Daemon, exitCodeFor } from './daemon/daemon.js';
export { DaemonBuilder } from './daemon/daemon-builder.js';
export { DEFAULT_SIGNALS, KILL_EXIT_CODE } from './daemon/signal-handling.js';
export { waitIntervalOrShutdown } from './daemon/monitor-loop.js';
export { DaemonError } from './errors/daemon-error.js';
export { RotatingLogWriter } from './logging/rotating-log-writer.js';
export { DAEMON_METRICS, MetricsCollector } from './metrics/metrics-collector.js';
export { errorChain, formatErrorChain } from './errors/error-chain.js';
export { ShutdownCoordinator } from './shutdown/shutdown-coordinator.js';
export { ShutdownHandle } from './shutdown/shutdown-handle.js';
export { REQUESTED } from './shutdown/shutdown-types.js';
export { EventStream } from './subsystem/event-stream.js';
export { decideRestart, NEVER } from './subsystem/restart-policy.js';
export { SubsystemManager } from './subsystem/subsystem-manager.js';
export { ManualTimers } from './time/manual-timers.js';
export { realTimers } from './time/timers.js';

export type { DaemonConfig, DaemonConfigInput } from './config/daemon-config.js';
export type { LoggingConfig, LoggingConfigInput } from './config/logging-config.js';
export type { DaemonState, ResolvedDaemonOptions } from './daemon/daemon.js';
export type { TaskOptions } from './daemon/daemon-builder.js';
export type { DaemonErrorCode, DaemonErrorOptions } from './errors/daemon-error.js';
export type { LogWriterStats } from './logging/rotating-log-writer.js';
export type { MetricsSnapshot, TimingSummary } from './metrics/metrics-collector.js';
export type { ShutdownStats, ShutdownTimeouts } from './shutdown/shutdown-coordinator.js';
export type { HandleState } from './shutdown/shutdown-handle.js';
export type {
  DrainResult,
  ShutdownReason,
  ShutdownReport,
  StopPhase,
  SubsystemStop,
} from './shutdown/shutdown-types.js';
export type { RestartDecision, RestartPolicy, RunExit } from './subsystem/restart-policy.js';
export type {
  SubsystemEvent,
  SubsystemFn,
  SubsystemId,
  SubsystemInfo,
  SubsystemSpec,
  SubsystemState,
  SubsystemStats,
} from './subsystem/subsystem-types.js';
export type { TimerHandle, TimerOptions, Timers } from './time/timers.js';
