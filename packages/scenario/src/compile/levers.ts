import { addMonths, type Effect, type Modifier, type ModelParameters, type ModifierWindow, type PlacementCategory } from '@carecast/engine';
import type { DocPath } from '../errors.js';
import type { EntryFilter, Lever, LeverWindow } from '../file/levers.js';
import type { UnitReader } from './model.js';
import { compileCareLeaverAccommodation, compileStayingPut } from './care-leaver-levers.js';
import { checkDate, MAX_HORIZON_MONTHS } from './dates.js';
import { checkFallbackOrder } from './shares.js';
import { parseMonths } from './units.js';
import {
  ageWords,
  categoryWords,
  exitWords,
  typeOfCareWords,
  list,
  moneyWords,
  numberWords,
  percentWords,
  routeWords,
} from './words.js';

/** Which lever (and which of its settings) an engine modifier came from, to place engine errors. */
export interface ModifierOrigin {
  lever: number;
  /** Modifier field -> lever setting, e.g. `afterDays` -> `after`. */
  fields: Readonly<Record<string, string>>;
}

export interface CompiledLevers {
  modifiers: Modifier[];
  origins: ModifierOrigin[];
  /** One sentence per lever, for reports. */
  words: string[];
}

interface Context {
  u: UnitReader;
  start: string;
  end: string;
  params: ModelParameters;
}

const WINDOW_FIELDS = { from: 'from', until: 'until', rampMonths: 'ramp' } as const;

/** The lever's window, checked against the horizon. */
function windowOf(ctx: Context, path: DocPath, l: Pick<LeverWindow, 'from' | 'until' | 'ramp'>): ModifierWindow {
  // A bad date is reported and replaced by the start, so nothing later does arithmetic with it.
  const fromOk = checkDate(ctx.u.issues, [...path, 'from'], l.from);
  const w: ModifierWindow = { from: fromOk ? l.from : ctx.start };
  if (fromOk && (l.from < ctx.start || l.from > ctx.end)) {
    ctx.u.issues.add([...path, 'from'], `${l.from} is outside the horizon ${ctx.start} to ${ctx.end}; expected a date within it`);
  }
  if (l.until !== undefined && checkDate(ctx.u.issues, [...path, 'until'], l.until)) {
    if (fromOk && l.until <= l.from) ctx.u.issues.add([...path, 'until'], `${l.until} is not after from (${l.from}); expected a later date`);
    else if (l.until > ctx.end) {
      ctx.u.issues.add(
        [...path, 'until'],
        `${l.until} is after the end of the horizon (${ctx.end}); expected a date within it, or leave until out to keep the lever on`,
      );
    } else w.until = l.until;
  }
  if (l.ramp !== undefined) {
    const r = parseMonths(l.ramp);
    if (!r.ok) ctx.u.issues.add([...path, 'ramp'], r.message);
    else if (r.value > MAX_HORIZON_MONTHS) ctx.u.issues.add([...path, 'ramp'], `${String(l.ramp)} is longer than 50 years; expected a ramp within the horizon`);
    else if (r.value > 0) w.rampMonths = r.value;
  }
  return w;
}

function whenWords(w: ModifierWindow): string {
  let s = ` from ${w.from}`;
  if (w.until !== undefined) s += ` until ${w.until}`;
  if (w.rampMonths !== undefined) s += `, full effect after ${numberWords(w.rampMonths)} month${w.rampMonths === 1 ? '' : 's'}`;
  return s;
}

function entryFilter(f: EntryFilter): Pick<Extract<Modifier, { kind: 'entries' }>, 'routes' | 'ageBands' | 'uasc'> {
  const out: Pick<Extract<Modifier, { kind: 'entries' }>, 'routes' | 'ageBands' | 'uasc'> = {};
  if (f.routes !== undefined && f.routes !== 'all') out.routes = [...f.routes];
  if (f.ageBands !== undefined) out.ageBands = [...f.ageBands];
  if (f.uasc !== undefined) out.uasc = f.uasc;
  return out;
}

function entryWords(f: EntryFilter): string {
  const routes = f.routes !== undefined && f.routes !== 'all' ? `${list(f.routes.map(routeWords), 'and')} ` : '';
  const who = f.uasc === true ? 'UASC ' : f.uasc === false ? 'non-UASC ' : '';
  return `${routes}${who}entries${ageWords(f.ageBands)}`;
}

