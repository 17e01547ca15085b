import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError, writeDirAtomically, writeFilesTogether } from '../../src/index.js';
import { tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

/** Entries of a folder without Carecast's hidden bookkeeping files. */
const visible = (dir: string) => readdirSync(dir).filter((e) => !e.startsWith('.')).sort();
/** What the store beside `out` holds; after a run, one version and its list of files. */
const versions = (out: string) => {
  const entries = readdirSync(join(out, '..', `.${out.split('/').pop()}.carecast`)).sort();
  const dirs = entries.filter((e) => /^v-[^.]+$/.test(e));
  expect(entries).toEqual(dirs.flatMap((d) => [d, `${d}.files.json`]).sort());
  return dirs;
};

describe('writeDirAtomically', () => {
  it('creates the directory with every file, as a link to its first version', async () => {
    const out = join(tmp.dir, 'a', 'out');
    await writeDirAtomically(out, new Map([['results.json', '{}'], ['charts/x.svg', '<svg/>']]));
    expect(readFileSync(join(out, 'charts/x.svg'), 'utf8')).toBe('<svg/>');
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).toMatch(/^\.out\.carecast\/v-/);
    expect(versions(out)).toHaveLength(1);
  });

  it('replaces what it wrote, keeps what the user put there (also inside charts/) and leaves one version', async () => {
    const out = join(tmp.dir, 'out');
    await writeDirAtomically(out, new Map([['results.json', 'old'], ['charts/stale.svg', 'x']]));
    mkdirSync(join(out, 'compare'));
    writeFileSync(join(out, 'compare', 'results.json'), 'another run');
    writeFileSync(join(out, 'charts', 'my-notes.txt'), 'mine');
    await writeDirAtomically(out, new Map([['results.json', 'new'], ['charts/a.svg', 'a']]));
    expect(readdirSync(out).sort()).toEqual(['charts', 'compare', 'results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new');
    expect(visible(join(out, 'charts'))).toEqual(['a.svg', 'my-notes.txt']);
    expect(readFileSync(join(out, 'compare', 'results.json'), 'utf8')).toBe('another run');
    expect(readdirSync(tmp.dir).sort()).toEqual(['.out.carecast', 'out']);
    expect(versions(out)).toHaveLength(1);
  });

  it('a plain folder of earlier results becomes the first version, the user\'s files kept', async () => {
    const out = join(tmp.dir, 'out');
    mkdirSync(join(out, 'charts'), { recursive: true });
    writeFileSync(join(out, 'results.json'), 'from an earlier Carecast');
    writeFileSync(join(out, 'charts', 'mine.png'), 'mine');
    await writeDirAtomically(out, new Map([['results.json', 'new']]));
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(out, 'charts', 'mine.png'), 'utf8')).toBe('mine');
    expect(versions(out)).toHaveLength(1);
  });

  it('refuses a folder that holds no Carecast results, and the current folder, changing nothing', async () => {
    const docs = join(tmp.dir, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'thesis.tex'), 'precious');
    await expect(writeDirAtomically(docs, new Map([['results.json', '{}']]))).rejects.toThrow(/holds no Carecast results \(thesis\.tex\)/);
    await expect(writeDirAtomically('.', new Map([['results.json', '{}']]), docs)).rejects.toBeInstanceOf(UsageError);
    expect(readdirSync(docs)).toEqual(['thesis.tex']);
    expect(readdirSync(tmp.dir)).toEqual(['docs']);
  });

  it('a failure while producing files leaves the earlier output intact and no temporary version', async () => {
    const out = join(tmp.dir, 'out');
    await writeDirAtomically(out, new Map([['results.json', 'earlier']]));
    await expect(
      writeDirAtomically(out, async () => {
        throw new Error('simulation failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('earlier');
    expect(versions(out)).toHaveLength(1);
  });

  it('a failure while writing files leaves the earlier output intact', async () => {
    const out = join(tmp.dir, 'out');
    await writeDirAtomically(out, new Map([['results.json', 'earlier']]));
    const files = new Map<string, string>([['results.json', 'new'], ['../escape.txt', 'no']]);
    await expect(writeDirAtomically(out, files)).rejects.toThrow(/outside the output directory/);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('earlier');
    expect(existsSync(join(tmp.dir, 'escape.txt'))).toBe(false);
    expect(versions(out)).toHaveLength(1);
  });

  it('versions left by interrupted runs (their writer gone) are removed by the next run', async () => {
    const out = join(tmp.dir, 'out');
    await writeDirAtomically(out, new Map([['results.json', 'earlier']]));
    const store = join(tmp.dir, '.out.carecast');
    // A run killed while writing (its process id no longer runs), and one killed just before its swap.
    mkdirSync(join(store, 'v-killed-writing'));
    writeFileSync(join(store, 'v-killed-writing.writing'), '999999999');
    writeFileSync(join(store, 'v-killed-writing', 'results.json'), 'half');
    mkdirSync(join(store, 'v-killed-before-swap'));
    writeFileSync(join(store, 'v-killed-before-swap.files.json'), '["results.json"]');
    writeFileSync(join(store, 'v-killed-before-swap', 'results.json'), 'whole but never shown');
    mkdirSync(join(store, '.new-mx5-999999999-abc'));
    await writeDirAtomically(out, new Map([['results.json', 'later']]));
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('later');
    expect(versions(out)).toHaveLength(1);
  });

  it('folders left beside out/ by interrupted runs of Carecast before versions are cleared, user files kept', async () => {
    const out = join(tmp.dir, 'out');
    mkdirSync(join(out, 'charts'), { recursive: true });
    writeFileSync(join(out, 'results.json'), 'earlier');
    // A run killed during the old entry-by-entry swap: its new files, and the entries it was replacing.
    mkdirSync(join(tmp.dir, '.out.tmp-999999999-mx5abc-def123', 'charts'), { recursive: true });
    writeFileSync(join(tmp.dir, '.out.tmp-999999999-mx5abc-def123', 'charts', 'a.svg'), 'new');
    mkdirSync(join(tmp.dir, '.out.old-999999999-mx5abc-def123', 'charts'), { recursive: true });
    writeFileSync(join(tmp.dir, '.out.old-999999999-mx5abc-def123', 'charts', 'a.svg'), 'old');
    writeFileSync(join(tmp.dir, '.out.old-999999999-mx5abc-def123', 'charts', 'mine.txt'), 'mine');
    await writeDirAtomically(out, new Map([['results.json', 'later'], ['charts/a.svg', 'later']]));
    expect(readdirSync(tmp.dir).sort()).toEqual(['.out.carecast', 'out']);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['a.svg', 'mine.txt']);
    expect(readFileSync(join(out, 'charts', 'a.svg'), 'utf8')).toBe('later');
  });

  it('two runs into one new folder both succeed and the folder holds one of them whole', async () => {
    const out = join(tmp.dir, 'new');
    const files = (who: string) => new Map(['results.json', 'summary.csv', 'charts/a.svg'].map((f) => [f, `${who} ${f}`]));
    await Promise.all([writeDirAtomically(out, files('first')), writeDirAtomically(out, files('second'))]);
    const who = readFileSync(join(out, 'results.json'), 'utf8').split(' ')[0]!;
    expect(['first', 'second']).toContain(who);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(`${who} summary.csv`);
    expect(readFileSync(join(out, 'charts/a.svg'), 'utf8')).toBe(`${who} charts/a.svg`);
    expect(versions(out)).toHaveLength(1);
  });

  it('refuses to write over a file', async () => {
    const file = join(tmp.dir, 'results');
    writeFileSync(file, 'precious');
    await expect(writeDirAtomically(file, new Map([['results.json', '{}']]))).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('a parent that cannot be written is a usage error naming the place, not a raw error code', async () => {
    writeFileSync(join(tmp.dir, 'a-file'), 'x');
    const err = await writeDirAtomically(join(tmp.dir, 'a-file', 'out'), new Map([['results.json', '{}']])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/^cannot write the results beside .*a-file\/out\/ .*: a part of the path is a file, not a folder \(ENOTDIR\); choose --out in a folder you can write$/);
  });
});

describe('writeFilesTogether', () => {
  it('writes every file, or none when one target cannot be written', async () => {
    const a = join(tmp.dir, 'my-la.yaml');
    const b = join(tmp.dir, 'evidence.json');
    writeFileSync(a, 'earlier scenario');
    await writeFilesTogether(new Map([[a, 'scenario'], [b, 'evidence']]));
    expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(['scenario', 'evidence']);
    mkdirSync(join(tmp.dir, 'folder'));
    const err = await writeFilesTogether(new Map([[a, 'new scenario'], [join(tmp.dir, 'folder'), 'evidence']])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/folder is a folder; expected a file name to write/);
    expect(readFileSync(a, 'utf8')).toBe('scenario');
    expect(readdirSync(tmp.dir).sort()).toEqual(['evidence.json', 'folder', 'my-la.yaml']);
  });
});
