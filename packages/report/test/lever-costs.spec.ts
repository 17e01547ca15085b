import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildReport, financialYearTables, keyNumbers, keyNumbersText, summarySentences } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

// Lever costs as the engine will write them (metric `lever_cost`, one category per lever label and `total`),
// built here as rows because the engine side lands separately.
const LEVERS = { 'Early help': 50_000, 'Recruitment campaign': 20_000 };
const baseline = makeResults();
const priced = makeResults({ name: 'Priced levers', entryFactor: 0.85, leverCostsPerMonth: LEVERS });
const unpriced = makeResults({ name: 'Unpriced', entryFactor: 0.9 });
const withCosts = { results: baseline, baseline, compare: makeCompare(baseline, [priced]) };
const without = { results: baseline, baseline, compare: makeCompare(baseline, [unpriced]) };

const money = (text: string) => Number(text.replace(/[£m,]/g, ''));
const costDelta = (from: string, to: string) =>
  withCosts.compare.filter((r) => r.delta && r.scenario === 'Priced levers' && r.metric === 'cost' && r.category === 'total' && r.date >= from && r.date <= to).reduce((a, r) => a + r.mean, 0);
const PER_MONTH = LEVERS['Early help'] + LEVERS['Recruitment campaign'];

describe('savings net of lever costs', () => {
  const tables = financialYearTables(withCosts);
  const summary = summarySentences(withCosts, tables);
  const scenario = tables.find((t) => t.scenario === 'Priced levers')!;
  const line = (label: string) => scenario.rows.find((r) => r.label === label)!;

  it('the financial-year table gives gross saving, lever costs and net saving, each from the rows', () => {
    const gross = line('Gross saving in placement spend (baseline minus scenario)');
    const levers = line('Lever costs against the baseline (scenario minus baseline)');
    const net = line('Net saving (gross saving minus lever costs)');
    expect(gross.cells[1]!.mean).toBeCloseTo(-costDelta('2026-04-01', '2027-03-31'), 2);
    expect(levers.cells[1]!.mean).toBeCloseTo(12 * PER_MONTH, 6);
    expect(levers.total!.mean).toBeCloseTo(60 * PER_MONTH, 6);
    for (let i = 0; i < scenario.columns.length; i++) expect(net.cells[i]!.mean).toBeCloseTo(gross.cells[i]!.mean - levers.cells[i]!.mean, 6);
    expect(net.total!.mean).toBeCloseTo(-costDelta('2025-04-01', '2030-03-31') - 60 * PER_MONTH, 2);
    // The scenario's own lever costs, split by lever.
    expect(line('Lever costs in the year').total!.mean).toBeCloseTo(60 * PER_MONTH, 6);
    expect(line('Early help').total!.mean).toBeCloseTo(60 * LEVERS['Early help'], 6);
    expect(scenario.rows.some((r) => r.label === 'Saving against the baseline (baseline minus scenario)')).toBe(false);
  });

  it('the summary says gross, lever costs and net, and the net is gross minus lever costs', () => {
    const s = summary.find((x) => x.startsWith('Priced levers saves'))!;
    expect(s).toBeDefined();
    const m = /saves (£[\d,.]+m) in placement spend .*; its levers cost (£[\d,.]+m), a net (saving|cost) of (£[\d,.]+m)/.exec(s)!;
    const [gross, levers, net] = [money(m[1]!), money(m[2]!), (m[3] === 'saving' ? 1 : -1) * money(m[4]!)];
    expect(gross).toBeCloseTo(-costDelta('2025-04-01', '2030-03-31') / 1e6, 2);
    expect(levers).toBeCloseTo((60 * PER_MONTH) / 1e6, 2);
    expect(net).toBeCloseTo(gross - levers, 1);
  });

  it('the key numbers (report and terminal) carry lever costs and the net saving for each year', () => {
    const k = keyNumbers(withCosts);
    const block = k.blocks.find((b) => b.title.startsWith('Priced levers'))!;
    const i = block.rows.findIndex((r) => r.label === 'Net saving in the year, after lever costs (GBP million)');
    expect(i).toBeGreaterThan(0);
    const year1 = Number(block.rows[i]!.cells[1]!.replace(/[+,]/g, ''));
    expect(year1).toBeCloseTo(-(costDelta('2025-04-01', '2026-03-31') + 12 * PER_MONTH) / 1e6, 2);
    expect(block.rows.some((r) => r.label === 'Lever costs in the year (GBP million)')).toBe(true);
    expect(keyNumbersText(k)).toContain('Net saving in the year, after lever costs (GBP million)');
  });

  it('the workbook holds the same net saving lines', async () => {
    const files = await buildReport({ ...withCosts });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.get('summary.xlsx') as Uint8Array as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet('Financial years')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const net = rows.find((r) => r[0] === 'Priced levers' && r[1] === 'Net saving (gross saving minus lever costs)' && r[4] === 'Total')!;
    expect(net[6] as number).toBeCloseTo(line('Net saving (gross saving minus lever costs)').total!.mean, 4);
  }, 60_000);

  it('without lever-cost rows, nothing mentions lever costs', () => {
    const t = financialYearTables(without);
    const words = [
      ...summarySentences(without, t),
      ...t.flatMap((x) => x.rows.map((r) => r.label)),
      ...keyNumbers(without).blocks.flatMap((b) => b.rows.map((r) => r.label)),
      ...keyNumbers(without).notes,
    ].join('\n');
    expect(words).not.toMatch(/lever cost|net saving|gross saving/i);
    expect(t[1]!.rows.some((r) => r.label === 'Saving against the baseline (baseline minus scenario)')).toBe(true);
  });
});
