/**
 * The comparison's orchestration against a real git repository (a temporary
 * one): the base really is a worktree of the base commit, the head the
 * working tree with its uncommitted changes, rounds alternate, and the
 * worktree is gone afterwards — also when a round fails. The perf run itself
 * is replaced by a runner that reports the latency written in the tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../gate/results-file.js';
import { CompareError } from './compare-error.js';
import type { ResolvedCompareOptions } from './compare-options.js';
import { fixtureCalibration, latencyMetric, scenarioResult } from '../test-support/fixture-results.js';
import type { RoundRequest, RoundRunner } from './perf-round.js';
import { MAX_EXTRA_ROUNDS, runCompare } from './run-compare.js';

let repo: string;
let out: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

function commitFile(name: string, content: string): void {
  writeFileSync(path.join(repo, name), content);
  git('add', name);
  git('commit', '-q', '-m', `set ${name}`);
}

function options(overrides: Partial<ResolvedCompareOptions> = {}): ResolvedCompareOptions {
  return {
    baseRef: 'HEAD',
    rounds: 2,
    interleave: 'rounds',
    patterns: ['fixture'],
    profile: 'ci',
    repoDir: repo,
    outDir: out,
    keepWorktree: false,
    budgetMs: 0,
    ...overrides,
  };
}

/** Reports three trials around the latency in the tree's latency.txt. */
function treeRunner(calls: RoundRequest[]): RoundRunner {
  return async (request) => {
    calls.push(request);
    const resultsOf = (tree: string): ResultsFile => fixtureResults(request, tree);
    return {
      state: 'measured',
      side: request.side,
      round: request.round,
      results: resultsOf(request.cwd),
      ...(request.duetBase ? { baseResults: resultsOf(request.duetBase) } : {}),
      specs: { 'fixture/steady/v2': path.join(request.cwd, 'perf-tests', 'fixture.perf.ts') },
      failedTests: 0,
      passedTests: 1,
      durationMs: 1,
      logFile: '',
    };
  };
}

/** Three trials around the latency in `tree`'s latency.txt. */
function fixtureResults(request: RoundRequest, tree: string): ResultsFile {
  const latencyUs = Number(readFileSync(path.join(tree, 'latency.txt'), 'utf8'));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: `run-${request.round}-${request.side}`,
    environment: {
      cpuModel: 'x',
      cores: 2,
      totalMemoryBytes: 1,
      node: 'v20',
      os: 'linux',
      profile: 'ci',
      gitCommit: 'x',
      gitDirty: false,
      date: '2026-11-24T00:00:00.000Z',
    },
    scenarios: [scenarioResult([latencyMetric([latencyUs, latencyUs * 1.01, latencyUs * 0.99])])],
  };
}

function worktrees(): string[] {
  return git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '));
}

