/**
 * A fixed-size log-linear histogram of durations in µs, for the scheduler's own
 * per-iteration timings: exact below 16 µs, then 8 buckets per power of two
 * (a percentile is within 12.5 % above the true value, and never above the
 * largest sample). Constant memory and no dependency, because it lives in the
 * scheduler process whose RSS the perf specs measure (the measurement kit's HDR
 * histograms are for the test side).
 */
const EXACT_BELOW = 16;
const SUB_BUCKETS = 8;
const SUB_BITS = 3;
const OCTAVES = 48; // up to 2^52 µs

function bucketOf(valueUs: number): number {
  const v = Math.max(0, Math.round(valueUs));
  if (v < EXACT_BELOW) return v;
  const exponent = Math.min(Math.floor(Math.log2(v)), OCTAVES + 3);
  const sub = Math.floor(v / 2 ** (exponent - SUB_BITS)) - SUB_BUCKETS;
  return EXACT_BELOW + (exponent - 4) * SUB_BUCKETS + Math.min(SUB_BUCKETS - 1, Math.max(0, sub));
}

/** The largest value that falls into `bucket`. */
function upperBoundOf(bucket: number): number {
  if (bucket < EXACT_BELOW) return bucket;
  const exponent = Math.floor((bucket - EXACT_BELOW) / SUB_BUCKETS) + 4;
  const sub = (bucket - EXACT_BELOW) % SUB_BUCKETS;
  return (SUB_BUCKETS + sub + 1) * 2 ** (exponent - SUB_BITS) - 1;
}

export class DurationHistogram {
  private readonly counts = new Array<number>(EXACT_BELOW + OCTAVES * SUB_BUCKETS).fill(0);
  private total = 0;
  private maxUs = 0;

  record(valueUs: number): void {
    this.counts[bucketOf(valueUs)]! += 1;
    this.total += 1;
    this.maxUs = Math.max(this.maxUs, valueUs);
  }

  get count(): number {
    return this.total;
  }

  /** The value at `percentile` (0–100], µs; 0 when empty. */
  percentileUs(percentile: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((percentile / 100) * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < this.counts.length; bucket += 1) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return Math.min(upperBoundOf(bucket), this.maxUs);
    }
    return this.maxUs;
  }
}
