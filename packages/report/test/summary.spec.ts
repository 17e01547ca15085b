import { describe, expect, it } from 'vitest';
import { buildReport, financialYearTables, formatFyCell, summarySentences, type FyTable } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

const baseline = makeResults();
const early = makeResults({ name: 'Edge of care', entryFactor: 0.8, withAgeBands: true });
const foster = makeResults({ name: 'Foster £ recruitment', entryFactor: 0.95 });
const data = { results: baseline, baseline, compare: makeCompare(baseline, [early, foster]) };
const tables = financialYearTables(data);
const summary = summarySentences(data, tables);

// Numbers of a text, leaving out financial years (2025-26), dates (1 Apr 2025) and the words "5-95%".
function numbersIn(text: string): string[] {
  const cleaned = text.replace(/\d{4}-\d{2}/g, ' ').replace(/\d{1,2} [A-Z][a-z]{2} \d{4}/g, ' ').replace(/5-95%/g, ' ').replace(/\(\d+ months\)/g, ' ');
  return [...cleaned.matchAll(/[-+]?£?\d[\d,]*(?:\.\d+)?m?/g)].map((m) => m[0].replace(/^[-+]/, ''));
}

function tableTokens(ts: readonly FyTable[]): Set<string> {
  const out = new Set<string>();
  for (const t of ts) for (const r of t.rows) for (const c of [...r.cells, r.total]) if (c) for (const n of numbersIn(formatFyCell(r, c))) out.add(n);
  return out;
}

const sentence = (re: RegExp) => {
  const s = summary.find((x) => re.test(x));
  expect(s, String(re)).toBeDefined();
  return s!;
};
const money = (text: string) => Number(text.replace(/[£m,]/g, ''));
const cost = (rows: typeof baseline.series, from: string, to: string) => rows.filter((r) => r.metric === 'cost' && r.category === 'total' && r.date >= from && r.date <= to).reduce((s, r) => s + r.mean, 0);

