/** Environment variables a test sets, put back as they were (unset if they were) by `restore()`. */
export function saveEnv(names: readonly string[]): { restore(): void } {
  const saved = names.map((name) => [name, process.env[name]] as const);
  return {
    restore(): void {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
