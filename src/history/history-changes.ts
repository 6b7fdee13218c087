/**
 * Change points over a trend history (data.js, github-action-benchmark's
 * shape): one series per gated benchmark and history (an `entries` key: a
 * profile and direction), one point per run, oldest first. Each change point
 * is a line of `planebench trend --changes`; one that makes a metric worse
 * within the newest runs fails the command.
 */
import { MIN_EFFECT } from '../gate/log-shift.js';
import type { BenchmarkData } from './benchmark-data.js';
import { formatChange, formatValue } from '../lib/format-units.js';
import { findChangePoints, type ChangePointOptions } from './change-points.js';

/** The newest runs a regression change point fails the check in, unless told otherwise. */
export const DEFAULT_SINCE_RUNS = 5;

export interface HistoryChange {
  /** The data.js entries key the series belongs to. */
  readonly history: string;
  readonly name: string;
  readonly unit: string;
  /** Full sha of the first run after the change. */
  readonly commit: string;
  /** How many runs ago (0 = the newest) the change appeared. */
  readonly runsAgo: number;
  readonly before: number;
  readonly after: number;
  readonly pValue: number;
  readonly regression: boolean;
}

/** data.js marks what the gate does not judge in `extra` (src/history/benchmark-action.ts). */
function isGated(extra: string | undefined): boolean {
  return !(extra ?? '').includes('not gated');
}

export function historyChanges(data: BenchmarkData, options: ChangePointOptions = {}): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [history, runs] of Object.entries(data.entries)) {
    const series = new Map<string, { unit: string; bigger: boolean; points: { value: number; run: number }[] }>();
    runs.forEach((run, index) => {
      for (const bench of run.benches) {
        if (!isGated(bench.extra) || !Number.isFinite(bench.value)) continue;
        const s = series.get(bench.name) ?? {
          unit: bench.unit,
          bigger: run.tool === 'customBiggerIsBetter',
          points: [],
        };
        s.points.push({ value: bench.value, run: index });
        series.set(bench.name, s);
      }
    });
    for (const [name, s] of series) {
      for (const c of findChangePoints(
        s.points.map((p) => p.value),
        options,
      )) {
        // The gate's smallest effect: a shift no verdict would report is not a change point either.
        if (c.before > 0 && Math.abs(Math.log(c.after / c.before)) < Math.log1p(MIN_EFFECT)) continue;
        const run = s.points[c.index]?.run as number;
        const worse = s.bigger ? c.after < c.before : c.after > c.before;
        changes.push({
          history,
          name,
          unit: s.unit,
          commit: runs[run]?.commit.id ?? '',
          runsAgo: runs.length - 1 - run,
          before: c.before,
          after: c.after,
          pValue: c.pValue,
          regression: worse,
        });
      }
    }
  }
  return changes.sort((a, b) => a.runsAgo - b.runsAgo || a.name.localeCompare(b.name));
}

/** `<suite>/<scenario>/<variant> <metric> <commit> <before> → <after> (<change>) p=<p>`, then what it means. */
export function formatHistoryChange(c: HistoryChange): string {
  const cut = c.name.lastIndexOf('/');
  const name = cut < 0 ? c.name : `${c.name.slice(0, cut)} ${c.name.slice(cut + 1)}`;
  const ratio = c.before === 0 ? undefined : c.after / c.before;
  return (
    `${name} ${c.commit.slice(0, 12)} ${formatValue(c.before, c.unit)} → ${formatValue(c.after, c.unit)} ` +
    `(${formatChange(ratio)}) p=${c.pValue.toFixed(3)} · ${c.regression ? 'regression' : 'improvement'}, ` +
    `${c.runsAgo === 0 ? 'newest run' : `${c.runsAgo} run(s) ago`} [${c.history}]`
  );
}
