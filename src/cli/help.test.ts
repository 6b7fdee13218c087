/** `--help` on every planebench command: the real command in a child process prints its usage and exits 0. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, TSX_LOADER } from '../harness/paths.js';

const main = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');

describe('planebench <command> --help', () => {
  test.each([['compare'], ['calibrate'], ['power'], ['trend'], ['baseline', 'update']])(
    '%s %s',
    (...command) => {
      const run = spawnSync(process.execPath, ['--import', TSX_LOADER, main, ...command.filter(Boolean), '--help'], {
        encoding: 'utf8',
        cwd: REPO_ROOT,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^usage: planebench ${command.filter(Boolean).join(' ')}`));
    },
    30_000,
  );
});