function exactlyOne(ctx: Context, path: DocPath, lever: object, keys: readonly string[]): string | undefined {
  const given = keys.filter((k) => (lever as Record<string, unknown>)[k] !== undefined);
  if (given.length === 1) return given[0];
  ctx.u.issues.add(
    path,
    given.length === 0 ? `expected one of ${list(keys, 'or')}` : `give only one of ${list(keys, 'or')}, not ${list(given)}`,
  );
  return undefined;
}

function checkHouseholds(ctx: Context, path: DocPath, category: PlacementCategory): void {
  const spec = ctx.params.supply.capacity[category];
  if (spec === undefined || !('households' in spec)) {
    ctx.u.issues.add(
      [...path, 'category'],
      `${category} has no foster households in model.supply.capacity; expected a category with households`,
    );
  }
}

function checkCapacityLimited(ctx: Context, path: DocPath, category: PlacementCategory): void {
  if (ctx.params.supply.capacity[category] === undefined) {
    ctx.u.issues.add(
      [...path, 'category'],
      `${category} is not capacity-limited; give it beds in model.supply.capacity first`,
    );
  }
}

/** The `lever_cost` category of a lever's cost: its label, or its kind when it has none. */
function costLabel(ctx: Context, path: DocPath, lever: Lever): string {
  const label = lever.label?.trim() || lever.lever;
  if (label === 'total') ctx.u.issues.add([...path, 'label'], 'a lever with a cost may not be labelled "total" (the lever_cost series has its own total); expected another label');
  return label;
}

/** Splits `total` beds into whole steps, one per month over the ramp. */
function bedSteps(total: number, rampMonths: number | undefined): number[] {
  const n = rampMonths === undefined ? 1 : Math.max(1, Math.round(rampMonths));
  const steps: number[] = [];
  for (let k = 1; k <= n; k++) steps.push(Math.round((k * total) / n) - Math.round(((k - 1) * total) / n));
  return steps;
}

