/**
 * The commit of a run as github-action-benchmark records it, read from git
 * (read-only commands). A commit git does not know (a CI sha, a pruned
 * branch) still gets an entry: its id, with the run's date.
 */
import { execFileSync } from 'node:child_process';
import type { BenchmarkCommit } from '../../history/benchmark-data.js';

function git(args: readonly string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export interface RunCommitFacts {
  readonly sha: string;
  readonly dirty: boolean;
  /** The run's date, used when git does not know the commit. */
  readonly runDate: string;
}

export function readCommitInfo(facts: RunCommitFacts, repoUrl: string, cwd: string): BenchmarkCommit {
  const SEP = '\u001f';
  const format = ['%H', '%T', '%an', '%ae', '%cn', '%ce', '%cI', '%B'].join(SEP);
  const out = facts.sha === 'unknown' ? undefined : git(['show', '-s', `--format=${format}`, facts.sha], cwd);
  const dirtyNote = facts.dirty ? ' (+ uncommitted changes)' : '';
  const url = repoUrl && facts.sha !== 'unknown' ? `${repoUrl}/commit/${facts.sha}` : '';
  if (!out) {
    const nobody = { name: 'unknown', email: '' };
    return {
      author: nobody,
      committer: nobody,
      distinct: true,
      id: facts.sha,
      message: `commit not in this repository${dirtyNote}`,
      timestamp: facts.runDate,
      tree_id: '',
      url,
    };
  }
  const [id = facts.sha, tree = '', an = '', ae = '', cn = '', ce = '', ct = facts.runDate, ...body] = out.split(SEP);
  const [subject = '', ...rest] = body.join(SEP).split('\n');
  const message = [`${subject}${dirtyNote}`, ...rest].join('\n').trimEnd();
  return {
    author: { name: an, email: ae },
    committer: { name: cn, email: ce },
    distinct: true,
    id,
    message,
    timestamp: ct,
    tree_id: tree,
    url,
  };
}
