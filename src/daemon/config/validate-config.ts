/**
 * One check per kind of config field. Each returns the value or throws a
 * DaemonError (`config-invalid`) that names the field, the rule and the value.
 */
import { isAbsolute } from 'node:path';
import { DaemonError } from '../errors/daemon-error.js';

/** Node's timers cannot wait longer than this (2^31 − 1 ms). */
export const MAX_TIMER_MS = 2_147_483_647;
export const MAX_NAME_LENGTH = 64;
/** More worker threads than this is a configuration mistake, not a machine. */
export const MAX_WORKER_THREADS = 1024;
/** A health check more often than this would be a busy loop. */
export const MIN_HEALTH_CHECK_INTERVAL_MS = 10;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function checkName(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(value)) {
    throw DaemonError.config(
      field,
      `a name of 1 to ${MAX_NAME_LENGTH} letters, digits, \`.\`, \`_\` or \`-\` starting with a letter or digit`,
      value,
    );
  }
  return value;
}

export function checkTimeoutMs(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMER_MS) {
    throw DaemonError.config(field, `an integer number of milliseconds between 1 and ${MAX_TIMER_MS}`, value);
  }
  return value;
}

export function checkHealthCheckIntervalMs(field: string, value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < MIN_HEALTH_CHECK_INTERVAL_MS ||
    value > MAX_TIMER_MS
  ) {
    throw DaemonError.config(
      field,
      `an integer number of milliseconds between ${MIN_HEALTH_CHECK_INTERVAL_MS} and ${MAX_TIMER_MS}`,
      value,
    );
  }
  return value;
}

/** 0 (one per available CPU) or a positive integer up to MAX_WORKER_THREADS. */
export function checkWorkerThreads(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_WORKER_THREADS) {
    throw DaemonError.config(
      field,
      `an integer number of threads between 0 (one per available CPU) and ${MAX_WORKER_THREADS}`,
      value,
    );
  }
  return value;
}

export function checkPidFile(field: string, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !isAbsolute(value)) {
    throw DaemonError.config(field, 'an absolute path or null', value);
  }
  return value;
}

/** graceful ≤ force ≤ kill: each later phase ends no earlier than the one before. */
export function checkTimeoutOrder(shutdownTimeoutMs: number, forceTimeoutMs: number, killTimeoutMs: number): void {
  if (forceTimeoutMs < shutdownTimeoutMs) {
    throw DaemonError.config('forceTimeoutMs', `at least \`shutdownTimeoutMs\` (${shutdownTimeoutMs})`, forceTimeoutMs);
  }
  if (killTimeoutMs < forceTimeoutMs) {
    throw DaemonError.config('killTimeoutMs', `at least \`forceTimeoutMs\` (${forceTimeoutMs})`, killTimeoutMs);
  }
}

/** A non-negative integer (delays, counts). */
export function checkNonNegativeInteger(field: string, value: unknown, max = MAX_TIMER_MS): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw DaemonError.config(field, `a non-negative integer no greater than ${max}`, value);
  }
  return value;
}

/** A log file bigger than this is a configuration mistake (1 TiB). */
export const MAX_LOG_FILE_BYTES = 2 ** 40;
/** More rotated log files than this is a configuration mistake. */
export const MAX_LOG_FILES = 1000;

export function checkLogFile(field: string, value: unknown): string {
  if (typeof value !== 'string' || !isAbsolute(value)) {
    throw DaemonError.config(field, 'an absolute path', value);
  }
  return value;
}

/** The size a log file may reach before it is rotated. */
export function checkLogMaxBytes(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LOG_FILE_BYTES) {
    throw DaemonError.config(field, `an integer number of bytes between 1 and ${MAX_LOG_FILE_BYTES}`, value);
  }
  return value;
}

/** How many log files are kept, the one being written included. */
export function checkLogMaxFiles(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LOG_FILES) {
    throw DaemonError.config(
      field,
      `an integer number of files between 1 (the log file alone) and ${MAX_LOG_FILES}`,
      value,
    );
  }
  return value;
}
