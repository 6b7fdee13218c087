/**
 * `orchestrator status` and `orchestrator logs` as a user runs them: a real
 * scheduler process runs a tiny workflow (one task that sleeps, one that exits
 * 3) on a SQLite store, then the real commands read it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrchestratorProcess } from '../../orchestrator/orchestrator-process.js';
import { EXAMPLE_TASK } from '../../orchestrator/paths.js';
import { SqliteStore } from '../../orchestrator/store/sqlite/sqlite-store.js';
import { waitForFinishedTasks } from '../../orchestrator/test-helpers.js';
import { runCli } from './run-cli.js';

interface StatusJson {
  runs: Record<string, number>;
  tasks: Record<string, number>;
  recent: {
    id: number;
    workflowName: string;
    status: string;
    durationUs: number;
    tasks: { id: number; name: string; status: string; exitCode: number | null; attempt: number }[];
  }[];
}

describe('planebench orchestrator status and logs', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-status-'));
    db = join(dir, 'orchestrator.db');
    const workflow = join(dir, 'tiny.yaml');
    writeFileSync(
      workflow,
      `name: tiny\ntasks:\n  - name: nap\n    command: [${EXAMPLE_TASK}, '0.05']\n` +
        `  - name: flaky\n    command: [sh, -c, 'exit 3']\n    maxAttempts: 1\n`,
    );
    const scheduler = await startOrchestratorProcess(['run', '--db', db, '--concurrency', '2']);
    const store = new SqliteStore({ path: db });
    try {
      await store.migrate();
      const triggered = runCli(['trigger', '--file', workflow, '--count', '2', '--db', db]);
      expect(triggered.status).toBe(0);
      await waitForFinishedTasks(store, 4, 30_000);
    } finally {
      await store.close();
      await scheduler.stop();
    }
  }, 90_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows runs and tasks by status and the newest runs with their tasks', () => {
    const run = runCli(['status', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Store sqlite (${db})`);
    expect(run.stdout).toContain('Runs:  2 (0 pending, 0 running, 0 success, 2 failed)');
    expect(run.stdout).toContain('Tasks: 4 (0 pending, 0 dispatched, 0 running, 2 success, 2 failed)');
    expect(run.stdout).toMatch(/^run 2 {2}tiny {2}failed {2}took [\d.]+ m?s/m);
    expect(run.stdout.indexOf('run 2  tiny')).toBeLessThan(run.stdout.indexOf('run 1  tiny'));
    expect(run.stdout).toMatch(/^ {2}task \d+ {2}nap {4}success {2}exit 0 {2}attempt 1\/3 {2}ran /m);
    expect(run.stdout).toMatch(/^ {2}task \d+ {2}flaky {2}failed {3}exit 3 {2}attempt 1\/1 {2}exited with code 3$/m);
  }, 60_000);

  it('reads the --db file even when DATABASE_URL is set: the flag wins', () => {
    const run = runCli(['status', '--db', db, '--limit', '1'], { DATABASE_URL: 'postgres://x:y@127.0.0.1:1/db' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Store sqlite (${db})`);
  }, 60_000);

  it('prints one JSON object with --json, and only --limit runs', () => {
    const run = runCli(['status', '--db', db, '--json', '--limit', '1']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as StatusJson;
    expect(report.runs).toEqual({ pending: 0, running: 0, success: 0, failed: 2 });
    expect(report.recent.map((r) => [r.id, r.workflowName, r.status])).toEqual([[2, 'tiny', 'failed']]);
    expect(report.recent[0]!.durationUs).toBeGreaterThan(0);
    expect(report.recent[0]!.tasks.map((t) => [t.name, t.status, t.exitCode, t.attempt])).toEqual([
      ['nap', 'success', 0, 1],
      ['flaky', 'failed', 3, 1],
    ]);
  }, 60_000);

  it('shows what is known of a task, and says its output is not recorded', () => {
    const { recent } = JSON.parse(runCli(['status', '--db', db, '--json']).stdout) as StatusJson;
    const flaky = recent[0]!.tasks.find((t) => t.name === 'flaky')!;
    const run = runCli(['logs', String(flaky.id), '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`task ${flaky.id} \`flaky\` of run 2: failed, exit code 3, attempt 1 of 1`);
    expect(run.stdout).toContain("command:     sh -c 'exit 3'");
    expect(run.stdout).toContain('error:       exited with code 3');
    expect(run.stdout).toMatch(/^finished: {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z {2}\(\+/m);
    expect(run.stdout).toContain('Output: not recorded.');
  }, 60_000);

  it('names an unknown task id and a task id that is not one, exit 2', () => {
    const unknown = runCli(['logs', '999', '--db', db]);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      `No task with id 999 in sqlite (${db}); \`orchestrator status\` lists the newest runs' tasks\n`,
    );
    const bad = runCli(['logs', 'abc', '--db', db]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('Expected `<task id>` to be a positive integer, got `abc` (string)\n');
  }, 60_000);
});
