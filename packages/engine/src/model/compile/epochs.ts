import { AGE_BANDS } from '../domain/age-bands.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT, entryCellAgeBand, entryCellUasc } from '../domain/cells.js';
import { gbpPerPlacementDay } from '../domain/costs.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { DAYS_PER_YEAR, dayToIso } from '../dates.js';
import { nextMonthStartDay } from '../calendar.js';
import type { Epoch, HazardTable } from '../compiled-model.js';
import { ParameterError } from '../parameter-error.js';
import { sum, type Entries } from './entries.js';
import { changedCells, modifiedHazards, sameArray, sparseTable, type BaseHazards, type HazardChange } from './hazard-tables.js';
import type { Modifiers } from './modifiers.js';
import type { Supply } from './supply.js';
import { applyEffect } from './validation.js';
import { monthStartOf, rampShare } from './windows.js';

/** `costs:` read: GBP per week by category and the yearly inflation rate. */
export interface Costs {
  weeklyCost: number[];
  inflationPerYear: number;
}

export interface EpochInputs {
  startDay: number;
  endDay: number;
  hazards: BaseHazards;
  entries: Entries;
  supply: Supply;
  costs: Costs;
  modifiers: Modifiers;
}

/**
 * The epochs: the start, every month start, and every day a modifier starts or stops acting; each with
 * the rates in force until the next. Equal hazard tables are shared between epochs.
 */
export function buildEpochs(x: EpochInputs): { hazardTables: HazardTable[]; epochs: Epoch[] } {
  const { startDay, endDay, modifiers } = x;
  const epochDays = new Set<number>([startDay]);
  for (let d = nextMonthStartDay(startDay); d <= endDay; d = nextMonthStartDay(d)) epochDays.add(d);
  for (const d of modifiers.changeDays) if (d > startDay && d <= endDay) epochDays.add(d);
  const sortedDays = [...epochDays].sort((a, b) => a - b);

  const hazardTables: HazardTable[] = [];
  const denseVersions: Float64Array[] = [];
  const epochs: Epoch[] = [];
  const inflation = new InflationIndex(x.costs.inflationPerYear, startDay);
  let previousDense: Float64Array | null = null;
  let previousChanges: HazardChange[] | null = null;
  let previousVersion = -1;
  for (const day of sortedDays) {
    const changes = hazardChangesOn(x, day);
    let version: number;
    let hazardChanged: Uint8Array | null = null;
    if (previousChanges !== null && sameChanges(previousChanges, changes)) {
      // The same modifiers at the same shares as the epoch before: the same table (most epochs are
      // month starts with no ramp under way), without building and comparing it again.
      version = previousVersion;
    } else {
      const dense = modifiedHazards(x.hazards, changes);
      version = denseVersions.findIndex((v) => sameArray(v, dense));
      if (version < 0) {
        version = denseVersions.length;
        denseVersions.push(dense);
        hazardTables.push(sparseTable(dense, x.hazards.cells));
      }
      hazardChanged = previousDense && previousDense !== denseVersions[version] ? changedCells(previousDense, dense, x.hazards.cells) : null;
    }
    previousDense = denseVersions[version]!;
    previousChanges = changes;
    previousVersion = version;
    const entryPerDay = entriesOn(x, day);
    const { recruitment, deregistrationPerDay } = supplyOn(x, day);
    // Arrays of each epoch made by loops (60 epochs a projection of Anytown): Array.from is one elements
    // kind in every V8 tier, as the projection needs (README of expected-value, session 21), but 8 times
    // as slow as a loop.
    const fallback: number[][] = [];
    for (const o of x.supply.baseFallback) fallback.push(o.slice());
    for (const fm of modifiers.fallbacks) if (fm.fromDay <= day) fallback[fm.category] = fm.order.slice();
    const { costPerDay, inflation: factor, general } = inflation.costsOn(x, day);
    checkFirstPlacements(x.entries, entryPerDay, day);
    epochs.push({
      day,
      hazard: version,
      hazardChanged,
      entryPerDay,
      recruitment,
      deregistrationPerDay,
      fallback,
      costPerDay,
      inflation: factor,
      ...leverCostsOn(x, day, factor, general),
    });
  }
  return { hazardTables, epochs };
}

/** Whether two days' hazard changes are the same modifiers at the same shares (so the same dense table, `modifiedHazards`). */
function sameChanges(a: readonly HazardChange[], b: readonly HazardChange[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.share !== q.share || p.effect !== q.effect || p.from !== q.from || p.targets !== q.targets || p.bands !== q.bands || p.uasc !== q.uasc) return false;
  }
  return true;
}

