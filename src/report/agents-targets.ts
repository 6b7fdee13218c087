/**
 * The agent orchestrator's own report shape: its original publishes a table
 * of targets (target / acceptable / critical per metric family), and its
 * report opens with "✅ All performance targets met" or "⚠️ N regressions".
 * Each agents metric of a family is classified by its measured value; the
 * verdict on change (regressions) stays the gate's.
 */
import type { MetricComparison, RunComparison } from '../gate/compare-run.js';
import { formatValue } from '../lib/format-units.js';

export type Tier = 'meets target' | 'acceptable' | 'below acceptable' | 'critical';

interface TierBounds {
  /** What the bounds are in, and how a metric's value converts to it. */
  readonly unit: 'msg/s' | 'ms' | 'B' | '%';
  readonly better: 'bigger' | 'smaller';
  readonly target: number;
  readonly acceptable: number;
  readonly critical: number;
}

const MB = 1024 * 1024;

/** The original's table of targets, by metric family. */
export const AGENT_TARGETS = {
  messageThroughput: { unit: 'msg/s', better: 'bigger', target: 100_000, acceptable: 50_000, critical: 10_000 },
  messageLatencyP50: { unit: 'ms', better: 'smaller', target: 1, acceptable: 5, critical: 10 },
  messageLatencyP99: { unit: 'ms', better: 'smaller', target: 10, acceptable: 50, critical: 100 },
  agentSpawn: { unit: 'ms', better: 'smaller', target: 100, acceptable: 500, critical: 1000 },
  memoryPerAgent: { unit: 'B', better: 'smaller', target: 10 * MB, acceptable: 50 * MB, critical: 100 * MB },
  cpuPerAgent: { unit: '%', better: 'smaller', target: 5, acceptable: 10, critical: 25 },
  recovery: { unit: 'ms', better: 'smaller', target: 30_000, acceptable: 120_000, critical: 300_000 },
} as const satisfies Record<string, TierBounds>;

export type TargetFamily = keyof typeof AGENT_TARGETS;

/** Which family a metric name belongs to; names not listed are not classified. */
const FAMILIES: readonly (readonly [RegExp, TargetFamily])[] = [
  [/^msgPerSec\.|^(agents|batch|lookup)\d+\.msgPerSec$/, 'messageThroughput'],
  [/^(concurrency\d+\.)?requestLatency(Ns|Us)\.p50$/, 'messageLatencyP50'],
  [/^(concurrency\d+\.)?requestLatency(Ns|Us)\.p99$/, 'messageLatencyP99'],
  [/^spawnLatencyUs\.(p50|p99)$/, 'agentSpawn'],
  [/PerAgentBytes$/, 'memoryPerAgent'],
  [/^(idle|load)CpuPerAgentPercent$/, 'cpuPerAgent'],
  [/^(restart|service)RecoveryUs\.(p50|p99|max)$/, 'recovery'],
  [/^recoveryMs$/, 'recovery'],
];

const TO_MS: Readonly<Partial<Record<string, number>>> = { ns: 1e-6, us: 1e-3, ms: 1 };

export interface Classified {
  readonly family: TargetFamily;
  readonly tier: Tier;
}

/** The value in the family's unit; undefined when the metric's unit cannot be converted to it. */
function inFamilyUnit(bounds: TierBounds, unit: string, value: number): number | undefined {
  if (bounds.unit === 'ms') {
    const factor = TO_MS[unit];
    return factor === undefined ? undefined : value * factor;
  }
  if (bounds.unit === 'msg/s') return unit === 'ops/s' ? value : undefined;
  if (bounds.unit === 'B') return unit === 'B' ? value : undefined;
  return unit === '%' ? value : undefined;
}

export function classifyAgentsMetric(name: string, unit: string, value: number): Classified | undefined {
  const family = FAMILIES.find(([pattern]) => pattern.test(name))?.[1];
  if (!family) return undefined;
  const bounds: TierBounds = AGENT_TARGETS[family];
  const v = inFamilyUnit(bounds, unit, value);
  if (v === undefined || !Number.isFinite(v)) return undefined;
  const within = (bound: number): boolean => (bounds.better === 'smaller' ? v <= bound : v >= bound);
  const tier: Tier = within(bounds.target)
    ? 'meets target'
    : within(bounds.acceptable)
      ? 'acceptable'
      : within(bounds.critical)
        ? 'below acceptable'
        : 'critical';
  return { family, tier };
}

function boundsText(family: TargetFamily): string {
  const b: TierBounds = AGENT_TARGETS[family];
  const unit = b.unit === 'msg/s' ? 'ops/s' : b.unit === 'ms' ? 'ms' : b.unit;
  const op = b.better === 'smaller' ? '<' : '>';
  return [b.target, b.acceptable, b.critical].map((v) => `${op} ${formatValue(v, unit)}`).join(' / ');
}

const TIER_ICON: Readonly<Record<Tier, string>> = {
  'meets target': '✅',
  acceptable: '🟡',
  'below acceptable': '🟠',
  critical: '🔴',
};

/** The agents suite's block of report.md, in its original's shape; empty when the run has no agents metrics to classify. */
export function renderAgentsTargets(comparison: RunComparison): string[] {
  const rows: { m: MetricComparison; c: Classified }[] = [];
  for (const s of comparison.scenarios.filter((x) => x.suite === 'agents')) {
    for (const m of s.metrics) {
      if (m.current === undefined) continue;
      const c = classifyAgentsMetric(m.metric, m.unit, m.current);
      if (c) rows.push({ m, c });
    }
  }
  if (rows.length === 0) return [];
  const missed = rows.filter((r) => r.c.tier !== 'meets target');
  const regressions = comparison.regressions.filter((m) => m.suite === 'agents').length;
  const count = (tier: Tier): number => missed.filter((r) => r.c.tier === tier).length;
  const summary = [
    missed.length === 0
      ? `- ✅ All performance targets met (${rows.length} metrics)`
      : `- ⚠️ ${missed.length} of ${rows.length} metrics miss their target: ${count('acceptable')} acceptable, ` +
        `${count('below acceptable')} below acceptable, ${count('critical')} critical`,
    regressions === 0
      ? '- ✅ No regressions'
      : `- ⚠️ ${regressions} regression${regressions === 1 ? '' : 's'} detected`,
  ];
  const table = [
    '| Scenario | Metric | Value | Tier | Target / acceptable / critical |',
    '|---|---|---:|---|---|',
    ...[...missed, ...rows.filter((r) => r.c.tier === 'meets target')].map(
      ({ m, c }) =>
        `| ${m.scenario}/${m.variant} | \`${m.metric}\` | ${formatValue(m.current, m.unit)} | ` +
        `${TIER_ICON[c.tier]} ${c.tier} | ${boundsText(c.family)} |`,
    ),
  ];
  return [
    "### agents against its original's targets",
    '',
    ...summary,
    '',
    '<details>',
    `<summary>${rows.length} agents metrics by tier</summary>`,
    '',
    ...table,
    '',
    '</details>',
    '',
  ];
}
