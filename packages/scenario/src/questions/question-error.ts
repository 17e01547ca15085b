/**
 * A question that cannot be asked as written: `field` names the setting at fault (`lever`, `setting`,
 * `target`, `probability`, `from`, `to`, `step`, `values`, `measures`, `by`), so the command line can
 * name its option and a scenario file's `questions:` entry its line and column.
 */
export class QuestionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'QuestionError';
  }
}

/** Throws a QuestionError (for use where a function returning `never` is wanted). */
export function questionFails(field: string, message: string): never {
  throw new QuestionError(field, message);
}
