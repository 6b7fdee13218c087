import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createLeakGuard, LeakedProcessError } from './leak-guard.js';

describe('leak guard', () => {
  test('passes when every process it saw start has exited', async () => {
    const guard = createLeakGuard();
    const child = spawn('true');
    await once(child, 'exit');
    expect(() => guard.check()).not.toThrow();
  });

  test('names and kills a process that outlived the test', async () => {
    const guard = createLeakGuard();
    const child = spawn('sleep', ['600'], { stdio: 'ignore' });
    const exited = once(child, 'exit');
    expect(() => guard.check()).toThrow(LeakedProcessError);
    await exited;
    expect(guard.survivors()).toEqual([]);
  });
});
