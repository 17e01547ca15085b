import { exp, log } from '../../random/exact-math.js';
import type { CareLeaverStep, CompiledCareLeavers } from '../compiled-model.js';
import { AGE_BAND_COUNT } from '../domain/age-bands.js';
import {
  ACCOMMODATION_COUNT,
  ACCOMMODATIONS,
  CAPACITY_ACCOMMODATIONS,
  CARE_LEAVER_AGES,
  CARE_LEAVER_FROM_AGE_YEARS,
  DEFAULT_ACCOMMODATION_MIX,
  DEFAULT_END_AGE_YEARS,
  DEFAULT_MOVES_PER_YEAR,
  DEFAULT_QUALIFYING_EXITS,
  DEFAULT_STAYING_PUT_MOVE_ON_PER_YEAR,
  DEFAULT_WEEKLY_COST,
  MAX_END_AGE_YEARS,
  MIN_END_AGE_YEARS,
  SP_INHOUSE,
  STAYING_PUT_CATEGORIES,
  STAYING_PUT_MAX_AGE_YEARS,
  careLeaverAgeGroup,
  defaultCareLeaversPerAge,
  isStayingPut,
  moveHazard,
  moveOnShares,
} from '../domain/care-leavers.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { nextMonthStartDay } from '../calendar.js';
import { DAYS_PER_YEAR } from '../dates.js';
import { ParameterError } from '../parameter-error.js';
import { EXIT, idList } from './ids-and-targets.js';
import type { InitialPopulation } from './initial-population.js';
import type { Supply } from './supply.js';
import {
  applyEffect,
  optionalArray,
  optionalNumber,
  optionalRecord,
  requireCount,
  requireEffect,
  requireId,
  requireNumber,
  requireRecord,
  type CompiledEffect,
} from './validation.js';
import { monthStartOf, rampShare, windowOf, type Window } from './windows.js';

// `careLeavers` and the care-leaver modifiers (`staying-put`, `care-leaver-accommodation`) read and
// checked; the levers become steps evaluated at every month start and lever day (ramps as everywhere).

const ACCOMMODATION = 'an accommodation state (staying_put_inhouse, staying_put_ifa, supported_lodgings, supported_accommodation, independent, parents_or_relatives, custody, other)';
const SHARE_TOLERANCE = 0.005;
const INHOUSE = PLACEMENT_CATEGORIES.indexOf('inhouse_foster');

/** The modifier kinds this file reads (`readModifiers` leaves them here). */
export const CARE_LEAVER_MODIFIER_KINDS: readonly string[] = ['staying-put', 'care-leaver-accommodation'];

interface StayingPutLever {
  w: Window;
  categories: number[];
  takeUp: CompiledEffect | null;
  moveOn: CompiledEffect | null;
}
interface AccommodationLever {
  w: Window;
  state: number;
  places: number;
  cost: CompiledEffect | null;
}

export interface CareLeaverContext {
  startDay: number;
  endDay: number;
  supply: Supply;
  initial: InitialPopulation;
  ageOutWeights: number[];
  inflationPerYear: number;
  warnings: string[];
}

