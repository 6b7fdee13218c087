/**
 * The operation runner's thread. Spawning a process forks this whole Node
 * process, which blocks the forking thread for milliseconds (tens of them on a
 * loaded machine); here it blocks this worker, not the actor. The worker owns
 * the child processes and reports their exits.
 */
import { parentPort } from 'node:worker_threads';
import { spawnChild } from '../../control/managed-child.js';
import type { ManagedChild } from '../../control/managed-child.js';
import { probeMemoryBytes } from '../../control/probe-memory.js';
import { stopChild } from '../../control/stop-child.js';
import { coerceError } from '../../../lib/coerce-error.js';
import { ProcmanError } from '../../errors.js';
import type { FromWorker, ToWorker } from './wire.js';
import { toWireError } from './wire.js';

const port = parentPort;
if (!port) throw new Error('runner-worker must run in a worker thread');

const children = new Map<number, ManagedChild>();
const aborts = new Map<number, AbortController>();
let nextInstanceId = 1;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

async function run(message: Exclude<ToWorker, { type: 'abort' }>): Promise<FromWorker> {
  switch (message.type) {
    case 'spawn': {
      const child = await spawnChild(message.spec);
      const instanceId = nextInstanceId++;
      children.set(instanceId, child);
      void child.exited.then((exit) => {
        children.delete(instanceId);
        post({ type: 'exited', instanceId, exit });
      });
      return { type: 'spawned', jobId: message.jobId, instanceId, pid: child.pid };
    }
    case 'stop': {
      const child = children.get(message.instanceId);
      if (!child) throw new ProcmanError('stop-failed', `No child instance ${message.instanceId} in the runner`);
      const controller = new AbortController();
      aborts.set(message.jobId, controller);
      try {
        const result = await stopChild(child, {
          gracePeriodMs: message.gracePeriodMs,
          killTimeoutMs: message.killTimeoutMs,
          signal: controller.signal,
        });
        return { type: 'stopped', jobId: message.jobId, result };
      } finally {
        aborts.delete(message.jobId);
      }
    }
    case 'probe': {
      const readings: Array<readonly [number, number]> = [];
      await Promise.all(
        message.pids.map(async (pid) => {
          const bytes = await probeMemoryBytes(pid);
          if (bytes !== null) readings.push([pid, bytes]);
        }),
      );
      return { type: 'probed', jobId: message.jobId, readings, atMs: Date.now() };
    }
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    aborts.get(message.jobId)?.abort();
    return;
  }
  run(message).then(post, (error: unknown) =>
    post({ type: 'job-failed', jobId: message.jobId, error: toWireError(coerceError(error)) }),
  );
});
