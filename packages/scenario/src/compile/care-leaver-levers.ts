import type { Effect, Modifier } from '@carecast/engine';
import type { DocPath } from '../errors.js';
import type { CareLeaverAccommodationLever, StayingPutLever } from '../file/care-leaver-levers.js';
import type { UnitReader } from './model.js';
import { categoryWords, list, moneyWords, numberWords, percentWords } from './words.js';

// The care-leaver levers (`staying-put`, `care-leaver-accommodation`) as engine modifiers, and their sentence.

type Push = (m: Modifier, fields?: Record<string, string>) => void;

const accommodationWords = (a: string): string => a.replace(/_/g, ' ');

/** A staying-put lever's modifier; returns what it does in words (without its dates). */
export function compileStayingPut(u: UnitReader, path: DocPath, lever: StayingPutLever, w: { from: string; until?: string; rampMonths?: number }, push: Push): string {
  if (lever.takeUp !== undefined && lever.takeUpBy !== undefined) u.issues.add(path, 'give only one of takeUp or takeUpBy, not both');
  const parts: string[] = [];
  const m: Extract<Modifier, { kind: 'staying-put' }> = { kind: 'staying-put', ...w };
  const fields: Record<string, string> = { category: 'category' };
  if (lever.category !== undefined) m.category = lever.category as 'inhouse_foster' | 'ifa_foster';
  if (lever.takeUp !== undefined) {
    const p = u.percentage([...path, 'takeUp'], lever.takeUp, 'probability');
    m.takeUp = { set: p };
    fields['takeUp'] = 'takeUp';
    parts.push(`take-up set to ${percentWords(p)}`);
  } else if (lever.takeUpBy !== undefined) {
    const by = u.percentage([...path, 'takeUpBy'], lever.takeUpBy, 'change');
    m.takeUp = { multiply: 1 + by };
    fields['takeUp'] = 'takeUpBy';
    parts.push(`take-up ${by >= 0 ? 'up' : 'down'} ${percentWords(Math.abs(by))}`);
  }
  if (lever.moveOnBy !== undefined) {
    const by = u.percentage([...path, 'moveOnBy'], lever.moveOnBy, 'change');
    if (by < -1) u.issues.add([...path, 'moveOnBy'], `${percentWords(by)} is below -100%; expected a change of at least -100%`);
    const effect: Effect = { multiply: Math.max(0, 1 + by) };
    m.moveOn = effect;
    fields['moveOn'] = 'moveOnBy';
    parts.push(`young people move on ${by <= 0 ? `${percentWords(-by)} less` : `${percentWords(by)} more`} often`);
  }
  if (parts.length === 0) u.issues.add(path, 'expected takeUp, takeUpBy or moveOnBy');
  push(m, fields);
  const who = lever.category === undefined ? 'foster carers' : `${categoryWords(lever.category)} carers`;
  return `staying put with ${who}: ${list(parts)}`;
}

/** A care-leaver accommodation lever's modifier; returns what it does in words (without its dates). */
export function compileCareLeaverAccommodation(u: UnitReader, path: DocPath, lever: CareLeaverAccommodationLever, w: { from: string; until?: string; rampMonths?: number }, push: Push): string {
  const m: Extract<Modifier, { kind: 'care-leaver-accommodation' }> = { kind: 'care-leaver-accommodation', ...w, accommodation: lever.accommodation };
  const fields: Record<string, string> = { accommodation: 'accommodation' };
  const parts: string[] = [];
  if (lever.places !== undefined) {
    if (!Number.isInteger(lever.places)) u.issues.add([...path, 'places'], `${lever.places} is not a whole number; expected whole places`);
    m.places = lever.places;
    fields['places'] = 'places';
    parts.push(`${numberWords(Math.abs(lever.places))} places ${lever.places >= 0 ? 'added' : 'removed'}`);
  }
  if (lever.weeklyCost !== undefined && lever.weeklyCostBy !== undefined) u.issues.add(path, 'give only one of weeklyCost or weeklyCostBy, not both');
  if (lever.weeklyCost !== undefined) {
    const gbp = u.money([...path, 'weeklyCost'], lever.weeklyCost);
    m.weeklyCost = { set: gbp };
    fields['weeklyCost'] = 'weeklyCost';
    parts.push(`cost set to ${moneyWords(gbp)} a week`);
  } else if (lever.weeklyCostBy !== undefined) {
    const by = u.percentage([...path, 'weeklyCostBy'], lever.weeklyCostBy, 'change');
    m.weeklyCost = { multiply: Math.max(0, 1 + by) };
    fields['weeklyCost'] = 'weeklyCostBy';
    parts.push(`cost ${by >= 0 ? 'up' : 'down'} ${percentWords(Math.abs(by))}`);
  }
  if (parts.length === 0) u.issues.add(path, 'expected places, weeklyCost or weeklyCostBy');
  push(m, fields);
  return `care leavers' ${accommodationWords(lever.accommodation)}: ${list(parts)}`;
}
