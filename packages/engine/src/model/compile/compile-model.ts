import { AGE_BAND_COUNT, AGE_BANDS, OLDEST_AGE_IN_CARE_DAYS } from '../domain/age-bands.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT, EXIT_TARGET_OFFSET, ROUTE_COUNT, TARGET_COUNT, entryCell, entryCellAgeBand, entryCellUasc, exitTarget, hazardCell, hazardCellCategory, hazardCellCount } from '../domain/cells.js';
import { gbpPerPlacementDay } from '../domain/costs.js';
import { SIXTEEN_PLUS_BAND, SUPPORTED, SUPPORTED_FROM_AGE_YEARS, isOpenToBand } from '../domain/eligibility.js';
import { AGE_OUT_REASONS, ENTRY_ROUTES, EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { DAYS_PER_YEAR, dayToIso, isoToDay, monthEnds } from '../dates.js';
import type { ModelParameters } from '../parameters.js';
import { ParameterError } from '../parameter-error.js';
import { monthStartDay, monthsBetween, nextMonthStartDay } from '../calendar.js';
import type {
  CompiledCapacityEvent,
  CompiledDurationCap,
  CompiledInitialCell,
  CompiledInitialChild,
  CompiledModel,
  Epoch,
  HazardTable,
} from '../compiled-model.js';
import {
  applyEffect,
  optionalArray,
  optionalBoolean,
  optionalNumber,
  optionalRecord,
  requireArray,
  requireCount,
  requireDate,
  requireEffect,
  requireId,
  requireNumber,
  requireProbability,
  requireRate,
  requireRecord,
  requireWeights,
  type CompiledEffect,
} from './validation.js';

const OTHER = PLACEMENT_CATEGORIES.indexOf('other');
const CATEGORY = 'a placement category';
const AGE_BAND = 'an age band';
const ROUTE = 'an entry route';
const EXIT = 'an exit reason';

interface Window {
  fromDay: number;
  untilDay: number;
  rampMonths: number;
}

/** Share of a modifier's full effect in force on `day` (0 outside its window). */
function rampShare(w: Window, day: number): number {
  if (day < w.fromDay || day >= w.untilDay) return 0;
  if (w.rampMonths === 0) return 1;
  return Math.min(1, monthsBetween(w.fromDay, day) / w.rampMonths);
}

/** Adds `to` (category or exit) as a target code. */
function targetCode(v: unknown, path: string): number {
  const rec = requireRecord(v, path);
  if ('category' in rec && rec['category'] !== undefined) {
    if ('exit' in rec && rec['exit'] !== undefined) throw new ParameterError(path, 'expected either category or exit, not both');
    return requireId(rec['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
  }
  if ('exit' in rec && rec['exit'] !== undefined) {
    return exitTarget(requireId(rec['exit'], EXIT_REASONS, `${path}.exit`, EXIT));
  }
  throw new ParameterError(path, 'expected {category: <placement category>} or {exit: <exit reason>}');
}

function idList(v: unknown, ids: readonly string[], path: string, what: string): number[] | null {
  if (v === undefined) return null;
  const arr = requireArray(v, path);
  return arr.map((x, i) => requireId(x, ids, `${path}[${i}]`, what));
}

function optionalUasc(v: unknown, path: string): number {
  if (v === undefined) return -1;
  if (typeof v !== 'boolean') throw new ParameterError(path, 'expected true or false');
  return v ? 1 : 0;
}

function windowOf(m: Record<string, unknown>, path: string): Window {
  const from = requireDate(m['from'], `${path}.from`);
  const fromDay = isoToDay(from);
  let untilDay = Infinity;
  if (m['until'] !== undefined) {
    untilDay = isoToDay(requireDate(m['until'], `${path}.until`));
    if (untilDay <= fromDay) throw new ParameterError(`${path}.until`, `expected a date after from (${from})`);
  }
  const rampMonths = optionalNumber(m['rampMonths'], `${path}.rampMonths`, 0, 0, 1200, 'a number of months of zero or more');
  return { fromDay, untilDay, rampMonths };
}

/** Validates `params` (throwing ParameterError with the path of the first problem) and precompiles the model. */
export function compileModel(params: ModelParameters): CompiledModel {
  const warnings: string[] = [];
  const p = requireRecord(params, '(parameters)');
  const start = requireDate(p['start'], 'start');
  const end = requireDate(p['end'], 'end');
  const startDay = isoToDay(start);
  const endDay = isoToDay(end);
  if (endDay < startDay) throw new ParameterError('end', `expected a date on or after start (${start})`);
  const snapshotDays = monthEnds(startDay, endDay);
  const dates = [start, ...snapshotDays.map(dayToIso)];

  // Durations.
  const transitions = requireRecord(p['transitions'], 'transitions');
  const durationBoundsDays = optionalArray(transitions['durationBandsDays'], 'transitions.durationBandsDays').map((v, i) =>
    requireNumber(v, `transitions.durationBandsDays[${i}]`, 1, Infinity, 'a number of days of 1 or more'),
  );
  for (let i = 1; i < durationBoundsDays.length; i++) {
    if (durationBoundsDays[i]! <= durationBoundsDays[i - 1]!) {
      throw new ParameterError(`transitions.durationBandsDays[${i}]`, 'expected bounds in increasing order');
    }
  }
  const nDur = durationBoundsDays.length + 1;
  const durationBandIndex = (v: unknown, path: string): number => {
    const d = requireCount(v, path, `a duration band index from 0 to ${nDur - 1}`);
    if (d >= nDur) throw new ParameterError(path, `expected a duration band index from 0 to ${nDur - 1}, got ${d}`);
    return d;
  };

  // Supply.
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

  // Exits at 18.
  const ageOutRec = requireRecord(p['ageOut'], 'ageOut');
  const ageOutWeights = EXIT_REASONS.map(() => 0);
  for (const [k, v] of Object.entries(ageOutRec)) {
    if (v === undefined) continue;
    const r = requireId(k, AGE_OUT_REASONS, `ageOut.${k}`, 'a reason for leaving care at 18');
    ageOutWeights[EXIT_REASONS.indexOf(AGE_OUT_REASONS[r]!)] = requireNumber(v, `ageOut.${k}`, 0, Infinity, 'a weight of zero or more');
  }
  if (!(ageOutWeights.reduce((a, b) => a + b, 0) > 0)) throw new ParameterError('ageOut', 'expected at least one positive weight');

  // Out of area.
  const outOfAreaProbability = PLACEMENT_CATEGORIES.map(() => 0);
  for (const [k, v] of Object.entries(optionalRecord(p['outOfAreaProbability'], 'outOfAreaProbability'))) {
    if (v === undefined) continue;
    const c = requireId(k, PLACEMENT_CATEGORIES, `outOfAreaProbability.${k}`, CATEGORY);
    outOfAreaProbability[c] = requireProbability(v, `outOfAreaProbability.${k}`);
  }

  // Entries.
  const entries = requireRecord(p['entries'], 'entries');
  const entryPerYear = requireWeights(entries['perYear'], AGE_BANDS, 'entries.perYear', AGE_BAND, 'entries per year of zero or more');
  const trendPerYear = optionalNumber(entries['trendPerYear'], 'entries.trendPerYear', 0, -0.99, 10, 'a yearly proportional change above -1');
  const routeShares = requireWeights(entries['routeShares'], ENTRY_ROUTES, 'entries.routeShares', ROUTE);
  const byBand = optionalRecord(entries['routeSharesByAgeBand'], 'entries.routeSharesByAgeBand');
  const routeWeights: number[][] = AGE_BANDS.map(() => routeShares);
  for (const [k, v] of Object.entries(byBand)) {
    if (v === undefined) continue;
    const b = requireId(k, AGE_BANDS, `entries.routeSharesByAgeBand.${k}`, AGE_BAND);
    routeWeights[b] = requireWeights(v, ENTRY_ROUTES, `entries.routeSharesByAgeBand.${k}`, ROUTE);
  }
  const maleShare = optionalNumber(entries['maleShare'], 'entries.maleShare', 0.55, 0, 1, 'a share between 0 and 1');
  const firstPlacement: number[][][] = [AGE_BANDS.map(() => PLACEMENT_CATEGORIES.map(() => 0)), AGE_BANDS.map(() => PLACEMENT_CATEGORIES.map(() => 0))];
  const readFirstPlacement = (v: unknown, path: string, u: number): void => {
    for (const [k, w] of Object.entries(requireRecord(v, path))) {
      if (w === undefined) continue;
      const b = requireId(k, AGE_BANDS, `${path}.${k}`, AGE_BAND);
      const weights = requireWeights(w, PLACEMENT_CATEGORIES, `${path}.${k}`, CATEGORY);
      if (b < SIXTEEN_PLUS_BAND && weights[SUPPORTED]! > 0) {
        warnings.push(`${path}.${k}.supported: supported is open to 16+ only; ignored for age band ${k}`);
        weights[SUPPORTED] = 0;
      }
      firstPlacement[u]![b] = weights;
    }
  };
  readFirstPlacement(entries['firstPlacement'], 'entries.firstPlacement', 0);
  const sum = (a: readonly number[]): number => a.reduce((x, y) => x + y, 0);
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    if (entryPerYear[b]! > 0) {
      if (!(sum(firstPlacement[0]![b]!) > 0)) {
        throw new ParameterError(`entries.firstPlacement.${AGE_BANDS[b]}`, 'expected placement weights for an age band with entries');
      }
      if (!(sum(routeWeights[b]!) > 0)) {
        throw new ParameterError(byBand[AGE_BANDS[b]!] ? `entries.routeSharesByAgeBand.${AGE_BANDS[b]}` : 'entries.routeShares', 'expected at least one positive route share');
      }
    }
  }

  // UASC.
  let uascPerYear = 0;
  let uascMaleShare = 0.9;
  const uascBandShares = AGE_BANDS.map(() => 0);
  let uascRouteShares: number[] = ENTRY_ROUTES.map((r) => (r === 'section20' ? 1 : 0));
  if (p['uasc'] !== undefined) {
    const uasc = requireRecord(p['uasc'], 'uasc');
    uascPerYear = requireRate(uasc['perYear'], 'uasc.perYear', 'arrivals per year');
    uascMaleShare = optionalNumber(uasc['maleShare'], 'uasc.maleShare', 0.9, 0, 1, 'a share between 0 and 1');
    const shares = requireWeights(uasc['ageBandShares'], AGE_BANDS, 'uasc.ageBandShares', AGE_BAND);
    if (uascPerYear > 0 && !(sum(shares) > 0)) throw new ParameterError('uasc.ageBandShares', 'expected at least one positive share');
    const total = sum(shares);
    for (let b = 0; b < AGE_BAND_COUNT; b++) uascBandShares[b] = total > 0 ? shares[b]! / total : 0;
    if (uasc['routeShares'] !== undefined) {
      uascRouteShares = requireWeights(uasc['routeShares'], ENTRY_ROUTES, 'uasc.routeShares', ROUTE);
      if (!(sum(uascRouteShares) > 0)) throw new ParameterError('uasc.routeShares', 'expected at least one positive share');
    }
    readFirstPlacement(uasc['firstPlacement'], 'uasc.firstPlacement', 1);
    for (let b = 0; b < AGE_BAND_COUNT; b++) {
      if (uascPerYear > 0 && uascBandShares[b]! > 0 && !(sum(firstPlacement[1]![b]!) > 0)) {
        throw new ParameterError(`uasc.firstPlacement.${AGE_BANDS[b]}`, 'expected placement weights for an age band with UASC arrivals');
      }
    }
  }
  const normalise = (w: readonly number[]): number[] => {
    const t = sum(w);
    return w.map((x) => (t > 0 ? x / t : 0));
  };
  const baseEntryPerYear = new Float64Array(ENTRY_CELL_COUNT);
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    const rw = normalise(routeWeights[b]!);
    const uw = normalise(uascRouteShares);
    for (let r = 0; r < ROUTE_COUNT; r++) {
      baseEntryPerYear[entryCell(0, b, r)] = entryPerYear[b]! * rw[r]!;
      baseEntryPerYear[entryCell(1, b, r)] = uascPerYear * uascBandShares[b]! * uw[r]!;
    }
  }

  // Transition rates.
  const nCells = hazardCellCount(nDur);
  const baseRates = new Float64Array(nCells * TARGET_COUNT);
  const hasRow = new Uint8Array(nCells * TARGET_COUNT);
  const rates = requireArray(transitions['rates'], 'transitions.rates');
  rates.forEach((row, i) => {
    const path = `transitions.rates[${i}]`;
    const r = requireRecord(row, path);
    const from = requireId(r['from'], PLACEMENT_CATEGORIES, `${path}.from`, CATEGORY);
    const to = targetCode(r['to'], `${path}.to`);
    if (to === from) throw new ParameterError(`${path}.to`, 'expected a category other than from (a move to the same category is no move)');
    const perYear = requireRate(r['perYear'], `${path}.perYear`, 'per child-year');
    const bands = idList(r['ageBands'], AGE_BANDS, `${path}.ageBands`, AGE_BAND) ?? [0, 1, 2, 3, 4];
    const durs = r['durationBands'] === undefined ? null : requireArray(r['durationBands'], `${path}.durationBands`).map((d, j) => durationBandIndex(d, `${path}.durationBands[${j}]`));
    const u = optionalUasc(r['uasc'], `${path}.uasc`);
    let ignoredUnder16 = false;
    for (let uu = 0; uu < 2; uu++) {
      if (u >= 0 && u !== uu) continue;
      for (const b of bands) {
        if (to < EXIT_TARGET_OFFSET && !isOpenToBand(to, b)) {
          ignoredUnder16 = true;
          continue;
        }
        for (let d = 0; d < nDur; d++) {
          if (durs && !durs.includes(d)) continue;
          const k = hazardCell(uu, from, b, d, nDur) * TARGET_COUNT + to;
          baseRates[k] = baseRates[k]! + perYear / DAYS_PER_YEAR;
          hasRow[k] = 1;
        }
      }
    }
    if (ignoredUnder16) warnings.push(`${path}: moves into supported are open to 16+ only; ignored for younger age bands`);
  });

  // Initial population.
  const initial = requireRecord(p['initialPopulation'], 'initialPopulation');
  const initialCells: CompiledInitialCell[] = [];
  const occupancy = PLACEMENT_CATEGORIES.map(() => 0);
  optionalArray(initial['counts'], 'initialPopulation.counts').forEach((cell, i) => {
    const path = `initialPopulation.counts[${i}]`;
    const c = requireRecord(cell, path);
    const category = requireId(c['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
    const ageBand = requireId(c['ageBand'], AGE_BANDS, `${path}.ageBand`, AGE_BAND);
    const count = requireCount(c['count'], `${path}.count`);
    if (!isOpenToBand(category, ageBand) && count > 0) {
      throw new ParameterError(`${path}.ageBand`, 'supported is open to 16+ only; expected 16-17');
    }
    const durationBand = c['durationBand'] === undefined ? -1 : durationBandIndex(c['durationBand'], `${path}.durationBand`);
    const uasc = optionalUasc(c['uasc'], `${path}.uasc`) === 1;
    occupancy[category] = occupancy[category]! + count;
    initialCells.push({ category, ageBand, count, durationBand, uasc });
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

  // Costs.
  const costs = requireRecord(p['costs'], 'costs');
  const weeklyCost = requireWeights(costs['weeklyCost'], PLACEMENT_CATEGORIES, 'costs.weeklyCost', CATEGORY, 'GBP per week of zero or more');
  const baseInflation = optionalNumber(costs['inflationPerYear'], 'costs.inflationPerYear', 0, -0.99, 10, 'a yearly rate above -1');

  // Modifiers.
  const entryMods: { w: Window; cells: number[]; effect: CompiledEffect }[] = [];
  const hazardMods: { w: Window; from: number[] | null; targets: number[] | null; bands: number[] | null; uasc: number; effect: CompiledEffect }[] = [];
  const recruitMods: { w: Window; category: number; perDay: number; places: number }[] = [];
  const retentionMods: { w: Window; category: number; effect: CompiledEffect }[] = [];
  const costMods: { fromDay: number; category: number; effect: CompiledEffect | null; inflation: number | null }[] = [];
  const fallbackMods: { fromDay: number; category: number; order: number[] }[] = [];
  const durationCaps: CompiledDurationCap[] = [];
  const capacityEvents: CompiledCapacityEvent[] = [];
  const initialBlockPerDay = PLACEMENT_CATEGORIES.map(() => 0);
  const blockChanges: BlockChange[] = [];
  const changeDays = new Set<number>();
  const householdCategory = (v: unknown, path: string): number => {
    const c = v === undefined ? PLACEMENT_CATEGORIES.indexOf('inhouse_foster') : requireId(v, PLACEMENT_CATEGORIES, path, CATEGORY);
    if (capacityKind[c] !== 2) {
      throw new ParameterError(path, `expected a category with households in supply.capacity (${PLACEMENT_CATEGORIES[c]} has none)`);
    }
    return c;
  };
  optionalArray(p['modifiers'], 'modifiers').forEach((mod, i) => {
    const path = `modifiers[${i}]`;
    const m = requireRecord(mod, path);
    const kind = m['kind'];
    switch (kind) {
      case 'entries': {
        const w = windowOf(m, path);
        const routes = idList(m['routes'], ENTRY_ROUTES, `${path}.routes`, ROUTE);
        const bands = idList(m['ageBands'], AGE_BANDS, `${path}.ageBands`, AGE_BAND);
        const u = optionalUasc(m['uasc'], `${path}.uasc`);
        const effect = requireEffect(m['effect'], `${path}.effect`);
        const cells: number[] = [];
        for (let uu = 0; uu < 2; uu++) {
          if (u >= 0 && u !== uu) continue;
          for (let b = 0; b < AGE_BAND_COUNT; b++) {
            if (bands && !bands.includes(b)) continue;
            for (let r = 0; r < ROUTE_COUNT; r++) if (!routes || routes.includes(r)) cells.push(entryCell(uu, b, r));
          }
        }
        entryMods.push({ w, cells, effect });
        addWindowDays(changeDays, w);
        break;
      }
      case 'hazard': {
        const w = windowOf(m, path);
        const from = idList(m['fromCategories'], PLACEMENT_CATEGORIES, `${path}.fromCategories`, CATEGORY);
        const toCats = idList(m['toCategories'], PLACEMENT_CATEGORIES, `${path}.toCategories`, CATEGORY);
        const exits = idList(m['exits'], EXIT_REASONS, `${path}.exits`, EXIT);
        const targets = toCats || exits ? [...(toCats ?? []), ...(exits ?? []).map(exitTarget)] : null;
        const bands = idList(m['ageBands'], AGE_BANDS, `${path}.ageBands`, AGE_BAND);
        const uasc = optionalUasc(m['uasc'], `${path}.uasc`);
        const effect = requireEffect(m['effect'], `${path}.effect`);
        if (effect.kind !== 'multiply') effect.value /= DAYS_PER_YEAR;
        hazardMods.push({ w, from, targets, bands, uasc, effect });
        addWindowDays(changeDays, w);
        break;
      }
      case 'capacity': {
        const day = isoToDay(requireDate(m['date'], `${path}.date`));
        const category = requireId(m['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
        if (capacityKind[category] === 0) {
          throw new ParameterError(`${path}.category`, `expected a capacity-limited category (one in supply.capacity); ${PLACEMENT_CATEGORIES[category]} is unlimited`);
        }
        const change = requireNumber(m['change'], `${path}.change`, -Infinity, Infinity, 'a whole number of beds');
        if (!Number.isInteger(change)) throw new ParameterError(`${path}.change`, `expected a whole number of beds, got ${change}`);
        const weekly = optionalNumber(m['weeklyCostPerBed'], `${path}.weeklyCostPerBed`, 0, 0, Infinity, 'GBP per week of zero or more');
        // Signed: a reduction with a block cost gives back block beds bought at that price, so the cost stops.
        const blockPerDay = (change * weekly) / 7;
        if (weekly > 0 && change !== 0 && day <= endDay) blockChanges.push({ day: Math.max(day, startDay), category, weekly, change, path });
        if (day <= startDay) {
          initialBeds[category] = initialBeds[category]! + change;
          initialBlockPerDay[category] = initialBlockPerDay[category]! + blockPerDay;
        } else if (day <= endDay) {
          capacityEvents.push({ day, category, change, blockPerDay });
        }
        break;
      }
      case 'recruitment': {
        const w = windowOf(m, path);
        const category = householdCategory(m['category'], `${path}.category`);
        const perYear = requireNumber(m['extraHouseholdsPerYear'], `${path}.extraHouseholdsPerYear`, 0, Infinity, 'households per year of zero or more');
        const places =
          m['placesPerHousehold'] === undefined ? placesPerHousehold[category]! : requireCount(m['placesPerHousehold'], `${path}.placesPerHousehold`, 'a whole number of places of 1 or more');
        if (places === 0) throw new ParameterError(`${path}.placesPerHousehold`, 'expected a whole number of places of 1 or more');
        recruitMods.push({ w, category, perDay: perYear / DAYS_PER_YEAR, places });
        addWindowDays(changeDays, w);
        break;
      }
      case 'retention': {
        const w = windowOf(m, path);
        const category = householdCategory(m['category'], `${path}.category`);
        const effect = requireEffect(m['effect'], `${path}.effect`);
        if (effect.kind !== 'multiply') effect.value /= DAYS_PER_YEAR;
        retentionMods.push({ w, category, effect });
        addWindowDays(changeDays, w);
        break;
      }
      case 'duration-cap': {
        const w = windowOf(m, path);
        if (w.rampMonths !== 0) warnings.push(`${path}.rampMonths: a duration cap acts fully within its window; rampMonths ignored`);
        const category = requireId(m['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
        const afterDays = requireNumber(m['afterDays'], `${path}.afterDays`, 0, Infinity, 'a number of days of zero or more');
        const probability = requireProbability(m['probability'], `${path}.probability`);
        const target = targetCode(m['to'], `${path}.to`);
        if (target === category) throw new ParameterError(`${path}.to`, 'expected a category other than the capped one, or an exit');
        const bands = idList(m['ageBands'], AGE_BANDS, `${path}.ageBands`, AGE_BAND) ?? [0, 1, 2, 3, 4];
        let ageMask = 0;
        for (const b of bands) if (target >= EXIT_TARGET_OFFSET || isOpenToBand(target, b)) ageMask |= 1 << b;
        durationCaps.push({ category, afterDays, probability, target, ageMask, fromDay: w.fromDay, untilDay: w.untilDay });
        break;
      }
      case 'cost': {
        const fromDay = isoToDay(requireDate(m['from'], `${path}.from`));
        const category = m['category'] === undefined ? -1 : requireId(m['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
        const effect = m['effect'] === undefined ? null : requireEffect(m['effect'], `${path}.effect`);
        const inflation = m['inflationPerYear'] === undefined ? null : requireNumber(m['inflationPerYear'], `${path}.inflationPerYear`, -0.99, 10, 'a yearly rate above -1');
        if (!effect && inflation === null) throw new ParameterError(path, 'expected effect or inflationPerYear');
        costMods.push({ fromDay, category, effect, inflation });
        changeDays.add(fromDay);
        break;
      }
      case 'fallback': {
        const fromDay = isoToDay(requireDate(m['from'], `${path}.from`));
        const category = requireId(m['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
        const order = idList(m['order'], PLACEMENT_CATEGORIES, `${path}.order`, CATEGORY);
        if (!order) throw new ParameterError(`${path}.order`, 'expected a list of placement categories');
        fallbackMods.push({ fromDay, category, order });
        changeDays.add(fromDay);
        break;
      }
      default:
        throw new ParameterError(`${path}.kind`, `expected one of entries, hazard, capacity, recruitment, retention, duration-cap, cost, fallback, got ${JSON.stringify(kind)}`);
    }
  });
  capacityEvents.sort((a, b) => a.day - b.day);
  checkBlockBeds(blockChanges);

  // Capacity never starts below the initial occupancy.
  for (let c = 0; c < CATEGORY_COUNT; c++) {
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

  // Epochs: the start, every month start, and every day a modifier starts or stops acting.
  const epochDays = new Set<number>([startDay]);
  for (let d = nextMonthStartDay(startDay); d <= endDay; d = nextMonthStartDay(d)) epochDays.add(d);
  for (const d of changeDays) if (d > startDay && d <= endDay) epochDays.add(d);
  const sortedDays = [...epochDays].sort((a, b) => a - b);

  const hazardTables: HazardTable[] = [];
  const denseVersions: Float64Array[] = [];
  const epochs: Epoch[] = [];
  const inflationIndex = PLACEMENT_CATEGORIES.map(() => 1);
  const inflationRate = PLACEMENT_CATEGORIES.map(() => baseInflation);
  let monthFactor = PLACEMENT_CATEGORIES.map(() => 1);
  let lastDay = startDay;
  let previousDense: Float64Array | null = null;
  for (const day of sortedDays) {
    // Hazards.
    const dense = new Float64Array(baseRates);
    for (const hm of hazardMods) {
      const f = rampShare(hm.w, day);
      if (f === 0) continue;
      for (let u = 0; u < 2; u++) {
        if (hm.uasc >= 0 && hm.uasc !== u) continue;
        for (let c = 0; c < CATEGORY_COUNT; c++) {
          if (hm.from && !hm.from.includes(c)) continue;
          for (let b = 0; b < AGE_BAND_COUNT; b++) {
            if (hm.bands && !hm.bands.includes(b)) continue;
            for (let d = 0; d < nDur; d++) {
              const base = hazardCell(u, c, b, d, nDur) * TARGET_COUNT;
              for (let t = 0; t < TARGET_COUNT; t++) {
                if (t === c || (t < EXIT_TARGET_OFFSET && !isOpenToBand(t, b))) continue;
                if (hm.targets ? !hm.targets.includes(t) : hasRow[base + t] === 0) continue;
                const cur = dense[base + t]!;
                dense[base + t] = Math.max(0, cur + f * (applyEffect(hm.effect, cur) - cur));
              }
            }
          }
        }
      }
    }
    let version = denseVersions.findIndex((v) => sameArray(v, dense));
    if (version < 0) {
      version = denseVersions.length;
      denseVersions.push(dense);
      hazardTables.push(sparseTable(dense, nCells));
    }
    let hazardChanged: Uint8Array | null = null;
    if (previousDense && previousDense !== denseVersions[version]) {
      hazardChanged = new Uint8Array(nCells);
      for (let cell = 0; cell < nCells; cell++) {
        for (let t = 0; t < TARGET_COUNT; t++) {
          if (previousDense[cell * TARGET_COUNT + t] !== dense[cell * TARGET_COUNT + t]) {
            hazardChanged[cell] = 1;
            break;
          }
        }
      }
    }
    previousDense = denseVersions[version]!;

    // Entries: the trend is evaluated at the start of the calendar month.
    const trendYears = (monthStartOf(day, startDay) - startDay) / DAYS_PER_YEAR;
    const trend = Math.pow(1 + trendPerYear, trendYears);
    const entryPerDay = new Float64Array(ENTRY_CELL_COUNT);
    for (let k = 0; k < ENTRY_CELL_COUNT; k++) entryPerDay[k] = (baseEntryPerYear[k]! * (entryCellUasc(k) === 0 ? trend : 1)) / DAYS_PER_YEAR;
    for (const em of entryMods) {
      const f = rampShare(em.w, day);
      if (f === 0) continue;
      if (em.effect.kind === 'multiply') {
        for (const k of em.cells) entryPerDay[k] = entryPerDay[k]! * (1 + f * (em.effect.value - 1));
      } else {
        let total = 0;
        for (const k of em.cells) total += entryPerDay[k]!;
        const targetTotal = Math.max(0, (em.effect.kind === 'add' ? total * DAYS_PER_YEAR + em.effect.value : em.effect.value) / DAYS_PER_YEAR);
        for (const k of em.cells) {
          const share = total > 0 ? entryPerDay[k]! / total : 1 / em.cells.length;
          const cur = entryPerDay[k]!;
          entryPerDay[k] = Math.max(0, cur + f * (targetTotal * share - cur));
        }
      }
    }

    // Supply.
    const recruitment: number[][] = PLACEMENT_CATEGORIES.map((_, c) => (capacityKind[c] === 2 ? [baseRecruitPerYear[c]! / DAYS_PER_YEAR, placesPerHousehold[c]!] : []));
    for (const rm of recruitMods) {
      const f = rampShare(rm.w, day);
      if (f > 0) recruitment[rm.category]!.push(rm.perDay * f, rm.places);
    }
    const deregistrationPerDay = new Float64Array(CATEGORY_COUNT);
    for (let c = 0; c < CATEGORY_COUNT; c++) deregistrationPerDay[c] = baseDeregPerYear[c]! / DAYS_PER_YEAR;
    for (const rm of retentionMods) {
      const f = rampShare(rm.w, day);
      if (f === 0) continue;
      const cur = deregistrationPerDay[rm.category]!;
      deregistrationPerDay[rm.category] = Math.max(0, cur + f * (applyEffect(rm.effect, cur) - cur));
    }
    const fb = baseFallback.map((o) => o.slice());
    for (const fm of fallbackMods) if (fm.fromDay <= day) fb[fm.category] = fm.order.slice();

    // Costs: inflation compounds daily at the rate in force; the factor is fixed for each month.
    for (let c = 0; c < CATEGORY_COUNT; c++) inflationIndex[c] = inflationIndex[c]! * Math.pow(1 + inflationRate[c]!, (day - lastDay) / DAYS_PER_YEAR);
    lastDay = day;
    const weekly = weeklyCost.slice();
    for (let c = 0; c < CATEGORY_COUNT; c++) inflationRate[c] = baseInflation;
    for (const cm of costMods) {
      if (cm.fromDay > day) continue;
      for (let c = 0; c < CATEGORY_COUNT; c++) {
        if (cm.category >= 0 && cm.category !== c) continue;
        if (cm.effect) weekly[c] = Math.max(0, applyEffect(cm.effect, weekly[c]!));
        if (cm.inflation !== null) inflationRate[c] = cm.inflation;
      }
    }
    if (day === startDay || monthStartOf(day, startDay) === day) monthFactor = inflationIndex.slice();
    const costPerDay = new Float64Array(CATEGORY_COUNT);
    const inflation = new Float64Array(CATEGORY_COUNT);
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      costPerDay[c] = gbpPerPlacementDay(weekly[c]!, monthFactor[c]!);
      inflation[c] = monthFactor[c]!;
    }
    for (let k = 0; k < ENTRY_CELL_COUNT; k++) {
      const u = entryCellUasc(k);
      const b = entryCellAgeBand(k);
      if (entryPerDay[k]! > 0 && !(sum(firstPlacement[u]![b]!) > 0)) {
        throw new ParameterError(
          `${u === 1 ? 'uasc' : 'entries'}.firstPlacement.${AGE_BANDS[b]}`,
          `expected placement weights for age band ${AGE_BANDS[b]}, which has entries from ${dayToIso(day)} (a modifier adds them)`,
        );
      }
    }
    epochs.push({ day, hazard: version, hazardChanged, entryPerDay, recruitment, deregistrationPerDay, fallback: fb, costPerDay, inflation });
  }

  const moveKeys = reachableMoves(hazardTables, durationCaps, epochs, capacityKind, lastResort, waitForPreferred);

  return {
    warnings,
    startDay,
    endDay,
    snapshotDays,
    dates,
    durationBoundsDays,
    durationBandCount: nDur,
    capacityKind,
    initialBeds,
    initialHouseholds,
    placesPerHousehold,
    initialBlockPerDay,
    capacityEvents,
    lastResort,
    waitForPreferred,
    outOfAreaProbability,
    ageOutWeights,
    maleShare,
    uascMaleShare,
    routeWeights,
    firstPlacement,
    initialCells,
    initialChildren,
    hazardTables,
    epochs,
    durationCaps,
    moveKeys,
  };
}

/** The first day of the month containing `day`, but never before the start. */
/** A capacity modifier with a block cost: `change` beds at `weekly` GBP per week per bed, from `day` (clamped to the start). */
interface BlockChange {
  day: number;
  category: number;
  weekly: number;
  change: number;
  path: string;
}

// A block cost is charged on the net block beds at each price, so a reduction may only give back beds
// that are held at its price on its date; otherwise the cost would go below zero.
function checkBlockBeds(changes: BlockChange[]): void {
  const byBlock = new Map<string, BlockChange[]>();
  for (const b of changes) {
    const key = `${b.category}|${b.weekly}`;
    const list = byBlock.get(key) ?? [];
    list.push(b);
    byBlock.set(key, list);
  }
  for (const list of byBlock.values()) {
    list.sort((a, b) => a.day - b.day);
    let held = 0;
    for (let k = 0; k < list.length; ) {
      const day = list[k]!.day;
      let first = k;
      for (; k < list.length && list[k]!.day === day; k++) held += list[k]!.change;
      if (held >= 0) continue;
      while (list[first]!.change > 0) first++;
      const b = list[first]!;
      throw new ParameterError(
        `${b.path}.weeklyCostPerBed`,
        `on ${dayToIso(day)} the ${PLACEMENT_CATEGORIES[b.category]} block beds at ${b.weekly} GBP per week would fall to ${held}; expected to remove only block beds added earlier at the same weeklyCostPerBed, or no weeklyCostPerBed on the reduction`,
      );
    }
  }
}

function monthStartOf(day: number, startDay: number): number {
  return Math.max(startDay, monthStartDay(day));
}

function addWindowDays(days: Set<number>, w: Window): void {
  days.add(w.fromDay);
  if (Number.isFinite(w.untilDay)) days.add(w.untilDay);
}

function sameArray(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sparseTable(dense: Float64Array, nCells: number): HazardTable {
  const total = new Float64Array(nCells);
  const start = new Int32Array(nCells + 1);
  let n = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i]! > 0) n++;
  const target = new Int8Array(n);
  const rate = new Float64Array(n);
  let k = 0;
  for (let cell = 0; cell < nCells; cell++) {
    start[cell] = k;
    let sum = 0;
    for (let t = 0; t < TARGET_COUNT; t++) {
      const r = dense[cell * TARGET_COUNT + t]!;
      if (r > 0) {
        target[k] = t;
        rate[k] = r;
        sum += r;
        k++;
      }
    }
    total[cell] = sum;
  }
  start[nCells] = k;
  const signature = new Int32Array(nCells);
  const seen = new Map<string, number>();
  for (let cell = 0; cell < nCells; cell++) {
    const parts: number[] = [];
    for (let i = start[cell]!; i < start[cell + 1]!; i++) parts.push(target[i]!, rate[i]!);
    const key = parts.join(',');
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    signature[cell] = id;
  }
  return { total, start, target, rate, signature };
}

/** Every [from, to] move the placement rules can produce, so outputs carry a fixed set of keys. */
function reachableMoves(
  tables: HazardTable[],
  caps: CompiledDurationCap[],
  epochs: Epoch[],
  capacityKind: number[],
  lastResort: number,
  waitForPreferred: boolean,
): [number, number][] {
  const outcomes: Set<number>[] = PLACEMENT_CATEGORIES.map((_, c) => {
    const s = new Set<number>([c]);
    if (capacityKind[c] !== 0) {
      for (const e of epochs) for (const q of e.fallback[c]!) s.add(q);
      s.add(lastResort);
    }
    return s;
  });
  const pairs = new Set<number>();
  const request = (from: number, preferred: number): void => {
    for (const q of outcomes[preferred]!) if (q !== from) pairs.add(from * CATEGORY_COUNT + q);
  };
  for (const t of tables) {
    for (let cell = 0; cell < t.total.length; cell++) {
      const from = hazardCellCategory(cell, t.total.length / hazardCellCount(1));
      for (let k = t.start[cell]!; k < t.start[cell + 1]!; k++) if (t.target[k]! < EXIT_TARGET_OFFSET) request(from, t.target[k]!);
    }
  }
  for (const cap of caps) if (cap.target < EXIT_TARGET_OFFSET) request(cap.category, cap.target);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    if (capacityKind[c] === 0) continue;
    request(c, c);
    if (waitForPreferred) for (const q of outcomes[c]!) if (q !== c) pairs.add(q * CATEGORY_COUNT + c);
  }
  return [...pairs].sort((a, b) => a - b).map((k) => [Math.floor(k / CATEGORY_COUNT), k % CATEGORY_COUNT]);
}
