/** Walking and printing `cause` chains. */

const MAX_CHAIN_DEPTH = 32;

/** The error and its causes, outermost first; stops at cycles and after 32 links. */
export function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && chain.length < MAX_CHAIN_DEPTH) {
    chain.push(current);
    seen.add(current);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

/** `outer: caused by inner: caused by root`. */
export function formatErrorChain(error: unknown): string {
  return errorChain(error)
    .map((e) => (e instanceof Error ? e.message : String(e)))
    .join(': caused by ');
}
