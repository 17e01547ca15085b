import type {
  BedCapacity,
  CostParameters,
  EntryParameters,
  HouseholdCapacity,
  InitialChild,
  InitialPopulation,
  ModelParameters,
  PopulationCell,
  SupplyParameters,
  TransitionParameters,
  TransitionRate,
  UascParameters,
} from '@carecast/engine';
import { describe, expect, it } from 'vitest';
import type {
  BedCapacitySection,
  CostsSection,
  EntriesSection,
  HouseholdCapacitySection,
  InitialChildSection,
  InitialPopulationSection,
  ModelSection,
  PopulationCellSection,
  SupplySection,
  TransitionRateSection,
  TransitionsSection,
  UascSection,
} from '../../src/file/model-section.js';
import { scenarioSchema } from '../../src/index.js';

/**
 * The engine's parameter keys that a scenario file cannot set. `pnpm typecheck` fails when this is not
 * `never`: a key added to `ModelParameters` needs its file key (and units) in `model-section.ts`, or the
 * engine reads a setting no file can write (as `uasc.routeShares` once was).
 */
type Unsettable<Engine, File> = Exclude<keyof Engine, keyof File>;
type None<T extends never> = T;

// start and end come from the scenario's `start` and `horizon`, modifiers from its levers.
export type FileCoversEngine = [
  None<Unsettable<Omit<ModelParameters, 'start' | 'end' | 'modifiers'>, ModelSection>>,
  None<Unsettable<InitialPopulation, InitialPopulationSection>>,
  None<Unsettable<PopulationCell, PopulationCellSection>>,
  None<Unsettable<InitialChild, InitialChildSection>>,
  None<Unsettable<EntryParameters, EntriesSection>>,
  None<Unsettable<UascParameters, UascSection>>,
  None<Unsettable<TransitionParameters, TransitionsSection>>,
  None<Unsettable<TransitionRate, TransitionRateSection>>,
  None<Unsettable<BedCapacity, BedCapacitySection>>,
  None<Unsettable<HouseholdCapacity, HouseholdCapacitySection>>,
  None<Unsettable<SupplyParameters, SupplySection>>,
  None<Unsettable<CostParameters, CostsSection>>,
];

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  $ref?: string;
}

describe('scenario file keys', () => {
  it('the JSON Schema lets a file set every key of the engine UASC parameters, routeShares included', () => {
    const schema = scenarioSchema() as unknown as { definitions: Record<string, SchemaNode> };
    const uasc = schema.definitions['UascSection'];
    const keys: (keyof UascParameters)[] = ['perYear', 'ageBandShares', 'firstPlacement', 'routeShares', 'maleShare'];
    expect(Object.keys(uasc?.properties ?? {}).sort()).toEqual([...keys].sort());
  });
});
