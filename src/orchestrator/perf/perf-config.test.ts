import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERF_CONFIG_NAMES, adHocPerfConfig, loadPerfConfig } from './perf-config.js';

describe('perf configs', () => {
  it('loads every shipped config with the original sizes', () => {
    const configs = PERF_CONFIG_NAMES.map((name) => loadPerfConfig(name));
    expect(configs.map((c) => [c.name, c.runs, c.tasksPerRun, c.taskDurationSec])).toEqual([
      ['quick', 10, 5, 0.1],
      ['standard', 100, 5, 0.1],
      ['heavy', 1000, 10, 0.05],
      ['latency', 50, 5, 0.01],
      ['memory', 100, 20, 2],
    ]);
    expect(configs[2]?.scheduler).toEqual({
      pollIntervalMs: 100,
      batchSize: 5000,
      concurrency: 500,
      statusBatchSize: 1000,
    });
  });

  describe('a bad file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'planebench-perf-config-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const write = (text: string): string => {
      const path = join(dir, 'bad.yaml');
      writeFileSync(path, text);
      return path;
    };

    it('names the file, the field and the rule', () => {
      const path = write('workflows: 10\ntasks_per_workflow: -5\nduration: 0.1\n');
      expect(() => loadPerfConfig(path)).toThrow(
        `${path}: Expected \`tasks_per_workflow\` to be a positive integer, got \`-5\` (number)`,
      );
    });

    it('rejects missing and unknown fields and broken YAML', () => {
      expect(() => loadPerfConfig(write('workflows: 10\nduration: 0.1\ntasks_per_workflow: 1\nspeed: 3\n'))).toThrow(
        /Unknown field `speed`/,
      );
      expect(() => loadPerfConfig(write('workflows: 10\nduration: 0.1\n'))).toThrow(
        /Missing required field `tasks_per_workflow`/,
      );
      expect(() => loadPerfConfig(write('workflows: [\n'))).toThrow(/not valid YAML/);
      expect(() => loadPerfConfig('no-such-config')).toThrow(/No perf config `no-such-config`/);
    });
  });

  it('builds an ad-hoc config from the command line and validates it', () => {
    expect(adHocPerfConfig(100, 5, 0.1)).toMatchObject({ name: 'custom', runs: 100, tasksPerRun: 5 });
    expect(() => adHocPerfConfig(0, 5, 0.1)).toThrow('command line: Expected `workflows` to be a positive integer');
  });
});
