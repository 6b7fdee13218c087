import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PerfConfig } from './perf-config.js';
import { failureOf, formatPerfAllSummary, listPerfConfigFiles, runPerfAll } from './perf-all.js';
import type { PerfReport } from './perf-report.js';

/** A report as runPerfTest would give it, with only what perf-all reads. */
function reportFor(config: PerfConfig, outcome: { lostTasks?: number; timedOut?: boolean; failed?: number } = {}) {
  const totalTasks = config.runs * config.tasksPerRun;
  return {
    run: {
      config,
      totalTasks,
      lostTasks: outcome.lostTasks ?? 0,
      timedOut: outcome.timedOut ?? false,
      tasks: { failed: outcome.failed ?? 0, tasksPerSec: 12.5 },
    },
  } as unknown as PerfReport;
}

describe('perf-all', () => {
  let dir: string;
  const config = (name: string, body = 'workflows: 2\ntasks_per_workflow: 1\nduration: 0.01\n'): void =>
    writeFileSync(join(dir, name), body);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-perf-all-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every YAML config of the folder in name order, each saved under its own name', async () => {
    config('quick.yaml');
    config('memory.yml');
    writeFileSync(join(dir, 'README.md'), 'not a config');
    const saved: string[] = [];
    const date = new Date('2026-01-02T03:04:05.000Z');
    const { batchDate, outcomes } = await runPerfAll(dir, {
      runConfig: async (c) => reportFor(c),
      saveReport: (report, at) => {
        saved.push(`${at.toISOString()} ${report.run.config.name}`);
        return `/results/${report.run.config.name}`;
      },
      saveFailure: () => 'unused',
      now: () => date,
    });
    expect(batchDate).toBe(date);
    expect(saved).toEqual([`${date.toISOString()} memory`, `${date.toISOString()} quick`]);
    expect(outcomes.map((o) => [o.config, o.state, o.savedAs])).toEqual([
      ['memory', 'passed', '/results/memory'],
      ['quick', 'passed', '/results/quick'],
    ]);
    expect(formatPerfAllSummary(outcomes)).toContain('All 2 configs finished every task.');
  });

  it('goes on after a config that fails or throws, and says which failed and why', async () => {
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) config(name);
    const { outcomes } = await runPerfAll(dir, {
      runConfig: async (c) => {
        if (c.name === 'a') throw new Error('store unreachable');
        return reportFor(c, c.name === 'b' ? { lostTasks: 1, timedOut: true } : {});
      },
      saveReport: (report) => `/results/${report.run.config.name}`,
      saveFailure: (name, error) => `/results/${name}-${error.message.length}`,
    });
    expect(outcomes.map((o) => [o.config, o.state])).toEqual([
      ['a', 'failed'],
      ['b', 'failed'],
      ['c', 'passed'],
    ]);
    const summary = formatPerfAllSummary(outcomes);
    expect(summary).toContain('a: FAILED, store unreachable — /results/a-17.txt');
    expect(summary).toContain('b: FAILED, timed out: 1 of 2 tasks never finished — /results/b.txt');
    expect(summary).toContain('2 of 3 configs failed.');
  });

  it('validates every config before running any: a bad one names its file and field', async () => {
    config('a.yaml');
    config('b.yaml', 'workflows: ten\ntasks_per_workflow: 1\nduration: 0.01\n');
    let ran = 0;
    await expect(
      runPerfAll(dir, {
        runConfig: async (c) => {
          ran += 1;
          return reportFor(c);
        },
        saveReport: () => '',
        saveFailure: () => '',
      }),
    ).rejects.toThrow(/b\.yaml: Expected `workflows` to be a positive integer, got `ten` \(string\)/);
    expect(ran).toBe(0);
  });

  it('refuses a folder without configs, naming it', () => {
    expect(() => listPerfConfigFiles(dir)).toThrow(`Expected YAML configs (*.yaml) in ${dir}, found none`);
  });

  it('counts failed tasks as a failure too', () => {
    const c = { name: 'x', runs: 1, tasksPerRun: 3 } as PerfConfig;
    expect(failureOf(reportFor(c, { failed: 2 }))).toBe('2 of 3 tasks failed');
    expect(failureOf(reportFor(c))).toBeNull();
  });
});
