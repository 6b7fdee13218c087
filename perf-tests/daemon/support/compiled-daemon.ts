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
 *
 * The perf spec builds once (`buildDaemon`) and passes the folder to the
 * scenario children in DAEMON_BUILD_VARIABLE; a scenario run on its own
 * builds its own copy.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as DaemonIndex from '../../../src/daemon/index.js';
import { REPO_ROOT } from '../../../src/harness/paths.js';
import { setting, type SettingName } from '../../../src/harness/settings.js';

type DaemonLibrary = typeof DaemonIndex;

export const DAEMON_BUILD_VARIABLE = 'PLANEBENCH_DAEMON_BUILD' satisfies SettingName;

/**
 * Folders compiled, relative to the repository root: the library, what it imports from
 * src/lib (its config checks are src/lib/validate.ts), and the daemon the shutdown scenario runs.
 */
const SOURCE_DIRS = ['src/daemon', 'src/lib', 'test-scripts/daemon'];

export interface DaemonBuild {
  readonly root: string;
  remove(): Promise<void>;
}

export interface CompiledDaemon {
  /** The library's entry point, imported from the compiled copy. */
  readonly library: DaemonLibrary;
  /** Absolute path of the compiled daemon-main.js. */
  readonly daemonMain: string;
  /** file: URL of the compiled library's entry point, for a child process to import. */
  readonly libraryUrl: string;
  /** Removes the copy if this scenario built it. */
  release(): Promise<void>;
}

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Compiles the library of `tree` (default: this one; a duet run also builds the base tree's). */
export async function buildDaemon(tree: string = REPO_ROOT): Promise<DaemonBuild> {
  const root = await mkdtemp(join(tmpdir(), 'planebench-daemon-'));
  const remove = (): Promise<void> => rm(root, { recursive: true, force: true });
  try {
    // Loaded only when building: scenario children given a build never pay for it.
    const { default: ts } = await import('typescript');
    for (const dir of SOURCE_DIRS) {
      for (const file of await listSources(join(tree, dir))) {
        const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
          fileName: file,
          compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        });
        const out = join(root, relative(tree, file)).replace(/\.ts$/, '.js');
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, outputText);
      }
    }
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    return { root, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** The compiled library: the spec's build if it passed one, else a fresh one. */
export async function loadCompiledDaemon(env: NodeJS.ProcessEnv = process.env): Promise<CompiledDaemon> {
  const given = setting(DAEMON_BUILD_VARIABLE, env);
  const build: DaemonBuild = given ? { root: given, remove: async () => {} } : await buildDaemon();
  try {
    const libraryUrl = pathToFileURL(join(build.root, 'src/daemon/index.js')).href;
    const library = (await import(libraryUrl)) as DaemonLibrary;
    return {
      library,
      libraryUrl,
      daemonMain: join(build.root, 'test-scripts/daemon/daemon-main.js'),
      release: () => build.remove(),
    };
  } catch (error) {
    await build.remove();
    throw error;
  }
}
