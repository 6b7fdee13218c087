import { lineBytes, planBatch } from './plan-batch.js';

describe('planBatch', () => {
  test('a batch that fits goes to the current file in one segment', () => {
    expect(planBatch(10, 100, ['a', 'b'])).toEqual([{ rotateBefore: false, from: 0, to: 2 }]);
  });

  test('an empty batch has no segment', () => {
    expect(planBatch(0, 100, [])).toEqual([]);
  });

  test('a file may reach maxBytes exactly; the next line rotates', () => {
    // 'abc\n' is 4 bytes.
    expect(planBatch(0, 4, ['abc'])).toEqual([{ rotateBefore: false, from: 0, to: 1 }]);
    expect(planBatch(0, 4, ['abc', 'd'])).toEqual([
      { rotateBefore: false, from: 0, to: 1 },
      { rotateBefore: true, from: 1, to: 2 },
    ]);
  });

  test('rotates before the line that would pass maxBytes, as often as needed', () => {
    // Each line is 3 bytes; 7 bytes hold two.
    expect(planBatch(5, 7, ['aa', 'bb', 'cc', 'dd'])).toEqual([
      { rotateBefore: true, from: 0, to: 2 },
      { rotateBefore: true, from: 2, to: 4 },
    ]);
  });

  test('a line longer than maxBytes is written whole in a file of its own', () => {
    expect(planBatch(0, 5, ['x'.repeat(10), 'a'])).toEqual([
      { rotateBefore: false, from: 0, to: 1 },
      { rotateBefore: true, from: 1, to: 2 },
    ]);
    expect(planBatch(3, 5, ['a', 'x'.repeat(10), 'b'])).toEqual([
      { rotateBefore: false, from: 0, to: 1 },
      { rotateBefore: true, from: 1, to: 2 },
      { rotateBefore: true, from: 2, to: 3 },
    ]);
  });

  test('counts UTF-8 bytes and the newline', () => {
    expect(lineBytes('é')).toBe(3);
    expect(lineBytes('')).toBe(1);
  });
});
