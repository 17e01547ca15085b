// Generates schema/scenario.schema.json from the TypeScript types of the scenario file.
// A file with `extends` may leave anything out, so the root schema validates it against a partial
// variant of the same definitions (objects lose `required`; array items stay complete, since arrays
// replace rather than merge).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsj from 'ts-json-schema-generator';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** The schema as a JSON string; `--check` compares it with the committed file instead of writing. */
export function generateSchema() {
  const config = {
    path: join(root, 'src/file/scenario-file.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'ScenarioFile',
    expose: 'export',
    jsDoc: 'extended',
    topRef: false,
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  };
  const generated = tsj.createGenerator(config).createSchema('ScenarioFile');
  const definitions = generated.definitions ?? {};
  const full = { ...generated };
  delete full.$schema;
  delete full.definitions;
  definitions.ScenarioFile = full;

  const partial = {};
  const toPartialRef = (ref) => ref.replace('#/definitions/', '#/definitions/Partial.');
  const strip = (node, inArrayItems) => {
    if (Array.isArray(node)) return node.map((n) => strip(n, inArrayItems));
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'required' && !inArrayItems) continue;
      if (k === '$ref' && !inArrayItems) out[k] = toPartialRef(v);
      else if (k === 'items') out[k] = strip(v, true);
      else out[k] = strip(v, inArrayItems);
    }
    return out;
  };
  for (const [name, def] of Object.entries(definitions)) partial[`Partial.${name}`] = strip(def, false);

  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Carecast scenario',
    description:
      'A Carecast scenario file. With `extends`, the file overrides another scenario and may leave anything out.',
    if: { required: ['extends'] },
    then: { $ref: '#/definitions/Partial.ScenarioFile' },
    else: { $ref: '#/definitions/ScenarioFile' },
    definitions: { ...definitions, ...partial },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(root, 'schema/scenario.schema.json'), generateSchema());
}
