import { invalid } from '../../orchestrator/errors.js';

export type NumberRule = 'positive' | 'non-negative';

/** Parses a number the user typed; an invalid value names `field` (as typed: `--count`, `<runs>`), the rule and the value. */
export function parseNumber(field: string, value: string, rule: NumberRule, integer = false): number {
  const n = Number(value);
  const ok = Number.isFinite(n) && (rule === 'positive' ? n > 0 : n >= 0) && value.trim() !== '';
  if (!ok || (integer && !Number.isInteger(n)))
    throw invalid(field, `a ${rule} ${integer ? 'integer' : 'number'}`, value);
  return n;
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
