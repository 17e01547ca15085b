// Files handed over without a file system (a browser's dropped files) read exactly as the same files on disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSpells, calibrate, DataError, findOc3Files, findSsda903Files, readOc3Files, readSsda903, readSsda903Texts, type TextFile } from '../src/index.js';
import { readOc3Texts } from '../src/browser.js';
import { independentReturns, writeFixture } from './helpers.js';
import { LAYOUTS, writeLayout, yearsIn } from './layouts.js';

let src: string;
let lastYear: number;

beforeAll(async () => {
  src = await independentReturns(3);
  lastYear = yearsIn(src).at(-1)!;
});

/** Every file under `dir`, as dropping the folder on a page hands them over (paths from the folder's name). */
function dropped(dir: string, asStreams: boolean): TextFile[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  const name = dir.split('/').at(-1)!;
  return walk(dir).map((f) => {
    const bytes = readFileSync(f);
    const content = asStreams ? new Blob([bytes]).stream() : bytes.toString('utf8');
    return { path: `${name}/${relative(dir, f)}`, content };
  });
}

const fit = (raw: Awaited<ReturnType<typeof readSsda903>>) =>
  calibrate(buildSpells(raw), { referenceStart: `${lastYear - 2}-04-01`, referenceEnd: `${lastYear}-03-31` }).parameters;

describe('SSDA903 files as texts', () => {
  it('read as the same files on disk, in every folder layout, whole or streamed', async () => {
    for (const layout of LAYOUTS.filter((l) => !l.startsWith('stacked'))) {
      const dir = writeLayout(src, join(writeFixture({}), layout), layout);
      const disk = await readSsda903(await findSsda903Files(dir));
      const texts = await readSsda903Texts(dropped(dir, layout === 'end-year-folders'));
      // Messages name the files as dropped (`layout/2024/episodes.csv`), the disk's as absolute paths.
      const shown = (s: string) => s.replaceAll(`${dir}/`, '').replaceAll(dir, '').replaceAll(`${layout}/`, '').replace(new RegExp(`${layout}$`), '');
      expect(JSON.stringify(texts.quality.summary()).split('"').map(shown), layout).toEqual(JSON.stringify(disk.quality.summary()).split('"').map(shown));
      expect(texts.episodes.length, layout).toBe(disk.episodes.length);
      expect(texts.episodes.length).toBeGreaterThan(100);
      expect(fit(texts), layout).toEqual(fit(disk));
    }
  });

  it('give line and column for a malformed CSV, and say when no Episodes file is among them', async () => {
    const bad = await readSsda903Texts([
      { path: 'header.csv', content: 'CHILD,SEX,DOB\n1,1,01/01/2010\n' },
      { path: 'episodes.csv', content: 'CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC\n1,01/01/2020\n' },
    ]).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DataError);
    expect((bad as DataError).message).toMatch(/^episodes\.csv:1:8: missing column REC/);
    const none = await readSsda903Texts([{ path: 'notes.txt', content: 'x' }]).catch((e: unknown) => e);
    expect((none as DataError).message).toMatch(/no Header or Episodes CSV found/);
  });

  it('find and read the OC3 tables as calibrate --folder does on disk: the same files, years and counts', async () => {
    const table = (rows: string[]) => ['CHILD,DOB,ACCOM', ...rows];
    const dir = join(
      writeFixture({
        'returns/2024/oc3.csv': table(['1,15/06/2005,U1', '2,15/06/2005,Z1']),
        'returns/2023-24/Oc3-extra.csv': table(['3,15/06/2004,B1']),
        'returns/2025/OC3_2024.csv': table(['4,15/06/2005,U1', '5,31/02/2005,U1']),
        'returns/care-leavers-oc3-2022.csv': table(['6,15/06/2002,U1']),
        'returns/OC3.csv': table(['7,15/06/2004,E1']),
        'returns/stacked/oc3_by_year.csv': ['YEAR,CHILD,DOB,ACCOM', '2023,8,15/06/2004,U1', '2024,9,15/06/2004,U1'],
        'returns/a/b/oc3.csv': table(['10,15/06/2005,U1']),
        'returns/2024/episodes.csv': ['CHILD'],
      }),
      'returns',
    );
    const disk = await readOc3Files(await findOc3Files(dir), 2030);
    const texts = (await readOc3Texts(dropped(dir, false), 2030))!;
    const relativeFiles = (files: { path: string; years: number[] }[], from: string) => files.map((f) => ({ ...f, path: relative(from, f.path) }));
    // Deeper than one sub-folder is left out; a file's own name names the year before its folder's.
    expect(relativeFiles(disk.files, dir)).toEqual([
      { path: '2023-24/Oc3-extra.csv', years: [2024] },
      { path: '2024/oc3.csv', years: [2024] },
      { path: '2025/OC3_2024.csv', years: [2024] },
      { path: 'OC3.csv', years: [2030] },
      { path: 'care-leavers-oc3-2022.csv', years: [2022] },
      { path: 'stacked/oc3_by_year.csv', years: [2023, 2024] },
    ]);
    expect(relativeFiles(texts.files, 'returns')).toEqual(relativeFiles(disk.files, dir));
    const { files: _a, messages: m1, ...diskCounts } = disk;
    const { files: _b, messages: m2, ...textCounts } = texts;
    expect(textCounts).toEqual(diskCounts);
    expect(m2.map((m) => m.replace('returns/', ''))).toEqual(m1.map((m) => m.replace(`${dir}/`, '')));
    expect([disk.used, disk.unusable]).toEqual([8, 1]);
  });
});
