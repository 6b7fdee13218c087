import { runInNewContext } from 'node:vm';
import { coerceError } from './coerce-error.js';

describe('coerceError', () => {
  test('keeps errors, wraps strings and other values', () => {
    const error = new Error('x');
    expect(coerceError(error)).toBe(error);
    expect(coerceError('boom').message).toBe('boom');
    const wrapped = coerceError(42);
    expect(wrapped.message).toBe('Non-error thrown: 42');
    expect(wrapped.cause).toBeUndefined();
  });

  test('keeps an Error from another realm (a vm context) as it is', () => {
    const foreign = runInNewContext('new TypeError("elsewhere")') as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(coerceError(foreign)).toBe(foreign);
  });

  test('keepCause keeps the thrown value as the cause (the daemon library)', () => {
    const wrapped = coerceError(42, { keepCause: true });
    expect(wrapped.message).toBe('Non-error thrown: 42');
    expect(wrapped.cause).toBe(42);
  });

  test("show: 'json' shows a value as JSON, or as a string when it cannot be serialised (the agents)", () => {
    expect(coerceError({ code: 7 }, { show: 'json' }).message).toBe('Non-error thrown: {"code":7}');
    expect(coerceError({ code: 7 }).message).toBe('Non-error thrown: [object Object]');
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(coerceError(cyclic, { show: 'json' }).message).toBe('Non-error thrown: [object Object]');
  });
});
