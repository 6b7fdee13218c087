import { invalid } from '../../orchestrator/errors.js';

/** Parses a numeric flag; an invalid value names the flag, the rule and the value. */
export function numberFlag(
  name: string,
  value: string | undefined,
  rule: 'positive' | 'non-negative',
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok = Number.isFinite(n) && (rule === 'positive' ? n > 0 : n >= 0) && value.trim() !== '';
  if (!ok) throw invalid(`--${name}`, `a ${rule} number`, value);
  return n;
}

export function integerFlag(
  name: string,
  value: string | undefined,
  rule: 'positive' | 'non-negative' = 'positive',
): number | undefined {
  const n = numberFlag(name, value, rule);
  if (n !== undefined && !Number.isInteger(n)) throw invalid(`--${name}`, `a ${rule} integer`, value);
  return n;
}
