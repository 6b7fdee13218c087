import { anchoredPattern } from './perf-round.js';
import path from 'node:path';
import { parseCompareArgs } from './compare-options.js';

const env = { PERF_PROFILE: 'smoke', PLANEBENCH_RESULTS_ROOT: '/tmp/pr' };

describe('parseCompareArgs', () => {
  test('resolves every option once, with defaults', () => {
    expect(parseCompareArgs(['--base', 'origin/main', 'harness', 'procman'], env, '/repo')).toEqual({
      baseRef: 'origin/main',
      rounds: 2,
      interleave: 'trials',
      patterns: ['harness', 'procman'],
      profile: 'smoke',
      repoDir: '/repo',
      outDir: path.join('/tmp/pr', 'compare'),
      keepWorktree: false,
      budgetMs: 25 * 60_000,
    });
    expect(
      parseCompareArgs(['--base=HEAD~1', '--rounds=3', '--interleave', 'rounds', '--keep-worktree'], env, '/repo'),
    ).toMatchObject({
      baseRef: 'HEAD~1',
      rounds: 3,
      interleave: 'rounds',
      keepWorktree: true,
    });
  });

  test('errors name the option, the rule and the value', () => {
    expect(() => parseCompareArgs([], env)).toThrow('Expected `--base` to name a git ref, got nothing');
    expect(() => parseCompareArgs(['--base', 'x', '--rounds', '0'], env)).toThrow(
      'Expected `--rounds` to be an integer number of rounds between 1 and 20, got `0` (string)',
    );
    expect(() => parseCompareArgs(['--base', 'x', '--rounds', 'two'], env)).toThrow('got `two` (string)');
    expect(() => parseCompareArgs(['--base', 'x', '--interleave', 'samples'], env)).toThrow(
      'Expected `--interleave` to be one of trials, rounds, got `samples` (string)',
    );
    expect(() => parseCompareArgs(['--base'], env)).toThrow(
      'Expected `--base` to be followed by a value, got `` (string)',
    );
    expect(() => parseCompareArgs(['--base', 'x', '--fast'], env)).toThrow('Unknown option `--fast`');
    expect(() => parseCompareArgs(['--base', 'x'], { PERF_PROFILE: 'huge' })).toThrow(
      'Expected `PERF_PROFILE` to be one of',
    );
  });
});

describe('anchoredPattern', () => {
  test('a spec pattern matches inside the tree only, not in the folders above it', () => {
    const pattern = new RegExp(anchoredPattern('/work/wt-procman', 'procman'));
    expect(pattern.test('/work/wt-procman/perf-tests/procman/scaling.perf.ts')).toBe(true);
    expect(pattern.test('/work/wt-procman/perf-tests/agents/wasm.perf.ts')).toBe(false);
    expect(new RegExp(anchoredPattern('/a/b', 'x|y')).test('/a/b/y.perf.ts')).toBe(true);
  });
});
