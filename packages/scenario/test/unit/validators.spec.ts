import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, VALIDATOR_REFS } from '../../src/load/ajv-options.js';
import { loadValidators, scenarioValidators } from '../../src/load/validators.js';

const schemaText = readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');
const baseline = parse(readFileSync(new URL('../../../../scenarios/baseline.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
const combined = parse(readFileSync(new URL('../../../../scenarios/combined-strategy.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

/** Validators compiled here by Ajv from the schema, with the shared options: the reference. */
function compiledHere() {
  const ajv = new Ajv(AJV_OPTIONS);
  ajv.addSchema(JSON.parse(schemaText) as object, VALIDATOR_REFS.file);
  return { file: ajv.getSchema(VALIDATOR_REFS.file)!, complete: ajv.getSchema(VALIDATOR_REFS.complete)! };
}

const errorsOf = (validate: (v: unknown) => boolean, value: unknown): unknown[] => {
  validate(value);
  const errors = ((validate as unknown as { errors?: ErrorObject[] | null }).errors ?? []) as ErrorObject[];
  return errors.map((e) => ({ path: e.instancePath, keyword: e.keyword, params: e.params, message: e.message, data: e.data, parentSchema: e.parentSchema }));
};

describe('scenario validators generated at build time', () => {
  it('are the ones in use after `pnpm build` (checking a file does not compile the schema)', () => {
    expect(scenarioValidators().origin).toBe('generated at build time');
  });

  it('are not used for a schema changed after the build: the validators are compiled afresh', () => {
    const changed = `${schemaText} `;
    expect(loadValidators(changed, JSON.parse(changed) as object).origin).toBe('compiled at run time');
  });

  it('give exactly the errors of validators compiled at run time, on mutated scenarios', () => {
    const here = compiledHere();
    const generated = scenarioValidators();
    const value = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 100_000 }), fc.double(), fc.string({ maxLength: 8 }), fc.constantFrom('20%', '5 years', '2025-02-30', 'weird', '12 per year'), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.constantFrom('lever', 'by', 'count', 'from', 'extra'), fc.string({ maxLength: 4 })));
    // Paths into the documents: replace one value somewhere (possibly deep) or add an unknown key.
    const mutate = (doc: unknown, path: number[], v: unknown): unknown => {
      if (doc === null || typeof doc !== 'object') return v;
      const keys = Object.keys(doc as object);
      if (path.length === 0 || keys.length === 0) return Array.isArray(doc) ? [...doc, v] : { ...(doc as object), unknownKey: v };
      const k = keys[path[0]! % keys.length]!;
      const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string, unknown>;
      copy[k] = path.length === 1 ? v : mutate(copy[k], path.slice(1), v);
      return copy;
    };
    fc.assert(
      fc.property(fc.constantFrom(baseline, combined, { extends: 'baseline.yaml' }), fc.array(fc.nat(), { maxLength: 5 }), value, fc.constantFrom('file', 'complete' as const), (doc, path, v, which) => {
        const mutant = mutate(doc, path, v);
        expect(errorsOf(generated[which], mutant)).toEqual(errorsOf(here[which], mutant));
      }),
      { numRuns: 200 },
    );
  });
});
