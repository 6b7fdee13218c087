/**
 * Starts a worker thread on a module that may be TypeScript source. Node 20
 * workers do not take `--import`, so a `.ts` entry gets a bootstrap that first
 * imports the loaders this process was started with (`--import X` in its
 * execArgv: tsx under jest and the CLI, the types-only loader in scenario and
 * orchestrator processes), then the entry. tsx's loader entry does not
 * register itself off the main thread, so tsx goes through its API; with no
 * loader to repeat, tsx is registered. A compiled `.js` entry starts directly.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

export function startWorkerThread(entry: URL, execArgv: readonly string[] = process.execArgv): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const loaders = importedLoaders(execArgv);
  const registerTsx = `(await import(${JSON.stringify(tsxApi())})).register();`;
  const steps =
    loaders.length > 0
      ? loaders.map((url) => (isTsx(url) ? registerTsx : `await import(${JSON.stringify(url)});`))
      : [registerTsx];
  const bootstrap = `(async () => {
    ${steps.join('\n    ')}
    await import(${JSON.stringify(entry.href)});
  })().catch((error) => { setImmediate(() => { throw error; }); });`;
  return new Worker(bootstrap, { eval: true });
}

/** The `--import` modules of an execArgv, as file URLs (bare names resolved from here). */
export function importedLoaders(execArgv: readonly string[], cwd: string = process.cwd()): string[] {
  const specifiers: string[] = [];
  execArgv.forEach((arg, i) => {
    if (arg === '--import' && execArgv[i + 1] !== undefined) specifiers.push(execArgv[i + 1]!);
    else if (arg.startsWith('--import=')) specifiers.push(arg.slice('--import='.length));
  });
  return specifiers.map((specifier) => {
    if (specifier.startsWith('file:')) return specifier;
    if (specifier.startsWith('.') || path.isAbsolute(specifier))
      return pathToFileURL(path.resolve(cwd, specifier)).href;
    return pathToFileURL(require.resolve(specifier)).href.replace(/\.cjs$/, '.mjs');
  });
}

function isTsx(url: string): boolean {
  return url.includes('/node_modules/tsx/');
}

function tsxApi(): string {
  return pathToFileURL(require.resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
}
