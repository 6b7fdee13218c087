#!/usr/bin/env node
// Runs jest the way this project needs it: ES modules (vm modules), the tsx
// loader for the TypeScript reporter, and in band so perf scenarios never
// share the CPU with another test file.
//   npm test            unit tests, then perf specs
//   npm test -- perf    only the perf specs under perf-tests/
//   npm test -- unit    only the unit tests under src/
// Further arguments go to jest (e.g. a path pattern: npm test -- perf procman).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const jestBin = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');
const [first, ...rest] = process.argv.slice(2);
const projectArgs =
  first === 'perf' || first === 'unit' ? [...rest, '--selectProjects', first] : first ? [first, ...rest] : [];

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    '--expose-gc',
    jestBin,
    '--runInBand',
    ...projectArgs,
  ],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
