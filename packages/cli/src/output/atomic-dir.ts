import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { entryKind, linkedVersion, manifestOf, storeOf, tidyLegacy, tidyStore, uniqueTag, withStoreLock, writingOf } from './output-store.js';
import { writeError } from './write-errors.js';

/** Relative path inside the output directory -> file content. */
export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

/** Names that show a real folder is an earlier Carecast output, so it may become the first version. */
const CARECAST_OUTPUTS = ['results.json', 'summary.csv', 'report.html', 'backtest.json', 'backtest.csv'];

async function checkTarget(dir: string, target: string, store: string, cwd: string): Promise<void> {
  const kind = await entryKind(target);
  if (kind === 'file') throw new UsageError(`${dir} is a file; expected a directory for the results`);
  if (kind === 'link' && (await linkedVersion(target, store)) === undefined) {
    throw new UsageError(`${dir} is a symbolic link Carecast did not make; expected a directory for the results (or a new name)`);
  }
  if (kind === 'dir') {
    const rel = relative(target, cwd);
    if (rel === '' || !rel.startsWith('..')) throw new UsageError(`--out ${dir} is the current folder or holds it; expected a folder for the results`);
    const entries = await readdir(target);
    if (entries.length > 0 && !entries.some((e) => CARECAST_OUTPUTS.includes(e))) {
      throw new UsageError(
        `${dir} is a folder that holds no Carecast results (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}); expected a new or earlier output folder`,
      );
    }
  }
}

/**
 * Writes `files` as the new content of the output folder `dir`, all or nothing. The files go into a new
 * version folder in `.<dir>.carecast/` beside `dir`; when every one is written, `dir` (a symbolic link
 * to the current version) is swapped to the new version in one rename, so a reader, an interrupted run
 * or a concurrent run only ever sees a complete earlier or later result (two runs: the last wins).
 * Then, under a lock, earlier versions are removed; files the user put into the output folder are
 * carried over to the new version, never deleted. Versions left by interrupted runs are removed by the
 * next run. A `dir` that is still a plain folder of earlier results becomes the first version.
 */
export async function writeDirAtomically(
  dir: string,
  files: OutputFiles | (() => Promise<OutputFiles>),
  cwd = process.cwd(),
): Promise<void> {
  const target = resolve(cwd, dir);
  const parent = dirname(target);
  const store = storeOf(target);
  const shown = shownDir(cwd, dir);
  await checkTarget(shown, target, store, cwd);
  const tag = uniqueTag();
  const version = join(store, `v-${tag}`);
  try {
    await mkdir(store, { recursive: true });
    // Made under a name tidying leaves alone, then renamed, so a version never lacks its writer's mark.
    const fresh = join(store, `.new-${tag}`);
    await mkdir(fresh);
    await writeFile(writingOf(version), String(process.pid));
    await rename(fresh, version);
  } catch (err) {
    throw writeError(err, `the results beside ${shown}/ (in ${shownDir(cwd, parent)}/, where new results are prepared)`, 'choose --out in a folder you can write');
  }
  let published = false;
  try {
    const content = typeof files === 'function' ? await files() : files;
    const written: string[] = [];
    // Each file written in one synchronous call and each folder made once: a command writes its files
    // and waits for nothing else, and the asynchronous calls cost more CPU (a thread-pool round trip per
    // open, write and close, and writes in 512 kB chunks) for the same bytes (session 16).
    const folders = new Set<string>([version]);
    for (const [rel, data] of content) {
      const path = resolve(version, rel);
      const inside = relative(version, path);
      if (inside.startsWith('..') || inside === '') throw new Error(`output file "${rel}" would land outside the output directory`);
      const folder = dirname(path);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      writeFileSync(path, data);
      written.push(inside.split(sep).join('/'));
    }
    await writeFile(manifestOf(version), `${JSON.stringify(written)}\n`);
    await withStoreLock(store, async () => {
      await checkTarget(shown, target, store, cwd);
      if ((await entryKind(target)) === 'dir') await rename(target, join(store, `m-${tag}`));
      const link = join(store, `.link-${tag}`);
      await symlink(relative(parent, version), link);
      await rename(link, target);
      published = true;
      // Marked as being written until now, so that no other run's tidying takes it for a replaced version.
      await rm(writingOf(version));
      // The results are in place; what tidying cannot remove now (say, a file it may not move) the
      // next run tries again.
      await tidyStore(store, basename(version)).catch(() => undefined);
      await tidyLegacy(target, version).catch(() => undefined);
    });
  } catch (err) {
    if (!published) {
      await rm(version, { recursive: true, force: true });
      await rm(writingOf(version), { force: true });
      await rm(manifestOf(version), { force: true });
      // A store left empty by a first run that failed is not worth keeping.
      await rmdir(store).catch(() => undefined);
    }
    throw writeError(err, `the results into ${shown}/`);
  }
}

/** An output directory as messages show it: relative to `cwd` when inside it, else absolute. */
export function shownDir(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
}
