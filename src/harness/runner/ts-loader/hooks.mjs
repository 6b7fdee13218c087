// A minimal TypeScript loader for the scenario child. It strips types with
// esbuild and nothing else: no `keepNames` wrappers (tsx wraps every function
// in __name(), which made a closure cost ~500 ns instead of ~10 ns), no source
// maps, no CommonJS interop — the measured code runs as the JavaScript you
// would have written by hand. Output is cached on disk by path, size and
// mtime, so a trial's child starts without loading esbuild at all.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = fileURLToPath(new URL('../../../../node_modules/.cache/planebench-ts/', import.meta.url));
let esbuild;

/** `./x.js` written in TypeScript sources resolves to `./x.ts` when that is what exists. */
export async function resolve(specifier, context, nextResolve) {
  const local = specifier.startsWith('.') || specifier.startsWith('file:') || specifier.startsWith('/');
  if (local && specifier.endsWith('.js')) {
    try {
      return await nextResolve(specifier, context);
    } catch (error) {
      const url = new URL(specifier.slice(0, -3) + '.ts', context.parentURL).href;
      if (existsSync(fileURLToPath(url))) return { url, shortCircuit: true, format: 'module' };
      throw error;
    }
  }
  return nextResolve(specifier, context);
}

async function transpile(file, source) {
  esbuild ??= await import('esbuild');
  const { code } = await esbuild.transform(source, {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: file,
    sourcemap: false,
    keepNames: false,
  });
  return code;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const info = await stat(file);
  const key = createHash('sha1').update(`${file}\0${info.size}\0${info.mtimeMs}`).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.mjs`);
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  } catch {
    // not cached yet
  }
  const code = await transpile(file, await readFile(file, 'utf8'));
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, cached);
  } catch {
    // a read-only tree still runs, only slower
  }
  return { format: 'module', source: code, shortCircuit: true };
}
