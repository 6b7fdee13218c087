/**
 * The daemon library as users run it: compiled to plain ES2022 JavaScript
 * (TypeScript's own transpiler, as `tsc` would emit it) in a temporary folder.
 *
 * Scenario children load TypeScript through tsx, whose esbuild transform keeps
 * function names by wrapping every function expression in a `__name()` call
 * (an Object.defineProperty per closure created). That costs tens to hundreds
 * of ns per closure and would be measured as the library's cost, so the daemon
 * scenarios measure this compiled copy instead, and start the daemon process
 * with plain `node`.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { REPO_ROOT } from '../../../src/harness/paths.js';

type DaemonLibrary = typeof import('../../../src/daemon/index.js');

/** Folders compiled, relative to the repository root. */
const SOURCE_DIRS = ['src/daemon', 'test-scripts/daemon'];

export interface CompiledDaemon {
  readonly root: string;
  /** The library's entry point, imported from the compiled copy. */
  readonly library: DaemonLibrary;
  /** Absolute path of the compiled daemon-main.js. */
  readonly daemonMain: string;
  remove(): Promise<void>;
}

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

export async function compileDaemon(): Promise<CompiledDaemon> {
  const root = await mkdtemp(join(tmpdir(), 'planebench-daemon-'));
  try {
    for (const dir of SOURCE_DIRS) {
      for (const file of await listSources(join(REPO_ROOT, dir))) {
        const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
          fileName: file,
          compilerOptions: {
            module: ts.ModuleKind.ES2022,
            target: ts.ScriptTarget.ES2022,
            verbatimModuleSyntax: true,
          },
        });
        const out = join(root, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, outputText);
      }
    }
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    const library = (await import(pathToFileURL(join(root, 'src/daemon/index.js')).href)) as DaemonLibrary;
    return {
      root,
      library,
      daemonMain: join(root, 'test-scripts/daemon/daemon-main.js'),
      remove: () => rm(root, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
