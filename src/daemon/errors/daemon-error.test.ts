import { inspect } from 'node:util';
import { DaemonError } from './daemon-error.js';
import { errorChain, formatErrorChain } from './error-chain.js';

describe('DaemonError', () => {
  test('is an Error with a code, a message and the DaemonError name', () => {
    const error = DaemonError.runtime('benchmark error');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DaemonError);
    expect(error.code).toBe('runtime');
    expect(error.name).toBe('DaemonError');
    expect(error.message).toBe('benchmark error');
    expect(String(error)).toBe('DaemonError: benchmark error');
  });

  test('carries a cause chain through the standard `cause`', () => {
    const root = new Error('ETIMEDOUT');
    const io = DaemonError.io('read failed', root);
    const outer = DaemonError.subsystemFailed('reader', io);
    expect(outer.cause).toBe(io);
    expect(outer.subsystem).toBe('reader');
    expect(errorChain(outer)).toEqual([outer, io, root]);
    expect(formatErrorChain(outer)).toBe(
      'Subsystem `reader` failed: read failed: caused by read failed: caused by ETIMEDOUT',
    );
  });

  test('errorChain stops at a cycle', () => {
    const a = new DaemonError('runtime', 'a', { cause: undefined });
    const b = new DaemonError('runtime', 'b', { cause: a });
    (a as { cause: unknown }).cause = b;
    expect(errorChain(b)).toEqual([b, a]);
  });

  test('without stack capture, `stack` names the code; with it, a real trace', () => {
    const cheap = DaemonError.timeout('stop', 50);
    expect(cheap.stack).toMatch(/^DaemonError \[timeout\]: stop timed out after 50 ms\n/);
    expect(Object.hasOwn(cheap, 'stack')).toBe(false);
    const previous = DaemonError.captureStackTraces;
    DaemonError.captureStackTraces = true;
    try {
      const traced = DaemonError.invalidState('traced');
      expect(Object.hasOwn(traced, 'stack')).toBe(true);
      expect(traced.stack).toContain('daemon-error.test');
    } finally {
      DaemonError.captureStackTraces = previous;
    }
  });

  test('`stack` can be assigned (tools rewrite stacks)', () => {
    const error = DaemonError.runtime('x');
    error.stack = 'rewritten';
    expect(error.stack).toBe('rewritten');
  });

  test('util.inspect prints it as an error with its code', () => {
    const text = inspect(DaemonError.io('disk full', new Error('ENOSPC')));
    expect(text).toContain('DaemonError [io]: disk full');
    expect(text).toContain("code: 'io'");
  });

  test('config errors name the field, the rule and the value', () => {
    const error = DaemonError.config('shutdownTimeoutMs', 'a positive integer', -1);
    expect(error.code).toBe('config-invalid');
    expect(error.field).toBe('shutdownTimeoutMs');
    expect(error.message).toBe('Expected `shutdownTimeoutMs` to be a positive integer, got `-1` (number)');
    expect(DaemonError.config('name', 'a name', '').message).toBe('Expected `name` to be a name, got `` (string)');
    expect(DaemonError.config('pidFile', 'a path', null).message).toBe('Expected `pidFile` to be a path, got `null`');
  });

  test('can be thrown and caught by jest matchers', () => {
    expect(() => {
      throw DaemonError.invalidState('nope');
    }).toThrow(DaemonError);
    expect(() => {
      throw DaemonError.invalidState('nope');
    }).toThrow('nope');
  });
});
