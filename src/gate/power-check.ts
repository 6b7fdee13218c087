/**
 * What the gate could catch, checked on real noise: take an A/A comparison
 * (base and head the same code), make every gated head metric worse by a
 * factor f (latencies × f, rates ÷ f), judge with the gate's own rules and
 * count the metrics it flags. With f = 1 it is the A/A false-alarm count.
 *
 * The A/A comparison must be a different run from the calibration's, or the
 * noise would be judged by its own measurement. The same check runs against
 * committed baselines (committedPowerCheck), on a run of unchanged code.
 */
import { TAIL_STATS } from '../harness/metric-kinds.js';
import type { EnvironmentFingerprint, Metric, ScenarioResult } from '../harness/result-model.js';
import { scenarioId, scenarioKey } from '../harness/result-model.js';
import { CALIBRATION_METRIC } from '../harness/runner/cpu-calibration.js';
import { compareWithReference, loadCommittedReference, type MetricComparison } from './compare-run.js';
import { compareSides, type SidesMeasured } from './compare-sides.js';
import { Z_CRITICAL } from './log-shift.js';
import type { NoiseCalibration } from './noise-calibration.js';
import { replacementsOf } from './replacements.js';

export const DEFAULT_FACTORS: readonly number[] = [1.1, 1.2, 1.5, 2];

export interface PowerCell {
  readonly caught: number;
  readonly total: number;
}

export interface PowerReport {
  readonly factors: readonly number[];
  /** Judged pair by pair: the A/A was a duet comparison (trials in turns). */
  readonly paired: boolean;
  /** What the A/A was judged against, when not its own base side (committed baselines). */
  readonly reference?: string;
  /** Gated metrics with a non-zero base value: the ones a slowdown can move. */
  readonly total: number;
  /** Flags on the comparison as measured (A/A: false alarms). */
  readonly falseAlarms: readonly MetricComparison[];
  /** factor → caught over all metrics. */
  readonly overall: ReadonlyMap<number, number>;
  /**
   * factor → caught, counting a metric as caught when one of its
   * replacements (./replacements.ts: the same behaviour measured with less
   * noise) was, as a real slowdown moves both.
   */
  readonly overallWithReplacements: ReadonlyMap<number, number>;
  /** "suite · kind" → factor → cell. */
  readonly byGroup: ReadonlyMap<string, ReadonlyMap<number, PowerCell>>;
  /** suite/scenario/variant metric of the metrics missed at the largest factor. */
  readonly missedAtLargest: readonly string[];
  /** Of those, each one a replacement caught → that replacement's metric name. */
  readonly coveredAtLargest: ReadonlyMap<string, string>;
  /**
   * The A/A comparison's worsening in standard errors (Verdict.worseZ) of every
   * targeted metric judged by its calibrated noise, largest first: how close
   * unchanged code came to the gate's limit.
   */
  readonly aaWorseZ: readonly { readonly key: string; readonly z: number }[];
}

/** Standard-error marks the A/A margin is counted at. */
const Z_MARKS: readonly number[] = [2, 2.5, 3, 3.5, Z_CRITICAL];

function statClass(m: Pick<Metric, 'stat'>): string {
  if (m.stat === 'value') return 'value';
  return TAIL_STATS.has(m.stat) ? 'tail' : 'center';
}

/** target key → its replacements' target keys, for targets with a replacement that is a target too. */
function replacementIds(
  base: readonly ScenarioResult[],
  targets: ReadonlyMap<string, string>,
): Map<string, readonly string[]> {
  const replaced = new Map<string, readonly string[]>();
  for (const r of base) {
    const names = new Set(r.metrics.map((m) => m.name));
    for (const m of r.metrics) {
      const key = `${scenarioId(r)} ${m.name}`;
      if (!targets.has(key)) continue;
      const by = replacementsOf(m.name, names)
        .map((name) => `${scenarioId(r)} ${name}`)
        .filter((k) => targets.has(k));
      if (by.length > 0) replaced.set(key, by);
    }
  }
  return replaced;
}

function targetIds(base: readonly ScenarioResult[], head: readonly ScenarioResult[]): Map<string, string> {
  const headIds = new Set(head.filter((r) => r.state === 'completed').map(scenarioId));
  const targets = new Map<string, string>();
  for (const r of base) {
    if (r.state !== 'completed' || !headIds.has(scenarioId(r))) continue;
    for (const m of r.metrics) {
      if (!m.gated || m.name === CALIBRATION_METRIC || m.value === 0) continue;
      targets.set(`${scenarioId(r)} ${m.name}`, `${r.suite} · ${m.kind} ${statClass(m)}`);
    }
  }
  return targets;
}

