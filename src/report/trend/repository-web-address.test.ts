import { execFileSync } from 'node:child_process';
import { makeTempDir } from '../../test-support/temp-dir.js';
import { repositoryUrl, webAddressOfRemote } from './repository-web-address.js';

describe('the repository web address', () => {
  test('every remote form of a hosted repository becomes its https address, without credentials', () => {
    for (const remote of [
      'https://example.org/owner/planebench.git',
      'https://user:token@example.org/owner/planebench',
      'http://example.org/owner/planebench/',
      'git@example.org:owner/planebench.git',
      'ssh://git@example.org:2222/owner/planebench.git',
      'git://example.org/owner/planebench',
    ]) {
      expect([remote, webAddressOfRemote(remote)]).toEqual([remote, 'https://example.org/owner/planebench']);
    }
  });

  test('a local path or file: remote is no web address', () => {
    for (const remote of ['/work/origin.git', '../planebench', 'file:///work/origin.git', 'C:\\repos\\x', '']) {
      expect([remote, webAddressOfRemote(remote)]).toEqual([remote, '']);
    }
  });

  test('GitHub Actions variables win; otherwise the origin remote; otherwise none', () => {
    const dir = makeTempDir('planebench-remote-');
    try {
      execFileSync('git', ['init', '-q', dir.path]);
      const env = { GITHUB_SERVER_URL: 'https://example.org', GITHUB_REPOSITORY: 'owner/planebench' };
      expect(repositoryUrl(dir.path, env)).toBe('https://example.org/owner/planebench');
      expect(repositoryUrl(dir.path, {})).toBe('');
      execFileSync('git', ['remote', 'add', 'origin', '/somewhere/local.git'], { cwd: dir.path });
      expect(repositoryUrl(dir.path, {})).toBe('');
      execFileSync('git', ['remote', 'set-url', 'origin', 'git@example.org:owner/planebench.git'], { cwd: dir.path });
      expect(repositoryUrl(dir.path, {})).toBe('https://example.org/owner/planebench');
    } finally {
      dir.remove();
    }
  });
});
