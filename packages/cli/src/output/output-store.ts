import { lstat, mkdir, readdir, readFile, readlink, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';

/**
 * The hidden folder beside an output folder `out/` that holds its versions: `.out.carecast/v-<tag>/`. The
 * output folder itself is a symbolic link to the current version.
 */
export function storeOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.carecast`);
}

/**
 * Beside a version `v-<tag>/`, in the store (so the output folder holds only results): `v-<tag>.files.json`
 * lists the paths (relative, `/`-separated) the run wrote, so files not listed are the user's; and
 * `v-<tag>.writing` holds the writer's process id until the version is published.
 */
export const manifestOf = (version: string): string => `${version}.files.json`;
export const writingOf = (version: string): string => `${version}.writing`;
const LOCK = '.lock';

export type EntryKind = 'link' | 'dir' | 'file' | 'none';

export async function entryKind(path: string): Promise<EntryKind> {
  try {
    const st = await lstat(path);
    return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

/** True while process `pid` runs (on this machine). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function pidIn(file: string): Promise<number | undefined> {
  try {
    return Number((await readFile(file, 'utf8')).trim());
  } catch {
    return undefined;
  }
}

/** The process id in a name ending with a tag from uniqueTag(). */
function pidOfTag(name: string): number {
  return Number(/-(\d+)-[a-z0-9]+$/.exec(name)?.[1] ?? Number.NaN);
}

/** A short unique tag for this process's files: time, process id and randomness. */
export function uniqueTag(): string {
  return `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Runs `f` holding the store's lock (a folder made with mkdir, holding the holder's pid), so publishing
 * and tidying by two runs never interleave. A lock whose holder has died is taken over; a live holder is
 * waited for, up to `waitMs`, after which the error names it.
 */
