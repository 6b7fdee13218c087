/**
 * The procman query latencies' kind-default threshold, used where no noise
 * calibration judges them: a change must also exceed 100 µs. Tens of µs are
 * the machine's scheduling, not the manager; what these scenarios exist to catch —
 * a query held behind a stop, ms up to the gate's 1.5 s — is far beyond it.
 * The A/A evidence: docs/decisions.md, "Procman query latencies' absolute floor".
 */
import type { NoiseThreshold } from '../../../src/harness/metric-kinds.js';

export const QUERY_LATENCY_NOISE: Partial<NoiseThreshold> = { absolute: 100 };
