import { typedNumber } from '../../lib/typed-number.js';
import { checkInput } from '../../orchestrator/errors.js';

export type NumberRule = 'positive' | 'non-negative';

/**
 * Parses a number the user typed, through the validator family (src/lib/typed-number.ts);
 * an invalid value is an invalid-input OrchestratorError naming `field` (as typed:
 * `--count`, `<runs>`), the rule and the text.
 */
export function parseNumber(field: string, value: string, rule: NumberRule, integer = false): number {
  return typedNumber(checkInput, value, (v, n) => {
    if (integer) return rule === 'positive' ? v.positiveInteger(field, n) : v.nonNegativeInteger(field, n);
    return rule === 'positive' ? v.positiveNumber(field, n) : v.nonNegativeNumber(field, n);
  });
}

/** Parses a numeric flag; an invalid value names the flag, the rule and the value. */
export function numberFlag(name: string, value: string | undefined, rule: NumberRule): number | undefined {
  return value === undefined ? undefined : parseNumber(`--${name}`, value, rule);
}

export function integerFlag(
  name: string,
  value: string | undefined,
  rule: NumberRule = 'positive',
): number | undefined {
  return value === undefined ? undefined : parseNumber(`--${name}`, value, rule, true);
}
