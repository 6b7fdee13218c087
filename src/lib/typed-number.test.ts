import { typedNumber } from './typed-number.js';
import { check } from './validate.js';

describe('typedNumber', () => {
  test('a decimal text is checked as the number it reads as', () => {
    expect(typedNumber(check, '3', (v, n) => v.positiveInteger('--rounds', n))).toBe(3);
    expect(typedNumber(check, '0.5', (v, n) => v.nonNegativeNumber('--budget', n, 'minutes'))).toBe(0.5);
    expect(typedNumber(check, '1e3', (v, n) => v.positiveNumber('--rate', n))).toBe(1000);
  });

  test('a failure names the flag, the rule and the text as typed, through the owner’s fail', () => {
    expect(() => typedNumber(check, '0', (v, n) => v.integerInRange('--rounds', n, 1, 20, 'rounds'))).toThrow(
      new TypeError('Expected `--rounds` to be an integer number of rounds between 1 and 20, got `0` (string)'),
    );
    expect(() => typedNumber(check, '-1', (v, n) => v.nonNegativeNumber('--budget', n, 'minutes'))).toThrow(
      'Expected `--budget` to be a non-negative number of minutes, got `-1` (string)',
    );
  });

  test.each(['', ' ', 'ten', '0x10', '3x', 'Infinity', 'NaN'])('%j is not a number', (text) => {
    expect(() => typedNumber(check, text, (v, n) => v.finiteNumber('--rate', n))).toThrow(
      `Expected \`--rate\` to be a finite number, got \`${text}\` (string)`,
    );
  });
});
