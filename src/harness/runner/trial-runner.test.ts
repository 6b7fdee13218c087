/**
 * The scenario runner with real child processes: results come back from a
 * plain Node child, failures are typed outcomes, a trial that hangs is
 * killed with everything it started, and a trial that leaks a process fails.
 */
import { measureScenario, ScenarioFailedError } from '../measure-scenario.js';
import { findMetric } from '../result-model.js';
import { listProcesses } from '../process/process-table.js';
import { runTrial } from './trial-runner.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.scenario.ts`, import.meta.url).href;

function sleepersAlive(pid: number): boolean {
  return listProcesses().some((p) => p.pid === pid && p.state !== 'Z');
}

describe('scenario runner', () => {
  test('runs trials in child processes and aggregates them: medians of trial values, merged histograms', async () => {
    const result = await measureScenario({
      suite: 'unit',
      scenario: 'records',
      module: fixture('records'),
      params: { base: 1000 },
      trials: 3,
      timeoutMs: 30_000,
      profile: 'smoke',
      record: false,
    });
    expect(result.state).toBe('completed');
    expect(findMetric(result, 'opsPerSec').trials).toEqual([1000, 2000, 3000]);
    expect(findMetric(result, 'opsPerSec').value).toBe(2000);
    const p50 = findMetric(result, 'opLatencyUs.p50');
    expect(p50.trials.map((v) => Math.round(v / 10) * 10)).toEqual([1050, 2050, 3050]);
    expect(p50.gated).toBe(true);
    expect(findMetric(result, 'opLatencyUs.max').gated).toBe(false);
    expect(result.histograms['opLatencyUs']?.count).toBe(300);
    expect(result.notes).toEqual([0, 1, 2].map((): unknown => expect.objectContaining({ profile: 'smoke' })));
  }, 60_000);

  test('an error in the scenario is an errored outcome with its message', async () => {
    const outcome = await runTrial({
      moduleUrl: fixture('throws'),
      params: {},
      profile: 'smoke',
      trial: 0,
      timeoutMs: 30_000,
    });
    expect(outcome.state).toBe('errored');
    expect(outcome.state === 'errored' && outcome.message).toContain('the system under test refused');
  }, 60_000);

  test('a trial that hangs is killed at its timeout, with the processes it started', async () => {
    const outcome = await runTrial({
      moduleUrl: fixture('hangs-with-child'),
      params: {},
      profile: 'smoke',
      trial: 0,
      timeoutMs: 3_000,
    });
    expect(outcome.state).toBe('timed-out');
    const started = /started (\d+)/.exec(outcome.state === 'timed-out' ? outcome.log : '');
    expect(started).not.toBeNull();
    expect(sleepersAlive(Number(started?.[1]))).toBe(false);
  }, 60_000);

  test('a trial that leaves a process running fails, and the process is killed', async () => {
    await expect(
      measureScenario({
        suite: 'unit',
        scenario: 'leaks',
        module: fixture('leaks-child'),
        trials: 1,
        timeoutMs: 30_000,
        record: false,
      }),
    ).rejects.toThrow(ScenarioFailedError);
    const outcome = await runTrial({
      moduleUrl: fixture('leaks-child'),
      params: {},
      profile: 'smoke',
      trial: 0,
      timeoutMs: 30_000,
    });
    expect(outcome.state).toBe('errored');
    expect(outcome.state === 'errored' && outcome.message).toMatch(
      /left 1 process\(es\) running: \d+ \(sleep\) \(killed\)/,
    );
  }, 60_000);

  test('options are checked before anything starts', async () => {
    await expect(
      measureScenario({ suite: 'unit', scenario: 'x', module: fixture('records'), trials: 0, timeoutMs: 1000 }),
    ).rejects.toThrow('Expected `trials` to be a positive integer, got `0` (number)');
  });
});
