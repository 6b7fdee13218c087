/**
 * Small, strict readers for JSON read from disk: each names the file and the
 * field path, says what was expected and what it got.
 */
import { describeValue } from '../lib/describe-value.js';

export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${file}: \`${field}\`: expected ${expected}, got ${describeValue(got)}`);
  }
}

export class JsonReader {
  constructor(readonly file: string) {}

  fail(field: string, expected: string, got: unknown): never {
    throw new FileFormatError(this.file, field, expected, got);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'an object', value);
    return value as Record<string, unknown>;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.length === 0) this.fail(field, 'a non-empty string', value);
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, `one of ${allowed.join(', ')}`, value);
    }
    return value as T;
  }

  number(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'a finite number', value);
    return value;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, 'true or false', value);
    return value;
  }

  numbers(value: unknown, field: string): number[] {
    if (!Array.isArray(value) || value.length === 0) this.fail(field, 'a non-empty array of numbers', value);
    return value.map((v, i) => this.number(v, `${field}[${i}]`));
  }

  strings(value: unknown, field: string): string[] {
    if (!Array.isArray(value) || value.length === 0) this.fail(field, 'a non-empty array of strings', value);
    return value.map((v, i) => this.string(v, `${field}[${i}]`));
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
