import { measureBareSpawnCeiling } from './bare-spawn-ceiling.js';

describe('the bare spawn ceiling', () => {
  test('a minimal process spawns the command the given number of times; the best concurrency wins', async () => {
    const ceiling = await measureBareSpawnCeiling({ command: ['true'], count: 20, concurrencies: [4, 1] });
    expect(ceiling).toMatchObject({ tasks: 20, failed: 0 });
    expect([4, 1]).toContain(ceiling.concurrency);
    expect(ceiling.tasksPerSec).toBeGreaterThan(0);
  }, 30_000);

  test('tasks that exit non-zero count as failed and not in the rate', async () => {
    const ceiling = await measureBareSpawnCeiling({ command: ['false'], count: 5, concurrencies: [2] });
    expect(ceiling).toMatchObject({ tasks: 5, failed: 5, tasksPerSec: 0 });
  }, 30_000);
});
