/**
 * Which file each line of a batch goes to. A file is rotated before a line
 * would take it past `maxBytes`, unless the file is empty: a line longer than
 * `maxBytes` is still written whole, in a file of its own (the next line
 * rotates again). Lines are never split or dropped.
 */

export interface BatchSegment {
  /** Rotate the log before writing this segment. */
  readonly rotateBefore: boolean;
  /** Lines `from` (inclusive) to `to` (exclusive) of the batch. */
  readonly from: number;
  readonly to: number;
}

/** The byte length of a line as written: UTF-8, plus its newline. */
export function lineBytes(line: string): number {
  return Buffer.byteLength(line) + 1;
}

/** Splits `lines` into consecutive segments, one per file, for a file that holds `sizeBytes` now. */
export function planBatch(sizeBytes: number, maxBytes: number, lines: readonly string[]): BatchSegment[] {
  const segments: BatchSegment[] = [];
  let size = sizeBytes;
  let from = 0;
  let rotateBefore = false;
  for (let i = 0; i < lines.length; i += 1) {
    const bytes = lineBytes(lines[i]!);
    if (size > 0 && size + bytes > maxBytes) {
      if (i > from) segments.push({ rotateBefore, from, to: i });
      from = i;
      rotateBefore = true;
      size = 0;
    }
    size += bytes;
  }
  if (from < lines.length) segments.push({ rotateBefore, from, to: lines.length });
  return segments;
}
