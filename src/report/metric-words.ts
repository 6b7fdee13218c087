/**
 * A metric's name in words for people: `queryLatencyUs.p50` → "query latency,
 * median"; `msgPerSec.32KB` → "msg per sec, 32KB". The name itself stays
 * beside it, so nothing is lost in the translation.
 */
const STAT_WORDS: Readonly<Record<string, string>> = {
  p50: 'median',
  p90: '90th percentile',
  p95: '95th percentile',
  p99: '99th percentile',
  'p99.9': '99.9th percentile',
  max: 'maximum',
  min: 'minimum',
  mean: 'mean',
};

/** Unit suffixes the names carry; the unit is shown with the values. */
const UNIT_SUFFIX = /(Us|Ms|Ns|Bytes|Percent)$/;

function words(camel: string): string {
  return camel
    .replace(UNIT_SUFFIX, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

export function metricInWords(name: string): string {
  const dot = name.indexOf('.');
  if (dot < 0) return words(name);
  const head = name.slice(0, dot);
  const tail = name.slice(dot + 1);
  return `${words(head)}, ${STAT_WORDS[tail] ?? tail}`;
}
