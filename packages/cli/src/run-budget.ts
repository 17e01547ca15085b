import { availableParallelism, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { estimateRun, MAX_EVENTS_PER_REPLICATION, type RunEstimate } from '@carecast/engine';
import { compileModel } from '@carecast/engine/advanced';
import { checkedModel, scenarioPathOf, ScenarioError, type CompiledScenarioFile, type DocPath } from '@carecast/scenario';
import { UsageError } from './errors.js';

/** A count in words: `2.1 billion`, `50 million`, `12,345`, `3.0e+20`. */
function amount(n: number): string {
  if (!Number.isFinite(n)) return 'unboundedly many';
  if (n >= 1e12) return n.toExponential(1);
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} billion`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} million`;
  return Math.round(n).toLocaleString('en-GB');
}
const about = (n: number): string => (Number.isFinite(n) ? `about ${amount(n)}` : amount(n));
const gb = (bytes: number): string => (Number.isFinite(bytes) && bytes < 1e15 ? `${(bytes / 1e9).toFixed(1)} GB` : 'more than a petabyte');

export interface BudgetSettings {
  replications: number;
  /** Whether the replications came from the command line (else from the file or the default). */
  replicationsFromFlag: boolean;
  workers?: number;
  /** `--allow-large`: run whatever the estimate. */
  allowLarge: boolean;
  /** The run keeps summaries only (`run`), so its memory does not grow with the replications. */
  summaryOnly?: boolean;
}

/** The `--allow-large` option of run, compare and validate. */
export const allowLargeOption = {
  type: 'boolean',
  default: false,
  describe: `Run even when the estimate is over budget (more than ${MAX_EVENTS_PER_REPLICATION / 1e6} million events per replication, or more memory than the machine has)`,
} as const;

const overBudget = (e: RunEstimate, heap: number): boolean => e.eventsPerReplication > MAX_EVENTS_PER_REPLICATION || e.bytesPerReplication > heap;

/**
 * The setting to point at: when the model without its levers is within budget, the first lever that
 * takes it over; otherwise the parameter contributing most events.
 */
function drivingSetting(scenario: CompiledScenarioFile, estimate: RunEstimate, settings: BudgetSettings, threads: number, heap: number): DocPath {
  const modifiers = scenario.params.modifiers ?? [];
  if (overBudget(estimate, heap) && modifiers.length > 0) {
    const upTo = (n: number) => {
      const params = { ...scenario.params, modifiers: modifiers.slice(0, n) };
      return estimateRun(params, compileModel(params), settings.replications, threads, { summaryOnly: settings.summaryOnly === true });
    };
    if (!overBudget(upTo(0), heap)) {
      for (let i = 1; i <= modifiers.length; i++) {
        if (overBudget(upTo(i), heap)) return ['levers', scenario.modifierOrigins[i - 1]!.lever];
      }
    }
  }
  return estimate.largestDriver === 'modifiers' ? ['levers'] : scenarioPathOf(scenario, estimate.largestDriver);
}

const ALLOW = 'or add --allow-large to run it anyway';

/**
 * Refuses a Monte Carlo run the machine cannot afford, before simulating: more than
 * MAX_EVENTS_PER_REPLICATION events per replication, or more memory than a thread's heap or the machine
 * has. The message names the setting that drives the size (at its place in the file) and the estimate.
 */
export function checkRunBudget(scenario: CompiledScenarioFile, settings: BudgetSettings): RunEstimate {
  const threads = settings.workers ?? availableParallelism();
  const model = checkedModel(scenario, scenario.params) ?? compileModel(scenario.params);
  const estimate = estimateRun(scenario.params, model, settings.replications, threads, { summaryOnly: settings.summaryOnly === true });
  if (settings.allowLarge) return estimate;
  const heap = getHeapStatistics().heap_size_limit;
  const machine = totalmem();
  const driver = drivingSetting(scenario, estimate, settings, threads, heap);
  // Words only for a refusal (formatting numbers for the locale costs a noticeable start-up).
  const size = (): string => `${amount(estimate.childrenPerReplication)} children and ${amount(estimate.householdsPerReplication)} foster households per replication`;
  const refuse = (message: string): never => {
    throw new ScenarioError([scenario.place({ path: driver, message })]);
  };
  if (estimate.eventsPerReplication > MAX_EVENTS_PER_REPLICATION) {
    refuse(
      `a replication would simulate ${about(estimate.eventsPerReplication)} events (${size()}), over the budget of ${amount(MAX_EVENTS_PER_REPLICATION)}; expected a smaller value, ${ALLOW}`,
    );
  }
  if (estimate.bytesPerReplication > heap) {
    refuse(`a replication would need about ${gb(estimate.bytesPerReplication)} of memory (${size()}), more than the ${gb(heap)} a thread may use; expected a smaller value, ${ALLOW}`);
  }
  if (estimate.totalBytes > Math.min(heap, machine)) {
    const message = `${settings.replications} replications would keep about ${gb(estimate.outputBytes)} of monthly results in memory (${gb(estimate.totalBytes)} in all), more than the ${gb(Math.min(heap, machine))} this process may use; expected fewer replications, ${ALLOW}`;
    if (settings.replicationsFromFlag) throw new UsageError(`--replications: ${message}`);
    throw new ScenarioError([scenario.place({ path: ['replications'], message })]);
  }
  return estimate;
}