/** The head with every targeted metric made `factor` times worse. */
export function injectSlowdown(
  head: readonly ScenarioResult[],
  targets: ReadonlyMap<string, string>,
  factor: number,
): ScenarioResult[] {
  return head.map((r) => ({
    ...r,
    metrics: r.metrics.map((m) => {
      if (!targets.has(`${scenarioId(r)} ${m.name}`)) return m;
      const worse = (v: number): number => (m.direction === 'smaller' ? v * factor : v / factor);
      return { ...m, value: worse(m.value), trials: m.trials.map(worse) };
    }),
  }));
}

function gatedComparisons(
  base: readonly ScenarioResult[],
  head: readonly ScenarioResult[],
  calibration: NoiseCalibration | undefined,
  measured: SidesMeasured,
): MetricComparison[] {
  return compareSides(base, head, calibration, measured).scenarios.flatMap((s) => s.metrics.filter((m) => m.gated));
}

/** What a power check judges: its targets and how the gate judges them made worse. */
interface PowerSubject {
  /** suite/scenario/variant metric → "suite · kind stat" group, of every metric the reference gates. */
  readonly targets: ReadonlyMap<string, string>;
  /** target → its replacements that are targets too. */
  readonly replaced: ReadonlyMap<string, readonly string[]>;
  /** The gated comparisons with every target made `factor` times worse (1: as measured). */
  readonly judge: (factor: number) => readonly MetricComparison[];
}

const keyOf = (m: MetricComparison): string => `${m.suite}/${m.scenario}/${m.variant} ${m.metric}`;
/** The metric's name in a `keyOf` key. */
const metricOfKey = (key: string): string => key.slice(key.indexOf(' ') + 1);

function powerOf(
  subject: PowerSubject,
  factors: readonly number[],
  how: Pick<PowerReport, 'paired' | 'reference'>,
): PowerReport {
  const { targets, replaced, judge } = subject;
  const asMeasured = judge(1).filter((m) => targets.has(keyOf(m)));
  const falseAlarms = asMeasured.filter((m) => m.status === 'regressed');
  const aaWorseZ = asMeasured
    .flatMap((m) => (m.verdict?.worseZ === undefined ? [] : [{ key: keyOf(m), z: m.verdict.worseZ }]))
    .sort((a, b) => b.z - a.z);
  const overall = new Map<number, number>();
  const overallWithReplacements = new Map<number, number>();
  const byGroup = new Map<string, Map<number, PowerCell>>();
  let missedAtLargest: string[] = [];
  const coveredAtLargest = new Map<string, string>();
  for (const group of new Set(targets.values())) byGroup.set(group, new Map());
  const membersOf = new Map(
    [...byGroup.keys()].map((g) => [g, [...targets].filter(([, tg]) => tg === g).map(([k]) => k)]),
  );
  const largest = Math.max(...factors);
  for (const factor of factors) {
    const caught = new Set(
      judge(factor)
        .filter((m) => m.status === 'regressed')
        .map(keyOf)
        .filter((k) => targets.has(k)),
    );
    overall.set(factor, caught.size);
    // A missed target's first replacement that was caught, if any.
    const coveredBy = (own: string): string | undefined =>
      caught.has(own) ? undefined : replaced.get(own)?.find((k) => caught.has(k));
    const covered = [...replaced.keys()].filter((own) => coveredBy(own) !== undefined).length;
    overallWithReplacements.set(factor, caught.size + covered);
    for (const [group, cells] of byGroup) {
      const members = membersOf.get(group) ?? [];
      cells.set(factor, { caught: members.filter((k) => caught.has(k)).length, total: members.length });
    }
    if (factor === largest) {
      missedAtLargest = [...targets.keys()].filter((k) => !caught.has(k)).sort();
      for (const own of missedAtLargest) {
        const by = coveredBy(own);
        if (by !== undefined) coveredAtLargest.set(own, metricOfKey(by));
      }
    }
  }
  return {
    factors,
    ...how,
    total: targets.size,
    falseAlarms,
    overall,
    overallWithReplacements,
    byGroup,
    missedAtLargest,
    coveredAtLargest,
    aaWorseZ,
  };
}

/**
 * `measured` says how the A/A's sides were measured; a duet's (`paired`) are
 * judged pair by pair, as `planebench compare` judges that mode.
 */
export function powerCheck(
  base: readonly ScenarioResult[],
  head: readonly ScenarioResult[],
  calibration: NoiseCalibration | undefined,
  factors: readonly number[] = DEFAULT_FACTORS,
  measured: SidesMeasured = { mode: 'interleaved' },
): PowerReport {
  const targets = targetIds(base, head);
  const subject: PowerSubject = {
    targets,
    replaced: replacementIds(base, targets),
    judge: (factor) => gatedComparisons(base, injectSlowdown(head, targets, factor), calibration, measured),
  };
  return powerOf(subject, factors, { paired: measured.paired === true });
}

