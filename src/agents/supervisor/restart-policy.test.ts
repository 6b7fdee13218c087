import { AgentError } from '../errors.js';
import { decideRestart, resolveRestartPolicy } from './restart-policy.js';

describe('restart policy', () => {
  it('never restarts under `never`', () => {
    expect(decideRestart(resolveRestartPolicy({ kind: 'never' }), 'error', [], 0)).toEqual({
      action: 'give-up',
      reason: 'restart policy is `never`',
    });
  });

  it('backs off exponentially up to the cap', () => {
    const policy = resolveRestartPolicy({
      kind: 'backoff',
      initialDelayMs: 10,
      factor: 2,
      maxDelayMs: 35,
      maxRestarts: 5,
    });
    const delays = [0, 1, 2, 3].map((n) => {
      const decision = decideRestart(
        policy,
        'trap',
        Array.from({ length: n }, () => 100),
        100,
      );
      return decision.action === 'restart' ? decision.delayMs : -1;
    });
    expect(delays).toEqual([10, 20, 35, 35]);
  });

  it('gives up past the restart intensity, counting only crashes inside the window', () => {
    const policy = resolveRestartPolicy({ kind: 'always', maxRestarts: 2, withinMs: 1000 });
    expect(decideRestart(policy, 'error', [0, 500], 1200)).toEqual({ action: 'restart', delayMs: 0, attempt: 2 });
    const decision = decideRestart(policy, 'error', [300, 500], 1200);
    expect(decision.action).toBe('give-up');
  });

  it('fails crash kinds it does not restart', () => {
    const policy = resolveRestartPolicy({ kind: 'always', restartOn: ['trap'] });
    expect(decideRestart(policy, 'memory-limit', [], 0).action).toBe('give-up');
    expect(decideRestart(policy, 'trap', [], 0).action).toBe('restart');
  });

  it('names the field, the rule and the value of a bad option', () => {
    expect(() => resolveRestartPolicy({ kind: 'always', maxRestarts: -1 })).toThrow(
      new AgentError(
        'invalid-option',
        'Expected `restartPolicy.maxRestarts` to be a non-negative integer, got `-1` (number)',
      ),
    );
    expect(() => resolveRestartPolicy({ kind: 'backoff', initialDelayMs: 50, maxDelayMs: 10 })).toThrow(
      /Expected `restartPolicy.maxDelayMs` to be at least `initialDelayMs` \(50\), got `10` \(number\)/,
    );
  });
});
