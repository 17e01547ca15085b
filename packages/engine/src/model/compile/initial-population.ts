import { AGE_BANDS, AGE_BAND_END_YEARS, AGE_BAND_START_YEARS, OLDEST_AGE_IN_CARE_DAYS } from '../domain/age-bands.js';
import { SUPPORTED, SUPPORTED_FROM_AGE_YEARS, isOpenToBand } from '../domain/eligibility.js';
import { ENTRY_ROUTES, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { DAYS_PER_YEAR } from '../dates.js';
import type { CompiledInitialCell, CompiledInitialChild } from '../compiled-model.js';
import { ParameterError } from '../parameter-error.js';
import type { DurationBands } from './hazard-tables.js';
import { AGE_BAND, CATEGORY, ROUTE, optionalUasc } from './ids-and-targets.js';
import { optionalArray, optionalNumber, requireCount, requireId, requireNumber, requireRecord } from './validation.js';

export interface InitialPopulation {
  cells: CompiledInitialCell[];
  children: CompiledInitialChild[];
  /** Children placed in each category at the start. */
  occupancy: number[];
}

/** `initialPopulation`: counts by cell and an explicit list; supported holds 16+ only. */
export function readInitialPopulation(p: Record<string, unknown>, durations: DurationBands): InitialPopulation {
  const initial = requireRecord(p['initialPopulation'], 'initialPopulation');
  const initialCells: CompiledInitialCell[] = [];
  const occupancy = Array.from(PLACEMENT_CATEGORIES, () => 0);
  optionalArray(initial['counts'], 'initialPopulation.counts').forEach((cell, i) => {
    const path = `initialPopulation.counts[${i}]`;
    const c = requireRecord(cell, path);
    const category = requireId(c['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
    const ageBand = requireId(c['ageBand'], AGE_BANDS, `${path}.ageBand`, AGE_BAND);
    const count = requireCount(c['count'], `${path}.count`);
    if (!isOpenToBand(category, ageBand) && count > 0) {
      throw new ParameterError(`${path}.ageBand`, 'supported is open to 16+ only; expected 16-17');
    }
    const durationBand = c['durationBand'] === undefined ? -1 : durations.index(c['durationBand'], `${path}.durationBand`);
    const uasc = optionalUasc(c['uasc'], `${path}.uasc`) === 1;
    let ageYears = -1;
    if (c['ageYears'] !== undefined) {
      const lo = AGE_BAND_START_YEARS[AGE_BANDS[ageBand]!];
      const hi = AGE_BAND_END_YEARS[ageBand]! - 1;
      ageYears = requireNumber(c['ageYears'], `${path}.ageYears`, lo, hi, `a whole number of years from ${lo} to ${hi} (within age band ${AGE_BANDS[ageBand]})`);
      if (!Number.isInteger(ageYears)) throw new ParameterError(`${path}.ageYears`, `expected a whole number of years, got ${ageYears}`);
    }
    occupancy[category] = occupancy[category]! + count;
    initialCells.push({ category, ageBand, count, durationBand, ageYears, uasc });
  });
  const initialChildren: CompiledInitialChild[] = [];
  const maxAgeDays = OLDEST_AGE_IN_CARE_DAYS;
  optionalArray(initial['children'], 'initialPopulation.children').forEach((child, i) => {
    const path = `initialPopulation.children[${i}]`;
    const c = requireRecord(child, path);
    const category = requireId(c['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
    const ageDays = requireNumber(c['ageDays'], `${path}.ageDays`, 0, maxAgeDays, `an age in days from 0 to ${maxAgeDays} (under 18)`);
    if (category === SUPPORTED && ageDays < SUPPORTED_FROM_AGE_YEARS * DAYS_PER_YEAR) {
      throw new ParameterError(`${path}.ageDays`, 'supported is open to 16+ only; expected an age of 16 years (5844 days) or more');
    }
    const daysInCare = optionalNumber(c['daysInCare'], `${path}.daysInCare`, 0, 0, ageDays, `days in care from 0 to the age in days (${ageDays})`);
    const daysInPlacement = optionalNumber(c['daysInPlacement'], `${path}.daysInPlacement`, daysInCare, 0, daysInCare, `days in placement from 0 to the days in care (${daysInCare})`);
    const uasc = optionalUasc(c['uasc'], `${path}.uasc`) === 1;
    const route = c['route'] === undefined ? -1 : requireId(c['route'], ENTRY_ROUTES, `${path}.route`, ROUTE);
    const sex = c['sex'] === undefined ? -1 : requireId(c['sex'], ['male', 'female'], `${path}.sex`, 'a sex');
    const outOfArea = c['outOfArea'] === undefined ? -1 : c['outOfArea'] === true ? 1 : c['outOfArea'] === false ? 0 : -2;
    if (outOfArea === -2) throw new ParameterError(`${path}.outOfArea`, 'expected true or false');
    occupancy[category] = occupancy[category]! + 1;
    initialChildren.push({ category, ageDays, daysInCare, daysInPlacement, uasc, route, sex, outOfArea });
  });
  return { cells: initialCells, children: initialChildren, occupancy };
}