export async function withStoreLock<T>(store: string, f: () => Promise<T>, waitMs = 60_000): Promise<T> {
  const lock = join(store, LOCK);
  const started = Date.now();
  // The lock is made whole (a folder holding the pid) under a private name, then renamed into place:
  // renaming onto a lock that exists fails, so the lock is never seen without its holder's pid.
  const mine = join(store, `${LOCK}-new-${uniqueTag()}`);
  await mkdir(mine);
  await writeFile(join(mine, 'pid'), String(process.pid));
  for (;;) {
    try {
      await rename(mine, lock);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') {
        await rm(mine, { recursive: true, force: true });
        throw err;
      }
    }
    const holder = await pidIn(join(lock, 'pid'));
    if (holder !== undefined && !alive(holder)) {
      // Rename first so that only one of several waiting runs takes the dead holder's lock away.
      const stale = `${lock}-stale-${uniqueTag()}`;
      try {
        await rename(lock, stale);
        await rm(stale, { recursive: true, force: true });
      } catch {
        // Another run took it first.
      }
      continue;
    }
    if (Date.now() - started > waitMs) {
      await rm(mine, { recursive: true, force: true });
      throw new Error(`another carecast run (process ${holder ?? 'unknown'}) is still writing into this output folder; try again when it has finished`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  try {
    return await f();
  } finally {
    // Renamed away before removal: a lock emptied in place could be taken over half-removed.
    const released = `${lock}-stale-${uniqueTag()}`;
    await rename(lock, released);
    await rm(released, { recursive: true, force: true });
  }
}

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await filesUnder(join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

async function removeEmptyDirs(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) await removeEmptyDirs(join(dir, e.name));
  }
  if ((await readdir(dir)).length === 0) await rmdir(dir);
}

async function readManifest(dir: string): Promise<Set<string> | undefined> {
  try {
    return new Set(JSON.parse(await readFile(manifestOf(dir), 'utf8')) as string[]);
  } catch {
    return undefined;
  }
}

/**
 * Moves what the user put into an old version (files not in its manifest) into the current version, then
 * removes the old version's own files. For a folder that predates the store (`m-*`, the output folder as
 * it was before its first swap), Carecast's files are those the current version also wrote.
 */
async function retire(old: string, current: string, ours: ReadonlySet<string>): Promise<void> {
  for (const rel of await filesUnder(old)) {
    if (ours.has(rel)) {
      await unlink(join(old, rel));
      continue;
    }
    let to = join(current, rel);
    if ((await entryKind(to)) !== 'none') to = `${to}.kept-${uniqueTag()}`;
    await mkdir(dirname(to), { recursive: true });
    await rename(join(old, rel), to);
  }
  await removeEmptyDirs(old);
  // The list goes last: a run killed half-way through leaves a version the next run still retires
  // file by file, never one it would take for unpublished and remove whole.
  await rm(writingOf(old), { force: true });
  await rm(manifestOf(old), { force: true });
}

/**
 * Clears the store of everything but the current version (call with the lock held): versions of runs
 * that were interrupted (their writer is gone) are removed; replaced versions give their user files to
 * the current one first. Versions still being written by a live run are left alone. Nothing the user
 * wrote is deleted.
 */
export async function tidyStore(store: string, currentName: string): Promise<void> {
  const current = join(store, currentName);
  const currentManifest = (await readManifest(current)) ?? new Set<string>();
  for (const name of await readdir(store)) {
    const path = join(store, name);
    if (name === currentName || name === LOCK) continue;
    if (name.startsWith(`${LOCK}-stale-`)) {
      await rm(path, { recursive: true, force: true });
      continue;
    }
    if (name.startsWith('.new-') || name.startsWith(`${LOCK}-new-`)) {
      // A version or lock being made by the process named in its tag; left behind when that process died.
      if (!alive(pidOfTag(name))) await rm(path, { recursive: true, force: true });
      continue;
    }
    if (name.startsWith('.link-')) {
      await rm(path, { force: true });
      continue;
    }
    if (name.startsWith('m-')) {
      await retire(path, current, currentManifest);
      continue;
    }
    if (!name.startsWith('v-')) continue;
    const marker = /^(v-.*)\.(files\.json|writing)$/.exec(name);
    if (marker !== null) {
      // The marks of a version already removed (a run killed while removing it).
      const version = join(store, marker[1]!);
      if ((await entryKind(version)) === 'none' && !alive(pidOfTag(marker[1]!))) await rm(path, { force: true });
      continue;
    }
    const writer = await pidIn(writingOf(path));
    if (writer !== undefined && alive(writer)) continue;
    const manifest = await readManifest(path);
    if (manifest === undefined) {
      // Never published (no list of files yet): all of it is ours.
      await rm(path, { recursive: true, force: true });
      await rm(writingOf(path), { force: true });
    } else await retire(path, current, manifest);
  }
}

/**
 * Folders beside `target` left by Carecast before output versions (`.out.tmp-<pid>-...`: a run's new
 * files; `.out.old-<pid>-...`: entries it was replacing, a user's files among them) when their process
 * has gone: the first are removed, the second retired into the current version like a replaced version.
 */
export async function tidyLegacy(target: string, current: string): Promise<void> {
  const name = basename(target);
  const parent = dirname(target);
  const ours = (await readManifest(current)) ?? new Set<string>();
  for (const entry of await readdir(parent)) {
    const m = /^\.(.+)\.(tmp|old)-(\d+)-[a-z0-9]+-[a-z0-9]+$/.exec(entry);
    if (m === null || m[1] !== name || alive(Number(m[3]))) continue;
    if (m[2] === 'tmp') await rm(join(parent, entry), { recursive: true, force: true });
    else await retire(join(parent, entry), current, ours);
  }
}

/** The version folder name a link in `parent` points to, when it points into `store`. */
export async function linkedVersion(target: string, store: string): Promise<string | undefined> {
  const to = await readlink(target);
  const rel = relative(store, join(dirname(target), to));
  return rel !== '' && !rel.startsWith('..') && !rel.includes('/') ? rel : undefined;
}
