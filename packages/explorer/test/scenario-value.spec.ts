// A text the page wrote from its YAML document (a form control changed, a lever added, moved or
// removed) compiles from the document's value instead of being parsed again (main.ts): the same
// outcome as compiling the text alone, for edits of every setting of every lever kind.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileScenarioText, formatIssue, LEVER_NAMES, ScenarioError } from '@carecast/scenario/browser';
import scenarioSchema from '@carecast/scenario/schema.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLever, docText, docValue, moveLever, parseScenarioDoc, removeLever, setLeverValue, type ScenarioDoc } from '../src/yaml-doc.js';

const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const shipped = new Map(readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).map((f) => [f, readFileSync(SCENARIOS + f, 'utf8')]));
const readText = async (path: string): Promise<string> => {
  const text = shipped.get(path.slice(path.lastIndexOf('/') + 1));
  if (text === undefined) throw Object.assign(new Error(`${path}: no such file`), { code: 'ENOENT' });
  return text;
};

/** What compiling gives, comparable: the scenario without its `place` function, or the issues as printed (file:line:col). */
async function outcome(text: string, value?: Record<string, unknown>): Promise<{ ok: true; scenario: unknown } | { ok: false; issues: string[] }> {
  try {
    const { place: _, ...scenario } = await compileScenarioText('scenarios/edited.yaml', text, { cwd: '/', readText, engineCheck: false, ...(value && { value }) });
    return { ok: true, scenario };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { ok: false, issues: error.issues.map(formatIssue) };
  }
}

interface Prop {
  $ref?: string;
  type?: string;
  const?: unknown;
}

/** The settings of each lever kind, from the scenario JSON Schema (as the form reads them). */
const definitions = (scenarioSchema as unknown as { definitions: Record<string, { properties?: Record<string, Prop> }> }).definitions;
const settingsOf = (lever: string): [string, Prop][] =>
  Object.entries(Object.values(definitions).find((d) => d.properties?.['lever']?.const === lever)?.properties ?? {}).filter(([k]) => k !== 'lever');

/** Each lever kind's required settings, filled in so that it compiles on the baseline. */
const START: Record<string, Record<string, unknown>> = {
  'reduce-entries': { by: '10%' },
  'change-entries': { add: '10 per year' },
  'uasc-arrivals': { perYear: '30 per year' },
  'recruit-foster-carers': { extraHouseholdsPerYear: '10 per year' },
  'retain-foster-carers': { by: '10%' },
  'add-capacity': { beds: 2, category: 'inhouse_residential' },
  'remove-capacity': { beds: 2, category: 'inhouse_residential' },
  'scale-transition': { multiply: 0.9 },
  'duration-cap': { category: 'external_residential', after: '2 years', probability: '10%', to: { category: 'inhouse_foster' } },
  'change-cost': { by: '10%' },
  'fallback-order': { category: 'external_residential', order: ['inhouse_foster', 'ifa_foster'] },
  'service-cost': { cost: '£100,000 per year' },
  'staying-put': { takeUp: '50%' },
  'care-leaver-accommodation': { accommodation: 'supported_lodgings', places: 10 },
};

/** Values the form's controls give for a setting (a date, a choice, a list of choices, true/false, a number, a unit's text), and a removed setting; some refused. */
function formValues(prop: Prop): unknown[] {
  const ref = prop.$ref?.replace('#/definitions/', '');
  const values =
    ref === 'IsoDate' ? ['2026-01-01', '2025-10-01', '2026-13-01']
    : ref === 'PlacementCategory' ? ['inhouse_residential', 'ifa_foster', 'nowhere']
    : ref?.startsWith('Money') ? ['£4,500 per week', '£100,000 per year', '£900 per week', 250]
    : ref !== undefined ? ['25%', '-20%', '12 months', '2 years', '30 per year', '3 per month', '0.1 per child-year', 3, 0.5]
    : prop.type === 'boolean' ? [true, false]
    : prop.type === 'number' || prop.type === 'integer' ? [0, 2, 12, 0.25, -5]
    : prop.type === 'string' ? ['a label', '']
    : [['external_residential'], ['ifa_foster', 'kinship_foster'], 'all', { category: 'ifa_foster' }, 'supported'];
  return [undefined, ...values];
}

/** The page's document after `edit`, and its text: compiled from the document's value and from the text, the same outcome. */
async function sameBothWays(doc: ScenarioDoc): Promise<boolean> {
  const text = docText(doc);
  const fromText = await outcome(text);
  const fromValue = await outcome(text, docValue(doc));
  expect(fromValue).toEqual(fromText);
  return fromText.ok;
}

describe("compiling the page's document value", () => {
  it('gives what the text gives for every shipped scenario as opened', async () => {
    for (const [name, text] of shipped) {
      const doc = parseScenarioDoc(text)!;
      expect(await sameBothWays(doc), name).toBe(true);
    }
  });

  it('gives the same parameters or the same issues (file:line:col) for edits of every setting of every lever kind', { timeout: 300_000 }, async () => {
    const base = shipped.get('baseline.yaml')!;
    for (const lever of LEVER_NAMES) {
      expect(settingsOf(lever).length, lever).toBeGreaterThan(0);
      // The lever added with its required settings (as lever-form.ts's newLever fills them in, which
      // the root's NodeNext test check cannot import: its JSON Schema import has no import attribute).
      const added = parseScenarioDoc(base)!;
      addLever(added, { lever, from: '2025-04-01', ...START[lever] });
      const index = (added.get('levers') as { items: unknown[] }).items.length - 1;
      let compiled = (await sameBothWays(added)) ? 1 : 0;
      expect(compiled, `${lever} as added`).toBe(1);
      // Each setting given each kind of value its control gives, one after another (an edit that
      // compiles is kept, so later settings are edited on a lever that compiles).
      let current = docText(added);
      for (const [key, prop] of settingsOf(lever)) {
        for (const value of formValues(prop)) {
          const doc = parseScenarioDoc(current)!;
          setLeverValue(doc, index, key, value);
          if (await sameBothWays(doc)) {
            compiled++;
            current = docText(doc);
          }
        }
      }
      expect(compiled, `${lever}: edits that compile`).toBeGreaterThan(0);
    }
  });

  it('gives what the text gives after any run of form edits, moves and removals', { timeout: 120_000 }, async () => {
    const base = shipped.get('combined-strategy.yaml')!;
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), index: fc.nat(4), key: fc.constantFrom('by', 'from', 'to', 'categories', 'months', 'value', 'until'), value: fc.constantFrom(undefined, '2026-01-01', 'supported', ['ifa_foster'], true, 3, 0.25, '25%', '12 months', '30 per year', '£900 per week', 'all') }),
      fc.record({ kind: fc.constant('add' as const), lever: fc.constantFrom(...LEVER_NAMES) }),
      fc.record({ kind: fc.constant('move' as const), index: fc.nat(4), step: fc.constantFrom(-1, 1) }),
      fc.record({ kind: fc.constant('remove' as const), index: fc.nat(4) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        const doc = parseScenarioDoc(base)!;
        for (const e of edits) {
          if (e.kind === 'set') setLeverValue(doc, e.index, e.key, e.value);
          else if (e.kind === 'add') addLever(doc, { lever: e.lever, from: '2025-04-01', by: '10%' });
          else if (e.kind === 'move') moveLever(doc, e.index, e.step);
          else removeLever(doc, e.index);
        }
        await sameBothWays(doc);
      }),
      { numRuns: 60, seed: 14 },
    );
  });
});
