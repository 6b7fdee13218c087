/**
 * The data.js suite names (github-action-benchmark's `name:`): one per
 * profile and direction, so runs of different profiles never share a line.
 * .github/workflows/perf.yml uses the same names for the ci profile.
 */
import type { Direction } from '../harness/metric-kinds.js';
import type { BenchmarkTool } from './benchmark-data.js';

export function trendSuiteName(profile: string, direction: Direction): string {
  return `planebench ${profile} (${direction} is better)`;
}

export function benchmarkTool(direction: Direction): BenchmarkTool {
  return direction === 'smaller' ? 'customSmallerIsBetter' : 'customBiggerIsBetter';
}
