import { formatIssue, LEVER_NAMES, type Issue } from '@carecast/scenario/browser';
import scenarioSchema from '@carecast/scenario/schema.json';

/** How one lever setting is edited, read from the scenario JSON Schema. */
type Field =
  | { kind: 'date' }
  | { kind: 'enum'; options: readonly string[] }
  | { kind: 'enum-list'; options: readonly string[]; all: boolean }
  | { kind: 'boolean' }
  | { kind: 'unit'; unit: string }
  | { kind: 'number'; integer: boolean; min?: number }
  | { kind: 'text' }
  | { kind: 'yaml' };

interface PropSchema {
  $ref?: string;
  type?: string | string[];
  items?: PropSchema;
  anyOf?: PropSchema[];
  const?: unknown;
  enum?: string[];
  description?: string;
  minimum?: number;
}

interface LeverSchema {
  properties: Record<string, PropSchema>;
  required?: string[];
  description?: string;
}

const definitions = (scenarioSchema as unknown as { definitions: Record<string, PropSchema & LeverSchema> }).definitions;

/** What each unit is written in, shown beside the box. */
const UNIT_WORDS: Record<string, string> = {
  Percentage: '% (e.g. 25% or -20%)',
  RatePerYear: 'per year (e.g. 30 per year, 3 per month)',
  Months: 'months (e.g. 12 months, 1 year)',
  Days: 'days (e.g. 750 days, 2 years)',
  MoneyPerWeek: 'GBP per week (e.g. £4,500 per week)',
  HazardPerYear: 'per child-year (e.g. 0.1 per child-year)',
  Duration: '(e.g. 5 years)',
};

const refName = (ref: string | undefined): string | undefined => ref?.replace('#/definitions/', '');

function fieldOf(prop: PropSchema): Field {
  const ref = refName(prop.$ref);
  if (ref === 'IsoDate') return { kind: 'date' };
  if (ref !== undefined && definitions[ref]?.enum) return { kind: 'enum', options: definitions[ref]!.enum! };
  if (ref !== undefined && ref in UNIT_WORDS) return { kind: 'unit', unit: ref };
  const listOf = (p: PropSchema | undefined): readonly string[] | undefined => {
    const r = refName(p?.items?.$ref);
    return p?.type === 'array' && r !== undefined ? definitions[r]?.enum : undefined;
  };
  const list = listOf(prop);
  if (list) return { kind: 'enum-list', options: list, all: false };
  if (prop.anyOf) {
    const inner = prop.anyOf.map(listOf).find((x) => x !== undefined);
    if (inner && prop.anyOf.some((p) => p.const === 'all')) return { kind: 'enum-list', options: inner, all: true };
    return { kind: 'yaml' };
  }
  if (prop.type === 'boolean') return { kind: 'boolean' };
  if (prop.type === 'number' || prop.type === 'integer') {
    return { kind: 'number', integer: prop.type === 'integer', ...(prop.minimum !== undefined ? { min: prop.minimum } : {}) };
  }
  if (prop.type === 'string') return { kind: 'text' };
  return { kind: 'yaml' };
}

function leverSchema(name: string): LeverSchema | undefined {
  const def = Object.values(definitions).find((d) => d.properties?.['lever']?.const === name);
  return def as LeverSchema | undefined;
}

/** A plain number stays a number; anything with a unit stays text for the scenario compiler to read. */
function unitValue(text: string): string | number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

