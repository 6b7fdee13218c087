/**
 * Entry point of the scenario child: a plain Node process (no jest sandbox)
 * that runs one trial of one scenario module and sends back what it recorded.
 */
import { performance } from 'node:perf_hooks';
import { enableWasmHistograms } from '../histogram/histogram.js';
import { isScenarioModule, type ScenarioContext } from '../scenario.js';
import type { ChildMessage, ParentMessage, RunTrialRequest } from './protocol.js';
import { CALIBRATION_METRIC, measureCalibrationNs } from './cpu-calibration.js';
import { TrialRecorder } from './trial-recorder.js';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('The scenario child must be started with an IPC channel'));
      return;
    }
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

async function runTrial(request: RunTrialRequest, abort: AbortController): Promise<ChildMessage> {
  await enableWasmHistograms();
  const recorder = new TrialRecorder(true);
  try {
    const loaded: unknown = await import(request.moduleUrl);
    const scenario = (loaded as { default?: unknown }).default;
    if (!isScenarioModule(scenario)) {
      throw new Error(`Expected ${request.moduleUrl} to default-export defineScenario(...), got ${typeof scenario}`);
    }
    const context: ScenarioContext<unknown> = {
      profile: request.profile,
      params: request.params,
      trial: request.trial,
      signal: abort.signal,
      now: () => performance.now(),
      histogram: (name, kind, options) => recorder.histogram(name, kind, options),
      value: (name, kind, value, options) => recorder.value(name, kind, value, options),
      note: (key, value) => recorder.note(key, value),
      log: (message) => process.stderr.write(`${message}\n`),
    };
    // The process's speed, before and after, for the gate's machine-speed check.
    const calibrationBefore = measureCalibrationNs();
    const started = performance.now();
    await scenario.run(context);
    const elapsedMs = performance.now() - started;
    const calibrationNs = Math.max(calibrationBefore, measureCalibrationNs());
    recorder.value(CALIBRATION_METRIC, 'durationNs', calibrationNs, { gate: false });
    return { type: 'trial-completed', output: recorder.finish(elapsedMs) };
  } catch (error) {
    recorder.discard();
    const err = error instanceof Error ? error : new Error(String(error));
    return { type: 'trial-errored', message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  }
}

const abort = new AbortController();
/** How long a stopped trial's scenario gets to unwind (its `finally` blocks: processes, temporary files). */
const UNWIND_GRACE_MS = 5_000;
let running = false;
let exitCode = 0;

/**
 * The runner gone (jest interrupted: the trial is in a process group of its own, so Ctrl-C
 * reaches it only this way) or a signal: abort the trial and let the scenario clean up before
 * the exit, within UNWIND_GRACE_MS.
 */
function stop(code: number, reason: string): void {
  exitCode = code;
  if (!running) process.exit(code);
  if (abort.signal.aborted) return;
  abort.abort(new Error(reason));
  setTimeout(() => process.exit(code), UNWIND_GRACE_MS).unref();
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'abort') {
    abort.abort(new Error('aborted by the scenario runner'));
    return;
  }
  running = true;
  void runTrial(message, abort)
    .then((reply) => (process.connected ? send(reply) : undefined))
    .catch(() => undefined)
    .finally(() => {
      // A scenario that leaves timers or sockets open must not keep the trial alive;
      // the runner's leak check catches processes it left behind.
      process.exit(exitCode);
    });
});
process.on('disconnect', () => stop(1, 'the scenario runner is gone'));
process.on('SIGINT', () => stop(130, 'interrupted (SIGINT)'));
process.on('SIGTERM', () => stop(143, 'terminated (SIGTERM)'));

await send({ type: 'ready', startupMs: performance.now() });
