/**
 * The daemon's config checks: the one validator family of src/lib/validate.ts, failing
 * with a DaemonError (`config-invalid`) that names the field, the rule and the value,
 * plus the checks only the daemon has (a name, paths, the order of the timeouts).
 */
import { isAbsolute } from 'node:path';
import { validators } from '../../lib/validate.js';
import { DaemonError } from '../errors/daemon-error.js';

/** Node's timers cannot wait longer than this (2^31 − 1 ms). */
export const MAX_TIMER_MS = 2_147_483_647;
export const MAX_NAME_LENGTH = 64;
/** More worker threads than this is a configuration mistake, not a machine. */
export const MAX_WORKER_THREADS = 1024;
/** A health check more often than this would be a busy loop. */
export const MIN_HEALTH_CHECK_INTERVAL_MS = 10;
/** A log file bigger than this is a configuration mistake (1 TiB). */
export const MAX_LOG_FILE_BYTES = 2 ** 40;
/** More rotated log files than this is a configuration mistake. */
export const MAX_LOG_FILES = 1000;
/** A log queue longer than this (2^24 lines) is a configuration mistake, not a buffer. */
export const MAX_LOG_PENDING_LINES = 16_777_216;

function failConfig(field: string, rule: string, value: unknown): never {
  throw DaemonError.config(field, rule, value);
}

/**
 * The family, throwing DaemonError (`config-invalid`). Ranges the daemon uses:
 * timeouts `integerInRange(field, v, 1, MAX_TIMER_MS, 'milliseconds')`, the health-check
 * interval from MIN_HEALTH_CHECK_INTERVAL_MS, worker threads from 0 (one per available
 * CPU) to MAX_WORKER_THREADS, log bytes up to MAX_LOG_FILE_BYTES, log files up to MAX_LOG_FILES, queued log lines up
 * to MAX_LOG_PENDING_LINES.
 */
export const check = validators(failConfig);

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function checkName(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(value)) {
    failConfig(
      field,
      `a name of 1 to ${MAX_NAME_LENGTH} letters, digits, \`.\`, \`_\` or \`-\` starting with a letter or digit`,
      value,
    );
  }
  return value;
}

export function checkPidFile(field: string, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !isAbsolute(value)) failConfig(field, 'an absolute path or null', value);
  return value;
}

/** graceful ≤ force ≤ kill: each later phase ends no earlier than the one before. */
export function checkTimeoutOrder(shutdownTimeoutMs: number, forceTimeoutMs: number, killTimeoutMs: number): void {
  if (forceTimeoutMs < shutdownTimeoutMs) {
    failConfig('forceTimeoutMs', `at least \`shutdownTimeoutMs\` (${shutdownTimeoutMs})`, forceTimeoutMs);
  }
  if (killTimeoutMs < forceTimeoutMs) {
    failConfig('killTimeoutMs', `at least \`forceTimeoutMs\` (${forceTimeoutMs})`, killTimeoutMs);
  }
}

export function checkLogFile(field: string, value: unknown): string {
  if (typeof value !== 'string' || !isAbsolute(value)) failConfig(field, 'an absolute path', value);
  return value;
}