/**
 * The same check against committed baselines, as `npm test` judges a run: a
 * run of unchanged code is the A/A; its targets are the metrics the baselines
 * gate with a non-zero value, those whose measured noise and day drift hide a
 * 2× change (not gated there) counted as missed.
 */
export function committedPowerCheck(
  results: readonly ScenarioResult[],
  baselinesDir: string,
  environment: EnvironmentFingerprint | undefined,
  factors: readonly number[] = DEFAULT_FACTORS,
): PowerReport {
  const options = environment ? { environment } : {};
  const reference = loadCommittedReference(results, baselinesDir);
  const targets = new Map<string, string>();
  for (const s of compareWithReference(results, reference, options).scenarios) {
    for (const m of s.metrics) {
      const referenceGates = m.gated || m.ungatedBecause !== undefined;
      if (!referenceGates || !m.baseline || m.metric === CALIBRATION_METRIC) continue;
      if (m.status === 'new' || m.status === 'missing') continue;
      // Grouped by the baseline's kind and statistic: the reference's rules.
      const baseline = reference.baselines.get(s.suite)?.scenarios[scenarioKey(s)]?.metrics[m.metric];
      if (!baseline) continue;
      targets.set(keyOf(m), `${s.suite} · ${baseline.kind} ${statClass(baseline)}`);
    }
  }
  const subject: PowerSubject = {
    targets,
    replaced: replacementIds(results, targets),
    judge: (factor) =>
      compareWithReference(injectSlowdown(results, targets, factor), reference, options).scenarios.flatMap((s) =>
        s.metrics.filter((m) => m.gated),
      ),
  };
  return powerOf(subject, factors, { paired: false, reference: `the committed baselines in ${baselinesDir}` });
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`;
}

/** How close the A/A comparison came to the gate's limit, in standard errors. */
function renderMargin(worseZ: PowerReport['aaWorseZ']): string[] {
  if (worseZ.length === 0) return [];
  const counts = Z_MARKS.map((mark) => `> ${mark}: ${worseZ.filter((w) => w.z > mark).length}`).join(', ');
  const top = worseZ.slice(0, 3).map((w) => `  ${w.z.toFixed(2)}  ${w.key}`);
  return [
    `A/A worsening in standard errors, ${worseZ.length} calibrated metrics (a regression needs > ${Z_CRITICAL}): ${counts}`,
    ...top,
  ];
}

export function renderPowerReport(report: PowerReport): string {
  const header = ['group', ...report.factors.map((f) => `×${f}`)];
  const rows = [...report.byGroup].map(([group, cells]) => [
    group,
    ...report.factors.map((f) => {
      const c = cells.get(f) as PowerCell;
      return `${c.caught}/${c.total}`;
    }),
  ]);
  rows.push([
    'all gated metrics',
    ...report.factors.map(
      (f) => `${report.overall.get(f) ?? 0}/${report.total} (${percent(report.overall.get(f) ?? 0, report.total)})`,
    ),
  ]);
  if ([...report.overallWithReplacements].some(([f, n]) => n !== report.overall.get(f))) {
    rows.push([
      'counting replacements',
      ...report.factors.map((f) => {
        const n = report.overallWithReplacements.get(f) ?? 0;
        return `${n}/${report.total} (${percent(n, report.total)})`;
      }),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [
    `planebench power: ${report.total} gated metrics with a non-zero value; caught when made ×f worse` +
      (report.paired ? ' (trials judged pair by pair, as in a duet comparison)' : '') +
      (report.reference ? ` (judged against ${report.reference}, as \`npm test\` judges a run)` : ''),
    line(header),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    `A/A false alarms (as measured, no injection): ${report.falseAlarms.length}`,
    ...report.falseAlarms.map((m) => `  ✗ ${m.suite}/${m.scenario}/${m.variant} ${m.metric}`),
    ...renderMargin(report.aaWorseZ),
  ];
  const largest = Math.max(...report.factors);
  if (report.missedAtLargest.length > 0) {
    const covered = report.coveredAtLargest.size;
    lines.push(
      `missed at ×${largest} (${report.missedAtLargest.length}${covered > 0 ? `; ${covered} of them judged by a replacement that caught it` : ''}):`,
      ...report.missedAtLargest.map((k) => {
        const by = report.coveredAtLargest.get(k);
        return by === undefined ? `  ${k}` : `  ${k}  (caught by its replacement ${by})`;
      }),
    );
  }
  return lines.join('\n');
}
