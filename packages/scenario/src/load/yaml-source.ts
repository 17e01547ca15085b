import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { DocPath, Issue } from '../errors.js';

/** A parsed YAML file that remembers where every node came from. */
export interface YamlSource {
  /** The file name as the user wrote it (used in messages). */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Where a path points in a file: the deepest node found along it, and whether the whole path exists. */
export interface Located {
  line: number;
  col: number;
  exact: boolean;
  /** Number of path segments found. */
  depth: number;
}

/** Parses YAML text keeping positions; syntax errors come back as issues with line and column. */
export function parseYaml(file: string, text: string): { source: YamlSource; issues: Issue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const issues: Issue[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, path: [], message: `YAML syntax: ${firstLine(e.message)}` };
  });
  return { source: { file, doc, lineCounter }, issues };
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function childOf(node: unknown, seg: string | number): { value: Node | null; key: Node | null } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(seg)) return { value: (pair.value as Node | null) ?? null, key: pair.key as Node };
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : { value: item as Node, key: null };
  }
  return undefined;
}

/**
 * Finds the node at `path` (or its key, with `atKey`), falling back to the deepest ancestor found.
 * Positions are 1-based.
 */
export function locate(source: YamlSource, path: DocPath, atKey = false): Located {
  let node: Node | null = source.doc.contents;
  let keyNode: Node | null = null;
  let depth = 0;
  for (const seg of path) {
    const next = childOf(node, seg);
    if (next === undefined) break;
    keyNode = next.key;
    // `key:` with no value: point at the key.
    node = next.value ?? next.key;
    depth++;
  }
  const exact = depth === path.length;
  const target = atKey && exact && keyNode !== null ? keyNode : node;
  const offset = target?.range?.[0] ?? 0;
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col, exact, depth };
}
