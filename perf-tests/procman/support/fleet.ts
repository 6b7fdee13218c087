/**
 * The managed processes of a scenario: one gated process (the pressure
 * source) and n−1 plain ones, all carrying the trial's scenario tag so the
 * harness finds any that survive.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIO_TAG_VARIABLE } from '../../../src/harness/process/process-table.js';
import type { ProcessManager, ProcessSpec } from '../../../src/procman/index.js';
import { gatedProcessSpec, gateFilesIn, plainProcessSpec } from '../../../src/procman/testing/test-processes.js';
import type { GateFiles } from '../../../src/procman/testing/test-processes.js';
import { waitForFile } from '../../../src/procman/testing/wait-for-file.js';
import { setting } from '../../../src/harness/settings.js';

export const GATED_ID = 'proc-gated';
const READY_TIMEOUT_MS = 30_000;

export interface Fleet {
  readonly gated: ProcessSpec;
  readonly gate: GateFiles;
  readonly plain: readonly ProcessSpec[];
  openGate(): void;
  remove(): void;
}

export function planFleet(n: number, name: string): Fleet {
  const dir = mkdtempSync(join(tmpdir(), `procman-${name}-`));
  const tag = setting(SCENARIO_TAG_VARIABLE) ?? `procman-${name}`;
  const gate = gateFilesIn(dir, 'gated');
  const plain = Array.from({ length: Math.max(0, n - 1) }, (_, i) => plainProcessSpec(`proc-${i}`, { tag }));
  return {
    gated: gatedProcessSpec(GATED_ID, gate, { tag }),
    gate,
    plain,
    openGate: () => writeFileSync(gate.gate, 'go\n'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** n plain processes and no gated one, for a workload without a long stop; nothing on disk to remove. */
export function planPlainFleet(n: number, name: string): readonly ProcessSpec[] {
  const tag = setting(SCENARIO_TAG_VARIABLE) ?? `procman-${name}`;
  return Array.from({ length: n }, (_, i) => plainProcessSpec(`proc-${i}`, { tag }));
}

/** Starts every process and waits until the gated one has its SIGTERM handler in place. */
export async function startFleet(manager: ProcessManager, fleet: Fleet): Promise<void> {
  await Promise.all([fleet.gated, ...fleet.plain].map((spec) => manager.start(spec)));
  await waitForFile(fleet.gate.ready, READY_TIMEOUT_MS);
}
