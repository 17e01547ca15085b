import { compileScenario, loadScenario, type CompiledScenarioFile } from '@carecast/scenario';
import type { ModelParameters } from '@carecast/engine';
import { UsageError } from '../errors.js';

/** A step of a by-lever split: the scenario compiled with its levers up to this one (the last step is the whole file). */
export interface LeverPrefix {
  readonly label: string;
  readonly lever: string;
  readonly compiled: CompiledScenarioFile;
}

/** A compared scenario ready to split: itself without levers, and one compiled prefix per lever. */
export interface LeverPrefixes {
  readonly withoutLevers: CompiledScenarioFile;
  readonly prefixes: readonly LeverPrefix[];
}

/**
 * Compiles a scenario file with its first k levers, for k = 0 … n, in file order (the last is the file
 * itself, as given). A file without levers cannot be split: a usage error naming it.
 */
export async function leverPrefixes(c: CompiledScenarioFile, cwd: string): Promise<LeverPrefixes> {
  const loaded = await loadScenario(c.source, { cwd });
  const levers = loaded.scenario.levers ?? [];
  if (levers.length === 0) {
    throw new UsageError(`${c.source}: has no levers; --by-lever splits a scenario's difference from the baseline by its levers, so give a scenario file with a levers: list`);
  }
  const withLevers = (k: number): CompiledScenarioFile => {
    if (k === levers.length) return c;
    // A prefix of levers the whole file compiled and passed the engine's checks with.
    const compiled = compileScenario({ ...loaded.scenario, levers: levers.slice(0, k) });
    return { ...compiled, source: c.source, warnings: c.warnings, place: c.place };
  };
  return {
    withoutLevers: withLevers(0),
    prefixes: levers.map((l, k) => ({ label: l.label ?? `Lever ${k + 1} (${l.lever})`, lever: c.leversInWords[k] ?? l.lever, compiled: withLevers(k + 1) })),
  };
}

/** True when two scenarios differ only in their levers, so the one without levers is the baseline run itself. */
export function sameModel(a: ModelParameters, b: ModelParameters): boolean {
  const strip = ({ modifiers: _ignored, ...rest }: ModelParameters) => JSON.stringify(rest);
  return strip(a) === strip(b);
}
