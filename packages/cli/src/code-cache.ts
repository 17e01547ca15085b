// V8's code cache for the bundle (scripts/bundle.mjs): the bytecode of every function a command ran,
// saved after its first run and given back to V8 on the next, so that starting a command compiles
// (parses and generates bytecode for) only what the cache lacks. Node 20 has no
// `module.enableCompileCache`, so the bundle is CommonJS files run through `vm.Script` with
// `cachedData`, as Node's own `require` would run them. V8 takes one cache per script, written with
// the bytecode its functions hold at that moment, and drops the bytecode of functions that have not
// run for a few full garbage collections: so the bundle is two scripts, the main part (the command
// line, engine, scenario, data) cached when the command's front end is done (front-end-done.ts) and
// the report's part cached after the command, and a long simulation in between empties neither.
// The cache only skips compiling: the same code runs, so outputs never change. It lives in a folder
// of the user's own in the system's temporary folder (or CARECAST_CACHE_DIR), one file per command
// and part, keyed by a hash of the part's text and the Node version (V8 also refuses data made by
// another V8 or for another script, `cachedDataRejected`); it is written atomically (a temporary
// file, then a rename) and any failure to read or write it only means compiling as without it. V8
// runs the bytecode a cache holds, so a folder another user could write to (not ours, or open to the
// group or others) is never used.
import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The folder holding the code caches: CARECAST_CACHE_DIR, else `carecast-code-cache-<user id>` in the system's temporary folder. */
export function codeCacheDir(): string {
  return process.env['CARECAST_CACHE_DIR'] || join(tmpdir(), `carecast-code-cache-${process.getuid?.() ?? 'user'}`);
}

