import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { loadValidators } from '#validators';
import { didYouMean } from '../did-you-mean.js';
import type { DocPath } from '../errors.js';
import type { ScenarioValidators } from './validator-types.js';

/** A schema violation: the path of the offending value and a message with the fix. */
export interface SchemaIssue {
  path: DocPath;
  message: string;
  /** Point at the key rather than the value (unknown keys). */
  atKey: boolean;
}

type Which = 'file' | 'complete';

let validators: ScenarioValidators | undefined;

const schemaText = (): string => readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');

/** The JSON Schema of scenario files, generated from the TypeScript types (schema/scenario.schema.json). */
export function scenarioSchema(): Record<string, unknown> {
  return JSON.parse(schemaText()) as Record<string, unknown>;
}

/** The validators, loaded once: generated at build time under Node when current (see validators-node.ts). */
export function scenarioValidators(): ScenarioValidators {
  if (validators === undefined) {
    const text = schemaText();
    validators = loadValidators(text, JSON.parse(text) as object);
  }
  return validators;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function expectation(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const s = schema as { description?: string };
  if (typeof s.description !== 'string') return undefined;
  // The first sentence is the expectation; the rest is documentation.
  const first = s.description.split('\n')[0]!.split(/\.\s/)[0]!;
  return first.charAt(0).toLowerCase() + first.slice(1).replace(/\.$/, '');
}

function typeWords(type: unknown): string {
  const words: Record<string, string> = {
    object: 'a mapping (key: value lines)',
    array: 'a list',
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
  };
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

function messageFor(e: ErrorObject): SchemaIssue | undefined {
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const props = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const isLever = path.length === 2 && path[0] === 'levers';
      const allowed = props.length > 0 ? ` Allowed here: ${props.join(', ')}.` : '';
      const what = isLever ? `"${key}" is not a setting of this lever` : `unknown key "${key}"`;
      return { path: [...path, key], message: `${what}${didYouMean(key, props)}.${allowed}`, atKey: true };
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      return { path, message: `missing "${missing}"${expectationSuffix(e, missing)}`, atKey: false };
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const last = path[path.length - 1];
      if (last === 'lever' && path[0] === 'levers') {
        return {
          path,
          message: `unknown lever ${show(e.data)}${didYouMean(String(e.data), allowed)}. Levers: ${allowed.join(', ')}`,
          atKey: false,
        };
      }
      return {
        path,
        message: `${show(e.data)} is not allowed${didYouMean(String(e.data), allowed)}; expected one of ${allowed.join(', ')}`,
        atKey: false,
      };
    }
    case 'const':
      return { path, message: `expected ${show(params['allowedValue'])}, got ${show(e.data)}`, atKey: false };
    case 'type':
    case 'pattern': {
      if (params['type'] === 'integer' && typeof e.data === 'number') {
        return { path, message: `expected a whole number; got ${show(e.data)}`, atKey: false };
      }
      const exp = expectation(e.parentSchema) ?? (e.keyword === 'type' ? typeWords(params['type']) : 'a value matching the unit pattern');
      return { path, message: `expected ${exp}; got ${show(e.data)}`, atKey: false };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `${show(e.data)} ${e.message ?? ''}`.trim(), atKey: false };
    case 'if':
      return undefined;
    default:
      return { path, message: `${e.message ?? 'invalid value'}; got ${show(e.data)}`, atKey: false };
  }
}

function expectationSuffix(e: ErrorObject, missing: string): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  const exp = expectation(props?.[missing]);
  return exp === undefined ? '' : ` (${exp})`;
}

const isPrefix = (a: DocPath, b: DocPath): boolean => a.length <= b.length && a.every((s, i) => s === b[i]);

/**
 * Turns ajv's errors into one message per problem. An `anyOf` reports the errors of its deepest branch
 * (the branch the user evidently meant) or, when no branch got further, what the alternatives are.
 */
function simplify(errors: readonly ErrorObject[]): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  // ajv lists the errors of a combinator's branches just before the combinator's own error.
  const pending: { e: ErrorObject; path: DocPath }[] = [];
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    if (e.keyword === 'anyOf') {
      const children: { e: ErrorObject; path: DocPath }[] = [];
      while (pending.length > 0 && isPrefix(path, pending[pending.length - 1]!.path)) children.unshift(pending.pop()!);
      const deeper = children.filter((c) => c.path.length > path.length);
      if (deeper.length > 0) {
        const maxDepth = Math.max(...deeper.map((c) => c.path.length));
        pending.push(...deeper.filter((c) => c.path.length === maxDepth));
      } else {
        const branches = ((e.schema as unknown[] | undefined) ?? []).map(expectation).filter((x) => x !== undefined);
        const exp = expectation(e.parentSchema) ?? (branches.length > 0 ? branches.join(', or ') : undefined);
        const ownPath = pointerToPath(e.instancePath);
        const fake = { ...e, keyword: 'anyOfSummary', message: exp } as ErrorObject;
        pending.push({ e: fake, path: ownPath });
      }
      continue;
    }
    pending.push({ e, path });
  }
  for (const { e, path } of pending) {
    if (e.keyword === 'anyOfSummary') {
      out.push({ path, message: `expected ${e.message ?? 'a different value'}; got ${show(e.data)}`, atKey: false });
      continue;
    }
    const m = messageFor(e);
    if (m !== undefined) out.push(m);
  }
  const seen = new Set<string>();
  return out.filter((i) => {
    const k = `${JSON.stringify(i.path)}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Checks a value against the scenario schema: `file` accepts a partial file when it has `extends`;
 * `complete` requires everything a scenario needs.
 */
export function checkSchema(value: unknown, which: Which): SchemaIssue[] {
  const validate = scenarioValidators()[which];
  if (validate(value)) return [];
  return simplify(validate.errors ?? []);
}
