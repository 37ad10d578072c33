/** Start-up refuses the configuration: one problem per bad variable, each naming it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }

  /** The variables that failed, in schema order. */
  get variables(): string[] {
    return this.problems.map((problem) => problem.split(' ')[0]);
  }
}
