/**
 * The base side of a comparison: a detached git worktree of the base commit
 * in a temporary folder, with node_modules linked from the head when both
 * package-lock.json files are identical, otherwise installed with `npm ci`.
 * `remove` takes it away again (worktree, temp folder, git's record of it).
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coerceError } from '../lib/coerce-error.js';
import { CompareError } from './compare-error.js';
import { git } from './git.js';

export type NodeModulesSetup = 'linked' | 'installed' | 'none';

export interface BaseWorktree {
  readonly dir: string;
  readonly sha: string;
  readonly nodeModules: NodeModulesSetup;
  remove(): void;
}

export interface WorktreeOptions {
  /** Installs dependencies in the worktree when the lock files differ; default `npm ci`. */
  readonly install?: (dir: string, signal: AbortSignal | undefined) => Promise<void>;
  readonly signal?: AbortSignal;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function npmCi(dir: string, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      ...(signal ? { signal } : {}),
    });
    child.on('error', (error) =>
      reject(new CompareError('install', `npm ci in ${dir} failed: ${error.message}`, { cause: error })),
    );
    child.on('exit', (code, sig) =>
      code === 0 ? resolve() : reject(new CompareError('install', `npm ci in ${dir} exited with ${code ?? sig}`)),
    );
  });
}

function removeWorktree(repoDir: string, parent: string, dir: string): void {
  const problems: string[] = [];
  const link = path.join(dir, 'node_modules');
  try {
    // Never let a recursive delete follow the link into the head's node_modules.
    if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(link);
  } catch (error) {
    problems.push(coerceError(error).message);
  }
  try {
    git(repoDir, ['worktree', 'remove', '--force', dir]);
  } catch (error) {
    problems.push(coerceError(error).message);
  }
  rmSync(parent, { recursive: true, force: true });
  try {
    git(repoDir, ['worktree', 'prune']);
  } catch (error) {
    problems.push(coerceError(error).message);
  }
  if (existsSync(dir))
    throw new CompareError('worktree', `could not remove the base worktree ${dir}: ${problems.join('; ')}`);
}

export async function createBaseWorktree(
  repoDir: string,
  sha: string,
  options: WorktreeOptions = {},
): Promise<BaseWorktree> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'planebench-base-'));
  const dir = path.join(parent, 'base');
  try {
    git(repoDir, ['worktree', 'add', '--detach', dir, sha]);
  } catch (error) {
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }
  const remove = (): void => removeWorktree(repoDir, parent, dir);
  try {
    const sameLock =
      readIfExists(path.join(repoDir, 'package-lock.json')) === readIfExists(path.join(dir, 'package-lock.json'));
    const headModules = path.join(repoDir, 'node_modules');
    let nodeModules: NodeModulesSetup = 'none';
    if (sameLock && existsSync(headModules)) {
      symlinkSync(headModules, path.join(dir, 'node_modules'), 'dir');
      nodeModules = 'linked';
    } else if (!sameLock) {
      await (options.install ?? npmCi)(dir, options.signal);
      nodeModules = 'installed';
    }
    return { dir, sha, nodeModules, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
