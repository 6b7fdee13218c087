/** `npm test -- perf --profile <name>`: the jest wrapper (scripts/jest.mjs), run for real in a child process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../harness/paths.js';

const wrapper = path.join(REPO_ROOT, 'scripts', 'jest.mjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [wrapper, ...args], { encoding: 'utf8', cwd: REPO_ROOT });

describe('npm test --profile', () => {
  test('an unknown profile is one line naming the flag and the profiles there are, exit 2', () => {
    const result = run('perf', '--profile', 'fast', '--listTests');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('npm test: Expected `--profile` to be one of smoke, ci, full, got `fast` (string)\n');
  }, 30_000);

  test.each([['--profile', 'smoke'], ['--profile=smoke']])(
    '%s %s is taken by the wrapper, not passed to jest',
    (...flag) => {
      const result = run('unit', ...flag.filter(Boolean), '--listTests', 'src/harness/profile');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(path.join('src', 'harness', 'profile.test.ts'));
    },
    30_000,
  );
});
