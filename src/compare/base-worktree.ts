/**
 * The base side of a comparison: a detached git worktree of the base commit
 * in a temporary folder, with node_modules linked from the head (and the
 * tree's own postinstall run) when both package-lock.json files are
 * identical, otherwise installed with `npm ci`.
 * `remove` takes it away again (worktree, temp folder, git's record of it).
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
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
  /** Runs the tree's install-time build when node_modules is linked instead; default `npmPostinstall`. */
  readonly postinstall?: (dir: string, signal: AbortSignal | undefined) => Promise<void>;
  readonly signal?: AbortSignal;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** `npm <args>` in `dir`; a failure is an install error naming the command and the folder. */
function runNpm(dir: string, args: readonly string[], signal: AbortSignal | undefined): Promise<void> {
  const what = `npm ${args.join(' ')} in ${dir}`;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      ...(signal ? { signal } : {}),
    });
    child.on('error', (error) =>
      reject(new CompareError('install', `${what} failed: ${error.message}`, { cause: error })),
    );
    child.on('exit', (code, sig) =>
      code === 0 ? resolve() : reject(new CompareError('install', `${what} exited with ${code ?? sig}`)),
    );
  });
}

export function npmCi(dir: string, signal: AbortSignal | undefined): Promise<void> {
  return runNpm(dir, ['ci', '--no-audit', '--no-fund'], signal);
}

/**
 * A tree with linked node_modules still needs its own install-time build (its `postinstall`:
 * e.g. a native addon built inside the tree), which `npm ci` would have run.
 */
export async function npmPostinstall(dir: string, signal: AbortSignal | undefined): Promise<void> {
  const manifest = readIfExists(path.join(dir, 'package.json'));
  const scripts = manifest ? (JSON.parse(manifest) as { scripts?: Record<string, string> }).scripts : undefined;
  if (scripts?.postinstall) await runNpm(dir, ['run', '--silent', 'postinstall'], signal);
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
    throw new CompareError('worktree', `could not remove the worktree ${dir}: ${problems.join('; ')}`);
}

/**
 * The working tree's state on top of the worktree: uncommitted changes to
 * tracked files (a binary diff against HEAD) and untracked files that git
 * does not ignore.
 */
function overlayWorkingTree(repoDir: string, dir: string): void {
  try {
    const diff = execFileSync('git', ['diff', '--binary', 'HEAD'], { cwd: repoDir, maxBuffer: 1 << 28 });
    if (diff.length > 0) execFileSync('git', ['apply', '--binary', '--whitespace=nowarn'], { cwd: dir, input: diff });
    const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], {
      cwd: repoDir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    })
      .split('\0')
      .filter((f) => f !== '' && f.split('/')[0] !== 'node_modules');
    for (const file of untracked) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      cpSync(path.join(repoDir, file), path.join(dir, file), { verbatimSymlinks: true });
    }
  } catch (error) {
    throw new CompareError(
      'worktree',
      `could not copy the working tree's changes into ${dir}: ${coerceError(error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * A worktree of `sha` in a temporary folder; for the head (`withWorkingTree`)
 * with the working tree's uncommitted changes on top, so both sides of a
 * comparison run from the same kind of tree: a checkout elsewhere starts
 * processes at another speed (docs/decisions.md, "Both sides of a comparison
 * run from a worktree").
 */
export async function createWorktree(
  repoDir: string,
  sha: string,
  options: WorktreeOptions & { readonly side: 'base' | 'head' },
): Promise<BaseWorktree> {
  const parent = mkdtempSync(path.join(os.tmpdir(), `planebench-${options.side}-`));
  const dir = path.join(parent, options.side);
  try {
    git(repoDir, ['worktree', 'add', '--detach', dir, sha]);
  } catch (error) {
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }
  const remove = (): void => removeWorktree(repoDir, parent, dir);
  try {
    if (options.side === 'head') overlayWorkingTree(repoDir, dir);
    const sameLock =
      readIfExists(path.join(repoDir, 'package-lock.json')) === readIfExists(path.join(dir, 'package-lock.json'));
    const headModules = path.join(repoDir, 'node_modules');
    let nodeModules: NodeModulesSetup = 'none';
    if (sameLock && existsSync(headModules)) {
      symlinkSync(headModules, path.join(dir, 'node_modules'), 'dir');
      nodeModules = 'linked';
      await (options.postinstall ?? npmPostinstall)(dir, options.signal);
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

export function createBaseWorktree(repoDir: string, sha: string, options: WorktreeOptions = {}): Promise<BaseWorktree> {
  return createWorktree(repoDir, sha, { ...options, side: 'base' });
}
