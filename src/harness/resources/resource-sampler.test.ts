import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startResourceSampler } from './resource-sampler.js';

describe('resource sampler', () => {
  test('samples RSS of a real process and counts its process tree', async () => {
    const shell = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { stdio: 'ignore', detached: true });
    try {
      const sampler = startResourceSampler({
        pids: () => [shell.pid as number],
        intervalMs: 20,
        treeRootPid: shell.pid,
      });
      await sampler.sample();
      await sampler.sample();
      const summary = await sampler.stop();
      expect(summary.samples).toBeGreaterThanOrEqual(2);
      expect(summary.rssBytes.peak).toBeGreaterThan(100_000);
      expect(summary.rssBytes.initial).toBeGreaterThan(0);
      expect(summary.peakProcessCount).toBe(2);
    } finally {
      const exited = once(shell, 'exit');
      process.kill(-(shell.pid as number), 'SIGKILL'); // the whole process group
      await exited;
    }
  });

  test('rejects an interval that is not positive', () => {
    expect(() => startResourceSampler({ pids: () => [], intervalMs: 0 })).toThrow(
      'Expected `intervalMs` to be a positive number',
    );
  });
});
