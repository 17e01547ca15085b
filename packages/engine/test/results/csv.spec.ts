import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, formatCsvNumber, resultsToCsv } from '../../src/results/csv.js';
import { toResults } from '../../src/results/to-results.js';
import type { SeriesRow } from '../../src/results/types.js';

const row = (over: Partial<SeriesRow>): SeriesRow => ({
  date: '2025-04-30',
  metric: 'in_care',
  category: 'total',
  mean: 1,
  p05: 1,
  p25: 1,
  p50: 1,
  p75: 1,
  p95: 1,
  ci95_low: 1,
  ci95_high: 1,
  ...over,
});

/** A small RFC 4180 reader, enough to check that summary.csv parses back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  return records;
}

describe('formatCsvNumber', () => {
  it('prints six decimals at most, without trailing zeros, exponent or negative zero', () => {
    expect(formatCsvNumber(131.2)).toBe('131.2');
    expect(formatCsvNumber(120)).toBe('120');
    expect(formatCsvNumber(1 / 3)).toBe('0.333333');
    expect(formatCsvNumber(-0)).toBe('0');
    expect(formatCsvNumber(-1e-9)).toBe('0');
    expect(formatCsvNumber(1.5e-7)).toBe('0');
    expect(formatCsvNumber(12_345_678.9)).toBe('12345678.9');
    expect(formatCsvNumber(-2.5)).toBe('-2.5');
  });

  it('writes what toFixed(6) writes with its trailing zeros and point taken off, for any double', () => {
    // An independent statement of the format: the regular expressions the first version used.
    const oracle = (x: number): string => {
      let s = x.toFixed(6);
      if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
      return s === '-0' ? '0' : s;
    };
    const some = [0, -0, 1, -1, 0.5, 1e-7, -1e-7, 5e-7, -5e-7, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e20, 1e21, -1e21, 1.0000005, 123456.0000004, 9.9999999];
    for (const x of some) expect(formatCsvNumber(x), String(x)).toBe(oracle(x));
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => formatCsvNumber(x) === oracle(x)), { numRuns: 20_000 });
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 }), (i, k) => {
      const x = i / 10 ** k;
      return formatCsvNumber(x) === oracle(x);
    }), { numRuns: 20_000 });
  });

  it('quotes fields with commas and quotes as RFC 4180 says', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('resultsToCsv', () => {
  const rows = [
    // Every statistic its own value, so a value written under another column's heading shows.
    row({ mean: 131.2345678, p05: 120, p25: 125.5, p50: 130, p75: 136.25, p95: 142, ci95_low: 129.1, ci95_high: 133.4 }),
    row({ metric: 'moves', category: 'ifa_foster->other', mean: 0.25 }),
    row({ scenario: 'Carers, "more"', delta: true, mean: -3.5, p05: -7 }),
  ];
  const results = toResults(
    { scenarioName: 'Baseline', source: 'scenarios/baseline.yaml', seed: 1, replications: 2, start: '2025-04-01', end: '2026-03-31', version: '0.1.0' },
    rows,
  );

  it('round-trips every column of every row', () => {
    const [header, ...lines] = parseCsv(resultsToCsv(results));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(lines).toHaveLength(rows.length);
    lines.forEach((fields, i) => {
      const r = rows[i]!;
      const rec = Object.fromEntries(header!.map((h, j) => [h, fields[j]!]));
      expect(rec['date']).toBe(r.date);
      expect(rec['metric']).toBe(r.metric);
      expect(rec['category']).toBe(r.category);
      expect(rec['scenario']).toBe(r.scenario ?? '');
      expect(rec['delta']).toBe(r.delta ? 'true' : 'false');
      for (const c of ['mean', 'p05', 'p25', 'p50', 'p75', 'p95', 'ci95_low', 'ci95_high'] as const) {
        expect(Number(rec[c])).toBeCloseTo(r[c], 6);
      }
    });
  });

  it('writes the mean alone of an expected-value projection, its other cells empty', () => {
    const ev = toResults({ scenarioName: 'Baseline', source: 's', seed: 1, replications: 1, start: '2025-04-01', end: '2026-03-31', version: '0.1.0', mode: 'expected-value' }, rows);
    const [, ...lines] = parseCsv(resultsToCsv(ev));
    expect(lines.map((fields) => fields.slice(5))).toEqual(rows.map((r) => [formatCsvNumber(r.mean), '', '', '', '', '', '', '']));
  });

  it('writes results.json with schemaVersion 1 and the tool name', () => {
    expect(results.schemaVersion).toBe(1);
    expect(results.tool).toEqual({ name: 'carecast', version: '0.1.0' });
    expect(results.mode).toBeUndefined();
    const ev = toResults({ ...results, scenarioName: 'B', source: 's', version: '0.1.0', mode: 'expected-value' }, []);
    expect(Object.keys(ev)).toEqual(['schemaVersion', 'tool', 'scenario', 'seed', 'replications', 'start', 'end', 'mode', 'series']);
  });

  it('toResults writes the description and levers only when given, next to the scenario', () => {
    expect(results.scenario).toEqual({ name: 'Baseline', source: 'scenarios/baseline.yaml' });
    expect('levers' in results).toBe(false);
    const levers = ['25% fewer care-proceedings entries from 2025-04-01'];
    const r = toResults(
      { scenarioName: 'B', source: 's', seed: 1, replications: 2, start: '2025-04-01', end: '2026-03-31', version: '0.1.0', description: 'Early help.', levers },
      [],
    );
    expect(r.scenario).toEqual({ name: 'B', source: 's', description: 'Early help.' });
    expect(r.levers).toEqual(levers);
    expect(r.levers).not.toBe(levers);
    expect(Object.keys(r)).toEqual(['schemaVersion', 'tool', 'scenario', 'levers', 'seed', 'replications', 'start', 'end', 'series']);
  });
});
