/**
 * Option validation with one message shape: the option, the rule, the value.
 *   Expected `timeoutMs` to be a non-negative integer, got `-1` (number)
 */
import { AgentError } from '../errors.js';

function describe(value: unknown): string {
  let shown: string;
  try {
    shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  return `\`${shown}\` (${value === null ? 'null' : typeof value})`;
}

export function invalidOption(name: string, rule: string, value: unknown): AgentError {
  return new AgentError('invalid-option', `Expected \`${name}\` to be ${rule}, got ${describe(value)}`);
}

export function expectPositiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw invalidOption(name, 'a positive integer', value);
  }
  return value;
}

export function expectNonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidOption(name, 'a non-negative integer', value);
  }
  return value;
}

export function expectNonNegativeNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidOption(name, 'a non-negative finite number', value);
  }
  return value;
}

export function expectFraction(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalidOption(name, 'a number between 0 and 1', value);
  }
  return value;
}

export function expectNonEmptyString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidOption(name, 'a non-empty string', value);
  }
  return value;
}

export function expectOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidOption(name, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}
