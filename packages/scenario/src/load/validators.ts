// The one module behind which scenario files are validated against the JSON Schema: schema.ts turns
// the validators' errors into messages. Ajv compiles them here, once, on first use. A bundle for a page
// whose security policy forbids `new Function` replaces this module with the same validators generated
// by Ajv's standalone code at build time (the explorer's vite.config.ts), so keep the Ajv options in
// step with it.
import { Ajv, type ValidateFunction } from 'ajv';
import { scenarioSchema } from './schema-file.js';

/** `file` accepts a partial file when it has `extends`; `complete` requires everything a scenario needs. */
export interface ScenarioValidators {
  file: ValidateFunction;
  complete: ValidateFunction;
}

/** The Ajv options the validators are compiled with (also those of any build-time standalone code). */
export const VALIDATOR_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;

let validators: ScenarioValidators | undefined;

export function scenarioValidators(): ScenarioValidators {
  if (validators === undefined) {
    const ajv = new Ajv(VALIDATOR_OPTIONS);
    ajv.addSchema(scenarioSchema(), 'scenario');
    validators = {
      file: ajv.getSchema('scenario')!,
      complete: ajv.getSchema('scenario#/definitions/ScenarioFile')!,
    };
  }
  return validators;
}
