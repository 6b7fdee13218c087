import { alignColumns, formatCommand, formatDurationUs, formatTimeUs } from './format.js';

describe('orchestrator CLI formatting', () => {
  it('shows durations in the unit that reads best', () => {
    expect([400, 123_456, 1_234_567, 123_000_000, 3_725_000_000].map(formatDurationUs)).toEqual([
      '0.4 ms',
      '123 ms',
      '1.23 s',
      '2 min 03 s',
      '1 h 02 min',
    ]);
  });

  it('shows times in UTC to the millisecond', () => {
    expect(formatTimeUs(1_700_000_000_123_456)).toBe('2023-11-14 22:13:20.123Z');
  });

  it('quotes the arguments a shell would split or expand', () => {
    expect(formatCommand(['sh', '-c', 'exit 3'])).toBe("sh -c 'exit 3'");
    expect(formatCommand(['echo', "it's", '$HOME', './a.sh'])).toBe(`echo 'it'\\''s' '$HOME' ./a.sh`);
  });

  it('pads each column to its widest cell', () => {
    expect(
      alignColumns(
        [
          ['a', 'bb', 'c'],
          ['ccc', 'd', ''],
        ],
        '  ',
      ),
    ).toEqual(['  a    bb  c', '  ccc  d']);
  });
});
