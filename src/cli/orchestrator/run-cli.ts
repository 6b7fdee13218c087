/** For the CLI's tests: runs `planebench orchestrator …` as a real child process and returns what it printed. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, TSX_LOADER } from '../../harness/paths.js';

const MAIN = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `env` replaces DATABASE_URL's absence only: the child gets this process's environment without it, plus `env`. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const run = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, 'orchestrator', ...args], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
