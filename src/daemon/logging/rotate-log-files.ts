/**
 * Rotation on disk: `<file>` becomes `<file>.1`, `<file>.1` becomes `<file>.2`,
 * … up to `<file>.<maxFiles − 1>`, whose previous content (the oldest) is
 * replaced. With maxFiles 1 the file is removed. The caller has closed `<file>`
 * and opens a new one after.
 */
import { rename, rm } from 'node:fs/promises';

/** `<file>` for index 0, `<file>.<index>` for the rotated copies (1 is the newest). */
export function logFilePath(file: string, index: number): string {
  return index === 0 ? file : `${file}.${index}`;
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export async function rotateLogFiles(file: string, maxFiles: number): Promise<void> {
  if (maxFiles === 1) {
    await rm(file, { force: true });
    return;
  }
  // rename() replaces its target, so the oldest copy is dropped by the first rename.
  for (let index = maxFiles - 2; index >= 0; index -= 1) {
    await renameIfExists(logFilePath(file, index), logFilePath(file, index + 1));
  }
}
