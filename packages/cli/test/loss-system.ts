import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { cli, tempDir } from './helpers.js';

// The small scenario the sweep, seek and report tests ask their questions of, and the folder they run in.

/** The numbers of a loss system (see lossSystem). */
export interface LossSystemOptions {
  name: string;
  horizon: string;
  replications: number;
  seed: number;
  /** Children under 1 entering care, per year. */
  entriesPerYear: number;
  /** Reunifications per child-year from either residential type. */
  exitsPerYear: number;
  /** In-house residential beds. */
  beds: number;
  /** Posteriors (Gamma shape and rate, per year): of the in-house exit rate and of the entry rate. */
  uncertainty?: { exits: { shape: number; rate: number }; entries: { shape: number; rate: number } };
  /** The levers (lever and fewerEntries below), in order. */
  levers: string[];
}

/**
 * A loss system as a scenario file: children enter needing in-house residential care; when its beds are
 * full they go to external residential care and stay there until they leave.
 */
export function lossSystem(o: LossSystemOptions): string {
  const exitUncertainty = o.uncertainty ? `, uncertainty: { shape: ${o.uncertainty.exits.shape}, rate: ${o.uncertainty.exits.rate} }` : '';
  const entryUncertainty = o.uncertainty ? `  uncertainty:\n    entries:\n      perYear: { '<1': { shape: ${o.uncertainty.entries.shape}, rate: ${o.uncertainty.entries.rate} } }\n` : '';
  return `name: ${o.name}
start: 2025-04-01
horizon: ${o.horizon}
replications: ${o.replications}
seed: ${o.seed}
model:
  initialPopulation: { counts: [] }
  entries:
    perYear: { '<1': ${o.entriesPerYear} per year }
    routeShares: { care_proceedings: 100% }
    firstPlacement: { '<1': { inhouse_residential: 100% } }
  transitions:
    rates:
      - { from: inhouse_residential, to: { exit: reunification }, perYear: ${o.exitsPerYear}${exitUncertainty} }
      - { from: external_residential, to: { exit: reunification }, perYear: ${o.exitsPerYear} }
  ageOut: { independent_living: 100% }
  supply:
    capacity:
      inhouse_residential: { beds: ${o.beds} }
    fallback:
      inhouse_residential: [external_residential]
    waitForPreferred: false
  costs:
    weeklyCost: { inhouse_residential: £4000 per week, external_residential: £5000 per week }
${entryUncertainty}levers:
${o.levers.join('')}`;
}

/** The lever `Beds`: one more in-house residential bed from the start (at `weeklyCostPerBed` GBP per week, when given). */
export const bedsLever = (weeklyCostPerBed?: number): string =>
  `  - lever: add-capacity
    label: Beds
    category: inhouse_residential
    beds: 1
${weeklyCostPerBed === undefined ? '' : `    weeklyCostPerBed: £${weeklyCostPerBed} per week\n`}    from: 2025-04-01
`;

/** The lever `Fewer entries`: 10% fewer entries from the start. */
export const FEWER_ENTRIES = `  - lever: reduce-entries
    label: Fewer entries
    by: 10%
    from: 2025-04-01
`;

/**
 * A temporary folder holding `files` (name to text) for the tests of one spec file, made before them and
 * removed after them: `run` runs the command line in it, `path` and `read` name and read a file in it.
 */
export function scenarioFolder(files: Record<string, string>) {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp.dir, name), text);
  });
  afterAll(() => tmp.remove());
  const path = (file: string): string => join(tmp.dir, file);
  return {
    path,
    run: (argv: string[]) => cli(argv, tmp.dir),
    read: (file: string): string => readFileSync(path(file), 'utf8'),
  };
}
