/**
 * The heartbeat's probe: resident memory of a live process, read from Linux's
 * /proc/<pid>/statm. Null when the process is gone.
 */
import { readFile } from 'node:fs/promises';

const PAGE_BYTES = 4096;

export async function probeMemoryBytes(pid: number): Promise<number | null> {
  try {
    const statm = await readFile(`/proc/${pid}/statm`, 'utf8');
    const residentPages = Number(statm.split(' ')[1]);
    return Number.isFinite(residentPages) ? residentPages * PAGE_BYTES : null;
  } catch {
    return null;
  }
}
