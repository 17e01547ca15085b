import { ScenarioError } from './errors.js';
import type { Lever } from './file/levers.js';
import type { PlacementCategory, TypeOfCare } from '@carecast/engine';
import type { CareLeaversSection } from './file/care-leavers-section.js';
import type { ModelSection, TypeOfCareSection } from './file/model-section.js';
import type { Duration, IsoDate, Percentage } from './file/units.js';
import { checkSchema } from './load/schema.js';
import type { Scenario } from './scenario.js';

/**
 * Checks a scenario written in code against the same schema as scenario files and returns it; throws
 * ScenarioError (with paths) on any problem.
 */
export function defineScenario(scenario: Scenario): Scenario {
  const issues = checkSchema(scenario, 'complete');
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => ({ path: i.path, message: i.message })));
  return scenario;
}

/** A fluent, typed way to write a scenario: `scenario('Early help').start('2025-04-01')...build()`. */
export class ScenarioBuilder {
  private readonly value: Partial<Scenario> & { levers: Lever[] };

  constructor(name: string, base?: Scenario) {
    this.value = { ...structuredClone(base ?? {}), name, levers: [...structuredClone(base?.levers ?? [])] };
  }
  /** Renames the scenario (results and reports show the name). */
  name(text: string): this {
    this.value.name = text;
    return this;
  }
  description(text: string): this {
    this.value.description = text;
    return this;
  }
  /** First simulated day (ISO date). */
  start(date: IsoDate): this {
    this.value.start = date;
    return this;
  }
  /** Run length from the start, e.g. `5 years`; replaces any end date. */
  horizon(duration: Duration): this {
    this.value.horizon = duration;
    delete this.value.end;
    return this;
  }
  /** Last simulated day, inclusive; replaces any horizon. */
  end(date: IsoDate): this {
    this.value.end = date;
    delete this.value.horizon;
    return this;
  }
  replications(n: number): this {
    this.value.replications = n;
    return this;
  }
  seed(n: number): this {
    this.value.seed = n;
    return this;
  }
  model(model: ModelSection): this {
    this.value.model = model;
    return this;
  }
  /**
   * Sets who provides a type of care, in order, and its step-across, e.g.
   * `.typeOfCare('family_foster_care', { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: false })`.
   * Call after `model(...)` (or on a base scenario); replaces that type's earlier setting.
   */
  typeOfCare(type: TypeOfCare, spec: TypeOfCareSection): this {
    const model = this.value.model;
    if (!model) throw new Error('typeOfCare() needs a model: call model(...) first or start from a base scenario');
    model.supply.typesOfCare = { ...model.supply.typesOfCare, [type]: structuredClone(spec) };
    return this;
  }
  /**
   * Sets the chance that one vacant place of a capacity-limited category suits a given child
   * (`'70%'` or 0.7). Call after `model(...)`; the category must have a capacity.
   */
  matchProbability(category: PlacementCategory, probability: Percentage): this {
    const spec = this.value.model?.supply.capacity[category];
    if (!spec) throw new Error(`matchProbability(): ${category} has no capacity in the model; expected a capacity-limited category`);
    spec.matchProbability = probability;
    return this;
  }
  /**
   * Sets the care leavers (`model.careLeavers`), merged key by key over any earlier setting, e.g.
   * `.careLeavers({ endAgeYears: 25, stayingPut: { takeUp: { inhouse_foster: '60%' } } })`. Call after `model(...)`.
   */
  careLeavers(section: CareLeaversSection): this {
    const model = this.value.model;
    if (!model) throw new Error('careLeavers() needs a model: call model(...) first or start from a base scenario');
    model.careLeavers = { ...model.careLeavers, ...structuredClone(section) };
    return this;
  }
  /** Adds a policy lever after those already present. */
  lever(lever: Lever): this {
    this.value.levers.push(lever);
    return this;
  }
  /** The finished scenario, checked as defineScenario does. */
  build(): Scenario {
    const out = { ...this.value } as Scenario;
    if (this.value.levers.length === 0) delete out.levers;
    return defineScenario(out);
  }
}

/**
 * Starts a scenario builder, optionally from an existing scenario (its model and levers are kept):
 * `scenario('Early help', base).lever({...}).build()`.
 */
export function scenario(name: string, base?: Scenario): ScenarioBuilder {
  return new ScenarioBuilder(name, base);
}
