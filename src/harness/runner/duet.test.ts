/**
 * A duet run with real child processes: each trial of this tree's scenario
 * has a twin from the base tree's module of the same path, run in the base
 * tree, handed over apart from the head's; a scenario the base lacks runs
 * alone.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureScenario } from '../measure-scenario.js';
import { REPO_ROOT } from '../paths.js';
import { findMetric, type ScenarioResult } from '../result-model.js';
import { collectHandedOverResults } from '../results-handoff.js';
import { makeTempDir } from '../../test-support/temp-dir.js';
import { saveEnv } from '../../test-support/saved-env.js';
import { BASE_HANDOFF_FOLDER, baseModuleUrl, sameFileIn } from './duet.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string): string => new URL(`./fixtures/${name}.scenario.ts`, import.meta.url).href;

/**
 * A base tree that is this one, linked entry by entry, except the fixtures
 * folder: a copy whose `records` fixture reports ten times the throughput
 * and the folder it ran in, and which has no `throws` fixture.
 */
function makeBaseTree(root: string): void {
  const fixturesRelative = path.relative(REPO_ROOT, FIXTURES);
  const chain = fixturesRelative.split(path.sep).filter((part) => part.length > 0);
  let from: string = REPO_ROOT;
  let to = root;
  for (const part of chain) {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) {
      if (entry !== part) symlinkSync(path.join(from, entry), path.join(to, entry));
    }
    from = path.join(from, part);
    to = path.join(to, part);
  }
  mkdirSync(to, { recursive: true });
  const records = readFileSync(path.join(FIXTURES, 'records.scenario.ts'), 'utf8')
    .replace('1000 * (ctx.trial + 1)', '10_000 * (ctx.trial + 1)')
    .replace(
      "ctx.note('profile', ctx.profile);",
      "ctx.note('profile', ctx.profile);\n  ctx.note('cwd', process.cwd());",
    );
  writeFileSync(path.join(to, 'records.scenario.ts'), records);
}

const savedEnv = saveEnv(['PLANEBENCH_DUET_BASE', 'PLANEBENCH_RUN_DIR']);
const dir = makeTempDir('planebench-duet-');
const baseTree = path.join(dir.path, 'base');
const runDir = path.join(dir.path, 'handoff');

beforeAll(() => {
  makeBaseTree(baseTree);
  process.env['PLANEBENCH_DUET_BASE'] = baseTree;
  process.env['PLANEBENCH_RUN_DIR'] = runDir;
});
afterAll(() => {
  savedEnv.restore();
  dir.remove();
});

describe('duet run', () => {
  test("each head trial has a base twin from the base tree's module, run in the base tree and handed over apart", async () => {
    const head = await measureScenario({
      suite: 'unit',
      scenario: 'records',
      module: fixture('records'),
      params: { base: 1000 },
      trials: 3,
      timeoutMs: 30_000,
      profile: 'smoke',
    });
    expect(findMetric(head, 'opsPerSec').trials).toEqual([1000, 2000, 3000]);
    const handedOver = collectHandedOverResults(runDir);
    expect(handedOver.map((r) => r.scenario)).toEqual(['records']);
    const [base] = collectHandedOverResults(path.join(runDir, BASE_HANDOFF_FOLDER)) as [ScenarioResult];
    expect(findMetric(base, 'opsPerSec').trials).toEqual([10_000, 20_000, 30_000]);
    expect(base.notes.map((n) => (n as Record<string, unknown>)['cwd'])).toEqual([baseTree, baseTree, baseTree]);
  }, 60_000);

  test('a scenario the base tree does not have runs on the head alone', async () => {
    expect(baseModuleUrl(fixture('throws'), baseTree)).toBeUndefined();
    expect(baseModuleUrl(fixture('records'), baseTree)).toBe(
      `file://${path.join(baseTree, path.relative(REPO_ROOT, FIXTURES), 'records.scenario.ts')}`,
    );
    expect(() => sameFileIn('/elsewhere/x.ts', REPO_ROOT, baseTree)).toThrow(
      `Expected /elsewhere/x.ts to be inside ${REPO_ROOT}`,
    );
  });
});
