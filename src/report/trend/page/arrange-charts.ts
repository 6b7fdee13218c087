/**
 * Where each chart goes on the trend page: first the headline, per system in
 * the headline's order; then the other gated metrics grouped by scenario;
 * last, collapsed, the ungated metrics, calibration loops and maxima, which
 * are context and never the news. A headline chart is not drawn twice. This
 * module is served to the page as is and imports nothing.
 */
export interface ArrangeableChart {
  /** Bench name, `suite/scenario/variant/metric`. */
  readonly key: string;
  readonly suite: string;
  /** `scenario/variant` */
  readonly scenario: string;
  readonly metric: string;
  readonly gated: boolean;
}

export interface HeadlineItem<C> {
  readonly chart: C;
  readonly why: string;
}

export interface HeadlineGroup<C> {
  readonly system: string;
  readonly items: readonly HeadlineItem<C>[];
  /** Headline names this history has no chart for. */
  readonly missing: readonly string[];
}

export interface ScenarioGroup<C> {
  /** `suite · scenario/variant` */
  readonly title: string;
  readonly charts: readonly C[];
}

export interface ArrangedCharts<C> {
  readonly headline: readonly HeadlineGroup<C>[];
  readonly gated: readonly ScenarioGroup<C>[];
  readonly collapsed: readonly ScenarioGroup<C>[];
}

/** Ungated metrics, the CPU calibration loop and maxima: shown, collapsed, below everything gated. */
export function isBackground(chart: ArrangeableChart): boolean {
  return !chart.gated || chart.metric === 'cpuCalibrationNs' || chart.metric.endsWith('.max');
}

function byScenario<C extends ArrangeableChart>(charts: readonly C[], suiteRank: (suite: string) => number) {
  const groups = new Map<string, { suite: string; title: string; charts: C[] }>();
  for (const chart of charts) {
    const title = chart.scenario ? `${chart.suite} · ${chart.scenario}` : chart.suite;
    const group = groups.get(title) ?? { suite: chart.suite, title, charts: [] };
    group.charts.push(chart);
    groups.set(title, group);
  }
  return [...groups.values()]
    .sort((a, b) => suiteRank(a.suite) - suiteRank(b.suite) || a.title.localeCompare(b.title))
    .map(({ title, charts: grouped }): ScenarioGroup<C> => ({ title, charts: grouped }));
}

export function arrangeCharts<C extends ArrangeableChart>(
  charts: readonly C[],
  headline: readonly { readonly system: string; readonly name: string; readonly why: string }[],
): ArrangedCharts<C> {
  const byKey = new Map(charts.map((c) => [c.key, c]));
  const systems = [...new Set(headline.map((h) => h.system))];
  const groups = systems.map((system): HeadlineGroup<C> => {
    const entries = headline.filter((h) => h.system === system);
    return {
      system,
      items: entries.flatMap((h) => {
        const chart = byKey.get(h.name);
        return chart ? [{ chart, why: h.why }] : [];
      }),
      missing: entries.filter((h) => !byKey.has(h.name)).map((h) => h.name),
    };
  });
  const inHeadline = new Set(headline.map((h) => h.name));
  const rest = charts.filter((c) => !inHeadline.has(c.key));
  // The headline's systems first, in its order; other suites after them, alphabetically.
  const suiteRank = (suite: string): number => {
    const at = systems.indexOf(suite);
    return at < 0 ? systems.length : at;
  };
  return {
    headline: groups,
    gated: byScenario(
      rest.filter((c) => !isBackground(c)),
      suiteRank,
    ),
    collapsed: byScenario(
      rest.filter((c) => isBackground(c)),
      suiteRank,
    ),
  };
}
