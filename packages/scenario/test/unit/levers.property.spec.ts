import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, ENTRY_ROUTES, EXIT_REASONS, PLACEMENT_CATEGORIES } from '@carecast/engine';
import { checkWithEngine } from '../../src/compile/engine-check.js';
import { compileScenario, loadScenario, ScenarioError, type Lever, type Scenario } from '../../src/index.js';
import { memoryFiles, onBaseline } from '../helpers.js';

let base: Scenario;
beforeAll(async () => {
  base = (await loadScenario('baseline.yaml', memoryFiles(onBaseline('')))).scenario;
});

const date = fc.integer({ min: 0, max: 59 }).map((m) => {
  const y = 2025 + Math.floor((m + 3) / 12);
  const mo = ((m + 3) % 12) + 1;
  return `${y}-${String(mo).padStart(2, '0')}-01`;
});
const pct = (min: number, max: number) => fc.integer({ min, max }).map((n) => `${n}%`);
const some = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });
const window = fc.record({ from: date, ramp: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }) });

const lever: fc.Arbitrary<Lever> = fc.oneof(
  fc.record({ lever: fc.constant('reduce-entries' as const), by: pct(0, 100), routes: fc.option(some(ENTRY_ROUTES), { nil: undefined }), ageBands: fc.option(some(AGE_BANDS), { nil: undefined }) }),
  fc.record({ lever: fc.constant('change-entries' as const), add: fc.integer({ min: -50, max: 50 }) }),
  fc.record({ lever: fc.constant('uasc-arrivals' as const), perYear: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ lever: fc.constant('recruit-foster-carers' as const), extraHouseholdsPerYear: fc.integer({ min: 0, max: 30 }), placesPerHousehold: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ lever: fc.constant('retain-foster-carers' as const), by: pct(-100, 100) }),
  fc.record({ lever: fc.constant('add-capacity' as const), category: fc.constantFrom('inhouse_residential' as const, 'supported' as const), beds: fc.integer({ min: 1, max: 10 }), weeklyCostPerBed: fc.integer({ min: 0, max: 6000 }) }),
  fc.record({ lever: fc.constant('remove-capacity' as const), category: fc.constantFrom('inhouse_residential' as const, 'supported' as const), beds: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ lever: fc.constant('scale-transition' as const), fromCategories: some(PLACEMENT_CATEGORIES), exits: fc.option(some(EXIT_REASONS), { nil: undefined }), by: pct(-100, 200) }),
  fc.record({ lever: fc.constant('scale-transition' as const), toCategories: some(PLACEMENT_CATEGORIES), add: fc.double({ min: -1, max: 1, noNaN: true }) }),
  fc.record({ lever: fc.constant('duration-cap' as const), category: fc.constantFrom(...PLACEMENT_CATEGORIES), after: fc.integer({ min: 1, max: 2000 }), probability: pct(0, 100), to: fc.oneof(fc.record({ exit: fc.constantFrom(...EXIT_REASONS) }), fc.record({ category: fc.constantFrom('inhouse_foster' as const, 'ifa_foster' as const) })) }),
  fc.record({ lever: fc.constant('change-cost' as const), by: pct(-50, 100), category: fc.option(fc.constantFrom(...PLACEMENT_CATEGORIES), { nil: undefined }) }),
  fc.record({ lever: fc.constant('fallback-order' as const), category: fc.constant('inhouse_foster' as const), order: fc.subarray(['ifa_foster', 'external_residential', 'kinship_foster'] as const) }),
).chain((l) => window.map((w) => {
  const out = { ...l, from: w.from } as Lever & { ramp?: number };
  if (w.ramp !== undefined && l.lever !== 'change-cost' && l.lever !== 'fallback-order') out.ramp = w.ramp;
  return out as Lever;
}));

const stripUndefined = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('levers and the engine agree', () => {
  it('any in-range levers compile to modifiers the engine accepts', () => {
    fc.assert(
      fc.property(fc.array(lever, { maxLength: 4 }), (levers) => {
        const s: Scenario = { ...base, levers: stripUndefined(levers) };
        let compiled;
        try {
          compiled = compileScenario(s);
        } catch (err) {
          // The only refusals allowed for in-range values: under-16 moves etc. are the engine's business,
          // so a ScenarioError here must be about a lever's own settings.
          expect(err).toBeInstanceOf(ScenarioError);
          for (const i of (err as ScenarioError).issues) expect(i.path[0]).toBe('levers');
          return;
        }
        const check = checkWithEngine(compiled.params);
        expect(check.ok ? 'ok' : `${check.path}: ${check.message}`).toBe('ok');
        expect(compiled.leversInWords).toHaveLength(levers.length);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
