import fc from 'fast-check';

/** Replacement values by family: what a careless edit, a copy from a spreadsheet or a hostile file writes. */
export const VALUES = {
  types: ['true', 'null', '~', '[]', '{}', '"text"', '42', '-1', '0', '0.5', "''", '[1, 2]', '{ a: 1 }'],
  extremes: ['1e308', '-1e308', '1e999', '.inf', '-.inf', '.nan', '9007199254740993', '0.0000001', '1000000000', '10000000 per year', '1e308 per year', '999999999999%', '-0'],
  dates: ['2025-02-30', '9999-12-31', '0001-01-01', '2025-13-01', '1899-12-31', '2200-01-01', '10000 years', '0 days', '2025-04-01T00:00:00Z', '20250401', '2025-4-1'],
  units: ['20', '150%', '-150%', '£-5 per week', '5 per fortnight', '1.5', '25 %', '3 per child-decade', '£1,00 per week'],
  unicode: ['“25%”', '２５%', '25\u00a0%', '\u202e25%', '😀', 'ｙｅａｒｓ', '2025\u20110401', 'e\u0301', '\u200b5 years'],
  yaml: ['&a 1', '*a', '!!binary aGk=', '!!str 5', '!!float 1', '0x10', '0o17', 'yes', 'on', '"\\x00"', '|\n  text', '>-\n  folded', '{a: 1, a: 2}', '[[[[[[[[[[]]]]]]]]]]', '!tag x'],
} as const;
export type Family = keyof typeof VALUES | 'truncate' | 'delete-line' | 'duplicate-line' | 'indent' | 'nesting' | 'aliases';

/**
 * Where the plain values of a file start and end (after `key: ` or `- `, up to `,`, `}`, `]`, ` #` or the
 * line's end), leaving out comments and the text of block scalars (a description), where an edit is harmless.
 */
function valueSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  let blockIndent = -1;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && (line.trim() === '' || indent > blockIndent)) {
      offset += line.length + 1;
      continue;
    }
    blockIndent = /:\s*[>|][-+]?\s*$/.test(line) ? indent : -1;
    if (!line.trimStart().startsWith('#')) {
      const re = /(?:: |- |\{ ?|, ?|\[ ?)([^,{}[\]#\s][^,{}[\]#]*?)(?=\s*(?:,|}|]|\s#|$))/g;
      for (let m = re.exec(line); m !== null; m = re.exec(line)) {
        const start = offset + m.index + m[0].length - m[1]!.length;
        spans.push({ start, end: start + m[1]!.length });
      }
    }
    offset += line.length + 1;
  }
  return spans;
}

export interface Mutation {
  family: Family;
  /** A position (fraction of the places available), so a mutation applies to any file. */
  at: number;
  value: string;
}

/** A place in a file, uniform (fast-check would otherwise favour the first and last). */
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

/** Arbitrary mutations: a value replaced by one of a family's, or a structural edit. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  ...(Object.keys(VALUES) as (keyof typeof VALUES)[]).map((family) =>
    fc.record({ family: fc.constant<Family>(family), at: position, value: fc.constantFrom(...VALUES[family]) }),
  ),
  fc.record({
    family: fc.constantFrom<Family>('truncate', 'delete-line', 'duplicate-line', 'indent', 'nesting', 'aliases'),
    at: position,
    value: fc.constant(''),
  }),
);

/** Applies one mutation to a scenario's text. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = Math.floor(m.at * lines.length);
  switch (m.family) {
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
    case 'delete-line':
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'indent':
      return [...lines.slice(0, line), ` ${lines[line] ?? ''}`, ...lines.slice(line + 1)].join('\n');
    case 'nesting':
      return `${text}\nextra: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    case 'aliases': {
      // A "billion laughs" document: each level refers nine times to the one before.
      const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++) levels.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
      return `${text}\n${levels.join('\n')}\n`;
    }
    default: {
      const spans = valueSpans(text);
      if (spans.length === 0) return text;
      const s = spans[Math.floor(m.at * spans.length)]!;
      return text.slice(0, s.start) + m.value + text.slice(s.end);
    }
  }
}
