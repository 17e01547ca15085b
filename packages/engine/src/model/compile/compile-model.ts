import { AGE_OUT_REASONS, EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { dayToIso, isoToDay, monthEnds } from '../dates.js';
import type { CompiledModel } from '../compiled-model.js';
import type { ModelParameters } from '../parameters.js';
import { ParameterError } from '../parameter-error.js';
import { readEntries } from './entries.js';
import { buildEpochs, type Costs } from './epochs.js';
import { readCareLeavers } from './care-leavers.js';
import { readDurationBands, readTransitionRates } from './hazard-tables.js';
import { CATEGORY } from './ids-and-targets.js';
import { readInitialPopulation } from './initial-population.js';
import { readModifiers } from './modifiers.js';
import { readPosterior } from './posterior.js';
import { attachPosterior } from './posterior-draws.js';
import { reachableMoves } from './reachability.js';
import { compiledSupply, raiseCapacityToOccupancy, readSupply } from './supply.js';
import { optionalNumber, optionalRecord, requireDate, requireId, requireNumber, requireProbability, requireRecord, requireWeights } from './validation.js';

/**
 * Validates `params` (throwing ParameterError with the path of the first problem) and precompiles the
 * model: sections are read in a fixed order, so the first problem reported does not depend on the
 * object's key order.
 */
export function compileModel(params: ModelParameters): CompiledModel {
  const warnings: string[] = [];
  const p = requireRecord(params, '(parameters)');
  const start = requireDate(p['start'], 'start');
  const end = requireDate(p['end'], 'end');
  const startDay = isoToDay(start);
  const endDay = isoToDay(end);
  if (endDay < startDay) throw new ParameterError('end', `expected a date on or after start (${start})`);
  const snapshotDays = monthEnds(startDay, endDay);
  const dates = [start, ...Array.from(snapshotDays, dayToIso)];

  const transitions = requireRecord(p['transitions'], 'transitions');
  const durations = readDurationBands(transitions);
  const supply = readSupply(p, warnings);
  const ageOutWeights = readAgeOut(p);
  const outOfAreaProbability = readOutOfArea(p);
  const entries = readEntries(p, warnings, supply.providers);
  const hazards = readTransitionRates(transitions, durations, warnings);
  const initial = readInitialPopulation(p, durations);
  const costs = readCosts(p);
  const modifiers = readModifiers(p, supply, startDay, endDay, warnings);
  raiseCapacityToOccupancy(supply, initial.occupancy, warnings);
  const epochInputs = { startDay, endDay, hazards, entries, supply, costs, modifiers };
  const { hazardTables, epochs } = buildEpochs(epochInputs);
  const posterior = readPosterior(p, durations, Array.from(epochs, (e) => e.day), epochInputs, supply.providers);
  const moveKeys = reachableMoves(hazardTables, modifiers.durationCaps, epochs, supply, entries.firstNeed);
  const careLeavers = readCareLeavers(p, { startDay, endDay, supply, initial, ageOutWeights, inflationPerYear: costs.inflationPerYear, warnings });

  const model: CompiledModel = {
    warnings,
    startDay,
    endDay,
    snapshotDays,
    dates,
    durationBoundsDays: durations.boundsDays,
    durationBandCount: durations.count,
    ...compiledSupply(supply),
    initialBlockPerDay: modifiers.initialBlockPerDay,
    initialBlockBeds: modifiers.initialBlockBeds,
    capacityEvents: modifiers.capacityEvents,
    outOfAreaProbability,
    ageOutWeights,
    maleShare: entries.maleShare,
    uascMaleShare: entries.uascMaleShare,
    routeWeights: entries.routeWeights,
    firstPlacement: entries.firstPlacement,
    firstNeed: entries.firstNeed,
    initialCells: initial.cells,
    initialChildren: initial.children,
    hazardTables,
    epochs,
    durationCaps: modifiers.durationCaps,
    leverCostLabels: modifiers.leverCostLabels,
    moveKeys,
    careLeavers,
  };
  if (posterior) attachPosterior(model, posterior);
  return model;
}

/** `ageOut`: weights of the reasons for leaving care at 18, by exit reason index. */
function readAgeOut(p: Record<string, unknown>): number[] {
  const ageOutRec = requireRecord(p['ageOut'], 'ageOut');
  const ageOutWeights = Array.from(EXIT_REASONS, () => 0);
  for (const [k, v] of Object.entries(ageOutRec)) {
    if (v === undefined) continue;
    const r = requireId(k, AGE_OUT_REASONS, `ageOut.${k}`, 'a reason for leaving care at 18');
    ageOutWeights[EXIT_REASONS.indexOf(AGE_OUT_REASONS[r]!)] = requireNumber(v, `ageOut.${k}`, 0, Infinity, 'a weight of zero or more');
  }
  if (!(ageOutWeights.reduce((a, b) => a + b, 0) > 0)) throw new ParameterError('ageOut', 'expected at least one positive weight');
  return ageOutWeights;
}

/** `outOfAreaProbability`: per category, the probability a placement there is out of area. */
function readOutOfArea(p: Record<string, unknown>): number[] {
  const outOfAreaProbability = Array.from(PLACEMENT_CATEGORIES, () => 0);
  for (const [k, v] of Object.entries(optionalRecord(p['outOfAreaProbability'], 'outOfAreaProbability'))) {
    if (v === undefined) continue;
    const c = requireId(k, PLACEMENT_CATEGORIES, `outOfAreaProbability.${k}`, CATEGORY);
    outOfAreaProbability[c] = requireProbability(v, `outOfAreaProbability.${k}`);
  }
  return outOfAreaProbability;
}

/** `costs`: GBP per week by category and the yearly inflation rate. */
function readCosts(p: Record<string, unknown>): Costs {
  const costs = requireRecord(p['costs'], 'costs');
  const weeklyCost = requireWeights(costs['weeklyCost'], PLACEMENT_CATEGORIES, 'costs.weeklyCost', CATEGORY, 'GBP per week of zero or more');
  const inflationPerYear = optionalNumber(costs['inflationPerYear'], 'costs.inflationPerYear', 0, -0.99, 10, 'a yearly rate above -1');
  return { weeklyCost, inflationPerYear };
}
