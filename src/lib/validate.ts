/**
 * One family of value checks with one message shape, the option or field, the rule and
 * the value it got:
 *
 *   Expected `timeoutMs` to be a non-negative integer, got `-1` (number)
 *
 * Each owner supplies how a failure is thrown — `fail(field, rule, value)` — so the daemon
 * still throws its DaemonError (`config-invalid`), the agents their AgentError
 * (`invalid-option`), the orchestrator its invalid-input OrchestratorError, procman its
 * ProcmanError (`invalid-argument`), and the gate a FileFormatError naming the file. Every
 * check returns the value, typed, and never changes it.
 */
import { describeValue } from './describe-value.js';

/** Throws the owner's error: `field` was expected to be `rule` and is `value`. */
export type Fail = (field: string, rule: string, value: unknown) => never;

/** ``Expected `field` to be <rule>, got `value` (type)``: the one message shape. */
export function expectedMessage(field: string, rule: string, value: unknown): string {
  return `Expected \`${field}\` to be ${rule}, got ${describeValue(value)}`;
}

/** Properties, not methods: a check can be passed on unbound (`pick(…, check.positiveInteger)`). */
export interface Validators {
  /** The owner's `fail`, for a rule of its own (`at least \`initialDelayMs\` (50)`). */
  readonly fail: Fail;
  /** An integer ≥ 1. */
  readonly positiveInteger: (field: string, value: unknown) => number;
  /** An integer ≥ 0. */
  readonly nonNegativeInteger: (field: string, value: unknown) => number;
  /**
   * An integer from `min` to `max`, both included: "an integer number of `unitWords`
   * between `min` (`minMeans`) and `max`", the unit and the meaning of `min` when given;
   * `max` Infinity for no upper bound ("an integer of at least `min`").
   */
  readonly integerInRange: (
    field: string,
    value: unknown,
    min: number,
    max: number,
    unitWords?: string,
    minMeans?: string,
  ) => number;
  /** A number that is not NaN or ±Infinity. */
  readonly finiteNumber: (field: string, value: unknown) => number;
  /** A finite number > 0; "a positive number of `unitWords`" when given. */
  readonly positiveNumber: (field: string, value: unknown, unitWords?: string) => number;
  /** A finite number ≥ 0; "a non-negative number of `unitWords`" when given. */
  readonly nonNegativeNumber: (field: string, value: unknown, unitWords?: string) => number;
  /** A finite number from 0 to 1. */
  readonly fraction: (field: string, value: unknown) => number;
  /** A string of at least one character. */
  readonly nonEmptyString: (field: string, value: unknown) => string;
  /** One of the strings `allowed`. */
  readonly oneOf: <T extends string>(field: string, value: unknown, allowed: readonly T[]) => T;
  /** A plain object (not null, not an array). */
  readonly object: (field: string, value: unknown) => Record<string, unknown>;
  /** `true` or `false`. */
  readonly boolean: (field: string, value: unknown) => boolean;
  /** An array of at least one element; `itemWords` says of what ("numbers"), for the message only. */
  readonly nonEmptyArray: (field: string, value: unknown, itemWords?: string) => unknown[];
}

/** The rule wordings, once. */
export const RULES = {
  positiveInteger: 'a positive integer',
  nonNegativeInteger: 'a non-negative integer',
  finiteNumber: 'a finite number',
  positiveNumber: (unitWords = ''): string =>
    unitWords === '' ? 'a positive number' : `a positive number of ${unitWords}`,
  nonNegativeNumber: (unitWords = ''): string =>
    unitWords === '' ? 'a non-negative finite number' : `a non-negative number of ${unitWords}`,
  fraction: 'a number between 0 and 1',
  nonEmptyString: 'a non-empty string',
  object: 'an object',
  boolean: 'true or false',
  integerInRange: (min: number, max: number, unitWords = '', minMeans = ''): string => {
    const integer = `an integer${unitWords === '' ? '' : ` number of ${unitWords}`}`;
    const low = `${min}${minMeans === '' ? '' : ` (${minMeans})`}`;
    return max === Infinity ? `${integer} of at least ${low}` : `${integer} between ${low} and ${max}`;
  },
  oneOf: (allowed: readonly string[]): string => `one of ${allowed.join(', ')}`,
  nonEmptyArray: (itemWords = ''): string => `a non-empty array${itemWords === '' ? '' : ` of ${itemWords}`}`,
} as const;

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The family, throwing through `fail`. */
export function validators(fail: Fail): Validators {
  return {
    fail,
    positiveInteger(field, value) {
      if (!isInteger(value) || value < 1) fail(field, RULES.positiveInteger, value);
      return value;
    },
    nonNegativeInteger(field, value) {
      if (!isInteger(value) || value < 0) fail(field, RULES.nonNegativeInteger, value);
      return value;
    },
    integerInRange(field, value, min, max, unitWords, minMeans) {
      if (!isInteger(value) || value < min || value > max) {
        fail(field, RULES.integerInRange(min, max, unitWords, minMeans), value);
      }
      return value;
    },
    finiteNumber(field, value) {
      if (!isFinite(value)) fail(field, RULES.finiteNumber, value);
      return value;
    },
    positiveNumber(field, value, unitWords) {
      if (!isFinite(value) || value <= 0) fail(field, RULES.positiveNumber(unitWords), value);
      return value;
    },
    nonNegativeNumber(field, value, unitWords) {
      if (!isFinite(value) || value < 0) fail(field, RULES.nonNegativeNumber(unitWords), value);
      return value;
    },
    fraction(field, value) {
      if (!isFinite(value) || value < 0 || value > 1) fail(field, RULES.fraction, value);
      return value;
    },
    nonEmptyString(field, value) {
      if (typeof value !== 'string' || value.length === 0) fail(field, RULES.nonEmptyString, value);
      return value;
    },
    oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
      if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        fail(field, RULES.oneOf(allowed), value);
      }
      return value as T;
    },
    object(field, value) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, RULES.object, value);
      return value as Record<string, unknown>;
    },
    boolean(field, value) {
      if (typeof value !== 'boolean') fail(field, RULES.boolean, value);
      return value;
    },
    nonEmptyArray(field, value, itemWords) {
      if (!Array.isArray(value) || value.length === 0) fail(field, RULES.nonEmptyArray(itemWords), value);
      return value as unknown[];
    },
  };
}

/**
 * The family for the bench's own options (the harness, the specs' helpers): a bad value is a
 * programming error of the caller, thrown as a TypeError with the one message shape.
 */
export const check: Validators = validators((field, rule, value) => {
  throw new TypeError(expectedMessage(field, rule, value));
});
