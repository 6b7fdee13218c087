/**
 * Option validation: the one validator family of src/lib/validate.ts, failing with an
 * AgentError (`invalid-option`) in its message shape — the option, the rule, the value:
 *   Expected `timeoutMs` to be a non-negative integer, got `-1` (number)
 */
import { expectedMessage, validators } from '../../lib/validate.js';
import { AgentError } from '../errors.js';

export function invalidOption(name: string, rule: string, value: unknown): AgentError {
  return new AgentError('invalid-option', expectedMessage(name, rule, value));
}

/** The family, throwing `invalidOption`: `option.positiveInteger('size', value)`, … */
export const option = validators((name, rule, value) => {
  throw invalidOption(name, rule, value);
});
