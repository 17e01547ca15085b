import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileScenario, formatPath, scenarioSchema, ScenarioError, type Issue, type Scenario } from '../../src/index.js';
import { BASELINE_PATH, loadScenario } from '../helpers.js';

type Schema = Record<string, unknown>;
type Path = (string | number)[];

const schema = scenarioSchema() as { definitions: Record<string, Schema> };
const PERCENTAGE = '#/definitions/Percentage';
const def = (ref: string): Schema => schema.definitions[ref.replace('#/definitions/', '')]!;

/** A schema-valid value for `node`, enough to make a lever whose other settings are present. */
function sample(node: Schema): unknown {
  const ref = node['$ref'] as string | undefined;
  if (ref === PERCENTAGE) return '10%';
  if (ref === '#/definitions/IsoDate') return '2025-04-01';
  if (ref === '#/definitions/Duration') return '1 year';
  if (ref !== undefined) return sample(def(ref));
  if ('const' in node) return node['const'];
  if (Array.isArray(node['enum'])) return node['enum'][0];
  if (Array.isArray(node['anyOf'])) return sample((node['anyOf'] as Schema[])[0]!);
  const type = Array.isArray(node['type']) ? node['type'][0] : node['type'];
  if (type === 'object') {
    const props = (node['properties'] ?? {}) as Record<string, Schema>;
    return Object.fromEntries(((node['required'] ?? []) as string[]).map((k) => [k, sample(props[k]!)]));
  }
  if (type === 'array') return [];
  if (type === 'boolean') return false;
  if (type === 'string') return 'x';
  return 1;
}

interface Field {
  /** Path in a scenario. */
  path: Path;
  /** For a lever's field: a lever of that kind with its required settings. */
  lever?: Record<string, unknown>;
}

/** Every field whose only type is Percentage, found by walking the scenario schema. */
function percentageFields(): { fields: Field[]; mixed: string[] } {
  const fields: Field[] = [];
  const mixed: string[] = [];
  const walk = (node: Schema, path: Path, lever: Record<string, unknown> | undefined): void => {
    const ref = node['$ref'] as string | undefined;
    if (ref === PERCENTAGE) {
      fields.push(lever === undefined ? { path } : { path, lever });
      return;
    }
    if (ref === '#/definitions/Lever') {
      for (const branch of def(ref)['allOf'] as Schema[]) {
        const leverDef = def((branch['then'] as Schema)['$ref'] as string);
        const skeleton = sample(leverDef) as Record<string, unknown>;
        walk(leverDef, path, skeleton);
      }
      return;
    }
    if (ref !== undefined) return walk(def(ref), path, lever);
    const anyOf = node['anyOf'] as Schema[] | undefined;
    if (anyOf !== undefined) {
      if (anyOf.some((b) => b['$ref'] === PERCENTAGE)) mixed.push(formatPath(path));
      else anyOf.forEach((b) => walk(b, path, lever));
      return;
    }
    if (node['items'] !== undefined) return walk(node['items'] as Schema, [...path, 0], lever);
    for (const [k, v] of Object.entries((node['properties'] ?? {}) as Record<string, Schema>)) walk(v, [...path, k], lever);
  };
  walk(schema.definitions['ScenarioFile']!, [], undefined);
  return { fields, mixed };
}

const { fields, mixed } = percentageFields();
let base: Scenario;
beforeAll(async () => {
  base = (await loadScenario(BASELINE_PATH)).scenario;
});

/** The baseline with `value` written at the field (a lever field: a one-lever list of that lever). */
function withValue(field: Field, value: unknown): Scenario {
  const s = structuredClone(base) as unknown as Record<string, unknown>;
  const path = field.lever === undefined ? field.path : ['levers', 0, ...field.path.slice(2)];
  if (field.lever !== undefined) s['levers'] = [structuredClone(field.lever)];
  let node = s as Record<string | number, unknown>;
  path.slice(0, -1).forEach((seg, i) => {
    node[seg] ??= typeof path[i + 1] === 'number' ? [] : {};
    node = node[seg] as Record<string | number, unknown>;
  });
  node[path[path.length - 1]!] = value;
  return s as unknown as Scenario;
}

const issuesAt = (scenario: Scenario, path: Path): Issue[] => {
  try {
    compileScenario(scenario);
    return [];
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const at = formatPath(path);
    return err.issues.filter((i) => formatPath(i.path) === at);
  }
};
const leverPath = (f: Field): Path => (f.lever === undefined ? f.path : ['levers', 0, ...f.path.slice(2)]);

describe('every percentage field follows one rule', () => {
  it('the schema walk finds the percentage fields of the model and of the levers', () => {
    const names = fields.map((f) => formatPath(f.lever === undefined ? f.path : [String(f.lever['lever']), ...f.path.slice(2)]));
    expect(names).toEqual(expect.arrayContaining(['model.entries.trendPerYear', 'model.ageOut.staying_put', 'retain-foster-carers.by', 'reduce-entries.by', 'duration-cap.probability']));
    expect(fields.length).toBeGreaterThan(40);
    expect(mixed.length).toBeGreaterThan(0);
    // Fields that also take another unit read a plain number as that unit (a hazard per household-year).
    expect(mixed.every((m) => m.endsWith('.deregistrationPerHouseholdYear'))).toBe(true);
  });

  it('a plain number above 1 (or below -1) is refused at that field with the % hint, in every percentage field', () => {
    const big = fc.oneof(fc.double({ min: 1.0001, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 1000 }), fc.double({ min: -1e6, max: -1.0001, noNaN: true }));
    fc.assert(
      fc.property(fc.constantFrom(...fields), big, (field, v) => {
        const at = issuesAt(withValue(field, v), leverPath(field));
        expect(at.map((i) => i.message)).toContainEqual(`${v} is a plain number above 1; a plain number is a fraction (0.25 = 25%): for ${v} per cent write ${v}%`);
      }),
      { numRuns: 150 },
    );
  });

  it('the same amount written with % is never refused by the percentage parser in a field that takes 0-100%', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.integer({ min: 0, max: 100 }), (field, n) => {
        expect(issuesAt(withValue(field, `${n}%`), leverPath(field))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
