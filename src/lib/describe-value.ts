/** How a value looks in an error message: `-1` (number), `"abc"` (string), an object, … */
export function describeValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `\`${JSON.stringify(value).slice(0, 60)}\` (string)`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return `\`${value.toString()}\` (symbol)`;
  return `\`${String(value)}\` (${typeof value})`;
}
