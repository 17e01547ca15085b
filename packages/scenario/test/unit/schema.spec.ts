import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEVER_NAMES } from '../../src/file/levers.js';
// @ts-expect-error: a plain ES module script without type declarations
import { generateSchema } from '../../scripts/build-schema.mjs';

describe('JSON Schema', () => {
  it('the committed schema is what the TypeScript types generate (run `pnpm build:schema` if not)', () => {
    const committed = readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');
    expect((generateSchema as () => string)()).toBe(committed);
  }, 30_000);

  it('the schema lists every lever for editor completion', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8'));
    expect(schema.definitions.Lever.properties.lever.enum).toEqual(LEVER_NAMES);
  });
});
