import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBenchmarkDataJs } from '../../history/benchmark-data.js';
import { fixtureRun } from '../../test-support/fixture-results.js';
import { updateTrend } from './update-trend.js';
import type { ResultsFile } from '../../gate/results-file.js';

let root: string;

function writeRun(results: ResultsFile, dirName = results.runId): void {
  mkdirSync(path.join(root, dirName), { recursive: true });
  writeFileSync(path.join(root, dirName, 'results.json'), JSON.stringify(results));
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'planebench-trend-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('updateTrend', () => {
  test('adds every run folder once, ignores latest/ and other copies, and renders the page beside data.js', () => {
    const a = fixtureRun({ date: '2026-11-01T00:00:00.000Z', latencyUs: [400, 410], opsPerSec: [10, 11] });
    const b = fixtureRun({ date: '2026-11-02T00:00:00.000Z', latencyUs: [500, 510], opsPerSec: [9, 10] });
    writeRun(a);
    writeRun(b);
    writeRun(b, 'latest');
    writeRun(b, 'compare');
    const options = { resultsRoot: root, cwd: root, repoUrl: '', now: () => 1234 };
    const first = updateTrend(options);
    expect(first).toMatchObject({ added: 2, runsInHistory: 2, skipped: [] });
    const second = updateTrend(options);
    expect(second).toMatchObject({ added: 0, runsInHistory: 2 });

    const data = parseBenchmarkDataJs(readFileSync(path.join(root, 'trend', 'data.js'), 'utf8'), 'data.js');
    expect(data.entries['planebench ci (smaller is better)']?.map((r) => r.benches[0]?.value)).toEqual([405, 505]);
    const page = readFileSync(first.pageFile, 'utf8');
    expect(page).toContain('<script src="data.js"></script>');
    expect(page).toMatch(/uPlot [0-9.]+, MIT licence/);
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });

  test('an unreadable run is reported and skipped, not fatal', () => {
    writeRun(fixtureRun({ date: '2026-11-01T00:00:00.000Z', latencyUs: [1, 2], opsPerSec: [1, 2] }));
    mkdirSync(path.join(root, 'broken-run'));
    writeFileSync(path.join(root, 'broken-run', 'results.json'), '{');
    const update = updateTrend({ resultsRoot: root, cwd: root, repoUrl: '' });
    expect(update.added).toBe(1);
    expect(update.skipped).toEqual([{ dir: 'broken-run', reason: expect.stringContaining('valid JSON') as string }]);
  });
});
