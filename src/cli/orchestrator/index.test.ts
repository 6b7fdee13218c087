import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { SqliteStore } from '../../orchestrator/store/sqlite/sqlite-store.js';
import { runOrchestratorCli } from './index.js';

function capture(stream: NodeJS.WriteStream): { text: () => string; restore: () => void } {
  let text = '';
  const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += chunk.toString();
    return true;
  });
  return { text: () => text, restore: () => spy.mockRestore() };
}

describe('planebench orchestrator CLI', () => {
  let dir: string;
  let stdout: ReturnType<typeof capture>;
  let stderr: ReturnType<typeof capture>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-cli-'));
    stdout = capture(process.stdout);
    stderr = capture(process.stderr);
  });
  afterEach(() => {
    stdout.restore();
    stderr.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints usage and exits 2 on an unknown command', async () => {
    expect(await runOrchestratorCli(['launch'])).toBe(2);
    expect(stderr.text()).toMatch(/Unknown command `launch`[\s\S]*run \| trigger|Usage/);
  });

  it('rejects a bad perf config with the file, field and rule, and exits 2', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'workflows: ten\ntasks_per_workflow: 5\nduration: 0.1\n');
    expect(await runOrchestratorCli(['perf-test', '--config', path])).toBe(2);
    expect(stderr.text()).toBe(`${path}: Expected \`workflows\` to be a positive integer, got \`ten\` (string)\n`);
  });

  it('rejects an invalid number flag by name, and a flag parse error as invalid input', async () => {
    expect(await runOrchestratorCli(['trigger', 'w', '--count', '-3', '--db', join(dir, 'o.db')])).toBe(2);
    expect(stderr.text()).toMatch(/Option '--count' argument is ambiguous/);
    expect(await runOrchestratorCli(['trigger', 'w', '--count=-3', '--db', join(dir, 'o.db')])).toBe(2);
    expect(stderr.text()).toMatch(/Expected `--count` to be a positive integer, got `-3`/);
  });

  it('triggers runs of a workflow from a file and cleans them', async () => {
    const db = join(dir, 'orchestrator.db');
    const file = join(dir, 'workflow.yaml');
    writeFileSync(file, 'name: hello\ntasks:\n  - name: a\n    command: [echo, hi]\n');
    const store = new SqliteStore({ path: db }); // trigger needs an existing store; `run` creates one
    await store.migrate();
    expect(await runOrchestratorCli(['trigger', '--file', file, '--count', '3', '--db', db])).toBe(0);
    expect(stdout.text()).toContain('triggered 3 runs of hello: 1, 2, 3\n');
    expect(await runOrchestratorCli(['trigger', 'hello', '--json', '--db', db])).toBe(0);
    expect(stdout.text()).toContain('{"event":"triggered","workflow":"hello","runIds":[4]}\n');
    expect((await store.listRuns()).map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(await runOrchestratorCli(['clean-data', '--db', db])).toBe(0);
    expect(await store.listRuns()).toEqual([]);
    await store.close();
  });
});
