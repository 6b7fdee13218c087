/**
 * A routing rate from several timed passes instead of one window: a pass of a
 * few milliseconds can land on a collection or a slow moment of the machine,
 * so the rate is taken from the median pass. A change that slows every
 * message slows every pass and moves the median as much.
 */
import { median } from '../../../src/harness/stats/median.js';

/** Runs `drive` `passes` times; the median pass's duration, ms. */
export async function medianPassMs(drive: () => Promise<number>, passes: number): Promise<number> {
  if (!Number.isInteger(passes) || passes < 1) {
    throw new RangeError(`Expected \`passes\` to be a positive integer, got \`${passes}\` (${typeof passes})`);
  }
  const durations: number[] = [];
  for (let pass = 0; pass < passes; pass += 1) durations.push(await drive());
  return median(durations);
}
