/**
 * Noise thresholds for the agents' throughput metrics where no calibration
 * judges them: a routing rate (a sub-second burst of µs-scale work) must move
 * by 50 %, the resident WASM memory fill rate by 30 %. The gate still catches a
 * rate halved (routing) or cut by a third (fill); finer changes need
 * `npm run perf:compare` (interleaved). The A/A evidence: docs/decisions.md,
 * "Agents' throughput thresholds".
 */
import type { NoiseThreshold } from '../../../src/harness/metric-kinds.js';

export const ROUTING_RATE_NOISE: Partial<NoiseThreshold> = { relative: 0.5 };
export const MEMORY_FILL_RATE_NOISE: Partial<NoiseThreshold> = { relative: 0.3 };
