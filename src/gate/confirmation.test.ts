import { syntheticResult } from '../test-support/fixture-results.js';
import { writeFileSync } from 'node:fs';
import { makeTempDir } from '../test-support/temp-dir.js';
import { confirmRequestPath, poolConfirmation, readConfirmRequest, writeConfirmRequest } from './confirmation.js';

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

describe('readConfirmRequest', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dir: string;
  beforeEach(() => {
    temp = makeTempDir('planebench-confirm-');
    dir = temp.path;
  });
  afterEach(() => temp.remove());

  test('reads what the reporter wrote; none is undefined; a malformed one names the file and the field', () => {
    expect(readConfirmRequest(dir)).toBeUndefined();
    const request = { results: '/r/results.json', testFiles: ['/s/a.perf.ts'], regressions: ['x/y/z m.p50'] };
    writeConfirmRequest(dir, request);
    expect(readConfirmRequest(dir)).toEqual(request);
    writeFileSync(confirmRequestPath(dir), JSON.stringify({ ...request, testFiles: [] }));
    expect(() => readConfirmRequest(dir)).toThrow(
      `${confirmRequestPath(dir)}: Expected \`testFiles\` to be a non-empty array of strings, got`,
    );
    writeFileSync(confirmRequestPath(dir), '{ not json');
    expect(() => readConfirmRequest(dir)).toThrow(
      `${confirmRequestPath(dir)}: Expected \`(whole file)\` to be valid JSON`,
    );
  });
});
