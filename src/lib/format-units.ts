/**
 * Human-readable numbers with their units: 1.23 ms, 31.2 ns, 8.5 MiB, 97,750/s.
 * The trend page's browser script imports this file too (render-trend-page.ts
 * inlines it), so it imports nothing.
 */

function fixed(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export const TIME_STEPS: readonly (readonly [number, string])[] = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];
export const NS_PER: Readonly<Record<string, number>> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
export const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

function formatTime(ns: number): string {
  for (const [size, label] of TIME_STEPS) {
    if (Math.abs(ns) >= size || size === 1) return `${fixed(ns / size)} ${label}`;
  }
  return `${fixed(ns)} ns`;
}

function formatBytes(bytes: number): string {
  let value = bytes;
  let index = 0;
  while (Math.abs(value) >= 1024 && index < BYTE_UNITS.length - 1) {
    value /= 1024;
    index += 1;
  }
  return `${index === 0 ? value.toFixed(0) : fixed(value)} ${BYTE_UNITS[index] ?? 'B'}`;
}

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const ns = NS_PER[unit];
  if (ns !== undefined) return value === 0 ? `0 ${unit === 'us' ? 'µs' : unit}` : formatTime(value * ns);
  switch (unit) {
    case 'B':
      return formatBytes(value);
    case 'ops/s':
      return `${Math.round(value).toLocaleString('en-US')}/s`;
    case 'count':
      return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
    case '%':
      return `${fixed(value)} %`;
    case 'x':
      return `${fixed(value)}×`;
    case 'fraction':
      return `${(value * 100).toFixed(1)} %`;
    default:
      return `${fixed(value)} ${unit}`;
  }
}

/** "+12.5 %" for a ratio of 1.125. */
export function formatChange(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  const percent = (ratio - 1) * 100;
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return `${sign}${Math.abs(percent).toFixed(1)} %`;
}
