/** Where a result came from: machine, runtime, code and profile. */
import { setting } from './settings.js';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { EnvironmentFingerprint } from './result-model.js';
import type { ProfileName } from './profile.js';

function git(args: readonly string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function captureEnvironment(
  profile: ProfileName,
  cwd = process.cwd(),
  now = new Date(),
): EnvironmentFingerprint {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    profile,
    gitCommit: setting('GITHUB_SHA') ?? git(['rev-parse', 'HEAD'], cwd) ?? 'unknown',
    gitDirty: (git(['status', '--porcelain', '--untracked-files=no'], cwd) ?? '') !== '',
    date: now.toISOString(),
  };
}
