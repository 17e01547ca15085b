import type { CareLeaverParameters } from '@carecast/engine';
import type { DocPath } from '../errors.js';
import type { CareLeaversSection } from '../file/care-leavers-section.js';
import type { UnitReader } from './model.js';
import { sharesSummingToOne } from './shares.js';

/**
 * `model.careLeavers` in the engine's units. Absent, it is `{}`: the engine's documented defaults
 * (which it names in its warnings). Each age group's accommodation shares must sum to 100%.
 */
export function compileCareLeavers(u: UnitReader, section: CareLeaversSection | undefined, normalise: boolean): CareLeaverParameters {
  const out: CareLeaverParameters = {};
  if (section === undefined) return out;
  const p: DocPath = ['model', 'careLeavers'];
  if (section.endAgeYears !== undefined) out.endAgeYears = section.endAgeYears;
  if (section.qualifyingExits !== undefined) out.qualifyingExits = [...section.qualifyingExits];
  if (section.accommodationByAge !== undefined) {
    const mix: NonNullable<CareLeaverParameters['accommodationByAge']> = {};
    for (const [age, shares] of Object.entries(section.accommodationByAge) as [keyof typeof mix, Record<string, unknown>][]) {
      const path = [...p, 'accommodationByAge', age];
      mix[age] = sharesSummingToOne(u.issues, path, u.record(path, shares, (q, v) => u.percentage(q, v, 'share')), normalise);
    }
    out.accommodationByAge = mix;
  }
  if (section.movesPerYear !== undefined) out.movesPerYear = u.hazard([...p, 'movesPerYear'], section.movesPerYear);
  if (section.stayingPut !== undefined) {
    const sp = section.stayingPut;
    out.stayingPut = {};
    if (sp.takeUp !== undefined) out.stayingPut.takeUp = u.record([...p, 'stayingPut', 'takeUp'], sp.takeUp, (q, v) => u.percentage(q, v, 'probability'));
    if (sp.moveOnPerYear !== undefined) out.stayingPut.moveOnPerYear = u.record([...p, 'stayingPut', 'moveOnPerYear'], sp.moveOnPerYear, (q, v) => u.hazard(q, v));
  }
  if (section.capacity !== undefined) out.capacity = { ...section.capacity };
  if (section.weeklyCost !== undefined) out.weeklyCost = u.record([...p, 'weeklyCost'], section.weeklyCost, (q, v) => u.money(q, v));
  if (section.initialPopulation !== undefined) out.initialPopulation = { ...section.initialPopulation };
  return out;
}
