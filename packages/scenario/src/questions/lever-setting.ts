import { closest } from '../did-you-mean.js';
import type { Lever, LeverName } from '../file/levers.js';
import type { Scenario } from '../scenario.js';

/** The unit a lever setting's numbers are written in on the command line and in `questions:`. */
export type SettingUnit = 'per year' | 'per child-year' | '%' | 'GBP per week' | 'days' | 'beds' | 'places' | 'times';

/** A lever's numeric settings a sweep or seek may vary, the first being the default, with their units. */
const SETTINGS: Readonly<Partial<Record<LeverName, readonly (readonly [string, SettingUnit])[]>>> = {
  'reduce-entries': [['by', '%']],
  'change-entries': [['add', 'per year'], ['set', 'per year']],
  'uasc-arrivals': [['perYear', 'per year'], ['add', 'per year']],
  'recruit-foster-carers': [['extraHouseholdsPerYear', 'per year'], ['placesPerHousehold', 'places']],
  'retain-foster-carers': [['by', '%']],
  'add-capacity': [['beds', 'beds'], ['weeklyCostPerBed', 'GBP per week']],
  'remove-capacity': [['beds', 'beds']],
  'scale-transition': [['multiply', 'times'], ['by', '%'], ['add', 'per child-year']],
  'duration-cap': [['probability', '%'], ['after', 'days']],
  'change-cost': [['by', '%'], ['add', 'GBP per week'], ['set', 'GBP per week'], ['inflationPerYear', '%']],
};

/** One numeric setting of one lever of a scenario: what `--lever` and `--setting` name. */
export interface LeverSetting {
  /** Index in the scenario's `levers` list (0-based, as in `levers[0]` of messages). */
  index: number;
  /** The lever's label, or `<lever kind> #<position from 1>`. */
  name: string;
  /** The setting's key in the lever, e.g. `extraHouseholdsPerYear`. */
  setting: string;
  unit: SettingUnit;
  /** The value the scenario file gives it (in `unit`), when it gives a plain one. */
  current?: number;
}

/** The value written into the scenario: `8 per year`, `25%`, `£900 per week`, `4`. */
export function settingText(unit: SettingUnit, value: number): string | number {
  switch (unit) {
    case '%':
      return `${value}%`;
    case 'per year':
      return `${value} per year`;
    case 'per child-year':
      return `${value} per child-year`;
    case 'GBP per week':
      return `£${value} per week`;
    case 'days':
      return `${value} days`;
    default:
      return value;
  }
}

/** A setting's written value read back in its unit (`8 per year` -> 8, `25%` -> 25), when plain. */
function currentValue(unit: SettingUnit, written: unknown): number | undefined {
  if (typeof written === 'number') return unit === '%' ? written * 100 : written;
  if (typeof written !== 'string') return undefined;
  // £ written \u00a3, so the command line's bundle stays ASCII (packages/cli scripts/bundle.mjs).
  const m = /^\s*[\u00a3+]?(-?\d[\d,]*(?:\.\d+)?)/.exec(written);
  return m === null ? undefined : Number(m[1]!.replace(/,/g, ''));
}

const leverName = (lever: Lever, index: number) => lever.label?.trim() || `${lever.lever} #${index + 1}`;

/**
 * Finds the lever `ref` names (its label, case-insensitive, or its position from 1) and the numeric
 * setting to vary (`setting`, or the lever's first, e.g. `extraHouseholdsPerYear`). Returns what is
 * wrong and what is expected when it cannot.
 */
export function findLeverSetting(scenario: Scenario, ref: string, setting?: string): LeverSetting | { error: string } {
  const levers = scenario.levers ?? [];
  if (levers.length === 0) return { error: 'the scenario has no levers; expected a scenario with the lever to vary in its levers: list' };
  const names = levers.map(leverName);
  let index = names.findIndex((n) => n.toLowerCase() === ref.trim().toLowerCase());
  if (index < 0 && /^\d+$/.test(ref.trim())) index = Number(ref) - 1;
  if (index < 0 || index >= levers.length) {
    const near = closest(ref, names);
    return { error: `no lever "${ref}"${near !== undefined ? ` (did you mean "${near}"?)` : ''}; expected a label or a position from 1 to ${levers.length}: ${names.map((n) => `"${n}"`).join(', ')}` };
  }
  const lever = levers[index]!;
  const options = SETTINGS[lever.lever] ?? [];
  if (options.length === 0) return { error: `lever "${names[index]}" (${lever.lever}) has no numeric setting to vary` };
  const record = lever as unknown as Record<string, unknown>;
  const chosen = setting === undefined ? (options.find(([k]) => record[k] !== undefined) ?? options[0]!) : options.find(([k]) => k === setting);
  if (chosen === undefined) {
    return { error: `lever "${names[index]}" (${lever.lever}) has no setting "${setting}"; expected one of ${options.map(([k]) => k).join(', ')}` };
  }
  const [key, unit] = chosen;
  const out: LeverSetting = { index, name: names[index]!, setting: key, unit };
  const current = currentValue(unit, record[key]);
  if (current !== undefined && Number.isFinite(current)) out.current = current;
  return out;
}

/** Settings whose value 0 means the lever does nothing, and which the lever refuses: the lever is left out. */
const ZERO_IS_NO_LEVER: readonly string[] = ['add-capacity.beds', 'remove-capacity.beds'];

/**
 * The scenario with each lever setting set to its value (in the setting's unit); the input is unchanged.
 * A lever set to 0 beds (add-capacity, remove-capacity) is left out, since 0 beds is no lever.
 */
export function withSettings(scenario: Scenario, values: readonly { at: LeverSetting; value: number }[]): Scenario {
  const drop = new Set<number>();
  const levers = (scenario.levers ?? []).map((l, i) => {
    let out = l;
    for (const { at, value } of values) {
      if (at.index !== i) continue;
      if (value === 0 && ZERO_IS_NO_LEVER.includes(`${l.lever}.${at.setting}`)) drop.add(i);
      out = { ...out, [at.setting]: settingText(at.unit, value) } as Lever;
    }
    return out;
  });
  return { ...scenario, levers: levers.filter((_, i) => !drop.has(i)) };
}
