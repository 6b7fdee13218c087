/**
 * A routing sweep's measurement: every point's runtime is built first, each
 * point is warmed up, then the points take their timed passes in turns
 * (support/median-pass.ts says why) and each point reports its median pass.
 * Every runtime is closed at the end, also when a pass or a report throws.
 */
import type { AgentRuntime } from '../../../src/agents/index.js';
import { interleavedMedianPassMs } from './median-pass.js';

export interface SweepPoint {
  readonly runtime: AgentRuntime;
  /** One timed pass; its duration, ms. */
  readonly drive: () => Promise<number>;
}

export interface SweepOptions<P extends SweepPoint> {
  readonly passes: number;
  /** Runs once every point is warmed up, before the timed passes. */
  readonly afterWarmUp?: () => void;
  /** Records a point's results from its median pass. */
  readonly report: (point: P, medianPassMs: number) => void;
}

export async function measureSweep<P extends SweepPoint>(
  points: readonly P[],
  options: SweepOptions<P>,
): Promise<void> {
  try {
    for (const { drive } of points) await drive(); // warm-up: JIT and the runtime's shapes
    options.afterWarmUp?.();
    const passMs = await interleavedMedianPassMs(
      points.map((point) => point.drive),
      options.passes,
    );
    for (const [i, point] of points.entries()) options.report(point, passMs[i] as number);
  } finally {
    for (const { runtime } of points) runtime.close();
  }
}
