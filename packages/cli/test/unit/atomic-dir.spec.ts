import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError, writeDirAtomically } from '../../src/index.js';
import { tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('writeDirAtomically', () => {
  it('creates the directory with every file', async () => {
    const out = join(tmp.dir, 'a', 'out');
    await writeDirAtomically(out, new Map([['results.json', '{}'], ['charts/x.svg', '<svg/>']]));
    expect(readFileSync(join(out, 'charts/x.svg'), 'utf8')).toBe('<svg/>');
  });

  it('replaces the entries it writes and keeps the others', async () => {
    const out = join(tmp.dir, 'out');
    await writeDirAtomically(out, new Map([['results.json', 'old'], ['charts/stale.svg', 'x']]));
    mkdirSync(join(out, 'compare'));
    writeFileSync(join(out, 'compare', 'results.json'), 'another run');
    await writeDirAtomically(out, new Map([['results.json', 'new'], ['charts/a.svg', 'a']]));
    expect(readdirSync(out).sort()).toEqual(['charts', 'compare', 'results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new');
    expect(readdirSync(join(out, 'charts'))).toEqual(['a.svg']);
    expect(readFileSync(join(out, 'compare', 'results.json'), 'utf8')).toBe('another run');
    expect(readdirSync(tmp.dir)).toEqual(['out']);
  });

  it('a failure while producing files leaves the earlier output intact and no temporary directory', async () => {
    const out = join(tmp.dir, 'out');
    await writeDirAtomically(out, new Map([['results.json', 'earlier']]));
    await expect(
      writeDirAtomically(out, async () => {
        throw new Error('simulation failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('earlier');
    expect(readdirSync(tmp.dir)).toEqual(['out']);
  });

  it('a failure while writing files leaves the earlier output intact', async () => {
    const out = join(tmp.dir, 'out');
    await writeDirAtomically(out, new Map([['results.json', 'earlier']]));
    const files = new Map<string, string>([['results.json', 'new'], ['../escape.txt', 'no']]);
    await expect(writeDirAtomically(out, files)).rejects.toThrow(/outside the output directory/);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('earlier');
    expect(existsSync(join(tmp.dir, 'escape.txt'))).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual(['out']);
  });

  it('refuses to write over a file', async () => {
    const file = join(tmp.dir, 'results');
    writeFileSync(file, 'precious');
    await expect(writeDirAtomically(file, new Map([['results.json', '{}']]))).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });
});
