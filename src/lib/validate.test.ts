import { describeValue } from './describe-value.js';
import { check as benchCheck, expectedMessage, RULES, validators } from './validate.js';
import { errorOf } from '../test-support/error-of.js';

class Invalid extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly value: unknown,
  ) {
    super(expectedMessage(field, rule, value));
  }
}

const check = validators((field, rule, value) => {
  throw new Invalid(field, rule, value);
});

/** What `fn` threw, as the owner's error. */
function failureOf(fn: () => unknown): Invalid {
  return errorOf(fn, Invalid);
}

describe('the validator family', () => {
  test('one message shape: the field, the rule, the value and its type', () => {
    expect(failureOf(() => check.nonNegativeInteger('timeoutMs', -1)).message).toBe(
      'Expected `timeoutMs` to be a non-negative integer, got `-1` (number)',
    );
    expect(expectedMessage('name', 'a name', '')).toBe('Expected `name` to be a name, got `` (string)');
  });

  test('each check returns the value it accepts, unchanged', () => {
    const object = { a: 1 };
    const array = [1];
    expect(check.positiveInteger('f', 1)).toBe(1);
    expect(check.nonNegativeInteger('f', 0)).toBe(0);
    expect(check.integerInRange('f', 10, 10, 20)).toBe(10);
    expect(check.integerInRange('f', 20, 10, 20)).toBe(20);
    expect(check.finiteNumber('f', -1.5)).toBe(-1.5);
    expect(check.positiveNumber('f', 0.5)).toBe(0.5);
    expect(check.nonNegativeNumber('f', 0)).toBe(0);
    expect(check.fraction('f', 1)).toBe(1);
    expect(check.nonEmptyString('f', 'x')).toBe('x');
    expect(check.oneOf('f', 'b', ['a', 'b'])).toBe('b');
    expect(check.object('f', object)).toBe(object);
    expect(check.boolean('f', false)).toBe(false);
    expect(check.nonEmptyArray('f', array)).toBe(array);
  });

  test.each<[string, () => unknown, string]>([
    ['positiveInteger 0', () => check.positiveInteger('f', 0), RULES.positiveInteger],
    ['positiveInteger 1.5', () => check.positiveInteger('f', 1.5), RULES.positiveInteger],
    ['positiveInteger "1"', () => check.positiveInteger('f', '1'), RULES.positiveInteger],
    ['nonNegativeInteger NaN', () => check.nonNegativeInteger('f', Number.NaN), RULES.nonNegativeInteger],
    ['integerInRange below', () => check.integerInRange('f', 9, 10, 20), 'an integer between 10 and 20'],
    ['integerInRange above', () => check.integerInRange('f', 21, 10, 20), 'an integer between 10 and 20'],
    ['integerInRange 10.5', () => check.integerInRange('f', 10.5, 10, 20), 'an integer between 10 and 20'],
    ['finiteNumber Infinity', () => check.finiteNumber('f', Infinity), RULES.finiteNumber],
    ['positiveNumber 0', () => check.positiveNumber('f', 0), RULES.positiveNumber()],
    ['positiveNumber 0 of a unit', () => check.positiveNumber('f', 0, 'ms'), 'a positive number of ms'],
    ['nonNegativeNumber -0.1', () => check.nonNegativeNumber('f', -0.1), RULES.nonNegativeNumber()],
    ['nonNegativeNumber -1 of a unit', () => check.nonNegativeNumber('f', -1, 'ms'), 'a non-negative number of ms'],
    ['fraction 1.01', () => check.fraction('f', 1.01), RULES.fraction],
    ['nonEmptyString ""', () => check.nonEmptyString('f', ''), RULES.nonEmptyString],
    ['oneOf c', () => check.oneOf('f', 'c', ['a', 'b']), 'one of a, b'],
    ['object null', () => check.object('f', null), RULES.object],
    ['object array', () => check.object('f', []), RULES.object],
    ['boolean 1', () => check.boolean('f', 1), RULES.boolean],
    ['nonEmptyArray []', () => check.nonEmptyArray('f', [], 'numbers'), 'a non-empty array of numbers'],
  ])('%s fails through the owner’s fail with its rule', (_name, fn, rule) => {
    const failure = failureOf(fn);
    expect(failure.field).toBe('f');
    expect(failure.rule).toBe(rule);
  });

  test('integerInRange names the unit and what the minimum means, when given', () => {
    expect(
      failureOf(() => check.integerInRange('workerThreads', -1, 0, 1024, 'threads', 'one per available CPU')).message,
    ).toBe(
      'Expected `workerThreads` to be an integer number of threads between 0 (one per available CPU) and 1024, got `-1` (number)',
    );
    expect(RULES.integerInRange(1, 5, 'milliseconds')).toBe('an integer number of milliseconds between 1 and 5');
    expect(RULES.integerInRange(10, Infinity)).toBe('an integer of at least 10');
  });

  test('the owner’s fail is there for rules of its own', () => {
    expect(failureOf(() => check.fail('leaseMs', 'at least 30', 10)).message).toBe(
      'Expected `leaseMs` to be at least 30, got `10` (number)',
    );
  });
});

describe('describeValue', () => {
  test('the value in backticks and its type', () => {
    expect(describeValue(-1)).toBe('`-1` (number)');
    expect(describeValue('abc')).toBe('`abc` (string)');
    expect(describeValue(true)).toBe('`true` (boolean)');
    expect(describeValue({ a: 1 })).toBe('`{"a":1}` (object)');
    expect(describeValue([1, 2])).toBe('`[1,2]` (array)');
    expect(describeValue(null)).toBe('`null`');
    expect(describeValue(undefined)).toBe('`undefined` (undefined)');
  });

  test('a long string or JSON is cut at 60 characters', () => {
    expect(describeValue('x'.repeat(100))).toBe(`\`${'x'.repeat(60)}…\` (string)`);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('`[object Object]` (object)');
  });
});

describe('the bench options family', () => {
  test('throws a TypeError with the one message shape', () => {
    expect(() => benchCheck.positiveNumber('ratePerSec', 0, 'requests per second')).toThrow(
      new TypeError('Expected `ratePerSec` to be a positive number of requests per second, got `0` (number)'),
    );
  });
});