describe('the generated summary', () => {
  it('has a number behind every sentence, each one printed in the financial-year tables (or the start stock)', () => {
    expect(summary.length).toBeGreaterThanOrEqual(8);
    const tokens = tableTokens(tables);
    const start = baseline.series.find((r) => r.metric === 'in_care' && r.category === 'total')!;
    tokens.add(String(Math.round(start.mean)));
    for (const s of summary) {
      const numbers = numbersIn(s);
      expect(numbers.length, s).toBeGreaterThan(0);
      for (const n of numbers) expect(tokens.has(n), `${n} in: ${s}`).toBe(true);
    }
  });

  it('gives children in care at the last year end as the table does, mean with the 5-95% range of outcomes', () => {
    const s = sentence(/^Baseline: children in care/);
    const m = /and ([\d,]+) \(([\d,]+) to ([\d,]+)\) at the end of 2029-30/.exec(s)!;
    const row = baseline.series.find((r) => r.metric === 'in_care' && r.category === 'total' && r.date === '2030-03-31')!;
    expect(m.slice(1, 4).map((x) => Number(x.replace(/,/g, '')))).toEqual([row.mean, row.p05, row.p95].map(Math.round));
    const t = tables[0]!.rows.find((r) => r.label === 'Children in care at the year end')!;
    expect(`${m[1]} (${m[2]} to ${m[3]})`).toBe(formatFyCell(t, t.cells.at(-1)));
  });

  it("gives spend over the horizon equal to the sum of the baseline's monthly cost means", () => {
    const s = sentence(/^Placement spend is/);
    const total = /(£[\d,.]+m) over the horizon/.exec(s)![1]!;
    expect(money(total)).toBeCloseTo(cost(baseline.series, '2025-04-01', '2030-03-31') / 1e6, 2);
    const first = /is (£[\d,.]+m) in 2025-26/.exec(s)![1]!;
    expect(money(first)).toBeCloseTo(cost(baseline.series, '2025-04-01', '2026-03-31') / 1e6, 2);
  });

  it("gives each scenario's saving as minus the sum of its paired monthly cost differences", () => {
    for (const scenario of [early, foster]) {
      const s = sentence(new RegExp(`^${scenario.scenario.name} (saves|costs) £`));
      const m = /(saves|costs) (£[\d,.]+m) in placement spend/.exec(s)!;
      const saved = (m[1] === 'saves' ? 1 : -1) * money(m[2]!);
      const deltas = data.compare.filter((r) => r.delta && r.scenario === scenario.scenario.name && r.metric === 'cost' && r.category === 'total');
      expect(saved).toBeCloseTo(-deltas.reduce((a, r) => a + r.mean, 0) / 1e6, 2);
      expect(s).not.toMatch(/lever/);
    }
  });

  it('says how many fewer children each scenario has in care, from the paired differences', () => {
    const s = sentence(/^Edge of care: [\d,]+ \(/);
    const m = /, ([\d,]+) (fewer|more) than Baseline \(difference ([-+]?[\d,]+) \(/.exec(s)!;
    const d = data.compare.find((r) => r.delta && r.scenario === 'Edge of care' && r.metric === 'in_care' && r.category === 'total' && r.date === '2030-03-31')!;
    expect(Number(m[3]!.replace(/,/g, ''))).toBe(Math.round(d.mean));
    expect(m[2]).toBe(d.mean < 0 ? 'fewer' : 'more');
  });

  it('gives each capacity-limited type its gap with the 5-95% range of the gap at the year end it names', () => {
    const gaps = summary.filter((s) => s.includes('the gap (places minus demand'));
    expect(gaps.length).toBe(3);
    for (const s of gaps) {
      const type = s.slice(0, s.indexOf(':'));
      const m = /end of (\d{4}-\d{2}), when the gap \(places minus demand, with the 5-95% range of outcomes\) is ([-+]?\d+) \(([-+]?\d+) to ([-+]?\d+)\)/.exec(s);
      expect(m, s).not.toBeNull();
      const fy = tables[0]!.columns.find((c) => c.year === m![1])!;
      const category = { 'In-house foster': 'inhouse_foster', 'In-house residential': 'inhouse_residential', 'Supported accommodation (16+)': 'supported' }[type]!;
      const g = baseline.series.find((r) => r.metric === 'capacity_gap' && r.category === category && r.date === fy.end)!;
      expect(m!.slice(2, 5).map((x) => Number(x) + 0)).toEqual([g.mean, g.p05, g.p95].map((x) => Math.round(x) + 0));
    }
    // Supported accommodation is short from the start: the sentence names the first year end.
    expect(sentence(/^Supported accommodation \(16\+\): demand/)).toMatch(/by the end of 2025-26, when the gap/);
  });

  it('says from when the range of the gap reaches below zero although the mean has room', () => {
    const edited = makeResults();
    // In-house residential has room on average; at the 2027-28 year end (and after) let 5% of runs be a place short.
    const series = edited.series.map((r) => (r.metric === 'capacity_gap' && r.category === 'inhouse_residential' && r.date >= '2028-03-31' ? { ...r, p05: -1 } : r));
    const own = { results: { ...edited, series } };
    const s = summarySentences(own, financialYearTables(own)).find((x) => x.startsWith('In-house residential'))!;
    expect(s).toMatch(/mean demand stays below the places available at every year end/);
    expect(s).toMatch(/; the range reaches below zero from the end of 2027-28 \(\+1 \(-1 to \+2\)\): in some runs it is short;/);
    expect(summary.find((x) => x.startsWith('In-house residential'))).not.toMatch(/below zero/);
    // A 5th percentile that prints as 0 is not below zero.
    const barely = edited.series.map((r) => (r.metric === 'capacity_gap' && r.category === 'inhouse_residential' && r.date >= '2028-03-31' ? { ...r, p05: -0.4 } : r));
    const own2 = { results: { ...edited, series: barely } };
    expect(summarySentences(own2, financialYearTables(own2)).find((x) => x.startsWith('In-house residential'))).not.toMatch(/below zero/);
  });

  it('gives the difference of the means, with no range, for results that hold no capacity_gap', () => {
    const old = makeResults({ withoutGap: true });
    const oldData = { results: old };
    const t = financialYearTables(oldData)[0]!;
    const gap = t.rows.find((r) => r.label === 'In-house foster: gap at the year end (places minus demand; below zero: short)')!;
    const at = (metric: string) => old.series.find((r) => r.metric === metric && r.category === 'inhouse_foster' && r.date === t.columns[0]!.end)!.mean;
    expect(gap.cells[0]).toEqual({ mean: at('capacity') - at('occupied') - at('waiting') });
    const s = summarySentences(oldData, [t]).find((x) => x.startsWith('In-house foster'))!;
    expect(s).toMatch(/, when the gap \(places minus demand\) is [-+]?\d+[;).]/);
  });

  it('is on the page, first, with the financial-year tables and a sentence on what their ranges cover', async () => {
    const html = (await buildReport({ ...data, images: false })).get('report.html') as string;
    const page = html.replace(/<script[\s\S]*?<\/script>/g, '');
    expect(page.indexOf('<section id="summary">')).toBeLessThan(page.indexOf('<section id="key-numbers">'));
    for (const s of summary) expect(page).toContain(`<li>${s.replace(/&/g, '&#38;').replace(/'/g, '&#39;')}</li>`);
    expect(page).toContain('<caption>Foster £ recruitment</caption>');
    expect(page).toMatch(/the 5th to 95th percentile of outcomes over the replications: the spread of what may happen, not the precision of the mean/);
  }, 30_000);
});

describe('financial-year tables', () => {
  it('have a column for every financial year, baseline first, and every scenario', () => {
    expect(tables.map((t) => t.scenario)).toEqual(['Baseline', 'Edge of care', 'Foster £ recruitment']);
    expect(tables[0]!.columns.map((c) => c.year)).toEqual(['2025-26', '2026-27', '2027-28', '2028-29', '2029-30']);
  });

  it('count children by placement type (means adding up to the total) and sum spend by type to the total', () => {
    for (const t of tables) {
      const total = t.rows.findIndex((r) => r.label === 'Children in care at the year end');
      const parts = t.rows.slice(total + 1).filter((r, i, all) => r.sub && all.slice(0, i).every((x) => x.sub));
      expect(parts.length).toBe(10);
      for (let y = 0; y < t.columns.length; y++) expect(parts.reduce((a, r) => a + r.cells[y]!.mean, 0)).toBeCloseTo(t.rows[total]!.cells[y]!.mean, 6);
      const spend = t.rows.findIndex((r) => r.label === 'Placement spend in the year');
      const byType = t.rows.slice(spend + 1, spend + 11);
      expect(byType.every((r) => r.sub && r.unit === 'GBP')).toBe(true);
      expect(byType.reduce((a, r) => a + r.total!.mean, 0)).toBeCloseTo(t.rows[spend]!.total!.mean, 3);
    }
  });

  it('give each capacity-limited type its gap (places minus demand, signed) and spare places and waiting children with their ranges', () => {
    const t = tables[0]!;
    const line = (label: string) => t.rows.find((r) => r.label === label)!;
    const gap = line('In-house foster: gap at the year end (places minus demand; below zero: short)');
    const places = line('In-house foster: places at the year end');
    const demand = line('In-house foster: demand at the year end (occupied + waiting)');
    const at = (metric: string, date: string) => baseline.series.find((r) => r.metric === metric && r.category === 'inhouse_foster' && r.date === date)!;
    t.columns.forEach((c, i) => {
      expect(gap.cells[i]!.mean).toBeCloseTo(places.cells[i]!.mean - demand.cells[i]!.mean, 9);
      expect(gap.cells[i]!.mean).toBeCloseTo(at('capacity', c.end).mean - at('occupied', c.end).mean - at('waiting', c.end).mean, 9);
    });
    // Supported accommodation (40 places, 45 children wanting them at the start) is short: the gap reads as a negative number.
    const supported = line('Supported accommodation (16+): gap at the year end (places minus demand; below zero: short)');
    expect(supported.cells[0]!.mean).toBeLessThan(-0.5);
    expect(formatFyCell(supported, supported.cells[0])).toMatch(/^-\d/);
    // In-house residential (14 places, about 12.6 wanting them) has room: a positive gap.
    const residential = line('In-house residential: gap at the year end (places minus demand; below zero: short)');
    expect(formatFyCell(residential, residential.cells[0])).toMatch(/^\+\d/);
    // Its range is the gap's own (capacity_gap, per replication), not a difference of two ranges.
    t.columns.forEach((c, i) => {
      const g = at('capacity_gap', c.end);
      expect(gap.cells[i]).toEqual({ mean: g.mean, p05: g.p05, p95: g.p95 });
    });
    const spare = line('In-house foster: spare places at the year end');
    const v = at('vacancies', t.columns[0]!.end);
    expect(spare.cells[0]).toEqual({ mean: v.mean, p05: v.p05, p95: v.p95 });
    expect(line('In-house foster: children waiting for it at the year end').cells[0]!.p95).toBe(at('waiting', t.columns[0]!.end).p95);
  });
});
