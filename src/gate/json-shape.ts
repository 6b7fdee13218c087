/**
 * Small, strict readers for JSON read from disk: the src/lib validator family, failing
 * with a FileFormatError that names the file, then in the family's shape the field path,
 * what was expected and what it got:
 *   baselines/daemon.json: Expected `version` to be 1, got `7` (number)
 */
import { expectedMessage, validators, type Validators } from '../lib/validate.js';

export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${file}: ${expectedMessage(field, expected, got)}`);
  }
}

export class JsonReader {
  private readonly check: Validators;

  constructor(readonly file: string) {
    this.check = validators((field, expected, got) => this.fail(field, expected, got));
  }

  fail(field: string, expected: string, got: unknown): never {
    throw new FileFormatError(this.file, field, expected, got);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    return this.check.object(field, value);
  }

  string(value: unknown, field: string): string {
    return this.check.nonEmptyString(field, value);
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    return this.check.oneOf(field, value, allowed);
  }

  number(value: unknown, field: string): number {
    return this.check.finiteNumber(field, value);
  }

  boolean(value: unknown, field: string): boolean {
    return this.check.boolean(field, value);
  }

  numbers(value: unknown, field: string): number[] {
    return this.check.nonEmptyArray(field, value, 'numbers').map((v, i) => this.number(v, `${field}[${i}]`));
  }

  strings(value: unknown, field: string): string[] {
    return this.check.nonEmptyArray(field, value, 'strings').map((v, i) => this.string(v, `${field}[${i}]`));
  }

  /** A finite number ≥ 0. */
  nonNegativeNumber(value: unknown, field: string): number {
    return this.check.nonNegativeNumber(field, value);
  }

  /** An integer ≥ 0. */
  nonNegativeInteger(value: unknown, field: string): number {
    return this.check.nonNegativeInteger(field, value);
  }

  /** An integer ≥ 1. */
  positiveInteger(value: unknown, field: string): number {
    return this.check.positiveInteger(field, value);
  }
}

/** Parses JSON text; a syntax error names the file. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FileFormatError(file, '(whole file)', 'valid JSON', `${(error as Error).message}`);
  }
}
