/**
 * The repository's web address, which the trend page links and commit links
 * start from: GITHUB_SERVER_URL + GITHUB_REPOSITORY when set (GitHub Actions),
 * otherwise the origin remote as https; '' when neither gives a web address.
 * A local path (or file: remote) is never a web address, and credentials in a
 * remote never reach the page.
 */
import { execFileSync } from 'node:child_process';
import { setting } from '../../harness/settings.js';

/** https://host/owner/name for an https, http, ssh, scp-like or git: remote; '' for anything else. */
export function webAddressOfRemote(remote: string): string {
  const text = remote.trim();
  const scpLike = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(text);
  const url = /^(?:https?|ssh|git\+ssh|git):\/\/(?:[^@/]*@)?([\w.-]+)(?::\d+)?\/(.+)$/.exec(text);
  const [, host, repoPath] = scpLike ?? url ?? [];
  if (!host || !repoPath) return '';
  const clean = repoPath.replace(/\/+$/, '').replace(/\.git$/, '');
  return clean ? `https://${host}/${clean}` : '';
}

function originRemote(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['remote', 'get-url', 'origin'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

export function repositoryUrl(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const server = setting('GITHUB_SERVER_URL', env);
  const repository = setting('GITHUB_REPOSITORY', env);
  if (server && repository) return `${server.replace(/\/+$/, '')}/${repository}`;
  const remote = originRemote(cwd);
  return remote ? webAddressOfRemote(remote) : '';
}
