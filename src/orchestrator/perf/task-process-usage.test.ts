import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readTaskProcessUsage } from './task-process-usage.js';

const parents = new Set([process.pid]);

describe('readTaskProcessUsage', () => {
  it('counts a live task process (its own group leader) and sums its RSS', async () => {
    const task = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    await once(task, 'spawn');
    try {
      const usage = readTaskProcessUsage(parents);
      expect(usage.taskProcesses).toBeGreaterThanOrEqual(1);
      expect(usage.rssBytes).toBeGreaterThan(100 * 1024);
    } finally {
      task.kill('SIGKILL');
      await once(task, 'exit');
    }
  });

  it('keeps the CPU of a task that exited and was reaped (through its parent)', async () => {
    const before = readTaskProcessUsage(parents).cpuTimeMs;
    // About 0.2–1 s of CPU in a shell loop, then exit; node reaps it before 'exit' fires.
    const task = spawn('sh', ['-c', 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'], {
      detached: true,
      stdio: 'ignore',
    });
    await once(task, 'exit');
    const after = readTaskProcessUsage(parents).cpuTimeMs;
    expect(after - before).toBeGreaterThan(50);
  });
});
