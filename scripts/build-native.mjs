#!/usr/bin/env node
// Builds the orchestrator's task spawner (src/orchestrator/executor/native), run by
// `npm install` / `npm ci` (postinstall). Linux only: it needs posix_spawn with
// POSIX_SPAWN_SETSID and pidfds. Elsewhere tasks are started with Node's
// child_process.spawn and this says so. On Linux a failed build fails the install:
// a silent fallback would change what the orchestrator's perf specs measure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../src/orchestrator/executor/native/', import.meta.url));

if (process.platform !== 'linux') {
  console.log(`native task spawner: not built on ${process.platform}; tasks are started with child_process.spawn`);
  process.exit(0);
}

// npm hands its own node-gyp to install scripts (npm_config_node_gyp); `node-gyp` on PATH otherwise.
const bundled = process.env.npm_config_node_gyp;
const [command, args] = bundled && existsSync(bundled) ? [process.execPath, [bundled]] : ['node-gyp', []];
const result = spawnSync(command, [...args, 'rebuild', '--silent'], { cwd: dir, stdio: 'inherit' });
const built = path.join(dir, 'build', 'Release', 'group_spawn.node');
if (result.status !== 0 || !existsSync(built)) {
  console.error(
    `native task spawner: the build in ${path.relative(process.cwd(), dir)} failed (${result.error?.message ?? `exit ${String(result.status)}`}); ` +
      'it needs a C compiler, make, python3 and Node headers (npm config nodedir)',
  );
  process.exit(1);
}
console.log(`native task spawner: built ${path.relative(process.cwd(), built)}`);
