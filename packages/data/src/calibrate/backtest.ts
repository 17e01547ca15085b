import {
  PLACEMENT_CATEGORIES,
  addMonths,
  dayToIso,
  isoToDay,
  simulate,
  summarise,
  type ModelParameters,
  type PlacementCategory,
} from '@carecast/engine';
import type { CareSpell } from '../clean/spells.js';
import { calibrate, type CalibrateOptions } from './calibrate.js';

/** Children in care at the end of `isoDate`, by placement category; null when the data stop before it. */
export function stockOn(spells: Iterable<CareSpell>, isoDate: string): Record<PlacementCategory, number> | null {
  const to = isoToDay(isoDate) + 1;
  const out = Object.fromEntries(PLACEMENT_CATEGORIES.map((c) => [c, 0])) as Record<PlacementCategory, number>;
  let observed = false;
  for (const s of spells) {
    if (s.observedUntil >= to) observed = true;
    if (s.start >= to) continue;
    for (const p of s.periods) {
      if (p.start >= to) break;
      const open = p.end === null;
      if ((open && s.observedUntil >= to) || (!open && p.end! >= to)) out[p.category]++;
    }
  }
  return observed ? out : null;
}

export interface BacktestOptions extends Omit<CalibrateOptions, 'horizonYears'> {
  /** Years forecast after the reference window. */
  years: number;
  replications: number;
  seed: number;
  workers?: number;
  /** Supply settings to use instead of the template (SSDA903 holds none): the forecast otherwise runs unconstrained by capacity. */
  supply?: ModelParameters['supply'];
}

export interface BacktestRow {
  /** A 31 March after the reference window. */
  date: string;
  category: PlacementCategory | 'total';
  forecastMean: number;
  forecastP05: number;
  forecastP95: number;
  actual: number;
  /** forecastMean - actual (children). */
  error: number;
  /** Whether the actual lies in the forecast's 5-95% range. */
  within90: boolean;
}

/**
 * Fits the model on the reference window, forecasts the following years by Monte Carlo and compares
 * the forecast stock with the actual stock at each later 31 March, by category.
 */
export async function backtest(spells: readonly CareSpell[], options: BacktestOptions): Promise<{ rows: BacktestRow[]; parameters: ModelParameters; warnings: string[] }> {
  const fit = calibrate(spells, { ...options, horizonYears: options.years });
  const parameters: ModelParameters = { ...fit.parameters };
  // Without local supply figures the template would invent capacity limits; leave supply unlimited.
  parameters.supply = options.supply ?? { capacity: {}, fallback: {} };
  const run = await simulate(parameters, {
    seed: options.seed,
    replications: options.replications,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  });
  const summary = summarise(run).filter((r) => r.metric === 'in_care');
  const rows: BacktestRow[] = [];
  const start = isoToDay(parameters.start);
  for (let k = 1; k <= options.years; k++) {
    const date = dayToIso(isoToDay(addMonths(parameters.start, 12 * k)) - 1);
    if (!date.endsWith('-03-31') || isoToDay(date) < start) continue;
    const actual = stockOn(spells, date);
    if (!actual) continue;
    for (const category of [...PLACEMENT_CATEGORIES, 'total'] as const) {
      const f = summary.find((r) => r.date === date && r.category === category);
      const a = category === 'total' ? Object.values(actual).reduce((x, y) => x + y, 0) : actual[category];
      const mean = f?.mean ?? 0;
      rows.push({
        date,
        category,
        forecastMean: mean,
        forecastP05: f?.p05 ?? 0,
        forecastP95: f?.p95 ?? 0,
        actual: a,
        error: mean - a,
        within90: a >= (f?.p05 ?? 0) && a <= (f?.p95 ?? 0),
      });
    }
  }
  return { rows, parameters, warnings: [...fit.warnings, ...run.warnings] };
}
