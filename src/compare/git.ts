/** Runs git in a repository; a failure is a CompareError carrying git's message. */
import { execFileSync } from 'node:child_process';
import { CompareError, type CompareStage } from './compare-error.js';

export function git(repoDir: string, args: readonly string[], stage: CompareStage = 'worktree'): string {
  try {
    return execFileSync('git', args, { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const raw = (error as { stderr?: unknown }).stderr;
    const stderr = (typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '').trim();
    throw new CompareError(stage, `git ${args.join(' ')} failed in ${repoDir}: ${stderr || (error as Error).message}`, {
      cause: error,
    });
  }
}

/** The full sha a ref names, or a CompareError naming the option. */
export function resolveCommit(repoDir: string, ref: string): string {
  try {
    return git(repoDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], 'options');
  } catch (error) {
    throw new CompareError('options', `Expected \`--base\` to name a commit of ${repoDir}, got \`${ref}\` (string)`, {
      cause: error,
    });
  }
}

export interface HeadFacts {
  readonly sha: string;
  readonly dirty: boolean;
}

export function headFacts(repoDir: string): HeadFacts {
  return {
    sha: git(repoDir, ['rev-parse', 'HEAD'], 'options'),
    dirty: git(repoDir, ['status', '--porcelain', '--untracked-files=no'], 'options') !== '',
  };
}

/**
 * Files under `paths` that differ between `baseSha` and the working tree:
 * changed, added or removed tracked files, and untracked ones git does not ignore.
 */
export function changedSince(repoDir: string, baseSha: string, paths: readonly string[]): string[] {
  const tracked = git(repoDir, ['diff', '--name-only', baseSha, '--', ...paths], 'options');
  const untracked = git(repoDir, ['ls-files', '--others', '--exclude-standard', '--', ...paths], 'options');
  const lines = `${tracked}\n${untracked}`.split('\n').filter((line) => line.length > 0);
  return [...new Set(lines)].sort();
}
