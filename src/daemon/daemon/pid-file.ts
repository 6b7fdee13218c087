/** The pid file: written when the daemon starts, removed when it has shut down. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DaemonError } from '../errors/daemon-error.js';

export async function writePidFile(path: string, pid: number = process.pid): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${pid}\n`);
  } catch (error) {
    throw DaemonError.io(`Could not write pid file \`${path}\``, error);
  }
}

/** Removes the pid file if it still holds `pid` (another instance may have taken it over). */
export async function removePidFile(path: string, pid: number = process.pid): Promise<void> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch {
    return;
  }
  if (content.trim() !== String(pid)) return;
  try {
    await rm(path, { force: true });
  } catch (error) {
    throw DaemonError.io(`Could not remove pid file \`${path}\``, error);
  }
}
