/**
 * A routing rate from several timed passes instead of one window: a pass of a
 * few milliseconds can land on a collection or a slow moment of the machine,
 * so the rate is taken from the median pass. A change that slows every
 * message slows every pass and moves the median as much.
 *
 * Points a sweep compares with each other take their passes in turns: a
 * process's speed changes between minutes and between compilations of the
 * hot path (the same point ran at 4 and at 15 M messages/s in two trial
 * processes), so points measured one after the other differ by the moment as
 * much as by what they measure; passes taken in turns share it.
 */
import { median } from '../../../src/harness/stats/median.js';
import { check } from '../../../src/lib/validate.js';

/** Runs `drive` `passes` times; the median pass's duration, ms. */
export async function medianPassMs(drive: () => Promise<number>, passes: number): Promise<number> {
  const [passMs] = await interleavedMedianPassMs([drive], passes);
  return passMs as number;
}

/** Runs each drive `passes` times, one pass of each in turn; each drive's median pass, ms. */
export async function interleavedMedianPassMs(
  drives: readonly (() => Promise<number>)[],
  passes: number,
): Promise<number[]> {
  check.positiveInteger('passes', passes);
  const durations = drives.map((): number[] => []);
  for (let pass = 0; pass < passes; pass += 1) {
    for (const [i, drive] of drives.entries()) durations[i]!.push(await drive());
  }
  return durations.map((list) => median(list));
}
