import { historyOf } from '../../test-support/history-fixture.js';
import { buildPageFacts, pageFactsJson } from './page-facts.js';
import { headlineList } from './headline-metrics.js';

describe('the trend page facts', () => {
  test('a step in a history is a change at the run it appeared in, with its size', () => {
    const values = [
      ...Array.from({ length: 8 }, (_, i) => 100 + (i % 3)),
      ...Array.from({ length: 8 }, (_, i) => 130 + (i % 3)),
    ];
    const data = historyOf(values);
    const facts = buildPageFacts(data, 'https://example.org/owner/planebench');
    const run = data.entries['planebench ci']?.[8];
    expect(facts.changes).toEqual([
      {
        history: 'planebench ci',
        name: 'daemon/micro/default/shutdownCoordinationNs.median',
        commit: run?.commit.id,
        runDate: run?.date,
        change: '+29.7 %',
        values: '101 ns → 131 ns',
        regression: true,
        runsAgo: 7,
      },
    ]);
    expect(facts.headline).toEqual(headlineList());
    expect(facts.repoUrl).toBe('https://example.org/owner/planebench');
  });

  test('a flat history, or none, has no changes', () => {
    expect(buildPageFacts(historyOf(Array.from({ length: 16 }, (_, i) => 100 + (i % 3))), '').changes).toEqual([]);
    expect(buildPageFacts(undefined, '').changes).toEqual([]);
  });

  test('the JSON cannot end its script element early', () => {
    const facts = { ...buildPageFacts(undefined, ''), repoUrl: 'https://example.org/</script><b>' };
    expect(pageFactsJson(facts)).not.toContain('</');
    expect(JSON.parse(pageFactsJson(facts))).toEqual(facts);
  });
});
