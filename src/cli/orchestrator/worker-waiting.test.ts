/**
 * A lone `orchestrator worker` on PostgreSQL: its `ready` line (read as JSON)
 * on stdout, and one line on stderr saying it waits for a scheduler's runs;
 * `status` on the same store reads it.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { setting } from '../../harness/settings.js';
import { startOrchestratorProcess, type OrchestratorProcess } from '../../orchestrator/orchestrator-process.js';
import { PostgresStore } from '../../orchestrator/store/postgres/postgres-store.js';
import { WAITING } from './commands/worker.js';
import { runCli } from './run-cli.js';

const url = setting('PLANEBENCH_PG_URL');

(url ? describe : describe.skip)(
  url ? 'a lone worker on PostgreSQL' : 'a lone worker on PostgreSQL — skipped: PLANEBENCH_PG_URL is not set',
  () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    let worker: OrchestratorProcess | undefined;

    afterAll(async () => {
      worker?.killGroup();
      await worker?.exited;
      const store = new PostgresStore({ url: url!, schema });
      await store.dropSchema();
      await store.close();
    });

    it('says it waits for runs dispatched by a scheduler, besides its JSON ready line', async () => {
      worker = await startOrchestratorProcess(['worker', '--database-url', url!, '--schema', schema]);
      expect(worker.events[0]).toMatchObject({ event: 'ready', pid: worker.pid });
      expect(String(worker.events[0]?.['store'])).toMatch(/^postgres \(postgres:\/\/[^:]+:\*\*\*@/);
      for (let i = 0; i < 100 && !worker.stderrTail().includes(WAITING); i += 1) await sleep(50);
      expect(worker.stderrTail()).toBe(`${WAITING}\n`);

      const status = runCli(['status', '--database-url', url!, '--schema', schema, '--json']);
      expect(status.stderr).toBe('');
      expect(status.status).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ runs: { pending: 0 }, recent: [] });

      await worker.stop();
      expect(await worker.exited).toBe(0);
    }, 90_000);
  },
);
