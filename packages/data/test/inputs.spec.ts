import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, locateInputs } from '../src/index.js';
import { EPISODES, HEADER, writeFixture } from './helpers.js';

describe('locateInputs', () => {
  const dir = writeFixture({
    '2023-24/header.csv': [HEADER],
    '2023-24/episodes.csv': [EPISODES],
  });

  it('finds the files of a folder of per-year sub-folders', async () => {
    const files = await locateInputs({ folder: '.' }, dir);
    expect(files.episodes).toEqual([join(dir, '2023-24', 'episodes.csv')]);
    expect(files.yearOf?.(files.episodes[0]!)).toBe(2024);
  });

  it('takes listed files relative to the working folder, with the year from the folder name', async () => {
    const files = await locateInputs({ header: ['2023-24/header.csv'], episodes: ['2023-24/episodes.csv'] }, dir);
    expect(files.header).toEqual([join(dir, '2023-24', 'header.csv')]);
    expect(files.yearOf?.(files.header[0]!)).toBe(2024);
  });

  it('rejects a folder together with files, and files without Episodes or Header', async () => {
    await expect(locateInputs({ folder: '.', episodes: ['x.csv'] }, dir)).rejects.toBeInstanceOf(DataError);
    await expect(locateInputs({ header: ['h.csv'] }, dir)).rejects.toThrow(/expected Episodes and Header files/);
    await expect(locateInputs({ folder: 'nowhere' }, dir)).rejects.toThrow(/cannot read the folder/);
  });
});
