import { DaemonError } from '../errors/daemon-error.js';
import { checkRestartPolicy, decideRestart, type RestartPolicy, type RunExit } from './restart-policy.js';

const completed: RunExit = { kind: 'completed' };
const failed: RunExit = { kind: 'failed', error: new Error('x') };

describe('decideRestart', () => {
  test('never: no restart on any exit', () => {
    const policy: RestartPolicy = { kind: 'never' };
    expect(decideRestart(policy, completed, 0)).toEqual({ restart: false, exhausted: false });
    expect(decideRestart(policy, failed, 0)).toEqual({ restart: false, exhausted: false });
  });

  test('always: restarts after clean and failed exits, with its delay, up to maxRestarts', () => {
    const policy: RestartPolicy = { kind: 'always', delayMs: 20, maxRestarts: 2 };
    expect(decideRestart(policy, completed, 0)).toEqual({ restart: true, delayMs: 20 });
    expect(decideRestart(policy, failed, 1)).toEqual({ restart: true, delayMs: 20 });
    expect(decideRestart(policy, failed, 2)).toEqual({ restart: false, exhausted: true });
    expect(decideRestart({ kind: 'always' }, completed, 1_000_000)).toEqual({ restart: true, delayMs: 0 });
  });

  test('on-failure: restarts only after a failure', () => {
    const policy: RestartPolicy = { kind: 'on-failure', maxRestarts: 1 };
    expect(decideRestart(policy, completed, 0)).toEqual({ restart: false, exhausted: false });
    expect(decideRestart(policy, failed, 0)).toEqual({ restart: true, delayMs: 0 });
    expect(decideRestart(policy, failed, 1)).toEqual({ restart: false, exhausted: true });
  });

  test('exponential-backoff: delays double from the initial delay, capped, for maxAttempts', () => {
    const policy: RestartPolicy = {
      kind: 'exponential-backoff',
      initialDelayMs: 100,
      maxDelayMs: 1_000,
      maxAttempts: 6,
    };
    const delays = [0, 1, 2, 3, 4, 5].map((attempt) => decideRestart(policy, failed, attempt));
    expect(delays.map((d) => (d.restart ? d.delayMs : -1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(decideRestart(policy, failed, 6)).toEqual({ restart: false, exhausted: true });
    expect(decideRestart(policy, completed, 0)).toEqual({ restart: false, exhausted: false });
  });

  test('exponential-backoff honours a custom factor', () => {
    const policy: RestartPolicy = {
      kind: 'exponential-backoff',
      initialDelayMs: 10,
      maxDelayMs: 10_000,
      maxAttempts: 3,
      factor: 3,
    };
    expect([0, 1, 2].map((a) => decideRestart(policy, failed, a))).toEqual([
      { restart: true, delayMs: 10 },
      { restart: true, delayMs: 30 },
      { restart: true, delayMs: 90 },
    ]);
  });
});

describe('checkRestartPolicy', () => {
  function fieldOf(policy: unknown): string | undefined {
    try {
      checkRestartPolicy('restartPolicy', policy);
    } catch (error) {
      if (error instanceof DaemonError) return error.field;
      throw error;
    }
    return undefined;
  }

  test('accepts valid policies', () => {
    expect(fieldOf({ kind: 'never' })).toBeUndefined();
    expect(fieldOf({ kind: 'always', delayMs: 0 })).toBeUndefined();
    expect(fieldOf({ kind: 'on-failure', maxRestarts: 3 })).toBeUndefined();
    expect(fieldOf({ kind: 'exponential-backoff', initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 0 })).toBeUndefined();
  });

  test('names the offending field', () => {
    expect(fieldOf(null)).toBe('restartPolicy');
    expect(fieldOf({ kind: 'sometimes' })).toBe('restartPolicy.kind');
    expect(fieldOf({ kind: 'always', delayMs: -5 })).toBe('restartPolicy.delayMs');
    expect(fieldOf({ kind: 'on-failure', maxRestarts: 1.5 })).toBe('restartPolicy.maxRestarts');
    expect(fieldOf({ kind: 'exponential-backoff', initialDelayMs: 100, maxDelayMs: 50, maxAttempts: 3 })).toBe(
      'restartPolicy.maxDelayMs',
    );
    expect(fieldOf({ kind: 'exponential-backoff', initialDelayMs: 1, maxDelayMs: 5, maxAttempts: -1 })).toBe(
      'restartPolicy.maxAttempts',
    );
    expect(
      fieldOf({ kind: 'exponential-backoff', initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 1, factor: 0.5 }),
    ).toBe('restartPolicy.factor');
  });
});
