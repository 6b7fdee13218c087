import { syntheticResult } from '../test-support/synthetic-result.js';
import { poolConfirmation } from './confirmation.js';

describe('poolConfirmation', () => {
  const query = (trials: number[]) => syntheticResult(trials);
  const other = (trials: number[]) => syntheticResult(trials, { scenario: 'other' });

  test('a re-measured scenario is judged on both runs’ trials; the others stay as first measured', () => {
    const pooled = poolConfirmation([query([2000, 2010, 1990]), other([5, 6, 7])], [query([1000, 1010, 990])]);
    expect([...pooled.remeasured]).toEqual(['demo/query/v2']);
    const merged = pooled.results.find((r) => r.scenario === 'query');
    expect(merged?.trialCount).toBe(6);
    expect(merged?.metrics[0]?.trials).toEqual([2000, 2010, 1990, 1000, 1010, 990]);
    expect(merged?.metrics[0]?.value).toBe(1500);
    expect(pooled.results.find((r) => r.scenario === 'other')?.metrics[0]?.trials).toEqual([5, 6, 7]);
  });

  test('a scenario only the confirmation ran is added as it is, not marked re-measured', () => {
    const pooled = poolConfirmation([query([1, 2, 3])], [other([4, 5, 6])]);
    expect(pooled.results.map((r) => r.scenario)).toEqual(['query', 'other']);
    expect(pooled.remeasured.size).toBe(0);
  });
});
