import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCENARIO_LOADER } from '../paths.js';

const CHILD_ENTRY = fileURLToPath(new URL('./child-entry.ts', import.meta.url));
const FIXTURE = new URL('./fixtures/cleans-up-when-stopped.scenario.ts', import.meta.url).href;

/** Starts the scenario child on the fixture; resolves once the fixture holds its folder. */
async function childHoldingAFolder() {
  const child = spawn(process.execPath, ['--import', SCENARIO_LOADER, CHILD_ENTRY], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const dir = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const held = /holding (\S+)/.exec(err);
      if (held) resolve(held[1] as string);
    });
    child.once('message', () =>
      child.send({ type: 'run-trial', moduleUrl: FIXTURE, params: {}, profile: 'smoke', trial: 0 }),
    );
    child.once('exit', (code) =>
      reject(new Error(`the child exited (${String(code)}) before holding a folder: ${err}`)),
    );
  });
  return { child, dir, exited };
}

describe('the scenario child, stopped mid-trial, lets the scenario clean up before it exits', () => {
  test('when the runner goes away (jest interrupted)', async () => {
    const { child, dir, exited } = await childHoldingAFolder();
    expect(existsSync(dir)).toBe(true);
    child.disconnect();
    expect(await exited).toBe(1);
    expect(existsSync(dir)).toBe(false);
  }, 30_000);

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'on %s',
    async (signal, code) => {
      const { child, dir, exited } = await childHoldingAFolder();
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(existsSync(dir)).toBe(false);
    },
    30_000,
  );
});