/** Reads `careLeavers` (null when absent: then a care-leaver modifier is an error). */
export function readCareLeavers(p: Record<string, unknown>, ctx: CareLeaverContext): CompiledCareLeavers | null {
  const mods = optionalArray(p['modifiers'], 'modifiers');
  if (p['careLeavers'] === undefined) {
    mods.forEach((m, i) => {
      const kind = (m as Record<string, unknown> | null)?.['kind'];
      if (typeof kind === 'string' && CARE_LEAVER_MODIFIER_KINDS.includes(kind)) {
        throw new ParameterError(`modifiers[${i}].kind`, `a ${kind} lever needs care leavers in the model; expected a careLeavers section`);
      }
    });
    return null;
  }
  const cl = requireRecord(p['careLeavers'], 'careLeavers');
  const endAgeYears = optionalNumber(cl['endAgeYears'], 'careLeavers.endAgeYears', DEFAULT_END_AGE_YEARS, MIN_END_AGE_YEARS, MAX_END_AGE_YEARS, `a whole number of years from ${MIN_END_AGE_YEARS} to ${MAX_END_AGE_YEARS}`);
  if (!Number.isInteger(endAgeYears)) throw new ParameterError('careLeavers.endAgeYears', `expected a whole number of years from ${MIN_END_AGE_YEARS} to ${MAX_END_AGE_YEARS}, got ${endAgeYears}`);
  const qualifyingIds = cl['qualifyingExits'] === undefined ? Array.from(DEFAULT_QUALIFYING_EXITS, (r) => EXIT_REASONS.indexOf(r)) : idList(cl['qualifyingExits'], EXIT_REASONS, 'careLeavers.qualifyingExits', EXIT) ?? [];
  const qualifying = Array.from(EXIT_REASONS, (_, r) => (qualifyingIds.includes(r) ? 1 : 0));
  const mix = readMix(cl, ctx.warnings);
  const movesPerYear = optionalNumber(cl['movesPerYear'], 'careLeavers.movesPerYear', DEFAULT_MOVES_PER_YEAR, 0, 1000, 'a hazard per person-year of zero or more');
  const sp = optionalRecord(cl['stayingPut'], 'careLeavers.stayingPut');
  const holdsPlaces = ctx.supply.capacityKind[INHOUSE] === 2;
  const baseTakeUp = Array.from(STAYING_PUT_CATEGORIES, () => -1);
  for (const [k, v] of Object.entries(optionalRecord(sp['takeUp'], 'careLeavers.stayingPut.takeUp'))) {
    if (v === undefined) continue;
    const c = requireId(k, STAYING_PUT_CATEGORIES, `careLeavers.stayingPut.takeUp.${k}`, 'a former carer\'s category (inhouse_foster, ifa_foster)');
    baseTakeUp[c] = requireNumber(v, `careLeavers.stayingPut.takeUp.${k}`, 0, 1, 'a probability from 0 to 1');
  }
  const baseMoveOn = Array.from(STAYING_PUT_CATEGORIES, () => DEFAULT_STAYING_PUT_MOVE_ON_PER_YEAR);
  for (const [k, v] of Object.entries(optionalRecord(sp['moveOnPerYear'], 'careLeavers.stayingPut.moveOnPerYear'))) {
    if (v === undefined) continue;
    const path = `careLeavers.stayingPut.moveOnPerYear.${k}`;
    baseMoveOn[requireId(k, STAYING_PUT_CATEGORIES, path, 'a former carer\'s category (inhouse_foster, ifa_foster)')] = requireNumber(v, path, 0, 1000, 'a hazard per person-year of zero or more');
  }
  const basePlaces = Array.from(ACCOMMODATIONS, () => Infinity);
  for (const [k, v] of Object.entries(optionalRecord(cl['capacity'], 'careLeavers.capacity'))) {
    if (v === undefined) continue;
    const path = `careLeavers.capacity.${k}`;
    const i = requireId(k, CAPACITY_ACCOMMODATIONS, path, 'a state with places (supported_lodgings, supported_accommodation)');
    basePlaces[ACCOMMODATIONS.indexOf(CAPACITY_ACCOMMODATIONS[i]!)] = requireCount(v, path, 'a whole number of places of zero or more');
  }
  const baseWeekly = Array.from(ACCOMMODATIONS, (a) => DEFAULT_WEEKLY_COST[a]);
  for (const [k, v] of Object.entries(optionalRecord(cl['weeklyCost'], 'careLeavers.weeklyCost'))) {
    if (v === undefined) continue;
    const path = `careLeavers.weeklyCost.${k}`;
    baseWeekly[requireId(k, ACCOMMODATIONS, path, ACCOMMODATION)] = requireNumber(v, path, 0, Infinity, 'GBP per week of zero or more');
  }
  const { spLevers, accLevers } = readLevers(mods, basePlaces, holdsPlaces);
  const steps = buildSteps(ctx, { baseTakeUp, baseMoveOn, basePlaces, baseWeekly, spLevers, accLevers });
  const initial = readInitial(cl, ctx, endAgeYears, mix, holdsPlaces);
  const groups = mix.length;
  const movePerDay: number[][] = [];
  for (let a = 0; a < groups; a++) {
    const row = new Array<number>(ACCOMMODATION_COUNT * ACCOMMODATION_COUNT).fill(0);
    for (let f = 0; f < ACCOMMODATION_COUNT; f++) {
      if (isStayingPut(f)) continue;
      for (let t = 0; t < ACCOMMODATION_COUNT; t++) row[f * ACCOMMODATION_COUNT + t] = moveHazard(movesPerYear, mix[a]!, f, t) / DAYS_PER_YEAR;
    }
    movePerDay.push(row);
  }
  return { endAgeYears, qualifying, mix, moveOnShares: Array.from(mix, moveOnShares), movePerDay, steps, initial, holdsPlaces };
}

