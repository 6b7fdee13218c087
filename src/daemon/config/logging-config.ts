/**
 * The daemon config's optional `logging` section: where the rotating log
 * writer appends (`file`), the size at which it rotates (`maxBytes`), how
 * many files it keeps, the one being written included (`maxFiles`), and how
 * many lines may wait for the disk before new ones are dropped
 * (`maxPendingLines`).
 */
import { DaemonError } from '../errors/daemon-error.js';
import { check, checkLogFile, MAX_LOG_FILE_BYTES, MAX_LOG_FILES, MAX_LOG_PENDING_LINES } from './validate-config.js';

export interface LoggingConfig {
  /** Absolute path of the log file; rotated copies are `<file>.1` (newest) … `<file>.<maxFiles − 1>`. */
  readonly file: string;
  /** A file is rotated before a line would take it past this size, bytes (a longer line gets a file of its own). */
  readonly maxBytes: number;
  /** Files kept, the one being written included; the oldest is dropped at a rotation. */
  readonly maxFiles: number;
  /**
   * Lines waiting for the next batch, at most (the batch being written holds at most as many
   * again); a line handed in while the queue is full is dropped and counted: a disk slower than
   * the logging must neither grow the daemon's memory without end nor make `log()` wait.
   */
  readonly maxPendingLines: number;
}

export interface LoggingConfigInput {
  readonly file: string;
  readonly maxBytes?: number;
  readonly maxFiles?: number;
  readonly maxPendingLines?: number;
}

export const LOGGING_DEFAULTS = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxFiles: 5,
  maxPendingLines: 128_000,
});

const LOGGING_FIELDS: readonly string[] = ['file', 'maxBytes', 'maxFiles', 'maxPendingLines'];

/**
 * Validates a logging section once and returns it frozen and defaulted.
 * `field` is the section's name in error messages (`logging` in a daemon config).
 */
export function resolveLoggingConfig(input: unknown, field = 'logging'): LoggingConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw DaemonError.config(
      field,
      'an object with `file` and optionally `maxBytes`, `maxFiles` and `maxPendingLines`',
      input,
    );
  }
  for (const key of Object.keys(input)) {
    if (!LOGGING_FIELDS.includes(key)) {
      throw new DaemonError(
        'config-invalid',
        `Unknown config field \`${field}.${key}\`; the fields are ${LOGGING_FIELDS.join(', ')}`,
        { field: `${field}.${key}` },
      );
    }
  }
  const section = input as Partial<Record<keyof LoggingConfig, unknown>>;
  return Object.freeze({
    file: checkLogFile(`${field}.file`, section.file),
    maxBytes:
      section.maxBytes === undefined
        ? LOGGING_DEFAULTS.maxBytes
        : check.integerInRange(`${field}.maxBytes`, section.maxBytes, 1, MAX_LOG_FILE_BYTES, 'bytes'),
    maxFiles:
      section.maxFiles === undefined
        ? LOGGING_DEFAULTS.maxFiles
        : check.integerInRange(`${field}.maxFiles`, section.maxFiles, 1, MAX_LOG_FILES, 'files', 'the log file alone'),
    maxPendingLines:
      section.maxPendingLines === undefined
        ? LOGGING_DEFAULTS.maxPendingLines
        : check.integerInRange(`${field}.maxPendingLines`, section.maxPendingLines, 1, MAX_LOG_PENDING_LINES, 'lines'),
  });
}
