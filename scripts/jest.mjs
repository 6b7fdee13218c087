#!/usr/bin/env node
// Runs jest the way this project needs it: ES modules (vm modules), the tsx
// loader for the TypeScript reporter, and in band so perf scenarios never
// share the CPU with another test file.
//   npm test            unit tests, then perf specs
//   npm test -- perf    only the perf specs under perf-tests/
//   npm test -- unit    only the unit tests under src/
// Further arguments go to jest (e.g. a path pattern: npm test -- perf procman), except
// --profile <smoke|ci|full>, which sets PERF_PROFILE (npm test -- perf --profile smoke).
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

/**
 * `--profile <name>` (or `--profile=<name>`) sets PERF_PROFILE for the run; jest itself does not
 * know the flag. An unknown name is an error naming the flag and the profiles there are.
 */
async function takeProfile(args) {
  const at = args.findIndex((a) => a === '--profile' || a.startsWith('--profile='));
  if (at < 0) return { args, env: process.env };
  const inline = args[at].startsWith('--profile=');
  const name = inline ? args[at].slice('--profile='.length) : args[at + 1];
  const { isProfileName, PROFILE_NAMES } = await tsImport('../src/harness/profile.ts', import.meta.url);
  if (!isProfileName(name)) {
    const { expectedMessage, RULES } = await tsImport('../src/lib/validate.ts', import.meta.url);
    process.stderr.write(`npm test: ${expectedMessage('--profile', RULES.oneOf(PROFILE_NAMES), name ?? '')}\n`);
    process.exit(2);
  }
  const left = [...args.slice(0, at), ...args.slice(at + (inline ? 1 : 2))];
  return { args: left, env: { ...process.env, PERF_PROFILE: name } };
}

const taken = await takeProfile(process.argv.slice(2));
const [first, ...rest] = taken.args;
const projectArgs =
  first === 'perf' || first === 'unit' ? [...rest, '--selectProjects', first] : first ? [first, ...rest] : [];

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => current?.kill(signal));
}

function runJest(args, env = taken.env) {
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
    ...taken.env,
    PLANEBENCH_CONFIRM_OF: request.results,
  });
}