beforeEach(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'planebench-compare-repo-'));
  out = path.join(repo, 'perf-results', 'compare');
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  writeFileSync(path.join(repo, '.gitignore'), 'perf-results/\n');
  commitFile('latency.txt', '100');
});
afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('runCompare', () => {
  test('runs base and head alternately and finds the regression the working tree brings', async () => {
    writeFileSync(path.join(repo, 'latency.txt'), '300'); // uncommitted: the head is the working tree
    const calls: RoundRequest[] = [];
    const printed: string[] = [];
    const outcome = await runCompare(options(), {
      runRound: treeRunner(calls),
      print: (t) => printed.push(t),
      handleSignals: false,
    });

    expect(calls.map((c) => `${c.round}-${c.side}`)).toEqual(['1-base', '1-head', '2-base', '2-head']);
    // Both sides run from worktrees; the head's carries the uncommitted change (latency 300).
    expect(calls.every((c) => c.cwd !== repo)).toBe(true);
    expect(new Set(calls.map((c) => c.cwd)).size).toBe(2);
    expect(outcome.failed).toBe(true);
    expect(outcome.head.dirty).toBe(true);
    const [metric] = outcome.comparison.scenarios[0]?.metrics ?? [];
    expect(metric).toMatchObject({ status: 'regressed', baseline: 100, current: 300 });
    expect(outcome.summary.trialsPerSide).toEqual([6, 6]);

    const text = printed.join('');
    expect(text).toContain('Baseline = base, Current = head');
    expect(text).toContain('✗ regressed: fixture/steady/v2 queryLatencyUs.p99: 100 µs → 300 µs, +200.0 %');
    const report = readFileSync(outcome.reportFile, 'utf8');
    expect(report.split('\n')[0]).toBe('## planebench: ❌ 1 regression');
    expect(report).toMatch(/\| Base → Head \|/);
    expect(report).toContain('100 µs → 300 µs');
    expect(existsSync(path.join(out, 'summary.md'))).toBe(true);
    for (const f of ['results.json', 'base-results.json', 'benchmark-smaller.json', 'benchmark-bigger.json']) {
      expect(existsSync(path.join(out, f))).toBe(true);
    }
    expect(worktrees()).toHaveLength(1);
    expect(calls[0] && existsSync(calls[0].cwd)).toBe(false);
  });

  test('with trials in turns, one run per round measures both sides: the head tree runs, the base tree beside it', async () => {
    writeFileSync(path.join(repo, 'latency.txt'), '300');
    const calls: RoundRequest[] = [];
    const printed: string[] = [];
    const outcome = await runCompare(options({ interleave: 'trials' }), {
      runRound: treeRunner(calls),
      print: (t) => printed.push(t),
      handleSignals: false,
    });

    expect(calls.map((c) => `${c.round}-${c.side}`)).toEqual(['1-head', '2-head']);
    expect(calls.every((c) => c.duetBase !== undefined && c.duetBase !== c.cwd && c.cwd !== repo)).toBe(true);
    expect(calls.map((c) => path.basename(c.resultsRoot))).toEqual(['1-duet', '2-duet']);
    const [metric] = outcome.comparison.scenarios[0]?.metrics ?? [];
    expect(metric).toMatchObject({ status: 'regressed', baseline: 100, current: 300 });
    expect(outcome.summary.trialsPerSide).toEqual([6, 6]);
    expect(outcome.summary.interleave).toBe('trials');
    expect(printed.join('')).toContain('round 1/2 base and head, trials in turns: 1 scenario(s)');
    expect(printed.join('')).toContain('2 round(s), base and head trials in turns');
    expect(worktrees()).toHaveLength(1);
  });

  test('a head that changes the measuring kit is compared in rounds, each side with its own kit', async () => {
    mkdirSync(path.join(repo, 'src', 'harness'), { recursive: true });
    writeFileSync(path.join(repo, 'src', 'harness', 'aggregate.ts'), 'export const gated = false;\n');
    const calls: RoundRequest[] = [];
    const printed: string[] = [];
    const outcome = await runCompare(options({ interleave: 'trials', rounds: 1 }), {
      runRound: treeRunner(calls),
      print: (t) => printed.push(t),
      handleSignals: false,
    });

    expect(calls.map((c) => `${c.round}-${c.side}`)).toEqual(['1-base', '1-head']);
    expect(calls.every((c) => c.duetBase === undefined)).toBe(true);
    expect(outcome.summary.interleave).toBe('rounds');
    expect(printed.join('')).toContain('the head changes the measuring kit (src/harness/aggregate.ts)');
  });

  test("a head that changes only the kit's unit tests and their fixtures still takes turns", async () => {
    mkdirSync(path.join(repo, 'src', 'harness', 'runner', 'fixtures'), { recursive: true });
    writeFileSync(path.join(repo, 'src', 'harness', 'aggregate.test.ts'), 'test.todo("x");\n');
    writeFileSync(path.join(repo, 'src', 'harness', 'runner', 'fixtures', 'slow.ts'), 'export {};\n');
    const calls: RoundRequest[] = [];
    const outcome = await runCompare(options({ interleave: 'trials', rounds: 1 }), {
      runRound: treeRunner(calls),
      print: () => undefined,
      handleSignals: false,
    });

    expect(calls.map((c) => `${c.round}-${c.side}`)).toEqual(['1-head']);
    expect(outcome.summary.interleave).toBe('trials');
  });

  test("the head's worktree carries untracked files too, and both worktrees are gone afterwards", async () => {
    writeFileSync(path.join(repo, 'latency.txt'), '100');
    mkdirSync(path.join(repo, 'new-dir'));
    writeFileSync(path.join(repo, 'new-dir', 'untracked.txt'), 'here');
    const seen: string[] = [];
    const runner = treeRunner([]);
    await runCompare(options(), {
      runRound: async (request) => {
        if (request.side === 'head')
          seen.push(readFileSync(path.join(request.cwd, 'new-dir', 'untracked.txt'), 'utf8'));
        return runner(request);
      },
      print: () => undefined,
      handleSignals: false,
    });
    expect(seen).toEqual(['here', 'here']);
    expect(worktrees()).toHaveLength(1);
  });

  test('the same code on both sides passes', async () => {
    const outcome = await runCompare(options(), {
      runRound: treeRunner([]),
      print: () => undefined,
      handleSignals: false,
    });
    expect(outcome.failed).toBe(false);
    expect(outcome.comparison.counts.unchanged).toBe(1);
  });

  test('a base with another package-lock.json gets its own install', async () => {
    commitFile('package-lock.json', '{"v":1}');
    writeFileSync(path.join(repo, 'package-lock.json'), '{"v":2}');
    const installed: string[] = [];
    await runCompare(options(), {
      runRound: treeRunner([]),
      install: async (dir) => {
        installed.push(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
      },
      print: () => undefined,
      handleSignals: false,
    });
    expect(installed).toEqual(['{"v":1}']);
  });

  test('a tree with linked node_modules runs its own postinstall (a build inside the tree), on both sides', async () => {
    commitFile(
      'package.json',
      JSON.stringify({ scripts: { postinstall: `node -e "require('fs').writeFileSync('built', 'yes')"` } }),
    );
    mkdirSync(path.join(repo, 'node_modules'), { recursive: true });
    const built: string[] = [];
    const runner = treeRunner([]);
    await runCompare(options(), {
      runRound: async (request) => {
        built.push(`${request.side}:${existsSync(path.join(request.cwd, 'built')) ? 'built' : 'missing'}`);
        return runner(request);
      },
      print: () => undefined,
      handleSignals: false,
    });
    expect(new Set(built)).toEqual(new Set(['base:built', 'head:built']));
  }, 30_000);

  test('the worktree is removed when a round breaks, and a round without results names its log', async () => {
    const failing: RoundRunner = async (request) => {
      if (request.side === 'head') throw new Error('runner crashed');
      return treeRunner([])(request);
    };
    await expect(
      runCompare(options(), { runRound: failing, print: () => undefined, handleSignals: false }),
    ).rejects.toThrow('runner crashed');
    expect(worktrees()).toHaveLength(1);

    const logDir = mkdtempSync(path.join(os.tmpdir(), 'planebench-log-'));
    const logFile = path.join(logDir, 'perf.log');
    mkdirSync(logDir, { recursive: true });
    writeFileSync(logFile, 'line 1\nSyntaxError: bad spec\n');
    const empty: RoundRunner = async (r) => ({
      state: 'no-results',
      side: r.side,
      round: r.round,
      reason: 'wrote no results.json',
      durationMs: 1,
      logFile,
    });
    const error = await runCompare(options(), { runRound: empty, print: () => undefined, handleSignals: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CompareError);
    expect((error as CompareError).message).toContain('round 1 base: wrote no results.json');
    expect((error as CompareError).message).toContain('SyntaxError: bad spec');
    expect(worktrees()).toHaveLength(1);
    rmSync(logDir, { recursive: true, force: true });
  });

  test('an unknown base ref is an options error', async () => {
    const error = await runCompare(options({ baseRef: 'no-such-branch' }), {
      runRound: treeRunner([]),
      print: () => undefined,
      handleSignals: false,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      stage: 'options',
      message: expect.stringContaining('Expected `--base` to name a commit') as string,
    });
  });

  describe('adaptive rounds', () => {
    // σ 0.1 per trial: a 25 % slowdown is within 4 standard errors at 6 trials a side
    // (threshold +26 %) but its interval reaches beyond: undecided; at 9 trials (+21 %) it is caught.
    function commitCalibration(trialLogSd: number): void {
      mkdirSync(path.join(repo, 'baselines'), { recursive: true });
      commitFile(
        'baselines/noise.json',
        JSON.stringify(fixtureCalibration({ 'fixture/steady/v2/queryLatencyUs.p99': trialLogSd })),
      );
    }

    /**
     * A comparison with the calibration committed (σ `trialLogSd`, default 0.1), the head's
     * latency `headLatency` (none: as the base's).
     */
    async function compareAdaptive(budgetMs: number, headLatency?: string, trialLogSd = 0.1) {
      commitCalibration(trialLogSd);
      if (headLatency !== undefined) writeFileSync(path.join(repo, 'latency.txt'), headLatency);
      const calls: RoundRequest[] = [];
      const printed: string[] = [];
      const outcome = await runCompare(options({ budgetMs }), {
        runRound: treeRunner(calls),
        print: (t) => printed.push(t),
        handleSignals: false,
      });
      return { calls, printed: printed.join(''), outcome };
    }

    test('an undecided scenario is measured again, by its spec only, until decided', async () => {
      const { calls, printed, outcome } = await compareAdaptive(60_000, '125');
      expect(calls.map((c) => `${c.round}-${c.side}`)).toEqual([
        '1-base',
        '1-head',
        '2-base',
        '2-head',
        '3-base',
        '3-head',
      ]);
      expect(calls[4]?.patterns).toEqual(['perf-tests/fixture\\.perf\\.ts']);
      expect(printed).toContain('undecided, measured again: fixture/steady/v2');
      expect(outcome.comparison.regressions).toHaveLength(1);
      expect(outcome.summary.trialsPerSide).toEqual([9, 9]);
    });

    test('without budget the undecided scenario stays unchanged and the output says so', async () => {
      const { calls, printed, outcome } = await compareAdaptive(0, '125');
      expect(calls).toHaveLength(4);
      expect(printed).toMatch(/1 scenario\(s\) still undecided; another round needs/);
      expect(outcome.failed).toBe(false);
    });

    test('a scenario still undecided after its extra rounds is not measured again', async () => {
      // +14 %: inside 4 standard errors and with its interval beyond them at 6 to 18 trials a side.
      const { calls, printed, outcome } = await compareAdaptive(60_000, '114');
      expect(calls).toHaveLength(2 * (2 + MAX_EXTRA_ROUNDS));
      expect(printed).toContain(
        `still undecided after ${MAX_EXTRA_ROUNDS} extra rounds, not measured again: fixture/steady/v2`,
      );
      expect(outcome.comparison.regressions).toHaveLength(0);
    });

    test('a decided comparison is not re-run', async () => {
      const { calls } = await compareAdaptive(60_000);
      expect(calls).toHaveLength(4);
    });

    describe('a metric whose noise hides 2×', () => {
      // σ 0.45 per trial: 6 trials a side could see ≥ 2.83×, 15 (two rounds and three extra)
      // ≥ 1.93×, so the extra rounds can gate it; σ 1.0 would need 67 trials a side.
      test('is measured again while its interval reaches beyond 2×, then gated, and a ×2.2 fails', async () => {
        const { calls, printed, outcome } = await compareAdaptive(60_000, '220', 0.45);
        expect(calls).toHaveLength(2 * (2 + MAX_EXTRA_ROUNDS));
        expect(printed).toContain('undecided, measured again: fixture/steady/v2');
        const [metric] = outcome.comparison.regressions;
        expect(metric?.ungatedBecause).toBeUndefined();
        expect(outcome.summary.trialsPerSide).toEqual([15, 15]);
        expect(outcome.failed).toBe(true);
      });

      test('after two rounds alone it stays ungated and the ×2.2 passes', async () => {
        const { calls, outcome } = await compareAdaptive(0, '220', 0.45);
        expect(calls).toHaveLength(4);
        const metric = outcome.comparison.scenarios[0]?.metrics.find((m) => m.metric === 'queryLatencyUs.p99');
        expect(metric?.ungatedBecause).toMatch(/hides a 2× change/);
        expect(metric?.trialsToSee2x).toBe(14);
        expect(outcome.failed).toBe(false);
      });

      test('is not measured again when its interval stays within 2×', async () => {
        const { calls } = await compareAdaptive(60_000, undefined, 0.45);
        expect(calls).toHaveLength(4);
      });

      test('is not measured again when the rounds it can still get would not let it see 2×', async () => {
        const { calls, outcome } = await compareAdaptive(60_000, '220', 1.0);
        expect(calls).toHaveLength(4);
        expect(outcome.failed).toBe(false);
      });
    });
  });
});
