import { resolveSchedulerOptions, resolveWorkerOptions } from './options.js';
import { validateWorkflow } from './workflow.js';

describe('options', () => {
  it('fills every default once and freezes the result', () => {
    const options = resolveSchedulerOptions({ concurrency: 3 });
    expect(options).toMatchObject({
      concurrency: 3,
      prefetch: 3,
      pollIntervalMs: 1000,
      batchSize: 100,
      localWorker: true,
    });
    expect(resolveWorkerOptions({ prefetch: 0 }).prefetch).toBe(0);
    expect(options.workerId).toMatch(/^scheduler-/);
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('names the field, the rule and the value of a bad option', () => {
    expect(() => resolveSchedulerOptions({ concurrency: -1 })).toThrow(
      'Expected `concurrency` to be a positive integer, got `-1` (number)',
    );
    expect(() => resolveWorkerOptions({ leaseMs: 1.5 })).toThrow('Expected `leaseMs` to be a positive integer');
    expect(() => resolveWorkerOptions({ prefetch: -1 })).toThrow(
      'Expected `prefetch` to be a non-negative integer, got `-1` (number)',
    );
  });
});

describe('validateWorkflow', () => {
  it('accepts a workflow and names the bad field of a broken one', () => {
    expect(validateWorkflow({ name: 'w', tasks: [{ name: 't', command: ['true'], timeoutMs: 5 }] })).toEqual({
      name: 'w',
      tasks: [{ name: 't', command: ['true'], timeoutMs: 5 }],
    });
    expect(() => validateWorkflow({ name: 'w', tasks: [{ name: 't', command: 'true' }] })).toThrow(
      'Expected `tasks[0].command` to be a non-empty array of strings, got `true` (string)',
    );
    expect(() => validateWorkflow({ name: 'w', tasks: [] })).toThrow('Expected `tasks` to be a non-empty array');
  });
});
