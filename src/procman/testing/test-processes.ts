/**
 * Specs of the test executables in test-scripts/procman/, with a scenario tag
 * in their environment so that a leak check can find every process they left.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { SCENARIO_TAG_VARIABLE } from '../../harness/process/process-table.js';
import type { ProcessSpec } from '../types.js';

const SCRIPTS = new URL('../../../test-scripts/procman/', import.meta.url);

export const GATED_PROCESS_SCRIPT = fileURLToPath(new URL('gated-process.mjs', SCRIPTS));
export const PLAIN_PROCESS_SCRIPT = fileURLToPath(new URL('plain-process.sh', SCRIPTS));

export interface GateFiles {
  readonly ready: string;
  readonly ack: string;
  readonly gate: string;
}

export function gateFilesIn(dir: string, name: string): GateFiles {
  return { ready: join(dir, `${name}.ready`), ack: join(dir, `${name}.ack`), gate: join(dir, `${name}.gate`) };
}

export interface TestProcessOptions {
  /** Value of PLANEBENCH_SCENARIO_TAG in the process's environment. */
  readonly tag: string;
}

export function plainProcessSpec(id: string, options: TestProcessOptions & { ignoreSigterm?: boolean }): ProcessSpec {
  return {
    id,
    command: '/bin/sh',
    args: options.ignoreSigterm ? [PLAIN_PROCESS_SCRIPT, 'ignore-sigterm'] : [PLAIN_PROCESS_SCRIPT],
    env: { [SCENARIO_TAG_VARIABLE]: options.tag },
  };
}

export function gatedProcessSpec(
  id: string,
  files: GateFiles,
  options: TestProcessOptions & { ignoreSigterm?: boolean; descendant?: boolean },
): ProcessSpec {
  const args = [GATED_PROCESS_SCRIPT, '--ready', files.ready, '--ack', files.ack, '--gate', files.gate];
  if (options.ignoreSigterm) args.push('--ignore-sigterm');
  if (options.descendant) args.push('--descendant');
  return { id, command: process.execPath, args, env: { [SCENARIO_TAG_VARIABLE]: options.tag } };
}
