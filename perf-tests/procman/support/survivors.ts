/**
 * Processes running one of procman's test executables, found by command line
 * in /proc. After a procman spec there must be none, whichever trial or
 * manager started them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { GATED_PROCESS_SCRIPT, PLAIN_PROCESS_SCRIPT } from '../../../src/procman/testing/test-processes.js';

export interface Survivor {
  readonly pid: number;
  readonly commandLine: string;
}

export function procmanSurvivors(): Survivor[] {
  const survivors: Survivor[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    let commandLine: string;
    let stat: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
    if (commandLine.includes(GATED_PROCESS_SCRIPT) || commandLine.includes(PLAIN_PROCESS_SCRIPT)) {
      survivors.push({ pid, commandLine });
    }
  }
  return survivors;
}
