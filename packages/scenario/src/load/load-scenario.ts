import { isMap } from 'yaml';
import { ScenarioError, type DocPath, type Issue } from '../errors.js';
import type { ScenarioFile } from '../file/scenario-file.js';
import type { Scenario } from '../scenario.js';
import { checkSchema } from './schema.js';
import { locate, parseYaml, type YamlSource } from './yaml-source.js';

/** A scenario read from a file (and the files it extends), able to point at the node behind any path. */
export interface LoadedScenario {
  scenario: Scenario;
  /** The file the user named. */
  file: string;
  /** Parsed sources, the named file first, then each file it extends (a given value's text is parsed when first read). */
  sources: readonly YamlSource[];
  /** The named file's own settings (before the files it extends are merged in). */
  own: Readonly<Record<string, unknown>>;
  /** Attaches file, line and column to an issue that has only a path. */
  place(issue: Issue, atKey?: boolean): Issue;
}

export interface LoadOptions {
  /** Reads a file as UTF-8 text. __Default value:__ node:fs/promises readFile (a regular file, at most 4 MB) */
  readText?: (absolutePath: string) => Promise<string>;
  /** Directory that relative names in messages are relative to. __Default value:__ process.cwd() */
  cwd?: string;
}

/**
 * Where scenario files come from: a file system (node-host.ts) or texts a page holds (text-host.ts).
 * Paths are the host's own (node:path on Node, POSIX paths in a browser).
 */
export interface ScenarioHost {
  readText: (absolutePath: string) => Promise<string>;
  cwd: string;
  resolve: (from: string, to: string) => string;
  dirname: (path: string) => string;
  relative: (from: string, to: string) => string;
  /**
   * The value a file's text parses to, when the caller holds it already (`undefined`: read and parse
   * the file), and its text, asked for only to place an issue at a line (the file is not read). The
   * value is taken as is, not copied.
   */
  givenValue?: (absolutePath: string) => { value: Record<string, unknown>; text: () => string } | undefined;
}

/** A file that is not a scenario file (a device, a pipe, too large): `readText` rejects with it and its message is shown. */
export class NotAScenarioFile extends Error {}

type Json = unknown;

const isPlainObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and plain values in `over` replace those in `base`. */
export function deepMerge(base: Json, over: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, Json> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

function placeIn(sources: readonly YamlSource[], issue: Issue, atKey: boolean): Issue {
  let best: { source: YamlSource; line: number; col: number; depth: number } | undefined;
  for (const source of sources) {
    const at = locate(source, issue.path, atKey);
    if (best === undefined || at.depth > best.depth) best = { source, ...at };
  }
  if (best === undefined) return issue;
  return { ...issue, file: best.source.file, line: best.line, col: best.col };
}

async function readSource(
  abs: string,
  shown: string,
  host: ScenarioHost,
  referrer: { source: YamlSource; path: DocPath; written: string } | undefined,
): Promise<{ source: YamlSource; value: Record<string, Json> }> {
  const given = host.givenValue?.(abs);
  if (given !== undefined) {
    // The caller's value of this file: the same checks, the text asked for and parsed only to place an issue.
    const source = lazySource(shown, given.text);
    return { source, value: checkedFileValue(source, given.value) };
  }
  let text: string;
  try {
    text = await host.readText(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file'
      : code === 'EISDIR' ? 'is a directory, not a file'
      : err instanceof NotAScenarioFile ? err.message
      : `cannot be read (${code ?? (err as Error).message})`;
    const issue: Issue = { path: referrer?.path ?? [], message: `${shown}: ${why}` };
    if (referrer !== undefined) {
      throw new ScenarioError([placeIn([referrer.source], { ...issue, message: `cannot extend "${referrer.written}": ${why} (looked for ${shown}); the path is relative to this file` }, false)]);
    }
    throw new ScenarioError([{ file: shown, path: [], message: `${why}; expected a scenario YAML file` }]);
  }
  // A file read again unchanged (the file a scenario extends, as levers move in the explorer) is parsed
  // and checked once; its value is made anew each time, so nothing downstream shares it.
  const known = checked.get(shown);
  if (known !== undefined && known.text === text) return { source: known.source, value: known.source.doc.toJS({ maxAliasCount: 100 }) as Record<string, Json> };
  const { source, issues } = parseYaml(shown, text);
  if (issues.length > 0) throw new ScenarioError(issues);
  if (!isMap(source.doc.contents)) {
    throw new ScenarioError([
      { file: shown, line: 1, col: 1, path: [], message: NOT_A_MAPPING },
    ]);
  }
  let value: Json;
  try {
    value = source.doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ScenarioError([{ file: shown, line: 1, col: 1, path: [], message: `YAML: ${(err as Error).message}` }]);
  }
  checkedFileValue(source, value);
  checked.delete(shown);
  checked.set(shown, { text, source });
  if (checked.size > MAX_CHECKED) checked.delete(checked.keys().next().value!);
  return { source, value: value as Record<string, Json> };
}

const NOT_A_MAPPING = 'expected a mapping with name, start, horizon, model and levers';

/** A file's value checked against the schema (a file's part of it); issues placed in `source`. */
function checkedFileValue(source: YamlSource, value: Json): Record<string, Json> {
  if (!isPlainObject(value)) throw new ScenarioError([{ file: source.file, line: 1, col: 1, path: [], message: NOT_A_MAPPING }]);
  const schemaIssues = checkSchema(value, 'file');
  if (schemaIssues.length > 0) {
    throw new ScenarioError(sortIssues(schemaIssues.map((i) => placeIn([source], { path: i.path, message: i.message }, i.atKey))));
  }
  return value;
}

/**
 * The source of a text whose value was given: parsed (with its positions) when first read, which only
 * placing an issue does.
 */
function lazySource(file: string, text: () => string): YamlSource {
  let parsed: YamlSource | undefined;
  const source = (): YamlSource => (parsed ??= parseYaml(file, text()).source);
  return {
    file,
    get doc() {
      return source().doc;
    },
    get lineCounter() {
      return source().lineCounter;
    },
  };
}

/** Files parsed and checked against the schema, by name, the most recent last. */
const checked = new Map<string, { text: string; source: YamlSource }>();
const MAX_CHECKED = 16;

/** Issues in file order, then line and column. */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}

/**
 * Reads a scenario file from `host`, follows `extends` (relative paths, cycles reported), merges and checks the result
 * against the schema. Throws ScenarioError with `file:line:col` on any problem.
 */
export async function loadScenarioFrom(file: string, host: ScenarioHost): Promise<LoadedScenario> {
  const { cwd, resolve, dirname, relative } = host;
  const shownName = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel.startsWith('..') ? abs : rel;
  };
  const chain: { abs: string; source: YamlSource; value: Record<string, Json> }[] = [];
  let abs = resolve(cwd, file);
  let shown = file;
  let referrer: { source: YamlSource; path: DocPath; written: string } | undefined;
  for (;;) {
    const cycleAt = chain.findIndex((c) => c.abs === abs);
    if (cycleAt >= 0) {
      const names = [...chain.slice(cycleAt).map((c) => c.source.file), shown].join(' -> ');
      throw new ScenarioError([placeIn([referrer!.source], { path: ['extends'], message: `extends cycle: ${names}; remove one of these extends` }, false)]);
    }
    const { source, value } = await readSource(abs, shown, host, referrer);
    chain.push({ abs, source, value });
    const parent = value['extends'];
    if (typeof parent !== 'string') break;
    abs = resolve(dirname(abs), parent);
    shown = shownName(abs);
    referrer = { source, path: ['extends'], written: parent };
  }
  let merged: Json = {};
  for (let i = chain.length - 1; i >= 0; i--) merged = deepMerge(merged, chain[i]!.value);
  const complete = { ...(merged as Record<string, Json>) };
  delete complete['extends'];
  delete complete['$schema'];
  const sources = chain.map((c) => c.source);
  const place = (issue: Issue, atKey = false) => placeIn(sources, issue, atKey);
  const issues = checkSchema(complete, 'complete');
  if (issues.length > 0) throw new ScenarioError(sortIssues(issues.map((i) => place({ path: i.path, message: i.message }, i.atKey))));
  return { scenario: complete as unknown as ScenarioFile as Scenario, file, sources, own: chain[0]!.value, place };
}