/** `dir`, made if missing (for this user only), when no other user can write to it; else undefined. */
function privateDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { uid, mode } = statSync(dir);
    const me = process.getuid?.();
    // Without user ids (Windows) the temporary folder is the user's own.
    if (me !== undefined && (uid !== me || (mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** A file's bytes (for its fingerprint) and its text wrapped as `Module.wrap` wraps it. */
export interface WrappedSource {
  bytes: Buffer;
  wrapped: string;
}

/** Whether every character of `text` is ASCII (each then one byte in UTF-8). */
const asciiText = (text: string): boolean => Buffer.byteLength(text, 'utf8') === text.length;

/** The wrapper's halves (`Module.wrap('')` split where the file's text goes). */
function wrapperHalves(): [before: string, after: string] {
  const marker = '\u0000';
  const [before, after] = Module.wrap(marker).split(marker) as [string, string];
  return [before, after];
}

/**
 * Reads `file` whole and wraps its text as `Module.wrap(text)` does, as one flat string: an ASCII file
 * (the bundle's parts, scripts/bundle.mjs) is read between the wrapper's two halves in one buffer and
 * decoded as Latin-1 (a plain copy), instead of decoded as UTF-8 and then wrapped, a string of three
 * pieces that V8 copied again into one to compile it (session 17). Any other file: UTF-8, then wrapped.
 */
export function readWrappedSource(file: string): WrappedSource {
  const [before, after] = wrapperHalves();
  const fd = openSync(file, 'r');
  let all: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    all = Buffer.allocUnsafe(before.length + size + after.length);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, all, before.length + read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    size = read;
  } finally {
    closeSync(fd);
  }
  const bytes = all.subarray(before.length, before.length + size);
  if (asciiText(before) && asciiText(after) && isAscii(bytes)) {
    all.write(before, 0, 'latin1');
    all.write(after, before.length + size, 'latin1');
    return { bytes, wrapped: all.toString('latin1', 0, before.length + size + after.length) };
  }
  return { bytes, wrapped: Module.wrap(bytes.toString('utf8')) };
}

/** A command line's cache name: its command (`run`, `validate`, ...), as commands compile different code. */
function commandOf(argv: readonly string[]): string {
  const first = argv[0] ?? '';
  return /^[a-z][a-z-]{0,30}$/.test(first) ? first : 'other';
}

/** What the bundle's main part exports besides the command line (scripts/bundle.mjs). */
interface BundleParts {
  /** The bundle's other parts, by the package name a `require` of which runs that part: its file, beside the main part. */
  parts?: Record<string, string>;
  /** The main part's modules the other parts use, by package name (one instance of each in the process). */
  sharedModules?: Record<string, () => unknown>;
  /** Calls its listener when the command's front end is done (front-end-done.ts). */
  whenFrontEndDone?: (listener: () => void) => void;
}

/** A bundle loaded: its exports, and `save()` to write the code caches its parts had none of (call after the command ran). */
export interface LoadedBundle<T> {
  exports: T;
  save(): void;
}

/** One script of the bundle run, and `save()` to write its code cache once when it had none. */
interface RanPart<T> {
  exports: T;
  save(): void;
}

/** `fn` with the properties of Node's `require` (`resolve`, `cache`, `main`), as the bundle's libraries may read them. */
function asRequire(fn: (id: string) => unknown, nodeRequire: NodeRequire): NodeRequire {
  return Object.assign(fn, { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: nodeRequire.main, extensions: nodeRequire.extensions }) as NodeRequire;
}

/**
 * Runs the CommonJS script `file` as `require` would, with `require` for its own `require`, compiled from
 * its code cache for `command` in `dir` when there is a valid one.
 */
function runPart<T>(file: string, require: NodeRequire, dir: string | undefined, command: string): RanPart<T> {
  const { bytes, wrapped } = readWrappedSource(file);
  // A fingerprint of the script, not a secret: SHA-1 is the fastest of the hashes at hand.
  const key = createHash('sha1').update(`${process.version} ${process.arch}\n`).update(bytes).digest('hex');
  const cacheFile = dir === undefined ? undefined : join(dir, `${key}-${command}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile === undefined ? undefined : readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrapped, { filename: file, ...(cachedData !== undefined ? { cachedData } : {}) });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, dirname(file));
  let fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    save() {
      if (!fresh || cacheFile === undefined) return;
      fresh = false;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, cacheFile);
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          // Nothing more to tidy: the command runs on.
        }
      }
    },
  };
}

/**
 * Runs the bundle whose main part is the CommonJS file `file` as `require` would, each of its parts
 * compiled from its code cache for the command `argv` names when there is a valid one. The main part
 * (the command line, engine, scenario and data packages) writes its cache when the command's front end
 * is done (before a simulation, whose full garbage collections would drop the bytecode of the code
 * that read and checked the scenario), or after the command when it has none; every other part (the
 * report: Vega, the workbook), run when the command first asks for its package, after the command.
 */
export function loadBundle<T>(file: string, argv: readonly string[]): LoadedBundle<T> {
  const dir = privateDir(codeCacheDir());
  const command = commandOf(argv);
  const nodeRequire = createRequire(file);
  const others = new Map<string, RanPart<unknown>>();
  // Filled in by the main part's run below, before any of its code asks for another part.
  let parts: BundleParts = {};
  const sharedRequire = asRequire((id) => {
    const shared = parts.sharedModules?.[id];
    return shared === undefined ? nodeRequire(id) : shared();
  }, nodeRequire);
  const mainRequire = asRequire((id) => {
    const part = parts.parts?.[id];
    if (part === undefined) return nodeRequire(id);
    let ran = others.get(id);
    if (ran === undefined) {
      ran = runPart(join(dirname(file), part), sharedRequire, dir, command);
      others.set(id, ran);
    }
    return ran.exports;
  }, nodeRequire);
  const main = runPart<T & BundleParts>(file, mainRequire, dir, command);
  parts = main.exports;
  parts.whenFrontEndDone?.(() => main.save());
  return {
    exports: main.exports,
    save() {
      main.save();
      for (const part of others.values()) part.save();
    },
  };
}
