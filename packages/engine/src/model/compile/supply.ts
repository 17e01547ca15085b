import type { CompiledModel } from '../compiled-model.js';
import { SUPPORTED } from '../domain/eligibility.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { DEFAULT_PROVIDERS, NEED_COUNT, NEED_TYPE_OFFSET, TYPES_OF_CARE } from '../domain/types-of-care.js';
import { DAYS_PER_YEAR } from '../dates.js';
import { ParameterError } from '../parameter-error.js';
import { CATEGORY, TYPE_OF_CARE, idList } from './ids-and-targets.js';
import { optionalBoolean, optionalNumber, optionalRecord, requireArray, requireCount, requireId, requireRate, requireRecord } from './validation.js';

const OTHER = PLACEMENT_CATEGORIES.indexOf('other');

/** The compiled model's supply fields, as `supply:` gives them (documented once, on CompiledModel). */
export type CompiledSupply = Pick<
  CompiledModel,
  | 'capacityKind'
  | 'initialBeds'
  | 'initialHouseholds'
  | 'placesPerHousehold'
  | 'lastResort'
  | 'waitForPreferred'
  | 'matchProbability'
  | 'providers'
  | 'stepAcross'
  | 'stepAcrossPerDay'
>;

/** `supply:` read and checked; per category by index. Recruitment, de-registration and fallbacks become epochs and modifiers later. */
export interface Supply extends CompiledSupply {
  baseRecruitPerYear: number[];
  baseDeregPerYear: number[];
  baseFallback: number[][];
}

/** The fields of `supply` the compiled model carries as they are. */
export function compiledSupply(s: Supply): CompiledSupply {
  const { capacityKind, initialBeds, initialHouseholds, placesPerHousehold, lastResort, waitForPreferred, matchProbability, providers, stepAcross, stepAcrossPerDay } = s;
  return { capacityKind, initialBeds, initialHouseholds, placesPerHousehold, lastResort, waitForPreferred, matchProbability, providers, stepAcross, stepAcrossPerDay };
}

export function readSupply(p: Record<string, unknown>, warnings: string[]): Supply {
  const supply = requireRecord(p['supply'], 'supply');
  const capacity = optionalRecord(supply['capacity'], 'supply.capacity');
  const capacityKind = Array.from(PLACEMENT_CATEGORIES, () => 0);
  const initialBeds = Array.from(PLACEMENT_CATEGORIES, () => 0);
  const initialHouseholds = Array.from(PLACEMENT_CATEGORIES, () => 0);
  const placesPerHousehold = Array.from(PLACEMENT_CATEGORIES, () => 0);
  const baseRecruitPerYear = Array.from(PLACEMENT_CATEGORIES, () => 0);
  const baseDeregPerYear = Array.from(PLACEMENT_CATEGORIES, () => 0);
  const matchProbability = Array.from(PLACEMENT_CATEGORIES, () => 1);
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
    matchProbability[c] = optionalNumber(spec['matchProbability'], `${path}.matchProbability`, 1, 0, 1, 'a probability between 0 and 1');
  }
  const baseFallback: number[][] = Array.from(PLACEMENT_CATEGORIES, () => []);
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
  const { providers, stepAcross, stepAcrossPerDay } = readTypesOfCare(supply);
  return {
    capacityKind,
    initialBeds,
    initialHouseholds,
    placesPerHousehold,
    baseRecruitPerYear,
    baseDeregPerYear,
    baseFallback,
    lastResort,
    waitForPreferred,
    matchProbability,
    providers,
    stepAcross,
    stepAcrossPerDay,
  };
}

/** `supply.typesOfCare`: provider orders (each category at most once) and step-across, per need. */
function readTypesOfCare(supply: Record<string, unknown>): { providers: number[][]; stepAcross: number[]; stepAcrossPerDay: number[] } {
  const providers: number[][] = Array.from(PLACEMENT_CATEGORIES, (_, c) => [c]);
  const stepAcross: number[] = Array.from({ length: NEED_COUNT }, () => 0);
  const stepAcrossPerDay: number[] = Array.from({ length: NEED_COUNT }, () => 0);
  for (const t of TYPES_OF_CARE) providers.push(Array.from(DEFAULT_PROVIDERS[t], (c) => PLACEMENT_CATEGORIES.indexOf(c)));
  for (const [k, v] of Object.entries(optionalRecord(supply['typesOfCare'], 'supply.typesOfCare'))) {
    if (v === undefined) continue;
    const path = `supply.typesOfCare.${k}`;
    const n = NEED_TYPE_OFFSET + requireId(k, TYPES_OF_CARE, path, TYPE_OF_CARE);
    const spec = requireRecord(v, path);
    for (const key of Object.keys(spec)) {
      if (key !== 'providers' && key !== 'stepAcross') throw new ParameterError(`${path}.${key}`, 'expected providers or stepAcross');
    }
    if (spec['providers'] !== undefined) {
      const list = requireArray(spec['providers'], `${path}.providers`);
      if (list.length === 0) throw new ParameterError(`${path}.providers`, 'expected at least one provider category');
      const order: number[] = [];
      list.forEach((x, i) => {
        const c = requireId(x, PLACEMENT_CATEGORIES, `${path}.providers[${i}]`, CATEGORY);
        if (order.includes(c)) throw new ParameterError(`${path}.providers[${i}]`, `${PLACEMENT_CATEGORIES[c]} is already in this list; expected each provider at most once`);
        order.push(c);
      });
      providers[n] = order;
    }
    const step = spec['stepAcross'];
    if (step !== null && typeof step === 'object' && !Array.isArray(step)) {
      const rec = requireRecord(step, `${path}.stepAcross`);
      for (const key of Object.keys(rec)) if (key !== 'perYear') throw new ParameterError(`${path}.stepAcross.${key}`, 'expected perYear');
      stepAcrossPerDay[n] = requireRate(rec['perYear'], `${path}.stepAcross.perYear`, 'a hazard per child-year of zero or more') / DAYS_PER_YEAR;
    } else {
      stepAcross[n] = optionalBoolean(step, `${path}.stepAcross`, false) ? 1 : 0;
    }
  }
  return { providers, stepAcross, stepAcrossPerDay };
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
