/** Message payloads of a given size, filled with a repeatable pattern. */
export function makePayload(bytes: number, seed = 1): Uint8Array {
  const payload = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) payload[i] = (i * 31 + seed) & 0xff;
  return payload;
}

/** A human label for a size, used in metric names: 64B, 1KB, 32KB. */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024}KB` : `${bytes}B`;
}
