/** The real job executor: process control on real OS processes. */
import { spawnChild } from '../control/managed-child.js';
import { probeMemoryBytes } from '../control/probe-memory.js';
import { stopChild } from '../control/stop-child.js';
import type { Job, JobResult } from './messages.js';

export async function executeJob(job: Job): Promise<JobResult> {
  switch (job.kind) {
    case 'spawn':
      return { kind: 'spawned', child: await spawnChild(job.spec) };
    case 'stop':
      return {
        kind: 'stopped',
        result: await stopChild(job.child, {
          gracePeriodMs: job.gracePeriodMs,
          killTimeoutMs: job.killTimeoutMs,
          signal: job.signal,
        }),
      };
    case 'probe': {
      const memoryBytesByPid = new Map<number, number>();
      const readings = await Promise.all(job.pids.map(async (pid) => [pid, await probeMemoryBytes(pid)] as const));
      for (const [pid, bytes] of readings) if (bytes !== null) memoryBytesByPid.set(pid, bytes);
      return { kind: 'probed', memoryBytesByPid, atMs: Date.now() };
    }
  }
}
