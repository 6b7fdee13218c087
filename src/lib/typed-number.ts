/**
 * A number typed on a command line (`--rounds 3`, `<runs>`), checked by the validator
 * family (validate.ts) so every parser's message has the one shape and its rule words:
 *
 *   Expected `--rounds` to be an integer number of rounds between 1 and 20, got `0` (string)
 *
 * The rule sees the text as a number when all of it is a decimal number (`3`, `-1`, `0.5`,
 * `1e3`), else the text itself, which every numeric rule refuses; a failure goes to the
 * owner's `fail` (its error class) and shows the text as it was typed.
 */
import { validators, type Validators } from './validate.js';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function typedNumber<T>(family: Validators, text: string, rule: (typed: Validators, value: unknown) => T): T {
  const typed = validators((field, words) => family.fail(field, words, text));
  return rule(typed, DECIMAL.test(text.trim()) ? Number(text) : text);
}
