import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCareLeaverTables } from '../../src/commands/calibrate-care-leavers.js';
import { memoryIO } from '../../src/io.js';
import { cli, tempDir } from '../helpers.js';

// calibrate's OC3 tables carry the same collection years whether named with --oc3 or found in --folder
// (one rule, the data package's oc3YearOf: the file's own name, else its folder's).

describe('readCareLeaverTables', () => {
  it('labels 2023/oc3_2024.csv 2024 both with --oc3 and with --folder', async () => {
    const { dir, remove } = tempDir();
    try {
      mkdirSync(join(dir, 'returns', '2023'), { recursive: true });
      writeFileSync(join(dir, 'returns', '2023', 'oc3_2024.csv'), 'CHILD,DOB,ACCOM\n1,15/06/2005,U1\n2,15/06/2004,Z1\n');
      const io = memoryIO(dir);
      const named = await readCareLeaverTables({ _: [], oc3: ['returns/2023/oc3_2024.csv'] }, io, '2029-03-31');
      const found = await readCareLeaverTables({ _: [], folder: 'returns' }, io, '2029-03-31');
      expect(named?.files.map((f) => f.years)).toEqual([[2024]]);
      expect(found?.files).toEqual(named?.files);
      expect(found?.byYear).toEqual(named?.byYear);
    } finally {
      remove();
    }
  });

  it('calibrate --help says how --oc3 files get their year and that a YEAR column splits one file by year', async () => {
    const r = await cli(['calibrate', '--help']);
    expect(r.code).toBe(0);
    const oc3 = /--oc3 +(.*)/.exec(r.stdout)?.[1] ?? '';
    expect(oc3).toMatch(/its name gives, else its folder's/);
    expect(oc3).toMatch(/YEAR column .* split by year/);
  });
});
