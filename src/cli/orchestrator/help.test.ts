/** `-h`/`--help` on `planebench orchestrator` and every command: the real command prints its usage to stdout, exit 0. */
import { runCli } from './run-cli.js';

describe('planebench orchestrator --help', () => {
  test.each([
    [['--help'], 'orchestrator <command>'],
    [['-h'], 'orchestrator <command>'],
    [['run', '--help'], 'orchestrator run'],
    [['trigger', '-h'], 'orchestrator trigger'],
    [['trigger', 'hello', '--count', '3', '--help'], 'orchestrator trigger'],
    [['worker', '--concurrency', '2', '-h'], 'orchestrator worker'],
    [['clean-data', '--help'], 'orchestrator clean-data'],
    [['perf-test', 'ten', '-h'], 'orchestrator perf-test'],
    [['perf-all', '--help'], 'orchestrator perf-all'],
    [['status', '--help'], 'orchestrator status'],
    [['logs', '-h'], 'orchestrator logs'],
  ])(
    '%j',
    (args, usage) => {
      const run = runCli(args);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: planebench ${usage}`));
    },
    60_000,
  );
});
