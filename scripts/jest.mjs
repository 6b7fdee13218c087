#!/usr/bin/env node
// Runs jest the way this project needs it: ES modules (vm modules), the tsx
// loader for the TypeScript reporter, and in band so perf scenarios never
// share the CPU with another test file.
//   npm test            unit tests, then perf specs
//   npm test -- perf    only the perf specs under perf-tests/
//   npm test -- unit    only the unit tests under src/
// Further arguments go to jest (e.g. a path pattern: npm test -- perf procman).
//
// A regression must reproduce: when the gate failed on gated regressions and
// nothing else, the reporter names the spec files behind them in
// perf-results/.confirm-request.json, and they run once more; the reporter of
// that run pools both runs' trials and its verdict is the run's
// (src/gate/confirmation.ts). PLANEBENCH_CONFIRM=0 turns this off.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const require = createRequire(import.meta.url);
const jestBin = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');
const tsx = require.resolve('tsx');

const [first, ...rest] = process.argv.slice(2);
const projectArgs =
  first === 'perf' || first === 'unit' ? [...rest, '--selectProjects', first] : first ? [first, ...rest] : [];

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => current?.kill(signal));
}

function runJest(args, env = process.env) {
  current = spawn(
    process.execPath,
    [
      '--import',
      tsx,
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      '--expose-gc',
      jestBin,
      '--runInBand',
      ...args,
    ],
    { stdio: 'inherit', env },
  );
  return new Promise((resolve) => {
    current.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The reporter's request (src/gate/confirmation.ts owns its shape), or undefined; a malformed one is reported. */
async function readRequest() {
  const { readConfirmRequest } = await tsImport('../src/gate/confirmation.ts', import.meta.url);
  const { resultsRoot } = await tsImport('../src/harness/paths.ts', import.meta.url);
  try {
    return readConfirmRequest(resultsRoot());
  } catch (error) {
    process.stderr.write(`${error.message}; not confirming\n`);
    return undefined;
  }
}

/** Whether a failed run's gated regressions get their confirmation run (PLANEBENCH_CONFIRM, src/harness/settings.ts). */
async function confirmationWanted() {
  const { setting } = await tsImport('../src/harness/settings.ts', import.meta.url);
  return setting('PLANEBENCH_CONFIRM') !== '0';
}

const firstCode = await runJest(projectArgs);
const request = firstCode !== 0 && (await confirmationWanted()) ? await readRequest() : undefined;
if (!request) {
  process.exitCode = firstCode;
} else {
  const files = request.testFiles.map((f) => path.relative(process.cwd(), f) || f);
  process.stdout.write(
    `\nplanebench: ${request.regressions.length} gated regression(s); a regression must reproduce, ` +
      `so ${files.join(', ')} run(s) once more and both runs' trials are judged together\n`,
  );
  process.exitCode = await runJest(['--runTestsByPath', ...request.testFiles], {
    ...process.env,
    PLANEBENCH_CONFIRM_OF: request.results,
  });
}
