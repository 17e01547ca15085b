import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOc3Files, oc3FileAt } from '../src/index.js';
import { writeFixture } from './helpers.js';

// An OC3 table's collection year label, one rule whether the file is named (`calibrate --oc3`) or found
// in a folder (`calibrate --folder`): its own name's year, else its folder's (docs/domain.md §8).

const TABLE = ['CHILD,DOB,ACCOM', '1,15/06/2005,U1'];

describe('OC3 year labels', () => {
  it('oc3FileAt (--oc3) and findOc3Files (--folder) label every file alike: its own name first, else its folder', async () => {
    const dir = join(
      writeFixture({
        // A regional folder named by the year its return starts, holding the DfE's file named by the year it ends.
        '2021-22/2023/oc3_2024.csv': TABLE,
        '2021-22/2024/oc3.csv': TABLE,
        '2021-22/oc3_2020.csv': TABLE,
        '2021-22/oc3.csv': TABLE,
        '2021-22/stacked/all-oc3.csv': TABLE,
      }),
      '2021-22',
    );
    const found = await findOc3Files(dir);
    const labels = found.map((f) => [f.path.slice(dir.length + 1), f.year]);
    expect(labels).toEqual([
      ['2023/oc3_2024.csv', 2024],
      ['2024/oc3.csv', 2024],
      ['oc3.csv', 2022],
      ['oc3_2020.csv', 2020],
      ['stacked/all-oc3.csv', undefined],
    ]);
    expect(found.map((f) => oc3FileAt(f.path))).toEqual(found);
  });
});
