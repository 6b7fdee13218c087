/**
 * The folders of src/ form layers (README, "Layout"): no import cycle between
 * folders, and the systems under test import nothing of the project but
 * src/lib — except the orchestrator's own perf test (src/orchestrator/perf),
 * the orchestrator's process paths (src/orchestrator/paths.ts: its processes
 * run under the harness's types-only TypeScript loader) and procman's test
 * helpers (src/procman/testing), which use the harness.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const SYSTEMS = ['procman', 'orchestrator', 'daemon', 'agents'];
/** Parts of a system allowed to use the measurement kit, relative to src/. */
const SYSTEM_PARTS_USING_THE_HARNESS = ['orchestrator/perf/', 'orchestrator/paths.ts', 'procman/testing/'];
/** `import … from './x.js'`, `export … from './x.js'` and `import './x.js'`: the relative specifier. */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^;']*?\sfrom\s+)?'(\.[^']+)'/g;

interface Edge {
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Imports from one top folder of src/ into another, by the file that makes them. */
function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const relative = path.relative(SRC, file);
    const from = relative.split(path.sep)[0] as string;
    if (!relative.includes(path.sep)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), match[1] as string));
      const to = target.split(path.sep)[0] as string;
      if (to !== from && !target.startsWith('..')) edges.push({ file: relative, from, to });
    }
  }
  return edges;
}

/** One folder cycle, as the path of folders, or undefined. */
function findCycle(edges: readonly Edge[]): string[] | undefined {
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (folder: string): string[] | undefined => {
    if (state.get(folder) === 'done') return undefined;
    if (state.get(folder) === 'open') return [...stack.slice(stack.indexOf(folder)), folder];
    state.set(folder, 'open');
    stack.push(folder);
    for (const to of next.get(folder) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(folder, 'done');
    return undefined;
  };
  for (const folder of next.keys()) {
    const cycle = visit(folder);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('layering of src/', () => {
  const edges = folderEdges();

  test('finds the imports it checks', () => {
    expect(edges.some((e) => e.from === 'gate' && e.to === 'harness')).toBe(true);
  });

  test('no import cycle between folders', () => {
    const cycle = findCycle(edges);
    const witnesses = cycle
      ? cycle.slice(1).map((to, i) => edges.find((e) => e.from === cycle[i] && e.to === to)?.file)
      : [];
    expect({ cycle, witnesses }).toEqual({ cycle: undefined, witnesses: [] });
  });

  test('the systems under test import only src/lib, but for their perf and testing parts', () => {
    const offending = edges.filter(
      (e) =>
        SYSTEMS.includes(e.from) &&
        e.to !== 'lib' &&
        !SYSTEM_PARTS_USING_THE_HARNESS.some((part) => e.file.startsWith(part.split('/').join(path.sep))),
    );
    expect(offending).toEqual([]);
  });
});