/** The hazard modifiers in force on `day`, each with its ramp share. */
export function hazardChangesOn(x: Pick<EpochInputs, 'modifiers'>, day: number): HazardChange[] {
  const changes: HazardChange[] = [];
  for (const hm of x.modifiers.hazards) {
    const share = rampShare(hm.w, day);
    if (share !== 0) changes.push({ from: hm.from, targets: hm.targets, bands: hm.bands, uasc: hm.uasc, share, effect: hm.effect });
  }
  return changes;
}

/** Arrivals per day of each entry cell on `day`: the trend is evaluated at the start of the calendar month. */
export function entriesOn(x: EpochInputs, day: number): Float64Array {
  const trendYears = (monthStartOf(day, x.startDay) - x.startDay) / DAYS_PER_YEAR;
  const trend = Math.pow(1 + x.entries.trendPerYear, trendYears);
  const entryPerDay = new Float64Array(ENTRY_CELL_COUNT);
  for (let k = 0; k < ENTRY_CELL_COUNT; k++) entryPerDay[k] = (x.entries.baseEntryPerYear[k]! * (entryCellUasc(k) === 0 ? trend : 1)) / DAYS_PER_YEAR;
  for (const em of x.modifiers.entries) {
    const f = rampShare(em.w, day);
    if (f === 0) continue;
    if (em.effect.kind === 'multiply') {
      for (const k of em.cells) entryPerDay[k] = entryPerDay[k]! * (1 + f * (em.effect.value - 1));
    } else {
      let total = 0;
      let baseTotal = 0;
      for (const k of em.cells) {
        total += entryPerDay[k]!;
        baseTotal += x.entries.baseEntryPerYear[k]!;
      }
      const targetTotal = Math.max(0, (em.effect.kind === 'add' ? total * DAYS_PER_YEAR + em.effect.value : em.effect.value) / DAYS_PER_YEAR);
      for (const k of em.cells) {
        // Entries are shared as they are now; when an earlier lever cut them to none, as in the model
        // (so ages and routes nobody enters by stay empty); only when the model has none, evenly.
        const share = total > 0 ? entryPerDay[k]! / total : baseTotal > 0 ? x.entries.baseEntryPerYear[k]! / baseTotal : 1 / em.cells.length;
        const cur = entryPerDay[k]!;
        entryPerDay[k] = Math.max(0, cur + f * (targetTotal * share - cur));
      }
    }
  }
  return entryPerDay;
}

/** Recruitment sources and de-registration hazards per day on `day`. */
function supplyOn(x: EpochInputs, day: number): { recruitment: number[][]; deregistrationPerDay: Float64Array } {
  const s = x.supply;
  const recruitment: number[][] = [];
  for (let c = 0; c < CATEGORY_COUNT; c++) recruitment.push(s.capacityKind[c] === 2 ? [s.baseRecruitPerYear[c]! / DAYS_PER_YEAR, s.placesPerHousehold[c]!] : []);
  for (const rm of x.modifiers.recruitment) {
    const f = rampShare(rm.w, day);
    if (f > 0) recruitment[rm.category]!.push(rm.perDay * f, rm.places);
  }
  const deregistrationPerDay = new Float64Array(CATEGORY_COUNT);
  for (let c = 0; c < CATEGORY_COUNT; c++) deregistrationPerDay[c] = s.baseDeregPerYear[c]! / DAYS_PER_YEAR;
  for (const rm of x.modifiers.retention) {
    const f = rampShare(rm.w, day);
    if (f === 0) continue;
    const cur = deregistrationPerDay[rm.category]!;
    deregistrationPerDay[rm.category] = Math.max(0, cur + f * (applyEffect(rm.effect, cur) - cur));
  }
  return { recruitment, deregistrationPerDay };
}

/**
 * Lever costs in force on `day`, in cash prices: a service's GBP per day (inflated as costs without a
 * category), GBP per household-day of retention and GBP per household recruited (inflated as their
 * category). Recruitment costs follow `supplyOn`'s sources one for one (the base source has none).
 */
