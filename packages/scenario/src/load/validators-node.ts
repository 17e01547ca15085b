// The scenario validators under Node (package.json `imports`, `#validators`): the standalone code
// generated at build time (dist/load/scenario-validators.cjs, scripts/build-validators.mjs) when it was
// generated from the current schema; otherwise Ajv compiles them here (about a second). Both are loaded
// with `require`, so neither Ajv's compiler nor the generated code costs anything until a file is checked.
import { createRequire } from 'node:module';
import type { Ajv as AjvClass } from 'ajv';
import { AJV_OPTIONS, schemaHash, VALIDATOR_REFS } from './ajv-options.js';
import type { ScenarioValidators } from './validator-types.js';

const require = createRequire(import.meta.url);

interface Generated extends Omit<ScenarioValidators, 'origin'> {
  schemaHash: string;
}

export function loadValidators(schemaText: string, schema: object): ScenarioValidators {
  let generated: Generated | undefined;
  try {
    generated = require('./scenario-validators.cjs') as Generated;
  } catch {
    generated = undefined; // not built (e.g. tests of the sources before `pnpm build`)
  }
  if (generated !== undefined && generated.schemaHash === schemaHash(schemaText)) {
    return { file: generated.file, complete: generated.complete, origin: 'generated at build time' };
  }
  const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv(AJV_OPTIONS);
  ajv.addSchema(schema, VALIDATOR_REFS.file);
  return { file: ajv.getSchema(VALIDATOR_REFS.file)!, complete: ajv.getSchema(VALIDATOR_REFS.complete)!, origin: 'compiled at run time' };
}