/** `accommodationByAge`: every age group's shares (missing groups take the default), each summing to 1. */
function readMix(cl: Record<string, unknown>, warnings: string[]): number[][] {
  const given = optionalRecord(cl['accommodationByAge'], 'careLeavers.accommodationByAge');
  for (const k of Object.keys(given)) requireId(k, CARE_LEAVER_AGES, `careLeavers.accommodationByAge.${k}`, 'an age group (18, 19, 20, 21+)');
  const defaulted: string[] = [];
  const mix = Array.from(CARE_LEAVER_AGES, (age) => {
    const path = `careLeavers.accommodationByAge.${age}`;
    const rec = given[age];
    if (rec === undefined) {
      defaulted.push(age);
      return Array.from(ACCOMMODATIONS, (a) => DEFAULT_ACCOMMODATION_MIX[age][a]);
    }
    const shares = Array.from(ACCOMMODATIONS, () => 0);
    for (const [k, v] of Object.entries(requireRecord(rec, path))) {
      if (v === undefined) continue;
      shares[requireId(k, ACCOMMODATIONS, `${path}.${k}`, ACCOMMODATION)] = requireNumber(v, `${path}.${k}`, 0, 1, 'a share from 0 to 1');
    }
    const sum = shares.reduce((x, y) => x + y, 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) throw new ParameterError(path, `these shares sum to ${+(sum * 100).toFixed(2)}%; expected 100%`);
    return Array.from(shares, (s) => s / sum);
  });
  if (defaulted.length > 0) {
    warnings.push(`careLeavers.accommodationByAge: ages ${defaulted.join(', ')} use the illustrative default accommodation mix (no OC3 table); calibrate from your OC3 return to replace it`);
  }
  return mix;
}

function readLevers(mods: unknown[], basePlaces: number[], holdsPlaces: boolean): { spLevers: StayingPutLever[]; accLevers: AccommodationLever[] } {
  const spLevers: StayingPutLever[] = [];
  const accLevers: AccommodationLever[] = [];
  mods.forEach((mod, i) => {
    const path = `modifiers[${i}]`;
    const m = requireRecord(mod, path);
    if (m['kind'] === 'staying-put') {
      const w = windowOf(m, path);
      let categories = [0, 1];
      if (m['category'] !== undefined) {
        const c = requireId(m['category'], PLACEMENT_CATEGORIES, `${path}.category`, 'a placement category');
        const k = (STAYING_PUT_CATEGORIES as readonly string[]).indexOf(PLACEMENT_CATEGORIES[c]!);
        if (k < 0 || (k === SP_INHOUSE && !holdsPlaces)) {
          throw new ParameterError(
            `${path}.category`,
            `${PLACEMENT_CATEGORIES[c]} has no foster households to stay put with; expected ifa_foster, or inhouse_foster with households in supply.capacity`,
          );
        }
        categories = [k];
      } else if (!holdsPlaces) categories = [1];
      const takeUp = m['takeUp'] === undefined ? null : requireEffect(m['takeUp'], `${path}.takeUp`);
      const moveOn = m['moveOn'] === undefined ? null : requireEffect(m['moveOn'], `${path}.moveOn`);
      if (!takeUp && !moveOn) throw new ParameterError(path, 'expected takeUp or moveOn');
      spLevers.push({ w, categories, takeUp, moveOn });
    } else if (m['kind'] === 'care-leaver-accommodation') {
      const w = windowOf(m, path);
      const state = requireId(m['accommodation'], ACCOMMODATIONS, `${path}.accommodation`, ACCOMMODATION);
      let places = 0;
      if (m['places'] !== undefined) {
        places = requireNumber(m['places'], `${path}.places`);
        if (!Number.isInteger(places)) throw new ParameterError(`${path}.places`, `expected a whole number of places, got ${places}`);
        if (!Number.isFinite(basePlaces[state]!)) {
          throw new ParameterError(`${path}.places`, `${ACCOMMODATIONS[state]} has no capacity; expected careLeavers.capacity.${ACCOMMODATIONS[state]} first (supported_lodgings, supported_accommodation)`);
        }
      }
      const cost = m['weeklyCost'] === undefined ? null : requireEffect(m['weeklyCost'], `${path}.weeklyCost`);
      if (places === 0 && !cost) throw new ParameterError(path, 'expected places or weeklyCost');
      accLevers.push({ w, state, places, cost });
    }
  });
  return { spLevers, accLevers };
}

