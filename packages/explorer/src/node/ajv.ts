// Stands in for `ajv` in the browser bundle. @carecast/scenario validates files with
// `new Ajv({ allErrors, verbose, strict: false })`, `addSchema(schema, 'scenario')` and two `getSchema`
// calls; Ajv compiles validators with `new Function`, which the page's security policy forbids. The
// same two validators are generated at build time by Ajv's standalone code (vite.config.ts,
// `scenarioValidators`) with the same options, and handed out here.
import { complete, file } from 'virtual:scenario-validators';

export type { ErrorObject, ValidateFunction } from 'ajv';

const VALIDATORS: Record<string, unknown> = {
  scenario: file,
  'scenario#/definitions/ScenarioFile': complete,
};

export class Ajv {
  addSchema(): this {
    return this;
  }

  getSchema(ref: string): unknown {
    const v = VALIDATORS[ref];
    if (v === undefined) throw new Error(`no precompiled validator for ${ref}`);
    return v;
  }
}

export default Ajv;
