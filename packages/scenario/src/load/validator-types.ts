import type { ValidateFunction } from 'ajv';

/** The scenario validators and where they came from (tests check the built CLI uses generated ones). */
export interface ScenarioValidators {
  file: ValidateFunction;
  complete: ValidateFunction;
  origin: 'generated at build time' | 'compiled at run time';
}