interface Bases {
  baseTakeUp: number[];
  baseMoveOn: number[];
  basePlaces: number[];
  baseWeekly: number[];
  spLevers: StayingPutLever[];
  accLevers: AccommodationLever[];
}

/** The levers' values on each month start and lever day (a ramp's share as `rampShare` gives it). */
function buildSteps(ctx: CareLeaverContext, b: Bases): CareLeaverStep[] {
  const days = new Set<number>([ctx.startDay]);
  for (let d = nextMonthStartDay(ctx.startDay); d <= ctx.endDay; d = nextMonthStartDay(d)) days.add(d);
  for (const l of [...b.spLevers, ...b.accLevers]) {
    if (l.w.fromDay > ctx.startDay && l.w.fromDay <= ctx.endDay) days.add(l.w.fromDay);
    if (l.w.untilDay > ctx.startDay && l.w.untilDay <= ctx.endDay) days.add(l.w.untilDay);
  }
  const total = ctx.ageOutWeights.reduce((x, y) => x + y, 0);
  const ageOutShare = ctx.ageOutWeights[EXIT_REASONS.indexOf('staying_put')]! / total;
  return Array.from(
    [...days].sort((x, y) => x - y),
    (day) => {
      const takeUp = b.baseTakeUp.slice();
      const moveOn = b.baseMoveOn.slice();
      for (const l of b.spLevers) {
        const f = rampShare(l.w, day);
        if (f === 0) continue;
        for (const k of l.categories) {
          if (l.takeUp) {
            const base = takeUp[k]! < 0 ? ageOutShare : takeUp[k]!;
            takeUp[k] = Math.min(1, Math.max(0, base + f * (applyEffect(l.takeUp, base) - base)));
          }
          if (l.moveOn) moveOn[k] = Math.max(0, moveOn[k]! + f * (applyEffect(l.moveOn, moveOn[k]!) - moveOn[k]!));
        }
      }
      const places = b.basePlaces.slice();
      const weekly = b.baseWeekly.slice();
      for (const l of b.accLevers) {
        const f = rampShare(l.w, day);
        if (f === 0) continue;
        if (l.places !== 0) places[l.state] = Math.max(0, places[l.state]! + Math.trunc(f * l.places));
        if (l.cost) weekly[l.state] = Math.max(0, weekly[l.state]! + f * (applyEffect(l.cost, weekly[l.state]!) - weekly[l.state]!));
      }
      const years = (monthStartOf(day, ctx.startDay) - ctx.startDay) / DAYS_PER_YEAR;
      // exact-math's exp and log: the same bits in every JavaScript engine (`**` differs between V8 versions).
      const inflation = exp(years * log(1 + ctx.inflationPerYear));
      // Loops, not Array.from (a step a month): see `buildEpochs`.
      const moveOnPerDay: number[] = [];
      for (const h of moveOn) moveOnPerDay.push(h / DAYS_PER_YEAR);
      const costPerDay: number[] = [];
      for (const w of weekly) costPerDay.push((w / 7) * inflation);
      return { day, takeUp, moveOnPerDay, places, costPerDay };
    });
}

