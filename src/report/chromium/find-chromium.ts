/** Finds a Chromium binary: PLANEBENCH_CHROMIUM, else chromium / chrome on PATH (both read through src/harness/settings.ts). */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { setting } from '../../harness/settings.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = setting('PLANEBENCH_CHROMIUM', env);
  if (explicit) return executable(explicit) ? explicit : undefined;
  const dirs = (setting('PATH', env) ?? '').split(path.delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  return undefined;
}

/** The apt command CI uses to get one (Debian's package). */
export const CHROMIUM_INSTALL_HINT = 'apt-get update && apt-get install -y chromium';
