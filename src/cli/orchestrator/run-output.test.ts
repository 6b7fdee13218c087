/**
 * What the real `orchestrator run` and `orchestrator worker` print on stdout:
 * one line a person reads per event by default, JSON lines with --json. Each
 * process runs on a SQLite store in a temporary folder and is stopped with
 * SIGTERM; its exit code is checked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_TASK_SPAWNER } from '../../orchestrator/executor/group-spawn.js';
import { startOrchestratorProcess, type OrchestratorProcess } from '../../orchestrator/orchestrator-process.js';
import { runCli } from './run-cli.js';

const WORKFLOW = `name: tiny\ntasks:\n  - name: ok\n    command: [sh, -c, 'exit 0']\n  - name: bad\n    command: [sh, -c, 'exit 3']\n    maxAttempts: 1\n`;

describe('planebench orchestrator run and worker output', () => {
  let dir: string;
  let started: OrchestratorProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-run-output-'));
    writeFileSync(join(dir, 'tiny.yaml'), WORKFLOW);
  });
  afterEach(async () => {
    for (const p of started) {
      p.killGroup();
      await p.exited;
    }
    started = [];
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (args: string[], json: boolean): Promise<OrchestratorProcess> => {
    const p = await startOrchestratorProcess(args, { json });
    started.push(p);
    return p;
  };
  const waitForLine = async (p: OrchestratorProcess, pattern: RegExp): Promise<string> => {
    for (let i = 0; i < 400; i += 1) {
      const line = p.lines.find((l) => pattern.test(l));
      if (line !== undefined) return line;
      await sleep(50);
    }
    throw new Error(`no line matching ${pattern} in ${JSON.stringify(p.lines)}; stderr: ${p.stderrTail()}`);
  };
  const trigger = (db: string): void => {
    const run = runCli(['trigger', '--file', join(dir, 'tiny.yaml'), '--db', db]);
    expect(run.status).toBe(0);
  };

  it('run: human lines by default — ready, each finished run, stopped', async () => {
    const db = join(dir, 'o.db');
    const scheduler = await start(['run', '--db', db, '--concurrency', '2'], false);
    expect(scheduler.lines[0]).toBe(
      `ready: scheduler + local worker (up to 2 tasks at once, started with ${DEFAULT_TASK_SPAWNER}) on sqlite (${db}) (pid ${scheduler.pid})`,
    );
    trigger(db);
    expect(await waitForLine(scheduler, /^run 1 /)).toMatch(
      /^run 1 \(tiny\) finished: 2 tasks, 1 succeeded, 1 failed in [\d.]+ m?s$/,
    );
    await scheduler.stop();
    expect(await scheduler.exited).toBe(0);
    expect(scheduler.lines.at(-1)).toMatch(/^stopped: running tasks drained; \d+ iterations \(\d+ busy\), longest /);
    expect(scheduler.lines).toHaveLength(3);
    expect(scheduler.events).toEqual([]);
  }, 90_000);

  it('run --json: one JSON object per line, ready and stopped with the summary', async () => {
    const db = join(dir, 'o.db');
    const scheduler = await start(['run', '--db', db, '--concurrency', '2'], true);
    trigger(db);
    await sleep(1500);
    await scheduler.stop();
    expect(await scheduler.exited).toBe(0);
    expect(scheduler.lines.map((l) => JSON.parse(l) as unknown)).toEqual(scheduler.events);
    expect(scheduler.events.map((e) => e['event'])).toEqual(['ready', 'stopped']);
    expect(scheduler.events[0]).toMatchObject({ pid: scheduler.pid, store: `sqlite (${db})` });
    expect(scheduler.events[1]).toMatchObject({ mode: 'drain', summary: { iterations: expect.any(Number) as number } });
  }, 90_000);

  it.each([false, true])(
    'worker (json: %s): ready and stopped lines, waiting on stderr',
    async (json) => {
      const db = join(dir, 'o.db');
      const worker = await start(['worker', '--db', db, '--worker-id', 'w1', '--concurrency', '3'], json);
      await worker.stop();
      expect(await worker.exited).toBe(0);
      expect(worker.stderrTail()).toMatch(/^worker: waiting for tasks of runs dispatched by a scheduler/);
      if (json) {
        expect(worker.events.map((e) => e['event'])).toEqual(['ready', 'stopped']);
        expect(worker.events[0]).toMatchObject({ pid: worker.pid, options: { workerId: 'w1', concurrency: 3 } });
      } else {
        expect(worker.lines).toEqual([
          `ready: worker w1 (up to 3 tasks at once, started with ${DEFAULT_TASK_SPAWNER}) on sqlite (${db}) (pid ${worker.pid})`,
          'stopped: running tasks drained',
        ]);
      }
    },
    90_000,
  );
});
