import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWrappedSource } from '../../src/code-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'carecast-wrapped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readWrappedSource', () => {
  it('wraps an ASCII file as Module.wrap does, with its bytes for the fingerprint', () => {
    const text = `"use strict";\nmodule.exports = { a: 1, s: "\\u00a3" };\n${'x'.repeat(70_000)}\n`;
    const { bytes, wrapped } = readWrappedSource(written('ascii.cjs', text));
    expect(wrapped).toBe(Module.wrap(text));
    expect(bytes.toString('utf8')).toBe(text);
  });

  it('decodes a file that is not ASCII as UTF-8 before wrapping it', () => {
    const text = 'module.exports = "£ ≤ ≥ é";\n';
    const { bytes, wrapped } = readWrappedSource(written('utf8.cjs', text));
    expect(wrapped).toBe(Module.wrap(text));
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('wraps an empty file', () => {
    expect(readWrappedSource(written('empty.cjs', '')).wrapped).toBe(Module.wrap(''));
  });
});