export interface LeverFormEvents {
  set(index: number, key: string, value: unknown): void;
  move(index: number, step: number): void;
  remove(index: number): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function firstSentence(text: string | undefined): string {
  return (text ?? '').replace(/__Default value:__/g, 'Default:').replace(/`/g, '');
}

/** One control for one setting; calls `set` with the new value (undefined removes the setting). */
function control(field: Field, value: unknown, set: (v: unknown) => void, id: string): HTMLElement {
  switch (field.kind) {
    case 'date': {
      const input = el('input', { type: 'date', id, value: typeof value === 'string' ? value : '' });
      input.addEventListener('change', () => set(input.value === '' ? undefined : input.value));
      return input;
    }
    case 'enum': {
      const select = el('select', { id }, el('option', { value: '', textContent: '(default)' }));
      for (const o of field.options) select.append(el('option', { value: o, textContent: o.replace(/_/g, ' ') }));
      select.value = typeof value === 'string' ? value : '';
      select.addEventListener('change', () => set(select.value === '' ? undefined : select.value));
      return select;
    }
    case 'enum-list': {
      const chosen = new Set(Array.isArray(value) ? value.map(String) : []);
      const box = el('span', { className: 'checks', id });
      const read = (): void => {
        const picked = [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
        set(picked.length === 0 ? undefined : picked);
      };
      for (const o of field.options) {
        const check = el('input', { type: 'checkbox', value: o, checked: chosen.has(o) });
        check.addEventListener('change', read);
        box.append(el('label', {}, check, o.replace(/_/g, ' ')));
      }
      return box;
    }
    case 'boolean': {
      const select = el('select', { id });
      for (const [v, t] of [['', '(default)'], ['true', 'true'], ['false', 'false']] as const) select.append(el('option', { value: v, textContent: t }));
      select.value = value === true ? 'true' : value === false ? 'false' : '';
      select.addEventListener('change', () => set(select.value === '' ? undefined : select.value === 'true'));
      return select;
    }
    case 'unit': {
      const input = el('input', { type: 'text', id, value: value === undefined ? '' : String(value), className: 'unit' });
      input.addEventListener('input', () => set(unitValue(input.value)));
      return el('span', { className: 'with-unit' }, input, el('span', { className: 'unit-words', textContent: UNIT_WORDS[field.unit] ?? '' }));
    }
    case 'number': {
      const input = el('input', { type: 'number', id, value: value === undefined ? '' : String(value), step: field.integer ? '1' : 'any' });
      if (field.min !== undefined) input.min = String(field.min);
      input.addEventListener('input', () => set(input.value === '' ? undefined : Number(input.value)));
      return input;
    }
    case 'text': {
      const input = el('input', { type: 'text', id, value: value === undefined ? '' : String(value) });
      input.addEventListener('input', () => set(input.value === '' ? undefined : input.value));
      return input;
    }
    case 'yaml':
      return el('code', { id, className: 'yaml-only', textContent: value === undefined ? '(edit in the scenario file)' : JSON.stringify(value) });
  }
}

/**
 * The form of the file's levers: one fieldset per lever (move up, move down, remove), one control per
 * setting its schema allows, each with its unit and a place for its error.
 */
export function renderLeverForm(container: HTMLElement, levers: readonly Record<string, unknown>[], events: LeverFormEvents): void {
  const sets = levers.map((lever, i) => {
    const name = String(lever['lever'] ?? '');
    const schema = leverSchema(name);
    const head = el('legend', {}, `${i + 1}. ${name}`);
    const up = el('button', { type: 'button', textContent: '↑', title: 'Move up (levers apply in order)', disabled: i === 0 });
    const down = el('button', { type: 'button', textContent: '↓', title: 'Move down', disabled: i === levers.length - 1 });
    const remove = el('button', { type: 'button', textContent: 'Remove', className: 'remove' });
    up.addEventListener('click', () => events.move(i, -1));
    down.addEventListener('click', () => events.move(i, 1));
    remove.addEventListener('click', () => events.remove(i));
    const fieldset = el('fieldset', { className: 'lever' }, head, el('div', { className: 'lever-tools' }, up, down, remove));
    fieldset.dataset['lever'] = String(i);
    fieldset.append(el('p', { className: 'lever-about', textContent: firstSentence(schema?.description) }));
    fieldset.append(el('div', { className: 'error', role: 'alert' }));
    if (!schema) return fieldset;
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (key === 'lever') continue;
      const id = `lever-${i}-${key}`;
      const required = schema.required?.includes(key) ?? false;
      const row = el(
        'div',
        { className: 'field' },
        el('label', { htmlFor: id, textContent: `${key}${required ? ' *' : ''}`, title: firstSentence(prop.description) }),
        control(fieldOf(prop), lever[key], (v) => events.set(i, key, v), id),
        el('div', { className: 'error', role: 'alert' }),
      );
      row.dataset['key'] = key;
      fieldset.append(row);
    }
    return fieldset;
  });
  container.replaceChildren(...sets);
}

/**
 * Shows each issue beside its control (levers.N.key), at its lever (levers.N), or in `general`; returns
 * the issues placed in the form.
 */
export function showLeverIssues(container: HTMLElement, general: HTMLElement, issues: readonly Issue[]): void {
  for (const e of container.querySelectorAll<HTMLElement>('.error')) e.textContent = '';
  for (const e of container.querySelectorAll('.invalid')) e.classList.remove('invalid');
  const rest: string[] = [];
  for (const issue of issues) {
    const [head, index, key] = issue.path;
    const lever = head === 'levers' && typeof index === 'number' ? container.querySelector<HTMLElement>(`[data-lever="${index}"]`) : null;
    const row = lever && typeof key === 'string' ? lever.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) : null;
    const target = row ?? lever;
    if (target) {
      const box = target.querySelector<HTMLElement>(':scope > .error')!;
      box.textContent = box.textContent ? `${box.textContent}\n${formatIssue(issue)}` : formatIssue(issue);
      target.classList.add('invalid');
    } else rest.push(formatIssue(issue));
  }
  general.textContent = rest.join('\n');
}

/** A new lever of kind `name` with its required settings filled with examples, starting on `from`. */
export function newLever(name: string, from: string): Record<string, unknown> {
  const schema = leverSchema(name);
  const lever: Record<string, unknown> = { lever: name };
  const examples: Record<string, unknown> = {
    Percentage: '10%',
    RatePerYear: '10 per year',
    Days: '2 years',
    MoneyPerWeek: '£100 per week',
    MoneyPerYear: '£100,000 per year',
    Months: '12 months',
  };
  for (const key of schema?.required ?? []) {
    if (key === 'lever') continue;
    const prop = schema!.properties[key]!;
    const field = fieldOf(prop);
    const ref = refName(prop.$ref);
    if (key === 'from') lever[key] = from;
    else if (key === 'to') lever[key] = { category: 'inhouse_foster' };
    else if (key === 'order') lever[key] = ['inhouse_foster', 'ifa_foster'];
    else if (field.kind === 'enum') lever[key] = field.options.includes('inhouse_foster') ? 'inhouse_foster' : field.options[0];
    else if (field.kind === 'number') lever[key] = Math.max(1, field.min ?? 1);
    else if (ref !== undefined && ref in examples) lever[key] = examples[ref];
  }
  return lever;
}

export { LEVER_NAMES };