function compileOne(ctx: Context, lever: Lever, index: number, out: CompiledLevers): void {
  const path: DocPath = ['levers', index];
  const u = ctx.u;
  const push = (m: Modifier, fields: Record<string, string> = {}) => {
    out.modifiers.push(m);
    out.origins.push({ lever: index, fields: { ...WINDOW_FIELDS, ...fields } });
  };
  let what: string;
  let w: ModifierWindow;
  switch (lever.lever) {
    case 'reduce-entries': {
      w = windowOf(ctx, path, lever);
      const by = u.percentage([...path, 'by'], lever.by, 'cut');
      push({ kind: 'entries', ...w, ...entryFilter(lever), effect: { multiply: 1 - by } }, { effect: 'by' });
      what = `${entryWords(lever)} cut by ${percentWords(by)}`;
      break;
    }
    case 'change-entries': {
      w = windowOf(ctx, path, lever);
      const key = exactlyOne(ctx, path, lever, ['add', 'set']);
      const v = key === undefined ? 0 : u.rate([...path, key], lever[key as 'add' | 'set'], key === 'add');
      const effect: Effect = key === 'set' ? { set: v } : { add: v };
      push({ kind: 'entries', ...w, ...entryFilter(lever), effect }, { effect: key ?? 'add' });
      what =
        key === 'set'
          ? `${entryWords(lever)} set to ${numberWords(v)} a year`
          : `${entryWords(lever)} ${v >= 0 ? 'up' : 'down'} by ${numberWords(Math.abs(v))} a year`;
      break;
    }
    case 'uasc-arrivals': {
      w = windowOf(ctx, path, lever);
      const key = exactlyOne(ctx, path, lever, ['perYear', 'add']);
      const v = key === undefined ? 0 : u.rate([...path, key], lever[key as 'perYear' | 'add'], key === 'add');
      if (ctx.params.uasc === undefined) {
        u.issues.add([...path, 'lever'], 'the model has no uasc section; add model.uasc (perYear, ageBandShares, firstPlacement) first');
      }
      push({ kind: 'entries', ...w, uasc: true, effect: key === 'perYear' ? { set: v } : { add: v } }, { effect: key ?? 'perYear' });
      what =
        key === 'perYear'
          ? `UASC arrivals set to ${numberWords(v)} a year`
          : `UASC arrivals ${v >= 0 ? 'up' : 'down'} by ${numberWords(Math.abs(v))} a year`;
      break;
    }
    case 'recruit-foster-carers': {
      w = windowOf(ctx, path, lever);
      const category = lever.category ?? 'inhouse_foster';
      checkHouseholds(ctx, path, category);
      const extra = u.rate([...path, 'extraHouseholdsPerYear'], lever.extraHouseholdsPerYear);
      const m: Modifier = { kind: 'recruitment', ...w, category, extraHouseholdsPerYear: extra };
      if (lever.placesPerHousehold !== undefined) m.placesPerHousehold = lever.placesPerHousehold;
      let costWords = '';
      if (lever.costPerHousehold !== undefined) {
        m.costPerHousehold = u.leverCost([...path, 'costPerHousehold'], lever.costPerHousehold, 'per household');
        m.costLabel = costLabel(ctx, path, lever);
        costWords = `, at ${moneyWords(m.costPerHousehold)} each to recruit and assess`;
      }
      push(m, { costPerHousehold: 'costPerHousehold', costLabel: 'label' });
      const places = lever.placesPerHousehold === undefined ? '' : ` (${lever.placesPerHousehold} place${lever.placesPerHousehold === 1 ? '' : 's'} each)`;
      what = `${numberWords(extra)} extra ${categoryWords(category)} households approved a year${places}${costWords}`;
      break;
    }
    case 'retain-foster-carers': {
      w = windowOf(ctx, path, lever);
      const category = lever.category ?? 'inhouse_foster';
      checkHouseholds(ctx, path, category);
      const by = u.percentage([...path, 'by'], lever.by, 'change');
      const m: Modifier = { kind: 'retention', ...w, category, effect: { multiply: 1 + by } };
      let costWords = '';
      if (lever.costPerHouseholdYear !== undefined) {
        m.costPerHouseholdYear = u.leverCost([...path, 'costPerHouseholdYear'], lever.costPerHouseholdYear, 'per household-year');
        m.costLabel = costLabel(ctx, path, lever);
        costWords = `, at ${moneyWords(m.costPerHouseholdYear)} a year per household`;
      }
      push(m, { effect: 'by', costPerHouseholdYear: 'costPerHouseholdYear', costLabel: 'label' });
      what = `${categoryWords(category)} carers de-register ${by <= 0 ? `${percentWords(-by)} less` : `${percentWords(by)} more`} often${costWords}`;
      break;
    }
    case 'service-cost': {
      w = windowOf(ctx, path, lever);
      const gbpPerYear = u.leverCost([...path, 'cost'], lever.cost, 'per year');
      push({ kind: 'service-cost', ...w, gbpPerYear, costLabel: costLabel(ctx, path, lever) }, { gbpPerYear: 'cost', costLabel: 'label' });
      what = `a service costing ${moneyWords(gbpPerYear)} a year`;
      break;
    }
    case 'add-capacity':
    case 'remove-capacity': {
      w = windowOf(ctx, path, lever);
      checkCapacityLimited(ctx, path, lever.category);
      const sign = lever.lever === 'add-capacity' ? 1 : -1;
      const cost = lever.lever === 'add-capacity' && lever.weeklyCostPerBed !== undefined
        ? u.money([...path, 'weeklyCostPerBed'], lever.weeklyCostPerBed)
        : undefined;
      const placementCostToo = lever.lever === 'add-capacity' && cost !== undefined && lever.placementCostToo === true;
      const fields = { date: 'from', change: 'beds', category: 'category', weeklyCostPerBed: 'weeklyCostPerBed', placementCostToo: 'placementCostToo' };
      const steps = bedSteps(lever.beds, w.rampMonths);
      steps.forEach((beds, k) => {
        if (beds === 0) return;
        const date = k === 0 ? w.from : addMonths(w.from, k);
        if (w.until !== undefined && date >= w.until) return;
        const m: Modifier = { kind: 'capacity', date, category: lever.category, change: sign * beds };
        if (cost !== undefined) m.weeklyCostPerBed = cost;
        if (placementCostToo) m.placementCostToo = true;
        push(m, fields);
      });
      if (w.until !== undefined) {
        const opened = steps.filter((_, k) => k === 0 || addMonths(w.from, k) < w.until!).reduce((a, b) => a + b, 0);
        // The same weeklyCostPerBed on the closing change gives the block beds back, so the engine stops their cost.
        const close: Modifier = { kind: 'capacity', date: w.until, category: lever.category, change: -sign * opened };
        if (cost !== undefined) close.weeklyCostPerBed = cost;
        if (placementCostToo) close.placementCostToo = true;
        push(close, { ...fields, date: 'until' });
      }
      const costWords =
        cost === undefined ? '' : ` at ${moneyWords(cost)} a week each${placementCostToo ? ', plus the weekly cost of each child placed in them' : ' (block contract: no further cost per child placed)'}`;
      what = `${lever.beds} ${sign > 0 ? 'more' : 'fewer'} ${categoryWords(lever.category)} beds${costWords}`;
      break;
    }
    case 'scale-transition': {
      w = windowOf(ctx, path, lever);
      const key = exactlyOne(ctx, path, lever, ['multiply', 'by', 'add']);
      let effect: Effect = { multiply: 1 };
      let how = '';
      if (key === 'multiply') {
        effect = { multiply: lever.multiply! };
        how = `multiplied by ${numberWords(lever.multiply!)}`;
      } else if (key === 'by') {
        const by = u.percentage([...path, 'by'], lever.by, 'change');
        effect = { multiply: 1 + by };
        how = `${by >= 0 ? 'up' : 'down'} ${percentWords(Math.abs(by))}`;
      } else if (key === 'add') {
        const add = u.hazard([...path, 'add'], lever.add, true);
        effect = { add };
        how = `${add >= 0 ? 'raised' : 'lowered'} by ${numberWords(Math.abs(add))} per child-year (never below zero)`;
      }
      const m: Modifier = { kind: 'hazard', ...w, effect };
      if (lever.fromCategories !== undefined) m.fromCategories = [...lever.fromCategories];
      if (lever.toCategories !== undefined) m.toCategories = [...lever.toCategories];
      if (lever.toTypesOfCare !== undefined) m.toTypesOfCare = [...lever.toTypesOfCare];
      if (lever.exits !== undefined) m.exits = [...lever.exits];
      if (lever.ageBands !== undefined) m.ageBands = [...lever.ageBands];
      if (lever.uasc !== undefined) m.uasc = lever.uasc;
      push(m, { effect: key ?? 'multiply' });
      const from = lever.fromCategories === undefined ? '' : ` from ${list(lever.fromCategories.map(categoryWords), 'or')}`;
      const parts: string[] = [];
      if (lever.toCategories !== undefined || lever.toTypesOfCare !== undefined) {
        const to = [...(lever.toCategories ?? []).map(categoryWords), ...(lever.toTypesOfCare ?? []).map(typeOfCareWords)];
        parts.push(`moves${from} to ${list(to, 'or')}`);
      }
      if (lever.exits !== undefined) parts.push(`exits${from} to ${list(lever.exits.map(exitWords), 'or')}`);
      const which = parts.length > 0 ? list(parts) : `moves and exits${from}`;
      what = `${which}${ageWords(lever.ageBands)} ${how}`;
      break;
    }
    case 'duration-cap': {
      w = windowOf(ctx, path, lever);
      const afterDays = u.days([...path, 'after'], lever.after);
      const probability = u.percentage([...path, 'probability'], lever.probability, 'probability');
      const to = 'category' in lever.to ? { category: lever.to.category } : 'typeOfCare' in lever.to ? { typeOfCare: lever.to.typeOfCare } : { exit: lever.to.exit };
      if ('category' in to && to.category === lever.category) {
        u.issues.add([...path, 'to'], `a cap on ${lever.category} must move children elsewhere; expected another category or an exit`);
      }
      const m: Modifier = { kind: 'duration-cap', ...w, category: lever.category, afterDays, probability, to };
      if (lever.ageBands !== undefined) m.ageBands = [...lever.ageBands];
      push(m, { afterDays: 'after', probability: 'probability', to: 'to', category: 'category' });
      const dest =
        'category' in to ? `move to ${categoryWords(to.category)}` : 'typeOfCare' in to ? `move to ${typeOfCareWords(to.typeOfCare)}` : `leave care (${exitWords(to.exit)})`;
      what = `children${ageWords(lever.ageBands)} in ${categoryWords(lever.category)} for ${numberWords(afterDays)} days ${dest} with probability ${percentWords(probability)}`;
      break;
    }
    case 'change-cost': {
      w = windowOf(ctx, path, { from: lever.from });
      const given = (['by', 'add', 'set'] as const).filter((k) => lever[k] !== undefined);
      if (given.length > 1) u.issues.add(path, `give only one of by, add or set, not ${list(given)}`);
      if (given.length === 0 && lever.inflationPerYear === undefined) u.issues.add(path, 'expected by, add, set or inflationPerYear');
      const m: Modifier = { kind: 'cost', from: w.from };
      if (lever.category !== undefined) m.category = lever.category;
      const parts: string[] = [];
      const whose = lever.category === undefined ? 'every placement' : categoryWords(lever.category);
      const key = given[0];
      if (key === 'by') {
        const by = u.percentage([...path, 'by'], lever.by, 'change');
        m.effect = { multiply: 1 + by };
        parts.push(`weekly cost of ${whose} ${by >= 0 ? 'up' : 'down'} ${percentWords(Math.abs(by))}`);
      } else if (key === 'add') {
        const add = u.money([...path, 'add'], lever.add, true);
        m.effect = { add };
        parts.push(`weekly cost of ${whose} ${add >= 0 ? 'up' : 'down'} by ${moneyWords(Math.abs(add))}`);
      } else if (key === 'set') {
        const set = u.money([...path, 'set'], lever.set);
        m.effect = { set };
        parts.push(`weekly cost of ${whose} set to ${moneyWords(set)}`);
      }
      if (lever.inflationPerYear !== undefined) {
        m.inflationPerYear = u.percentage([...path, 'inflationPerYear'], lever.inflationPerYear, 'change');
        parts.push(`cost inflation ${percentWords(m.inflationPerYear)} a year`);
      }
      push(m, { effect: key ?? 'by', inflationPerYear: 'inflationPerYear', category: 'category' });
      what = list(parts);
      break;
    }
    case 'fallback-order': {
      w = windowOf(ctx, path, { from: lever.from, ...(lever.until !== undefined ? { until: lever.until } : {}) });
      checkFallbackOrder(u.issues, [...path, 'order'], lever.category, lever.order);
      push({ kind: 'fallback', from: w.from, category: lever.category, order: [...lever.order] }, { order: 'order', category: 'category' });
      if (w.until !== undefined) {
        const base = ctx.params.supply.fallback[lever.category] ?? [];
        push({ kind: 'fallback', from: w.until, category: lever.category, order: [...base] }, { from: 'until', order: 'order' });
      }
      what = `when ${categoryWords(lever.category)} is full, try ${list(lever.order.map(categoryWords), 'then') || 'nothing else'}`;
      break;
    }
    case 'staying-put':
      w = windowOf(ctx, path, lever);
      what = compileStayingPut(u, path, lever, w, push);
      break;
    case 'care-leaver-accommodation':
      w = windowOf(ctx, path, lever);
      what = compileCareLeaverAccommodation(u, path, lever, w, push);
      break;
  }
  const label = lever.label?.trim();
  const sentence = `${what}${whenWords(w)}`;
  out.words.push(label ? `${label}: ${sentence}` : sentence.charAt(0).toUpperCase() + sentence.slice(1));
}

/** Engine modifiers, their origins and one sentence per lever; problems go to the reader's issue list. */
export function compileLevers(
  u: UnitReader,
  levers: readonly Lever[],
  horizon: { start: string; end: string },
  params: ModelParameters,
): CompiledLevers {
  const out: CompiledLevers = { modifiers: [], origins: [], words: [] };
  const ctx: Context = { u, ...horizon, params };
  levers.forEach((lever, i) => compileOne(ctx, lever, i, out));
  return out;
}
