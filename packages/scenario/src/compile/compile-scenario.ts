import { addMonths, dayToIso, isoToDay, type ModelParameters } from '@carecast/engine';
import { checkDate, MAX_HORIZON_MONTHS, parseHorizon } from './dates.js';
import { IssueList, type DocPath } from '../errors.js';
import type { Scenario } from '../scenario.js';
import { compileLevers, type ModifierOrigin } from './levers.js';
import { compileModelSection, UnitReader } from './model.js';

/** Replications when neither the file nor the command line names them. */
export const DEFAULT_REPLICATIONS = 200;
/** Seed when neither the file nor the command line names one. */
export const DEFAULT_SEED = 1;

/** A scenario turned into engine parameters, with what a report needs to describe it. */
export interface CompiledScenario {
  name: string;
  description?: string;
  /** Engine parameters, dates and modifiers included. */
  params: ModelParameters;
  /** One sentence per lever, e.g. `Early help: care-proceedings entries cut by 25% from 2025-04-01`. */
  leversInWords: string[];
  seed: number;
  replications: number;
  /** Where each engine modifier came from (same order as `params.modifiers`). */
  modifierOrigins: ModifierOrigin[];
}

/** The inclusive end date of a horizon such as `5 years` from `start` (a checked date). */
export function horizonEnd(start: string, horizon: string): string | undefined {
  const h = parseHorizon(horizon);
  if ('error' in h) return undefined;
  if ('months' in h) return dayToIso(isoToDay(addMonths(start, h.months)) - 1);
  return dayToIso(isoToDay(start) + h.days - 1);
}

function dates(issues: IssueList, s: Scenario): { start: string; end: string } {
  const start = s.start;
  if (!checkDate(issues, ['start'], start)) return { start: '2000-01-01', end: '2000-12-31' };
  let end: string | undefined;
  if (s.horizon !== undefined && s.end !== undefined) {
    issues.add(['end'], 'give horizon or end, not both');
  } else if (s.horizon !== undefined) {
    const h = parseHorizon(s.horizon);
    if ('error' in h) issues.add(['horizon'], h.error);
    else end = horizonEnd(start, s.horizon);
  } else if (s.end !== undefined) {
    if (checkDate(issues, ['end'], s.end)) end = s.end;
  } else {
    issues.add(['start'], 'missing horizon or end; add e.g. "horizon: 5 years"');
  }
  if (end !== undefined && end < start) {
    issues.add([s.end !== undefined ? 'end' : 'horizon'], `the run ends (${end}) before it starts (${start}); expected a later end`);
    end = undefined;
  }
  if (end !== undefined && s.end !== undefined && isoToDay(end) - isoToDay(start) > MAX_HORIZON_MONTHS * 31) {
    issues.add(['end'], `${end} is more than 50 years after the start; expected a shorter run`);
    end = undefined;
  }
  return { start, end: end ?? start };
}

/**
 * Compiles a scenario into engine parameters (units converted, levers turned into modifiers). Throws a
 * ScenarioError naming the path of every problem.
 */
export function compileScenario(scenario: Scenario): CompiledScenario {
  const issues = new IssueList();
  const u = new UnitReader(issues);
  const horizon = dates(issues, scenario);
  const params = compileModelSection(u, scenario.model, horizon, scenario.normalise === true);
  const levers = compileLevers(u, scenario.levers ?? [], horizon, params);
  if (levers.modifiers.length > 0) params.modifiers = levers.modifiers;
  // A question's probability follows the rule of every percentage (the rest of a question is checked by compileLoaded).
  for (const [i, q] of (scenario.questions ?? []).entries()) {
    if ('probability' in q && q.probability !== undefined) u.percentage(['questions', i, 'probability'], q.probability, 'probability');
  }
  issues.throwIfAny();
  const out: CompiledScenario = {
    name: scenario.name,
    params,
    leversInWords: levers.words,
    seed: scenario.seed ?? DEFAULT_SEED,
    replications: scenario.replications ?? DEFAULT_REPLICATIONS,
    modifierOrigins: levers.origins,
  };
  if (scenario.description !== undefined) out.description = scenario.description;
  return out;
}

/** Splits an engine parameter path (`transitions.rates[3].perYear`) into segments. */
export function splitParameterPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|([^.[\]]+)/g;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return out;
}

/**
 * The scenario path behind an engine parameter path, so an engine ParameterError points at the YAML node:
 * `modifiers[2].afterDays` -> `levers[1].after`; `entries.perYear.1-4` -> `model.entries.perYear.1-4`.
 */
export function scenarioPathOf(compiled: CompiledScenario, parameterPath: string): DocPath {
  const segs = splitParameterPath(parameterPath);
  const [head, ...rest] = segs;
  if (head === 'start') return ['start'];
  if (head === 'end') return ['end'];
  if (head === 'modifiers' && typeof rest[0] === 'number') {
    const origin = compiled.modifierOrigins[rest[0]];
    if (origin === undefined) return ['levers'];
    const field = rest[1];
    const mapped = typeof field === 'string' ? origin.fields[field] : undefined;
    return mapped === undefined ? ['levers', origin.lever] : ['levers', origin.lever, mapped];
  }
  return ['model', ...segs];
}
