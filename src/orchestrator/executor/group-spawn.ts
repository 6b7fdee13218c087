/**
 * The native task spawner (native/group_spawn.c): posix_spawn, whose cost does
 * not grow with the scheduler's memory as a fork's does, with the exit watched
 * through a pidfd. Built by `npm install` on Linux (scripts/build-native.mjs);
 * where it is not built, `groupSpawn` is null and tasks start with
 * child_process.spawn.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface GroupSpawnAddon {
  /** The kernel has pidfds (Linux ≥ 5.3). */
  readonly supported: boolean;
  /**
   * Starts `file` (looked up on PATH) in a new session, stdio on /dev/null; returns its pid.
   * `onExit` gets the exit code, or the number of the signal that ended it. Throws an Error
   * with a negative `errno` when the start failed.
   */
  spawn(
    file: string,
    args: readonly string[],
    cwd: string | null,
    onExit: (exitCode: number | null, signal: number | null) => void,
  ): number;
}

/** Where the build puts the addon. */
export const GROUP_SPAWN_ADDON = fileURLToPath(new URL('./native/build/Release/group_spawn.node', import.meta.url));

function load(): GroupSpawnAddon | null {
  if (process.platform !== 'linux' || !existsSync(GROUP_SPAWN_ADDON)) return null;
  const addon = createRequire(import.meta.url)(GROUP_SPAWN_ADDON) as GroupSpawnAddon;
  return addon.supported ? addon : null;
}

export const groupSpawn: GroupSpawnAddon | null = load();

/** How this process starts tasks. */
export type TaskSpawner = 'posix_spawn' | 'child_process';
export const DEFAULT_TASK_SPAWNER: TaskSpawner = groupSpawn ? 'posix_spawn' : 'child_process';