/** Initial care leavers by age and state: counts apportioned from each age's mix (largest remainders). */
function readInitial(cl: Record<string, unknown>, ctx: CareLeaverContext, endAgeYears: number, mix: number[][], holdsPlaces: boolean): [number, number, number][] {
  const counts = new Map<number, number>();
  if (cl['initialPopulation'] === undefined) {
    let older = 0;
    for (const cell of ctx.initial.cells) if (cell.ageBand === AGE_BAND_COUNT - 1) older += cell.count;
    for (const child of ctx.initial.children) if (child.ageDays >= 16 * DAYS_PER_YEAR) older++;
    const perAge = defaultCareLeaversPerAge(older);
    for (let a = CARE_LEAVER_FROM_AGE_YEARS; a < endAgeYears; a++) counts.set(a, perAge);
    ctx.warnings.push(`careLeavers.initialPopulation: not given; default ${perAge} care leavers at each age from 18 to ${endAgeYears - 1} (half the children aged 16-17 in care on the start date)`);
  } else {
    for (const [k, v] of Object.entries(requireRecord(cl['initialPopulation'], 'careLeavers.initialPopulation'))) {
      if (v === undefined) continue;
      const path = `careLeavers.initialPopulation.${k}`;
      const a = Number(k);
      if (!Number.isInteger(a) || a < CARE_LEAVER_FROM_AGE_YEARS || a >= endAgeYears) {
        throw new ParameterError(path, `expected an age in whole years from ${CARE_LEAVER_FROM_AGE_YEARS} to ${endAgeYears - 1} (below the end age)`);
      }
      counts.set(a, requireCount(v, path));
    }
  }
  const out: [number, number, number][] = [];
  const occupied = ctx.initial.occupancy[INHOUSE]!;
  let freePlaces = holdsPlaces ? ctx.supply.initialHouseholds[INHOUSE]! * ctx.supply.placesPerHousehold[INHOUSE]! - occupied : Infinity;
  let moved = 0;
  for (const [age, n] of [...counts].sort((x, y) => x[0] - y[0])) {
    // Staying put ends at 21: older young people take the mix without it.
    const shares = age >= STAYING_PUT_MAX_AGE_YEARS ? moveOnShares(mix[careLeaverAgeGroup(age)]!) : mix[careLeaverAgeGroup(age)]!;
    const byState = apportion(n, shares);
    if (byState[SP_INHOUSE]! > freePlaces) {
      const extra = byState[SP_INHOUSE]! - Math.max(0, freePlaces);
      byState[SP_INHOUSE] = byState[SP_INHOUSE]! - extra;
      const rest = moveOnShares(shares);
      const top = rest.indexOf(Math.max(...rest));
      byState[top] = byState[top]! + extra;
      moved += extra;
    }
    if (holdsPlaces) freePlaces -= byState[SP_INHOUSE]!;
    byState.forEach((c, s) => {
      if (c > 0) out.push([age, s, c]);
    });
  }
  if (moved > 0) {
    ctx.warnings.push(`careLeavers.initialPopulation: ${moved} staying put with in-house carers found no household place free of children on the start date; placed in the largest other state of their age instead`);
  }
  return out;
}

/** `n` split by `shares` (summing to 1) in whole numbers, largest remainders first (ties to the lower index). */
function apportion(n: number, shares: readonly number[]): number[] {
  const exact = Array.from(shares, (s) => s * n);
  const out = Array.from(exact, Math.floor);
  let left = n - out.reduce((x, y) => x + y, 0);
  const order = Array.from(exact, (e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = out[i]! + 1;
    left--;
  }
  return out;
}
