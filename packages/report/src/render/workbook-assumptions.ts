import type { Results } from '@carecast/engine';
import { assumptionsOf, type CapacityAssumption } from '../assumptions.js';
import { swatchOf, sortIds } from '../palette.js';
import { LEVER_COST, runRows } from '../rows.js';
import { scenarioRuns } from '../scenarios.js';
import type { WorkbookSheet } from './workbook-sheet.js';

const GBP = '£#,##0';
const WHOLE = '#,##0';
const ONE_DP = '#,##0.0';
const PERCENT = '0.0%';

type Cell = string | number | null;

/**
 * The assumptions table of the Assumptions sheet: one column per scenario (baseline first), a row per
 * unit cost (GBP per week per placement), inflation and price base, capacity at the start (beds, or
 * households with places, recruitment, de-registration and matching), the levers in words and, when the
 * results price them, each lever's cost over the horizon. Nothing when the results record no assumptions.
 */
export function addAssumptionRows(sheet: WorkbookSheet, results: Results): void {
  const all = assumptionsOf(results);
  if (all.length === 0) return;
  sheet.addRow([]);
  sheet.addRow(['Assumption', 'Unit', ...all.map((a) => a.scenario)], { bold: true });
  const add = (label: string, unit: string, values: readonly Cell[], numFmt?: string) => {
    const row = sheet.addRow([label, unit, ...values], { wrapTop: true });
    if (numFmt) values.forEach((_, i) => row.numFmt(3 + i, numFmt));
  };
  add('Price base', 'date', all.map((a) => a.priceBase));
  add('Inflation of unit costs (compounded from the price base: costs are cash prices)', 'per year', all.map((a) => a.inflationPerYear), PERCENT);
  const categories = sortIds('category', all.flatMap((a) => Object.keys(a.weeklyCostGbp)));
  for (const c of categories) add(`Unit cost: ${swatchOf('category', c).label}`, 'GBP per week per placement', all.map((a) => a.weeklyCostGbp[c as keyof typeof a.weeklyCostGbp] ?? null), GBP);
  const capacity = sortIds('category', all.flatMap((a) => a.capacity.map((x) => x.category)));
  const field = (c: string, k: keyof CapacityAssumption) => all.map((a) => (a.capacity.find((x) => x.category === c)?.[k] as number | undefined) ?? null);
  for (const c of capacity) {
    const label = swatchOf('category', c).label;
    if (field(c, 'beds').some((v) => v !== null)) add(`Capacity: ${label}, places at the start`, 'places', field(c, 'beds'), WHOLE);
    if (field(c, 'households').some((v) => v !== null)) {
      add(`Capacity: ${label}, households at the start`, 'households', field(c, 'households'), WHOLE);
      add(`Capacity: ${label}, places per household`, 'places', field(c, 'placesPerHousehold'), WHOLE);
      add(`Capacity: ${label}, households recruited`, 'households per year', field(c, 'recruitmentPerYear'), ONE_DP);
      add(`Capacity: ${label}, de-registration`, 'per household-year', field(c, 'deregistrationPerHouseholdYear'), PERCENT);
    }
    add(`Capacity: ${label}, chance a vacant place suits a child`, 'probability', field(c, 'matchProbability'), PERCENT);
  }
  add('Levers (before levers act, the figures above hold)', 'in words', all.map((a) => (a.levers.length === 0 ? 'none' : a.levers.join('\n'))));
  // Lever costs over the horizon, from the `lever_cost` rows of each scenario (cash prices).
  const runs = scenarioRuns({ results }) ?? [{ name: results.scenario.name, rows: runRows(results) }];
  const costs = new Map(runs.map((r) => [r.name, new Map<string, number>()]));
  for (const r of runs) for (const row of r.rows) if (row.metric === LEVER_COST) costs.get(r.name)!.set(row.category, (costs.get(r.name)!.get(row.category) ?? 0) + row.mean);
  const labels = [...new Set([...costs.values()].flatMap((m) => [...m.keys()]))].filter((l) => l !== 'total');
  for (const l of [...labels, 'total']) {
    if (![...costs.values()].some((m) => m.has(l))) continue;
    add(l === 'total' ? 'Lever costs over the horizon, all levers' : `Lever cost over the horizon: ${l}`, 'GBP, cash prices', all.map((a) => costs.get(a.scenario)?.get(l) ?? null), GBP);
  }
}
