import { SUPPORTED } from '../domain/eligibility.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { ParameterError } from '../parameter-error.js';
import { CATEGORY, idList } from './ids-and-targets.js';
import { optionalBoolean, optionalRecord, requireCount, requireId, requireRate, requireRecord } from './validation.js';

const OTHER = PLACEMENT_CATEGORIES.indexOf('other');

/** `supply:` read and checked; per category by index. */
export interface Supply {
  /** 0 unlimited, 1 beds, 2 households. */
  capacityKind: number[];
  initialBeds: number[];
  initialHouseholds: number[];
  placesPerHousehold: number[];
  baseRecruitPerYear: number[];
  baseDeregPerYear: number[];
  baseFallback: number[][];
  lastResort: number;
  waitForPreferred: boolean;
}

export function readSupply(p: Record<string, unknown>, warnings: string[]): Supply {
  const supply = requireRecord(p['supply'], 'supply');
  const capacity = optionalRecord(supply['capacity'], 'supply.capacity');
  const capacityKind = PLACEMENT_CATEGORIES.map(() => 0);
  const initialBeds = PLACEMENT_CATEGORIES.map(() => 0);
  const initialHouseholds = PLACEMENT_CATEGORIES.map(() => 0);
  const placesPerHousehold = PLACEMENT_CATEGORIES.map(() => 0);
  const baseRecruitPerYear = PLACEMENT_CATEGORIES.map(() => 0);
  const baseDeregPerYear = PLACEMENT_CATEGORIES.map(() => 0);
  for (const [k, v] of Object.entries(capacity)) {
    if (v === undefined) continue;
    const path = `supply.capacity.${k}`;
    const c = requireId(k, PLACEMENT_CATEGORIES, path, CATEGORY);
    const spec = requireRecord(v, path);
    if (spec['beds'] !== undefined) {
      if (spec['households'] !== undefined) throw new ParameterError(path, 'expected either beds or households, not both');
      capacityKind[c] = 1;
      initialBeds[c] = requireCount(spec['beds'], `${path}.beds`);
    } else if (spec['households'] !== undefined) {
      capacityKind[c] = 2;
      initialHouseholds[c] = requireCount(spec['households'], `${path}.households`);
      placesPerHousehold[c] = requireCount(spec['placesPerHousehold'], `${path}.placesPerHousehold`, 'a whole number of places of 1 or more');
      if (placesPerHousehold[c] === 0) throw new ParameterError(`${path}.placesPerHousehold`, 'expected a whole number of places of 1 or more');
      baseRecruitPerYear[c] = spec['recruitmentPerYear'] === undefined ? 0 : requireRate(spec['recruitmentPerYear'], `${path}.recruitmentPerYear`, 'households per year');
      baseDeregPerYear[c] =
        spec['deregistrationPerHouseholdYear'] === undefined
          ? 0
          : requireRate(spec['deregistrationPerHouseholdYear'], `${path}.deregistrationPerHouseholdYear`, 'per household-year');
    } else {
      throw new ParameterError(path, 'expected {beds: N} or {households: N, placesPerHousehold: N}');
    }
  }
  const baseFallback: number[][] = PLACEMENT_CATEGORIES.map(() => []);
  const fallback = optionalRecord(supply['fallback'], 'supply.fallback');
  for (const [k, v] of Object.entries(fallback)) {
    if (v === undefined) continue;
    const c = requireId(k, PLACEMENT_CATEGORIES, `supply.fallback.${k}`, CATEGORY);
    baseFallback[c] = idList(v, PLACEMENT_CATEGORIES, `supply.fallback.${k}`, CATEGORY)!;
  }
  const lastResort = supply['lastResort'] === undefined ? OTHER : requireId(supply['lastResort'], PLACEMENT_CATEGORIES, 'supply.lastResort', CATEGORY);
  if (lastResort === SUPPORTED) throw new ParameterError('supply.lastResort', 'supported is open to 16+ only and cannot be the last resort; expected another category');
  if (capacityKind[lastResort] !== 0) {
    warnings.push(`supply.lastResort: ${PLACEMENT_CATEGORIES[lastResort]} is capacity-limited; as the last resort it may exceed its capacity`);
  }
  const waitForPreferred = optionalBoolean(supply['waitForPreferred'], 'supply.waitForPreferred', true);
  return { capacityKind, initialBeds, initialHouseholds, placesPerHousehold, baseRecruitPerYear, baseDeregPerYear, baseFallback, lastResort, waitForPreferred };
}

/** Capacity never starts below the initial occupancy: raises `initialBeds` where it would (with a warning). */
export function raiseCapacityToOccupancy(s: Supply, occupancy: readonly number[], warnings: string[]): void {
  const { capacityKind, initialBeds, initialHouseholds, placesPerHousehold } = s;
  for (let c = 0; c < PLACEMENT_CATEGORIES.length; c++) {
    if (capacityKind[c] === 0) continue;
    if (initialBeds[c]! < 0 && capacityKind[c] === 1) initialBeds[c] = 0;
    const cap = capacityKind[c] === 1 ? initialBeds[c]! : initialHouseholds[c]! * placesPerHousehold[c]! + initialBeds[c]!;
    if (occupancy[c]! > cap) {
      warnings.push(
        `supply.capacity.${PLACEMENT_CATEGORIES[c]}: capacity ${cap} is below the initial population there (${occupancy[c]}); raised to ${occupancy[c]}`,
      );
      initialBeds[c] = initialBeds[c]! + occupancy[c]! - cap;
    }
  }
}