function leverCostsOn(x: EpochInputs, day: number, factor: Float64Array, general: number): Pick<Epoch, 'serviceCostPerDay' | 'householdCostPerDay' | 'recruitmentCost'> {
  const m = x.modifiers;
  const serviceCostPerDay = new Float64Array(m.leverCostLabels.length);
  for (const sc of m.serviceCosts) serviceCostPerDay[sc.label] = serviceCostPerDay[sc.label]! + sc.perDay * rampShare(sc.w, day) * general;
  const householdCostPerDay: number[][] = [];
  for (let c = 0; c < CATEGORY_COUNT; c++) householdCostPerDay.push([]);
  for (const rm of m.retention) {
    const f = rampShare(rm.w, day);
    if (rm.costLabel >= 0 && f > 0) householdCostPerDay[rm.category]!.push(rm.costLabel, rm.costPerHouseholdDay * f * factor[rm.category]!);
  }
  const recruitmentCost: number[][] = [];
  for (let c = 0; c < CATEGORY_COUNT; c++) recruitmentCost.push(x.supply.capacityKind[c] === 2 ? [-1, 0] : []);
  for (const rm of m.recruitment) {
    if (rampShare(rm.w, day) > 0) recruitmentCost[rm.category]!.push(rm.costLabel, rm.costPerHousehold * factor[rm.category]!);
  }
  return { serviceCostPerDay, householdCostPerDay, recruitmentCost };
}

/** Inflation compounds daily at the rate in force; the factor is fixed for each month. */
class InflationIndex {
  private readonly index = Array.from(PLACEMENT_CATEGORIES, () => 1);
  private readonly rate: number[];
  private monthFactor = Array.from(PLACEMENT_CATEGORIES, () => 1);
  /** The index of costs without a category (services): the base rate and uncategorised cost modifiers. */
  private general = 1;
  private generalRate: number;
  private generalMonthFactor = 1;
  private lastDay: number;

  constructor(
    private readonly baseRate: number,
    startDay: number,
  ) {
    this.rate = Array.from(PLACEMENT_CATEGORIES, () => baseRate);
    this.generalRate = baseRate;
    this.lastDay = startDay;
  }

  /** GBP per placement-day and the inflation factors on `day` (epoch days in order): per category, and without one. */
  costsOn(x: EpochInputs, day: number): { costPerDay: Float64Array; inflation: Float64Array; general: number } {
    for (let c = 0; c < CATEGORY_COUNT; c++) this.index[c] = this.index[c]! * Math.pow(1 + this.rate[c]!, (day - this.lastDay) / DAYS_PER_YEAR);
    this.general *= Math.pow(1 + this.generalRate, (day - this.lastDay) / DAYS_PER_YEAR);
    this.lastDay = day;
    const weekly = x.costs.weeklyCost.slice();
    for (let c = 0; c < CATEGORY_COUNT; c++) this.rate[c] = this.baseRate;
    this.generalRate = this.baseRate;
    for (const cm of x.modifiers.costs) {
      if (cm.fromDay > day) continue;
      if (cm.category < 0 && cm.inflation !== null) this.generalRate = cm.inflation;
      for (let c = 0; c < CATEGORY_COUNT; c++) {
        if (cm.category >= 0 && cm.category !== c) continue;
        if (cm.effect) weekly[c] = Math.max(0, applyEffect(cm.effect, weekly[c]!));
        if (cm.inflation !== null) this.rate[c] = cm.inflation;
      }
    }
    if (day === x.startDay || monthStartOf(day, x.startDay) === day) {
      this.monthFactor = this.index.slice();
      this.generalMonthFactor = this.general;
    }
    const costPerDay = new Float64Array(CATEGORY_COUNT);
    const inflation = new Float64Array(CATEGORY_COUNT);
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      costPerDay[c] = gbpPerPlacementDay(weekly[c]!, this.monthFactor[c]!);
      inflation[c] = this.monthFactor[c]!;
    }
    return { costPerDay, inflation, general: this.generalMonthFactor };
  }
}

/** Every entry cell with arrivals on `day` needs first-placement weights (a modifier may add arrivals). */
function checkFirstPlacements(entries: Entries, entryPerDay: Float64Array, day: number): void {
  for (let k = 0; k < ENTRY_CELL_COUNT; k++) {
    const u = entryCellUasc(k);
    const b = entryCellAgeBand(k);
    if (entryPerDay[k]! > 0 && !(sum(entries.firstPlacement[u]![b]!) > 0)) {
      throw new ParameterError(
        `${u === 1 ? 'uasc' : 'entries'}.firstPlacement.${AGE_BANDS[b]}`,
        `expected placement weights for age band ${AGE_BANDS[b]}, which has entries from ${dayToIso(day)} (a modifier adds them)`,
      );
    }
  }
}
