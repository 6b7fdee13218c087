/** How a value looks in an error message: `-1` (number), `"abc"` (string), an object, … */
export function describeValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `\`${JSON.stringify(value).slice(0, 60)}\` (string)`;
  return `\`${String(value as string | number | boolean | bigint | symbol | undefined)}\` (${typeof value})`;
}
