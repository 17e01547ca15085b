import { AGE_BAND_COUNT, AGE_BANDS } from '../domain/age-bands.js';
import { ROUTE_COUNT, entryCell, exitTarget, typeTarget } from '../domain/cells.js';
import { TYPES_OF_CARE } from '../domain/types-of-care.js';
import { isTargetOpenToBand } from '../domain/eligibility.js';
import { ENTRY_ROUTES, EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { DAYS_PER_YEAR, dayToIso, isoToDay } from '../dates.js';
import type { CompiledCapacityEvent, CompiledDurationCap } from '../compiled-model.js';
import { ParameterError } from '../parameter-error.js';
import { AGE_BAND, ALL_AGE_BANDS, CATEGORY, EXIT, ROUTE, TYPE_OF_CARE, idList, optionalUasc, targetCode } from './ids-and-targets.js';
import type { Supply } from './supply.js';
import {
  optionalArray,
  optionalBoolean,
  optionalNumber,
  requireCount,
  requireDate,
  requireEffect,
  requireId,
  requireNumber,
  requireProbability,
  requireRecord,
  type CompiledEffect,
} from './validation.js';
import { addWindowDays, windowOf, type Window } from './windows.js';
import { LeverCostLabels, optionalGbp, perDay, type ServiceCost } from './lever-costs.js';

/** `modifiers:` read and checked, by kind; rates per day. */
export interface Modifiers {
  entries: { w: Window; cells: number[]; effect: CompiledEffect }[];
  hazards: { w: Window; from: number[] | null; targets: number[] | null; bands: number[] | null; uasc: number; effect: CompiledEffect }[];
  /** `costLabel` -1: no lever cost; `costPerHousehold` GBP at start prices. */
  recruitment: { w: Window; category: number; perDay: number; places: number; costLabel: number; costPerHousehold: number }[];
  /** `costLabel` -1: no lever cost; `costPerHouseholdDay` GBP at start prices. */
  retention: { w: Window; category: number; effect: CompiledEffect; costLabel: number; costPerHouseholdDay: number }[];
  serviceCosts: ServiceCost[];
  /** Categories of the `lever_cost` series. */
  leverCostLabels: string[];
  costs: { fromDay: number; category: number; effect: CompiledEffect | null; inflation: number | null }[];
  fallbacks: { fromDay: number; category: number; order: number[] }[];
  durationCaps: CompiledDurationCap[];
  /** Capacity changes after the start, by day. */
  capacityEvents: CompiledCapacityEvent[];
  /** Block cost in GBP per day (before inflation) of capacity changes on or before the start. */
  initialBlockPerDay: number[];
  /** Block beds on the start day whose children are charged no placement cost. */
  initialBlockBeds: number[];
  /** Days a modifier starts or stops acting: each starts an epoch. */
  changeDays: Set<number>;
}

/**
 * Reads `modifiers`. A capacity change on or before the start is added to `supply.initialBeds`;
 * block beds are checked never to fall below zero at any price.
 */
export function readModifiers(p: Record<string, unknown>, supply: Supply, startDay: number, endDay: number, warnings: string[]): Modifiers {
  const { capacityKind, initialBeds, placesPerHousehold } = supply;
  const out: Modifiers = {
    entries: [],
    hazards: [],
    recruitment: [],
    retention: [],
    serviceCosts: [],
    leverCostLabels: [],
    costs: [],
    fallbacks: [],
    durationCaps: [],
    capacityEvents: [],
    initialBlockPerDay: Array.from(PLACEMENT_CATEGORIES, () => 0),
    initialBlockBeds: Array.from(PLACEMENT_CATEGORIES, () => 0),
    changeDays: new Set<number>(),
  };
  const blockChanges: BlockChange[] = [];
  const labels = new LeverCostLabels();
  const changeDays = out.changeDays;
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
        out.entries.push({ w, cells, effect });
        addWindowDays(changeDays, w);
        break;
      }
      case 'hazard': {
        const w = windowOf(m, path);
        const from = idList(m['fromCategories'], PLACEMENT_CATEGORIES, `${path}.fromCategories`, CATEGORY);
        const toCats = idList(m['toCategories'], PLACEMENT_CATEGORIES, `${path}.toCategories`, CATEGORY);
        const exits = idList(m['exits'], EXIT_REASONS, `${path}.exits`, EXIT);
        const toTypes = idList(m['toTypesOfCare'], TYPES_OF_CARE, `${path}.toTypesOfCare`, TYPE_OF_CARE);
        const targets = toCats || toTypes || exits ? [...(toCats ?? []), ...Array.from(toTypes ?? [], typeTarget), ...Array.from(exits ?? [], exitTarget)] : null;
        const bands = idList(m['ageBands'], AGE_BANDS, `${path}.ageBands`, AGE_BAND);
        const uasc = optionalUasc(m['uasc'], `${path}.uasc`);
        const effect = requireEffect(m['effect'], `${path}.effect`);
        if (effect.kind !== 'multiply') effect.value /= DAYS_PER_YEAR;
        out.hazards.push({ w, from, targets, bands, uasc, effect });
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
        const placementCostToo = optionalBoolean(m['placementCostToo'], `${path}.placementCostToo`, false);
        // Signed: a reduction with a block cost gives back block beds bought at that price, so the cost stops.
        const blockPerDay = (change * weekly) / 7;
        // Children in block beds pay the block cost only, unless the modifier says the placement cost too.
        const blockBeds = weekly > 0 && !placementCostToo ? change : 0;
        if (weekly > 0 && change !== 0 && day <= endDay) blockChanges.push({ day: Math.max(day, startDay), category, weekly, placementCostToo, change, path });
        if (day <= startDay) {
          initialBeds[category] = initialBeds[category]! + change;
          out.initialBlockPerDay[category] = out.initialBlockPerDay[category]! + blockPerDay;
          out.initialBlockBeds[category] = out.initialBlockBeds[category]! + blockBeds;
        } else if (day <= endDay) {
          out.capacityEvents.push({ day, category, change, blockPerDay, blockBeds });
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
        const cost = optionalGbp(m['costPerHousehold'], `${path}.costPerHousehold`, 'per household');
        const costLabel = cost === undefined ? -1 : labels.indexOf(m['costLabel'], `${path}.costLabel`, 'recruitment');
        out.recruitment.push({ w, category, perDay: perYear / DAYS_PER_YEAR, places, costLabel, costPerHousehold: cost ?? 0 });
        addWindowDays(changeDays, w);
        break;
      }
      case 'retention': {
        const w = windowOf(m, path);
        const category = householdCategory(m['category'], `${path}.category`);
        const effect = requireEffect(m['effect'], `${path}.effect`);
        if (effect.kind !== 'multiply') effect.value /= DAYS_PER_YEAR;
        const cost = optionalGbp(m['costPerHouseholdYear'], `${path}.costPerHouseholdYear`, 'per household-year');
        const costLabel = cost === undefined ? -1 : labels.indexOf(m['costLabel'], `${path}.costLabel`, 'retention');
        out.retention.push({ w, category, effect, costLabel, costPerHouseholdDay: perDay(cost ?? 0) });
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
        const bands = idList(m['ageBands'], AGE_BANDS, `${path}.ageBands`, AGE_BAND) ?? ALL_AGE_BANDS;
        let ageMask = 0;
        for (const b of bands) if (isTargetOpenToBand(target, b)) ageMask |= 1 << b;
        out.durationCaps.push({ category, afterDays, probability, target, ageMask, fromDay: w.fromDay, untilDay: w.untilDay });
        break;
      }
      case 'cost': {
        const fromDay = isoToDay(requireDate(m['from'], `${path}.from`));
        const category = m['category'] === undefined ? -1 : requireId(m['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
        const effect = m['effect'] === undefined ? null : requireEffect(m['effect'], `${path}.effect`);
        const inflation = m['inflationPerYear'] === undefined ? null : requireNumber(m['inflationPerYear'], `${path}.inflationPerYear`, -0.99, 10, 'a yearly rate above -1');
        if (!effect && inflation === null) throw new ParameterError(path, 'expected effect or inflationPerYear');
        out.costs.push({ fromDay, category, effect, inflation });
        changeDays.add(fromDay);
        break;
      }
      case 'fallback': {
        const fromDay = isoToDay(requireDate(m['from'], `${path}.from`));
        const category = requireId(m['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
        const order = idList(m['order'], PLACEMENT_CATEGORIES, `${path}.order`, CATEGORY);
        if (!order) throw new ParameterError(`${path}.order`, 'expected a list of placement categories');
        out.fallbacks.push({ fromDay, category, order });
        changeDays.add(fromDay);
        break;
      }
      case 'service-cost': {
        const w = windowOf(m, path);
        const gbpPerYear = requireNumber(m['gbpPerYear'], `${path}.gbpPerYear`, 0, Infinity, 'GBP per year of zero or more');
        out.serviceCosts.push({ w, perDay: perDay(gbpPerYear), label: labels.indexOf(m['costLabel'], `${path}.costLabel`, 'service') });
        addWindowDays(changeDays, w);
        break;
      }
      case 'staying-put':
      case 'care-leaver-accommodation':
        break; // read by care-leavers.ts
      default:
        throw new ParameterError(
          `${path}.kind`,
          `expected one of entries, hazard, capacity, recruitment, retention, duration-cap, cost, fallback, service-cost, staying-put, care-leaver-accommodation, got ${JSON.stringify(kind)}`,
        );
    }
  });
  out.capacityEvents.sort((a, b) => a.day - b.day);
  checkBlockBeds(blockChanges);
  out.leverCostLabels = labels.labels;
  return out;
}

/** A capacity modifier with a block cost: `change` beds at `weekly` GBP per week per bed, from `day` (clamped to the start). */
interface BlockChange {
  day: number;
  category: number;
  weekly: number;
  placementCostToo: boolean;
  change: number;
  path: string;
}

// A block cost is charged on the net block beds at each price, so a reduction may only give back beds
// that are held at its price on its date; otherwise the cost would go below zero.
function checkBlockBeds(changes: BlockChange[]): void {
  const byBlock = new Map<string, BlockChange[]>();
  for (const b of changes) {
    const key = `${b.category}|${b.weekly}|${b.placementCostToo}`;
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
