/** Types of the browser script's pure parts (trend-client.mjs), for unit tests. */
import type { BenchmarkData } from '../benchmark-data.js';

export interface TrendChartRun {
  readonly commitId: string;
  readonly message: string;
  readonly url: string;
  readonly date: number;
}

export interface TrendChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly details: readonly ({ readonly range: string; readonly extra: string } | null)[];
}

export interface TrendChart {
  readonly key: string;
  readonly suite: string;
  readonly scenario: string;
  readonly metric: string;
  readonly unit: string;
  readonly runs: readonly TrendChartRun[];
  readonly series: readonly TrendChartSeries[];
}

export function formatValue(value: number | undefined | null, unit: string): string;
export function axisScale(unit: string, maxAbs: number): { readonly label: string; readonly divisor: number };
export function seriesLabel(dataSuite: string): string;
export function splitBenchName(name: string, dataSuite: string): { suite: string; scenario: string; metric: string };
export function buildCharts(data: BenchmarkData): TrendChart[];
