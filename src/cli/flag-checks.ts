/**
 * The validator family (src/lib/validate.ts) for a `planebench` command's flags: a bad
 * value throws an Error with the one message shape, then the command's usage; main.ts
 * prints it and exits non-zero.
 */
import { expectedMessage, validators, type Validators } from '../lib/validate.js';

export function flagChecks(usage: string): Validators {
  return validators((field, rule, value) => {
    throw new Error(`${expectedMessage(field, rule, value)}\n${usage}`);
  });
}

/** Fails: `flag` is not followed by the value it takes (`words`: "a value", "a path"), in the same shape. */
export function missingValue(usage: string, flag: string, value: string | undefined, words = 'a value'): never {
  return flagChecks(usage).fail(flag, `followed by ${words}`, value ?? '');
}
