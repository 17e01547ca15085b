import { PLACEMENT_CATEGORIES, dayToIso, isoToDay, type PlacementCategory, type SupplyParameters } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import type { CareSpell } from '../clean/spells.js';
import { stockOn } from './backtest.js';
import type { CalibrationResult } from './calibrate.js';
import { reproductionRow, windowParameters, type ReproductionRow } from './supply-fit.js';

// The reproduction check of a calibrated scenario (issue: "a calibrated scenario must reproduce its own
// reference window"): the model, run from the stock at the window's start with the calibrated rates and
// the given supply, against the observed stock at every 31 March in the window, total and by category.

/** Every 31 March (ISO) from the reference window's start to its end, inclusive. */
export function marchDates(window: { referenceStart: string; referenceEnd: string }): string[] {
  const from = isoToDay(window.referenceStart);
  const to = isoToDay(window.referenceEnd);
  const out: string[] = [];
  for (let y = Number(window.referenceStart.slice(0, 4)); y <= Number(window.referenceEnd.slice(0, 4)); y++) {
    const d = isoToDay(`${y}-03-31`);
    if (d >= from && d <= to) out.push(dayToIso(d));
  }
  return out;
}

/** Observed children in care at the end of one 31 March, by category (null: the data stop before it). */
export interface MarchStock {
  date: string;
  stock: Record<PlacementCategory, number> | null;
}

/**
 * The observed stock at every 31 March of a window, counted while spells stream past (`watch`), so the
 * one-pass calibration also yields it. The counting rule is backtest's `stockOn`.
 */
export class MarchStocks {
  readonly dates: string[];
  private readonly sums: Record<PlacementCategory, number>[];
  private readonly seen: boolean[];
  private batch: CareSpell[] = [];

  /** `batchSize`: spells held back before their stocks are added (bounds memory in a one-pass read). */
  constructor(window: { referenceStart: string; referenceEnd: string }, private readonly batchSize = 4096) {
    this.dates = marchDates(window);
    this.sums = this.dates.map(() => Object.fromEntries(PLACEMENT_CATEGORIES.map((c) => [c, 0])) as Record<PlacementCategory, number>);
    this.seen = this.dates.map(() => false);
  }

  add(spell: CareSpell): void {
    this.batch.push(spell);
    if (this.batch.length >= this.batchSize) this.flush();
  }

  *watch(spells: Iterable<CareSpell>): Generator<CareSpell> {
    for (const s of spells) {
      this.add(s);
      yield s;
    }
  }

  /** The stocks counted so far (call after the spells have all passed). */
  stocks(): MarchStock[] {
    this.flush();
    return this.dates.map((date, i) => ({ date, stock: this.seen[i] ? { ...this.sums[i]! } : null }));
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.dates.forEach((date, i) => {
      const s = stockOn(this.batch, date);
      if (!s) return;
      this.seen[i] = true;
      for (const c of PLACEMENT_CATEGORIES) this.sums[i]![c] += s[c];
    });
    this.batch = [];
  }
}

/** One cell of the check: children in care at the end of one 31 March in one category (or in total), observed and simulated. */
export interface ReproductionCell extends ReproductionRow {
  date: string;
}

export interface ReproductionCheck {
  /** The window's start: the simulation begins from the stock observed then. */
  start: string;
  replications: number;
  /** Date by date, categories in PLACEMENT_CATEGORIES order then the total; categories empty in data and model left out. */
  cells: ReproductionCell[];
  /** Cells whose observed count lies in its simulated 90% band. */
  inside: number;
  /** 31 Marches in the window without observed data (the data stop before them): not compared. */
  unobserved: string[];
}

/**
 * Runs the calibrated scenario from the window's start stock to its end (`replications` runs, common
 * seed) and compares the simulated stock at every 31 March in the window with the observed one.
 */
export function reproduceMarches(
  result: CalibrationResult,
  supply: SupplyParameters,
  observed: readonly MarchStock[],
  options: { replications?: number; seed?: number } = {},
): ReproductionCheck {
  const replications = options.replications ?? 50;
  const model = compileModel(windowParameters(result, supply));
  const compared = observed.filter((o) => o.stock !== null && model.dates.includes(o.date));
  const index = compared.map((o) => model.dates.indexOf(o.date));
  // draws[date][category or total][replication]
  const draws = compared.map(() => [...PLACEMENT_CATEGORIES, 'total'].map(() => new Array<number>(replications).fill(0)));
  for (let r = 0; r < replications; r++) {
    const run = runReplication(model, options.seed ?? 1, r);
    PLACEMENT_CATEGORIES.forEach((c, k) => {
      const s = run.series[`in_care|${c}`];
      if (!s) return;
      index.forEach((i, d) => {
        const v = s[i]!;
        const at = draws[d]!;
        at[k]![r] = v;
        at[PLACEMENT_CATEGORIES.length]![r] = at[PLACEMENT_CATEGORIES.length]![r]! + v;
      });
    });
  }
  const cells: ReproductionCell[] = [];
  compared.forEach((o, d) => {
    const stock = o.stock!;
    [...PLACEMENT_CATEGORIES, 'total' as const].forEach((category, k) => {
      const obs = category === 'total' ? PLACEMENT_CATEGORIES.reduce((s, c) => s + stock[c], 0) : stock[category];
      const row = reproductionRow(category, obs, draws[d]![k]!);
      if (row) cells.push({ date: o.date, ...row });
    });
  });
  return {
    start: result.evidence.referenceStart,
    replications,
    cells,
    inside: cells.filter((c) => c.within90).length,
    unobserved: observed.filter((o) => !compared.includes(o)).map((o) => o.date),
  };
}
