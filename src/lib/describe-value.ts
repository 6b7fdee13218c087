/** How a value looks in an error message: `-1` (number), `"abc"` (string), an object, … */
export function describeValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'function':
      return 'a function';
    case 'string':
      return `\`${JSON.stringify(value).slice(0, 60)}\` (string)`;
    case 'symbol':
      return `\`${value.toString()}\` (symbol)`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `\`${value.toString()}\` (${typeof value})`;
    default:
      return '`undefined`';
  }
}
