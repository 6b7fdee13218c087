import { historyOf } from '../test-support/history-fixture.js';
import { formatHistoryChange, historyChanges } from './history-changes.js';

/** 20 runs in ±2 % noise, 1.5× slower from run 11 (index 10) on. */
const stepAt10 = Array.from({ length: 20 }, (_, i) => (i < 10 ? 1000 : 1500) * (1 + 0.02 * Math.sin(i * 2.3)));

describe('change points of a trend history', () => {
  test('a slowdown from the 11th run on is one regression at that run’s commit; the ungated maximum is not searched', () => {
    const changes = historyChanges(historyOf(stepAt10));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      name: 'daemon/micro/default/shutdownCoordinationNs.median',
      commit: `10${'c'.repeat(38)}`,
      runsAgo: 9,
      regression: true,
    });
    expect(formatHistoryChange(changes[0]!)).toMatch(
      /^daemon\/micro\/default shutdownCoordinationNs\.median 10cccccccccc 1\.\d+ µs → 1\.\d+ µs \(\+\d+\.\d %\) p=0\.0\d\d · regression, 9 run\(s\) ago \[planebench ci\]$/,
    );
  });

  test('for a bigger-is-better metric the same step up is an improvement', () => {
    expect(historyChanges(historyOf(stepAt10, 'customBiggerIsBetter'))[0]?.regression).toBe(false);
  });

  test('a flat history has no change point', () => {
    expect(
      historyChanges(historyOf(Array.from({ length: 20 }, (_, i) => 1000 * (1 + 0.02 * Math.sin(i * 2.3))))),
    ).toEqual([]);
  });

  test("a step smaller than the gate's smallest effect (3 %) is not a change point, however clear", () => {
    const step = (size: number) =>
      Array.from({ length: 20 }, (_, i) => (i < 10 ? 1000 : 1000 * (1 + size)) * (1 + 0.001 * Math.sin(i * 2.3)));
    expect(historyChanges(historyOf(step(0.02)))).toEqual([]);
    expect(historyChanges(historyOf(step(0.05)))).toHaveLength(1);
  });
});
