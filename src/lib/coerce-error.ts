/** Every `catch (e: unknown)` goes through here. */
export function coerceError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(typeof error === 'string' ? error : `Non-error thrown: ${String(error)}`);
}
