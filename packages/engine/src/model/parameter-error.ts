/** An invalid ModelParameters value; `path` points into the parameters as the user wrote them. */
export class ParameterError extends Error {
  /** Dotted/bracketed path, e.g. `transitions.rates[3].perYear` or `entries.perYear.1-4`. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ParameterError';
    this.path = path;
  }
}
