/** The error of class `type` that `fn` throws; any other throw is rethrown, and no throw fails the test. */
export function errorOf<T extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => T): T {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
