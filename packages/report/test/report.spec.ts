import { describe, expect, it } from 'vitest';
import { buildReport, keyNumbers } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

const baseline = makeResults();
const scenario = makeResults({ name: 'Edge of care', entryFactor: 0.8, withAgeBands: true });
const compare = makeCompare(baseline, [scenario]);
const input = {
  results: scenario,
  baseline,
  compare,
  leversInWords: ['25% fewer care proceedings from 1 April 2026 <script>alert("x")</script> & more'],
  title: 'Edge of care <b>vs</b> baseline',
};

describe('buildReport', async () => {
  const files = await buildReport({ ...input, png: true });
  const html = files.get('report.html') as string;
  // The page without the inlined library code, whose strings hold URLs it never loads.
  const page = html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');

  it('returns report.html, summary.xlsx, financial-years.csv and an SVG, a PNG and a Vega-Lite file per chart', () => {
    const paths = [...files.keys()];
    expect(paths[0]).toBe('report.html');
    const charts = paths.filter((p) => p.endsWith('.svg')).map((p) => p.slice('charts/'.length, -'.svg'.length));
    expect(charts).toHaveLength(11);
    for (const c of charts) {
      expect(typeof files.get(`charts/${c}.svg`)).toBe('string');
      expect(files.get(`charts/${c}.png`)).toBeInstanceOf(Uint8Array);
      expect(JSON.parse(files.get(`charts/${c}.vl.json`) as string)).toHaveProperty('$schema');
    }
    expect(paths.slice(1, 3)).toEqual(['summary.xlsx', 'financial-years.csv']);
    expect(paths).toHaveLength(3 + 3 * 11);
  });

  it('draws no PNG unless asked (png: true), and the other files are the same bytes either way', async () => {
    const svgOnly = await buildReport(input);
    expect([...svgOnly.keys()].filter((p) => p.endsWith('.png'))).toEqual([]);
    expect([...svgOnly.keys()]).toEqual([...files.keys()].filter((p) => !p.endsWith('.png')));
    for (const [path, content] of svgOnly) if (typeof content === 'string') expect(content === files.get(path), path).toBe(true);
  }, 90_000);

  it('with utf8: true gives every text file as its UTF-8 bytes, the same files otherwise', async () => {
    const bytes = await buildReport({ ...input, utf8: true });
    expect([...bytes.keys()]).toEqual([...files.keys()].filter((p) => !p.endsWith('.png')));
    for (const [path, content] of bytes) {
      expect(content, path).toBeInstanceOf(Uint8Array);
      const text = files.get(path)!;
      const expected = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
      expect(Buffer.compare(Buffer.from(content as Uint8Array), expected), path).toBe(0);
    }
  }, 90_000);

  it('is deterministic: a second build gives byte-identical files', async () => {
    const again = await buildReport({ ...input, png: true });
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, content] of files) {
      const other = again.get(path)!;
      if (typeof content === 'string') expect(other === content, path).toBe(true);
      else expect(Buffer.compare(Buffer.from(content), Buffer.from(other as Uint8Array)), path).toBe(0);
    }
  }, 90_000);

  it('report.html inlines its libraries and loads nothing by URL', () => {
    expect(html.match(/<script>/g)).toHaveLength(4);
    expect(/<script[^>]*\ssrc=/i.test(page)).toBe(false);
    expect(/<link\b|<img\b|<iframe\b/i.test(page)).toBe(false);
    expect(/@import|@font-face|url\(/i.test(page)).toBe(false);
    expect(/https?:\/\//.test(page.replace(/"\$schema":"https:\/\/vega\.github\.io\/schema\/vega-lite\/v6\.json"/g, ''))).toBe(false);
    expect(html.includes('vegaEmbed(el, spec')).toBe(true);
    expect(html.match(/data-chart="/g)).toHaveLength(11);
    expect(html.match(/<script type="application\/json" id="spec-/g)).toHaveLength(11);
  });

  it('escapes every text it inserts', () => {
    expect(html.includes('<script>alert')).toBe(false);
    expect(html.includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; more')).toBe(true);
    expect(html.includes('<title>Edge of care &#60;b&#62;vs&#60;/b&#62; baseline</title>')).toBe(true);
  });

  it('names the run: seed, replications, dates and tool version', () => {
    for (const text of ['<dt>Seed</dt><dd>42</dd>', '50 replications', '1 Apr 2025 to 31 Mar 2030', 'carecast 0.1.0']) {
      expect(page.includes(text), text).toBe(true);
    }
  });

  it('carries aggregates only: no field beyond the summary statistics reaches the page', () => {
    const allowed = new Set(['date', 'label', 'order', 'children', 'p05', 'p25', 'p50', 'p75', 'p95', 'mean', 'scenario', 'year', 'value', 'share', 'out_of_area', 'in_care', 'capacity', 'occupied', 'waiting', 'demand', 'series', 'avoided', 'month', 'zero', 'low', 'high', 'gap', 'gapLow', 'gapHigh']);
    for (const m of html.matchAll(/<script type="application\/json" id="spec-[^"]+">([^<]*)<\/script>/g)) {
      const spec = JSON.parse(m[1]!) as unknown;
      const keys = new Set<string>();
      const walk = (v: unknown, inValues: boolean) => {
        if (Array.isArray(v)) v.forEach((x) => walk(x, inValues));
        else if (v && typeof v === 'object') {
          for (const [k, x] of Object.entries(v)) {
            if (inValues) keys.add(k);
            walk(x, k === 'values');
          }
        }
      };
      walk(spec, false);
      for (const k of keys) if (!/^s\d+$/.test(k)) expect(allowed, k).toContain(k);
    }
  });
});

describe('keyNumbers', () => {
  const k = keyNumbers({ results: scenario, baseline, compare });

  it('has a column for the start and for the last month end of every year', () => {
    expect(k.columns).toEqual(['Start (1 Apr 2025)', ...[2026, 2027, 2028, 2029, 2030].map((y, i) => `Year ${i + 1} (to 31 Mar ${y})`)]);
  });

  it('reports the mean in care with its 5-95% range and the cost of each year', () => {
    const row = scenario.series.find((r) => r.metric === 'in_care' && r.category === 'total' && r.date === '2028-03-31')!;
    const inCare = k.blocks[0]!.rows[0]!;
    expect(inCare.cells[3]).toBe(`${Math.round(row.mean)} (${Math.round(row.p05)} to ${Math.round(row.p95)})`);
    const cost = k.blocks[0]!.rows.find((r) => r.label.startsWith('Placement cost'))!;
    const year5 = scenario.series.filter((r) => r.metric === 'cost' && r.category === 'total' && r.date > '2029-03-31').reduce((s, r) => s + r.mean, 0);
    expect(cost.cells[5]).toBe((year5 / 1e6).toFixed(2));
    expect(cost.cells[0]).toBe('');
  });

  // The indented rows under a heading row: [mean children, share in %] at the end of year 1.
  const under = (heading: string): [number, number][] => {
    const rows = k.blocks[0]!.rows;
    const i = rows.findIndex((r) => r.label === heading);
    expect(i).toBeGreaterThanOrEqual(0);
    const out: [number, number][] = [];
    for (let j = i + 1; j < rows.length && rows[j]!.sub; j++) {
      const m = /^([\d,]+) \(([\d.]+)%\)$/.exec(rows[j]!.cells[1]!)!;
      out.push([Number(m[1]!.replace(/,/g, '')), Number(m[2])]);
    }
    return out;
  };

  it('adds the placement and age mix as counts with their shares', () => {
    const labels = k.blocks[0]!.rows.map((r) => r.label);
    expect(labels).toContain('IFA foster');
    expect(labels).toContain('10 to 15');
    const total = scenario.series.find((r) => r.metric === 'in_care' && r.category === 'total' && r.date === '2026-03-31')!.mean;
    const mix = under('By placement type: mean children (% of children in care)');
    expect(mix).toHaveLength(10);
    expect(mix.reduce((a, [, p]) => a + p, 0)).toBeCloseTo(100, 0);
    // Rounded counts add up to the total within half a child per line.
    expect(Math.abs(mix.reduce((a, [n]) => a + n, 0) - total)).toBeLessThanOrEqual(5);
    const ages = under('By age band: mean children (% of children in care)');
    expect(ages).toHaveLength(5);
    expect(ages.reduce((a, [, p]) => a + p, 0)).toBeCloseTo(100, 0);
    expect(keyNumbers({ results: baseline }).blocks[0]!.rows.map((r) => r.label)).not.toContain('By age band: mean children (% of children in care)');
  });

  it('adds differences against the baseline from the paired delta rows, with their 5-95% range', () => {
    expect(k.blocks).toHaveLength(2);
    expect(k.blocks[1]!.title).toBe('Edge of care against Baseline (difference: scenario minus baseline)');
    const find = (delta: boolean) => compare.find((r) => r.scenario === 'Edge of care' && (r.delta === true) === delta && r.metric === 'in_care' && r.category === 'total' && r.date === '2030-03-31')!;
    const [level, delta] = [find(false), find(true)];
    const signed = (x: number) => (Math.round(x) > 0 ? `+${Math.round(x)}` : String(Math.round(x)));
    expect(k.blocks[1]!.rows[0]!.cells[5]).toBe(`${Math.round(level.mean)} (${Math.round(level.p05)} to ${Math.round(level.p95)})`);
    expect(k.blocks[1]!.rows[1]!.cells[5]).toBe(`${signed(delta.mean)} (${signed(delta.p05)} to ${signed(delta.p95)})`);
  });

  it('has the years the run covers, and its end when it stops mid-year', () => {
    const short = { ...baseline, end: '2027-06-30', series: baseline.series.filter((r) => r.date <= '2027-06-30') };
    expect(keyNumbers({ results: short }).columns).toEqual(['Start (1 Apr 2025)', 'Year 1 (to 31 Mar 2026)', 'Year 2 (to 31 Mar 2027)', 'End (to 30 Jun 2027)']);
  });

  it('has no difference block for a single run', () => {
    expect(keyNumbers({ results: baseline }).blocks).toHaveLength(1);
  });
});

describe('a compare results.json (baseline rows, then every scenario tagged, then differences)', () => {
  const combined = { ...baseline, series: [...baseline.series, ...compare.filter((r) => r.scenario !== 'Baseline')] };

  it('counts only the run itself in its charts and key numbers', () => {
    expect(keyNumbers({ results: combined })).toEqual(keyNumbers({ results: baseline, compare: compare.filter((r) => r.scenario !== 'Baseline') }));
    const alone = keyNumbers({ results: baseline }).blocks[0];
    expect(keyNumbers({ results: combined }).blocks[0]).toEqual(alone);
  });

  it('finds the scenarios and differences in the results when no compare rows are passed', async () => {
    const files = await buildReport({ results: combined, images: false });
    expect([...files.keys()]).toEqual(['report.html']);
    const html = files.get('report.html') as string;
    expect(html.includes('<title>Carecast comparison: Edge of care against Baseline</title>')).toBe(true);
    expect(html.match(/<dt>Baseline<\/dt>/g)).toHaveLength(1);
    expect(html.includes('<dt>Baseline</dt><dd>Baseline (scenarios/baseline.yaml)</dd>')).toBe(true);
    expect(html.includes('<dt>Compared</dt><dd>Edge of care</dd>')).toBe(true);
    expect(html.includes('id="chart-scenario-comparison"')).toBe(true);
    expect(html.includes('id="chart-cost-avoided"')).toBe(true);
    expect(html.includes('The levers are not recorded in the results; see the scenario file scenarios/baseline.yaml.')).toBe(true);
  }, 30_000);
});

describe('names that look like markup', () => {
  it('cannot close the spec scripts or inject elements', async () => {
    const evil = '</script><script>alert(1)</script><img src=x>';
    const results = { ...baseline, scenario: { name: evil, source: 'x.yaml' } };
    const html = (await buildReport({ results, baseline, images: false })).get('report.html') as string;
    expect(html.includes('\\u003c/script>\\u003cscript>alert(1)')).toBe(true);
    expect(html.includes('</script><script>alert(1)')).toBe(false);
    expect(html.includes('<img src=x>')).toBe(false);
    const specs = [...html.matchAll(/<script type="application\/json" id="spec-[^"]+">([^<]*)<\/script>/g)];
    expect(specs).toHaveLength(10);
    for (const m of specs) expect(() => JSON.parse(m[1]!) as unknown).not.toThrow();
  });
});

describe('malformed results', () => {
  it('are refused with the path of the first bad field', async () => {
    const series = baseline.series.map((r) => ({ ...r }));
    (series[7] as unknown as Record<string, unknown>)['p05'] = null;
    await expect(buildReport({ results: { ...baseline, series }, images: false })).rejects.toThrow(
      'results.series[7].p05: expected a finite number, got null',
    );
    await expect(buildReport({ results: { ...baseline, start: '2025-13-01' }, images: false })).rejects.toThrow(
      'results.start: expected an ISO date YYYY-MM-DD, got "2025-13-01"',
    );
    // Each distinct date is checked once: a bad one after many good rows is still found, by its row.
    const badDate = baseline.series.map((r, i) => (i === 40 ? { ...r, date: '2025-02-30' } : r));
    await expect(buildReport({ results: { ...baseline, series: badDate as typeof baseline.series }, images: false })).rejects.toThrow(
      'results.series[40].date: expected an ISO date YYYY-MM-DD, got "2025-02-30"',
    );
    const numberDate = baseline.series.map((r, i) => (i === 41 ? { ...r, date: 20250430 } : r));
    await expect(buildReport({ results: { ...baseline, series: numberDate as unknown as typeof baseline.series }, images: false })).rejects.toThrow(
      'results.series[41].date: expected an ISO date YYYY-MM-DD, got 20250430',
    );
    const badLevers = { ...baseline, levers: ['Early help', 3] } as unknown as typeof baseline;
    await expect(buildReport({ results: badLevers, images: false })).rejects.toThrow('results.levers[1]: expected a sentence, got 3');
  });
});

describe('levers and description stored in results.json', () => {
  const levers = ['25% fewer care-proceedings entries <from> 2025-04-01', '10 more in-house foster households a year'];
  const stored = { ...baseline, scenario: { ...baseline.scenario, description: 'Anytown & early help.' }, levers };

  it('are shown when the report is rendered from the results alone', async () => {
    const html = (await buildReport({ results: stored, images: false })).get('report.html') as string;
    expect(html).toContain('<ul><li>25% fewer care-proceedings entries &#60;from&#62; 2025-04-01</li><li>10 more in-house foster households a year</li></ul>');
    expect(html).toContain('<p class="description">Anytown &#38; early help.</p>');
    expect(html).not.toContain('The levers are not recorded');
  });

  it('give way to levers passed by the caller, and an empty list says there are none', async () => {
    const passed = (await buildReport({ results: stored, leversInWords: ['Passed in'], images: false })).get('report.html') as string;
    expect(passed).toContain('<ul><li>Passed in</li></ul>');
    const none = (await buildReport({ results: { ...baseline, levers: [] }, images: false })).get('report.html') as string;
    expect(none).toContain('No levers: the scenario projects current trends.');
  });
});
