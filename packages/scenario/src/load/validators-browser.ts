// The scenario validators in a browser bundle (package.json `imports`, `#validators`, `browser`
// condition): Ajv compiles them, or a bundler substitutes precompiled ones for `ajv` (the explorer does,
// since its security policy forbids `new Function`).
import { Ajv } from 'ajv';
import { AJV_OPTIONS, VALIDATOR_REFS } from './ajv-options.js';
import type { ScenarioValidators } from './validator-types.js';

export function loadValidators(_schemaText: string, schema: object): ScenarioValidators {
  const ajv = new Ajv(AJV_OPTIONS);
  ajv.addSchema(schema, VALIDATOR_REFS.file);
  return { file: ajv.getSchema(VALIDATOR_REFS.file)!, complete: ajv.getSchema(VALIDATOR_REFS.complete)!, origin: 'compiled at run time' };
}
