/** The base-vs-head comparison's one error class: which stage failed, and why. */
export type CompareStage = 'options' | 'worktree' | 'install' | 'round' | 'results';

export class CompareError extends Error {
  override readonly name = 'CompareError';
  constructor(
    readonly stage: CompareStage,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
