// Part of `pnpm build` (after tsc): compiles the scenario validators with Ajv's standalone code into
// dist/load/scenario-validators.cjs, with the same options as at run time (dist/load/ajv-options.js),
// so checking a scenario does not compile the JSON Schema first (about a second of CPU). The file
// records the hash of the schema it was made from; a schema changed after the build is compiled at
// run time instead (src/load/validators.ts).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { AJV_OPTIONS, VALIDATOR_REFS, schemaHash } = await import(join(root, 'dist/load/ajv-options.js'));

/** The generated CommonJS module's text for the schema text `schemaText`. */
export function validatorsSource(schemaText) {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  ajv.addSchema(JSON.parse(schemaText), VALIDATOR_REFS.file);
  const code = standaloneCode(ajv, { ...VALIDATOR_REFS });
  return `${code}\nexports.schemaHash = ${JSON.stringify(schemaHash(schemaText))};\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = readFileSync(join(root, 'schema/scenario.schema.json'), 'utf8');
  const target = join(root, 'dist/load/scenario-validators.cjs');
  writeFileSync(`${target}.tmp`, validatorsSource(text));
  renameSync(`${target}.tmp`, target);
}
