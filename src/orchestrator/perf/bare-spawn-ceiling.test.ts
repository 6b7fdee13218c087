import type { TaskSpawner } from '../executor/group-spawn.js';
import { measureBareSpawnCeiling, POSIX_SPAWN_CEILING_AVAILABLE } from './bare-spawn-ceiling.js';

const SPAWNERS: TaskSpawner[] = POSIX_SPAWN_CEILING_AVAILABLE ? ['child_process', 'posix_spawn'] : ['child_process'];

describe.each(SPAWNERS)('the bare spawn ceiling with %s', (spawner) => {
  test('a minimal process spawns the command the given number of times; the best concurrency wins', async () => {
    const ceiling = await measureBareSpawnCeiling({ command: ['true'], count: 20, concurrencies: [4, 1], spawner });
    expect(ceiling).toMatchObject({ tasks: 20, failed: 0 });
    expect([4, 1]).toContain(ceiling.concurrency);
    expect(ceiling.tasksPerSec).toBeGreaterThan(0);
  }, 30_000);

  test('tasks that exit non-zero or cannot start count as failed and not in the rate', async () => {
    const ceiling = await measureBareSpawnCeiling({ command: ['false'], count: 5, concurrencies: [2], spawner });
    expect(ceiling).toMatchObject({ tasks: 5, failed: 5, tasksPerSec: 0 });
    const missing = await measureBareSpawnCeiling({
      command: ['/nonexistent/x'],
      count: 3,
      concurrencies: [1],
      spawner,
    });
    expect(missing).toMatchObject({ tasks: 3, failed: 3, tasksPerSec: 0 });
  }, 30_000);
});

test('the posix_spawn ceiling is measured on Linux, where npm install builds the native spawner', () => {
  expect(POSIX_SPAWN_CEILING_AVAILABLE).toBe(process.platform === 'linux');
});
