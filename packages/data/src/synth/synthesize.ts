import { addMonths, isoToDay, type ModelParameters } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectionYears, writeSsda903 } from './write-ssda903.js';
import { scenarioAccommodationMix, scenarioCareLeaversPerAge, synthesizeOc3 } from './write-oc3.js';
import type { SimRecords } from './records.js';

export interface SynthesizeOptions {
  /** Whole collection years to simulate from the scenario's start (the run ends on a 31 March). */
  years: number;
  seed: number;
}

/** The scenario's parameters run for whole collection years: the end moves to the first 31 March at least `years` years after the start. */
export function synthesisParameters(params: ModelParameters, years: number): ModelParameters {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`years = ${years}; expected a whole number of at least 1`);
  const reach = isoToDay(addMonths(params.start, 12 * years)) - 1;
  let y = Number(params.start.slice(0, 4)) + years - 1;
  while (isoToDay(`${y}-03-31`) < reach) y++;
  return { ...params, end: `${y}-03-31` };
}

/**
 * Simulates one replication of the care model (with supply) recording every placement and child:
 * demo data with no real child in it, ready for `writeSsda903`.
 */
export function synthesizeRecords(params: ModelParameters, options: SynthesizeOptions): SimRecords {
  const run = synthesisParameters(params, options.years);
  const model = compileModel(run);
  const out = runReplication(model, options.seed, 0, { recordEpisodes: true });
  return { start: run.start, end: run.end, episodes: out.episodes ?? [], children: out.children ?? [], series: { dates: out.dates, values: out.series } };
}

/**
 * Simulates with the engine and writes SSDA903 Header/Episodes/UASC CSVs, one folder per collection year,
 * with an OC3 care-leaver table (`oc3.csv`) in each drawn from the scenario's accommodation mix by age;
 * returns the files written.
 */
export async function synthesize(params: ModelParameters, options: SynthesizeOptions & { out: string }): Promise<string[]> {
  const records = synthesizeRecords(params, options);
  const written = await writeSsda903(records, options.out, options.seed);
  const mix = scenarioAccommodationMix(params);
  const perAge = scenarioCareLeaversPerAge(params);
  for (const year of collectionYears(records.start, records.end)) {
    const path = join(options.out, String(year), 'oc3.csv');
    await writeFile(path, synthesizeOc3(mix, year, perAge, options.seed, year));
    written.push(path);
  }
  return written;
}
