/**
 * How a value looks in a validation message: the value in backticks and its type —
 * `-1` (number), `abc` (string), `{"a":1}` (object), `[1,2]` (array), `null`, `undefined` (undefined).
 * A string or JSON longer than SHOWN_CHARS is cut there with an ellipsis.
 */
export const SHOWN_CHARS = 60;

export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `\`${cut(value)}\` (string)`;
    case 'object':
      if (value === null) return '`null`';
      return `\`${cut(safeJson(value))}\` (${Array.isArray(value) ? 'array' : 'object'})`;
    case 'function':
      return `\`${value.name || 'anonymous'}\` (function)`;
    case 'symbol':
      return `\`${value.toString()}\` (symbol)`;
    default:
      return `\`${String(value)}\` (${typeof value})`;
  }
}

function cut(text: string): string {
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
