// Files handed over without a file system (a browser's dropped files) read exactly as the same files on disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSpells, calibrate, DataError, findSsda903Files, readSsda903, readSsda903Texts, type TextFile } from '../src/index.js';
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
});
