/**
 * One round of one side: the perf specs run as `npm test -- perf` would
 * (node scripts/jest.mjs perf …) in that side's tree, with the results root
 * pointed at the round's own folder and its gate against committed baselines
 * off (PLANEBENCH_BASELINE_GATE=off): the comparison judges the rounds itself.
 * What counts is the results.json it wrote and whether any spec failed (jest --json). The run is its own process group, killed whole on abort.
 * A duet round (`duetBase`) runs the head's specs with each trial beside one of
 * the base tree's (src/harness/runner/duet.ts) and also yields base-results.json.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProfileName } from '../harness/profile.js';
import { coerceError } from '../lib/coerce-error.js';
import { BASE_RESULTS_FILE, readResultsFile, type ResultsFile } from '../gate/results-file.js';
import { SPECS_FILE } from '../report/write-run-outputs.js';
import { escapeRegExp } from '../lib/escape-regexp.js';

export type Side = 'base' | 'head';

export interface RoundRequest {
  readonly side: Side;
  /** 1-based. */
  readonly round: number;
  /** The tree to run in: the base worktree or the head checkout. */
  readonly cwd: string;
  /** PLANEBENCH_RESULTS_ROOT of this round. */
  readonly resultsRoot: string;
  readonly patterns: readonly string[];
  readonly profile: ProfileName;
  /** The base tree whose trials take turns with this tree's (a duet round); `side` is then 'head'. */
  readonly duetBase?: string;
  readonly signal?: AbortSignal;
}

export type RoundOutcome =
  | {
      readonly state: 'measured';
      readonly side: Side;
      readonly round: number;
      readonly results: ResultsFile;
      /** A duet round's base side. */
      readonly baseResults?: ResultsFile;
      /** One side of a duet round: its trials are twins of the other side's (set when the round is split in sides). */
      readonly duet?: true;
      /** suite/scenario/variant → the spec file (absolute) that measured it, where the run said. */
      readonly specs: Readonly<Record<string, string>>;
      readonly failedTests: number;
      readonly passedTests: number;
      readonly durationMs: number;
      readonly logFile: string;
    }
  | {
      readonly state: 'no-results';
      readonly side: Side;
      readonly round: number;
      readonly reason: string;
      readonly durationMs: number;
      readonly logFile: string;
    };

export type RoundRunner = (request: RoundRequest) => Promise<RoundOutcome>;

/** Grace between SIGTERM and SIGKILL of an aborted round, ms. */
const KILL_GRACE_MS = 5_000;

/**
 * Jest matches path patterns against absolute paths, so `procman` would pick
 * every spec of a checkout in a folder named …procman…: a pattern is matched
 * within the tree only.
 */
export function anchoredPattern(tree: string, pattern: string): string {
  const root = escapeRegExp(path.resolve(tree));
  return `^${root}/.*(?:${pattern})`;
}

function runJest(request: RoundRequest, jestJson: string, logFile: string): Promise<number> {
  const log = openSync(logFile, 'a');
  const args = [
    'scripts/jest.mjs',
    'perf',
    ...request.patterns.map((pattern) => anchoredPattern(request.cwd, pattern)),
    '--passWithNoTests',
    '--json',
    `--outputFile=${jestJson}`,
  ];
  const child = spawn(process.execPath, args, {
    cwd: request.cwd,
    // Rounds are pooled and judged by the comparison itself: no gate against committed baselines.
    env: {
      ...process.env,
      PLANEBENCH_RESULTS_ROOT: request.resultsRoot,
      PERF_PROFILE: request.profile,
      PLANEBENCH_CONFIRM: '0',
      PLANEBENCH_BASELINE_GATE: 'off',
      ...(request.duetBase ? { PLANEBENCH_DUET_BASE: request.duetBase } : {}),
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  return new Promise((resolve, reject) => {
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const onAbort = (): void => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      request.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      killGroup('SIGKILL'); // anything the run left behind in its group
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function readJestCounts(file: string): { failed: number; passed: number } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      numFailedTests?: number;
      numPassedTests?: number;
      numRuntimeErrorTestSuites?: number;
    };
    return {
      failed: (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0),
      passed: json.numPassedTests ?? 0,
    };
  } catch {
    return undefined;
  }
}

/** The run's scenario → spec map; empty when absent or unreadable (then nothing can be re-run selectively). */
function readSpecs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export const runPerfRound: RoundRunner = async (request) => {
  mkdirSync(request.resultsRoot, { recursive: true });
  const logFile = path.join(request.resultsRoot, 'perf.log');
  const jestJson = path.join(request.resultsRoot, 'jest.json');
  const started = performance.now();
  const exitCode = await runJest(request, jestJson, logFile);
  const durationMs = performance.now() - started;
  const identity = { side: request.side, round: request.round, durationMs, logFile };
  if (request.signal?.aborted) return { state: 'no-results', ...identity, reason: 'aborted' };
  const resultsFile = path.join(request.resultsRoot, 'latest', 'results.json');
  const counts = readJestCounts(jestJson);
  if (!existsSync(resultsFile)) {
    return {
      state: 'no-results',
      ...identity,
      reason: `the perf run exited with ${exitCode} and wrote no results.json`,
    };
  }
  const baseFile = path.join(request.resultsRoot, 'latest', BASE_RESULTS_FILE);
  if (request.duetBase && !existsSync(baseFile)) {
    return { state: 'no-results', ...identity, reason: `the duet run wrote no ${BASE_RESULTS_FILE}` };
  }
  try {
    const results = readResultsFile(resultsFile);
    return {
      state: 'measured',
      ...identity,
      results,
      ...(request.duetBase ? { baseResults: readResultsFile(baseFile) } : {}),
      specs: readSpecs(path.join(request.resultsRoot, 'latest', SPECS_FILE)),
      failedTests: counts?.failed ?? (exitCode === 0 ? 0 : 1),
      passedTests: counts?.passed ?? 0,
    };
  } catch (error) {
    return { state: 'no-results', ...identity, reason: coerceError(error).message };
  }
};
