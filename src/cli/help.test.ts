/**
 * `--help` and `-h` on `planebench`, every planebench command and the perf:orchestrator entry: the
 * real command in a child process prints its usage to stdout and exits 0.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, TSX_LOADER } from '../harness/paths.js';

const main = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');
/** `npm run perf:orchestrator` runs this file. */
const perfOrchestrator = path.join(REPO_ROOT, 'src', 'cli', 'orchestrator', 'perf-test.ts');

const run = (entry: string, args: readonly string[]) =>
  spawnSync(process.execPath, ['--import', TSX_LOADER, entry, ...args], { encoding: 'utf8', cwd: REPO_ROOT });

describe('planebench <command> --help', () => {
  test.each([
    [[], 'usage: planebench <command>'],
    [['compare'], 'usage: planebench compare'],
    [['calibrate'], 'usage: planebench calibrate'],
    [['power'], 'usage: planebench power'],
    [['trend'], 'usage: planebench trend'],
    [['trend', '--changes'], 'usage: planebench trend'],
    [['baseline'], 'usage: planebench baseline update'],
    [['baseline', 'update'], 'usage: planebench baseline update'],
    [['orchestrator'], 'Usage: planebench orchestrator <command>'],
  ])(
    '%j',
    (command, usage) => {
      for (const flag of ['--help', '-h']) {
        const result = run(main, [...command, flag]);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(result.stdout.startsWith(usage)).toBe(true);
      }
    },
    60_000,
  );

  test.each([['--help'], ['-h'], ['--config', 'quick', '-h']])(
    'perf:orchestrator %s',
    (...args) => {
      const result = run(perfOrchestrator, args);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: planebench orchestrator perf-test/);
    },
    60_000,
  );
});
