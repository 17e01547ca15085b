// The one module behind which scenario files are validated against the JSON Schema: schema.ts turns the
// validators' errors into messages. Under Node they are the standalone code generated at build time
// (dist/load/scenario-validators.cjs, scripts/build-validators.mjs) when it was generated from the
// current schema; otherwise Ajv compiles them here (about a second). Both are loaded with `require`, so
// neither Ajv's compiler nor the generated code costs anything until a file is checked. A bundle for a
// page whose security policy forbids `new Function` replaces this module with the same validators
// generated at build time (the explorer's vite.config.ts), with the options in ajv-options.ts.
import { createRequire } from 'node:module';
import type { Ajv as AjvClass } from 'ajv';
import { AJV_OPTIONS, schemaHash, VALIDATOR_REFS } from './ajv-options.js';
import { scenarioSchemaText } from './schema-file.js';
import type { ScenarioValidators } from './validator-types.js';

const require = createRequire(import.meta.url);

interface Generated extends Omit<ScenarioValidators, 'origin'> {
  schemaHash: string;
}

/**
 * The validators for the schema `schemaText` (parsed: `schema`, parsed here when not given and needed),
 * generated ones when they match it.
 */
export function loadValidators(schemaText: string, schema?: object): ScenarioValidators {
  let generated: Generated | undefined;
  // Beside this module in dist/; from the sources (tests), the built one. The hash says whether it fits.
  for (const path of ['./scenario-validators.cjs', '../../dist/load/scenario-validators.cjs']) {
    try {
      // The command line's bundle (packages/cli scripts/bundle.mjs) puts the generated file it holds in
      // place of this `require` of './scenario-validators.cjs', by this line's text.
      generated = require(path) as Generated;
      break;
    } catch {
      generated = undefined; // not built (e.g. tests of the sources before `pnpm build`)
    }
  }
  if (generated !== undefined && generated.schemaHash === schemaHash(schemaText)) {
    return { file: generated.file, complete: generated.complete, origin: 'generated at build time' };
  }
  const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv(AJV_OPTIONS);
  ajv.addSchema(schema ?? (JSON.parse(schemaText) as object), VALIDATOR_REFS.file);
  return { file: ajv.getSchema(VALIDATOR_REFS.file)!, complete: ajv.getSchema(VALIDATOR_REFS.complete)!, origin: 'compiled at run time' };
}

let validators: ScenarioValidators | undefined;

/** The validators, loaded once. */
export function scenarioValidators(): ScenarioValidators {
  if (validators === undefined) {
    // The schema is parsed only if the generated validators do not fit it (4 ms and its garbage saved).
    validators = loadValidators(scenarioSchemaText());
  }
  return validators;
}
