// Part of `pnpm build` (after tsc): bundles the built command line (dist/bundle-entry.js: `main` and
// `processIO`, with every command, the engine, scenario, report and data packages and their
// libraries) into one CommonJS file, dist/bundle/main.cjs, so that starting a command reads one file
// instead of several hundred modules (the engine's @stdlib functions alone are 120 tiny packages), and
// so that dist/bin.js can run it through `vm.Script` with V8's code cache (src/code-cache.ts; Node 20
// caches no ES module's code). A command's modules still run only when it runs (esbuild turns each
// `import()` into a lazy initialiser). dist/bin.js loads the bundle when it is at least as new as
// every package's last tsc build, else dist/main.js (bin.ts).
//
// Code that finds files beside itself (import.meta.url: package.json, the scenario schema and its
// generated validators, the worker script, fonts, the explorer) keeps its own place: each bundled
// @carecast module's import.meta.url is rewritten to its original file, relative to the bundle, so it
// works wherever the packages sit side by side (this repository's packages/, or node_modules/@carecast/).
// A library's own import.meta.url (yargs) is the bundle's URL, as in an ES module bundle.
// The native PNG renderer (resvg) is loaded with require from the report package's own place.
// The scenario's generated validators (0.8 MB, dist/load/scenario-validators.cjs) are bundled, so that
// V8's code cache holds their compiled code too: their module runs when a scenario is first checked,
// and the schema hash still decides whether they are used (bundledValidators, below).
// The report's part also holds, as code, the functions Vega compiles for the shipped charts'
// expressions (dist/chart-expressions.js, written by chart-templates.mjs, which runs first), so that
// its code cache holds their bytecode instead of each process compiling them with `new Function`.
import { isAscii } from 'node:buffer';
import { existsSync, realpathSync, renameSync, rmSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = realpathSync(join(cli, '..'));
const outdir = join(cli, 'dist', 'bundle');
const tmp = `${outdir}.tmp-${process.pid}`;

/** Rewrites import.meta.url in the built files of this repository's packages to their own URLs. */
const ownPlace = {
  name: 'own-place',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/, namespace: 'file' }, (args) => {
      const real = realpathSync(args.path);
      if (!real.startsWith(packages + sep) || real.includes(`${sep}node_modules${sep}`)) return undefined;
      const own = readFileSync(real, 'utf8');
      const text = real.endsWith(sep + VALIDATORS_MODULE) ? withBundledValidators(own) : own;
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const fromBundle = relative(outdir, real).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/** The scenario package's module that loads the generated validators, and the line that requires them. */
const VALIDATORS_MODULE = join('scenario', 'dist', 'load', 'validators.js');
const VALIDATORS_REQUIRE = 'generated = require(path);';
const BUNDLED_VALIDATORS = 'carecast:bundled-validators';

/**
 * The generated validators in the bundle: the scenario's validators module asks for them by the name
 * it would require beside itself ('./scenario-validators.cjs') through a function of a module of the
 * bundle's own, whose literal `require` esbuild bundles (the module's own `require`, from
 * createRequire, it cannot); their module runs only when that function is first called.
 */
const bundledValidators = {
  name: 'bundled-validators',
  setup(b) {
    b.onResolve({ filter: /^carecast:bundled-validators$/ }, (args) => ({ path: 'scenario-validators', namespace: 'bundled-validators', pluginData: dirname(args.importer) }));
    b.onLoad({ filter: /.*/, namespace: 'bundled-validators' }, (args) => ({
      contents: `module.exports = () => require(${JSON.stringify(join(args.pluginData, 'scenario-validators.cjs'))});`,
      loader: 'js',
      resolveDir: args.pluginData,
    }));
  },
};

/** The validators module's text with the generated validators taken from the bundle (see bundledValidators). */
function withBundledValidators(text) {
  if (!text.includes(VALIDATORS_REQUIRE)) throw new Error(`bundle: ${VALIDATORS_MODULE} no longer holds "${VALIDATORS_REQUIRE}"; update scripts/bundle.mjs`);
  return `import bundledValidators from '${BUNDLED_VALIDATORS}';\n${text.replace(VALIDATORS_REQUIRE, "generated = path === './scenario-validators.cjs' ? bundledValidators() : require(path);")}`;
}

/**
 * vega-canvas's browser build for its Node one: the Node build looks for the optional `canvas` package
 * with a top-level await, which a CommonJS file cannot hold; `canvas` is never installed here, and
 * without it both builds give the same (no canvas: Vega measures text by its estimate).
 */
const noNodeCanvas = {
  name: 'no-node-canvas',
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, async (args) => {
      if (args.pluginData === 'no-node-canvas') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'no-node-canvas' });
      if (found.errors.length > 0) return { errors: found.errors };
      const browser = found.path.replace(/vega-canvas\.node\.js$/, 'vega-canvas.browser.js');
      if (browser === found.path) return { errors: [{ text: `vega-canvas: expected its Node build, found ${found.path}` }] };
      return { path: browser };
    });
  },
};

/**
 * The bundle's parts besides the main one: a package whose modules run only after a command's front
 * end (the report, loaded after the simulation), in a script of its own, so that each part's code
 * cache is written when its code has just run (src/code-cache.ts). The key is the package name the
 * main part asks for; the value the part's file.
 */
const PARTS = { '@carecast/report': 'report.cjs' };

/** Leaves the packages `filter` matches to the `require` of the script at run time (the shared modules of the main part). */
const leaveToRuntime = (filter) => ({
  name: 'leave-to-runtime',
  setup(b) {
    b.onResolve({ filter }, (args) => ({ path: args.path, external: true }));
  },
});

/**
 * The other parts, for the main part: an import of a part's package is a module of the bundle's own
 * whose literal `require` is left to run time (the main part's `require` runs that part); esbuild
 * would leave an `import()` of an external package as a real `import()`, which loads the package's
 * own modules, not the part.
 */
const otherParts = {
  name: 'other-parts',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(PARTS).map((name) => name.replace('/', '\\/')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'bundle-part' ? { path: args.path, external: true } : { path: args.path, namespace: 'bundle-part' }));
    b.onLoad({ filter: /.*/, namespace: 'bundle-part' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * yargs's `assert` (its ESM shim's notStrictEqual and strictEqual) without loading Node's assert module
 * until a check fails (about 4 ms of CPU for every command; session 15, cli README): both compare with
 * Object.is, as Node's do, and a failed check is Node's own, with its AssertionError.
 */
const lazyAssert = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^assert$/ }, (args) => (/[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/.test(args.importer) ? { path: 'assert', namespace: 'lazy-assert' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents: [
        'export function notStrictEqual(actual, expected, message) { if (Object.is(actual, expected)) require("assert").notStrictEqual(actual, expected, message); }',
        'export function strictEqual(actual, expected, message) { if (!Object.is(actual, expected)) require("assert").strictEqual(actual, expected, message); }',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Without comments and indentation: less to read, hash and compile (names are kept, for stack traces).
  minifyWhitespace: true,
  // import.meta.url of the libraries, in a CommonJS file: the bundle's own URL.
  define: { 'import.meta.url': 'import_meta_url' },
  inject: [join(cli, 'scripts', 'import-meta-url.js')],
  legalComments: 'linked',
  logLevel: 'error',
};

/**
 * The report part's entry: the report package, and the shipped charts' expression functions given to
 * its expression cache as the part loads (when chart-templates.mjs wrote them; @carecast/report's
 * usePrecompiledExpressions, which takes them only when made for the Vega bundled).
 */
function reportEntry() {
  const index = join(packages, 'report', 'dist', 'index.js');
  const expressions = join(cli, 'dist', 'chart-expressions.js');
  if (!existsSync(expressions)) return { entryPoints: [index] };
  const contents = [
    `import expressions from ${JSON.stringify(expressions)};`,
    `import { usePrecompiledExpressions } from ${JSON.stringify(index)};`,
    'usePrecompiledExpressions(expressions);',
    `export * from ${JSON.stringify(index)};`,
  ].join('\n');
  return { stdin: { contents, resolveDir: join(packages, 'report', 'dist'), sourcefile: 'report-part.js', loader: 'js' } };
}

rmSync(tmp, { recursive: true, force: true });
// The report's part: its own packages' modules (engine, data) are the main part's, one instance of each.
const report = await build({
  ...common,
  ...reportEntry(),
  outfile: join(tmp, PARTS['@carecast/report']),
  plugins: [ownPlace, noNodeCanvas, leaveToRuntime(/^@carecast\//)],
  metafile: true,
});
const shared = [...new Set(Object.values(report.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && i.path.startsWith('@carecast/')).map((i) => i.path)))].sort();
const unknownPart = shared.find((name) => name in PARTS);
if (unknownPart !== undefined) throw new Error(`bundle: a part asks for ${unknownPart}, another part; only the main part may`);
// The main part: the command line's entry, the other parts' file names, and the modules they share.
await build({
  ...common,
  stdin: {
    contents: [
      "export * from './bundle-entry.js';",
      `export const parts = ${JSON.stringify(PARTS)};`,
      `export const sharedModules = {${shared.map((name) => `${JSON.stringify(name)}: () => require(${JSON.stringify(name)})`).join(', ')}};`,
    ].join('\n'),
    resolveDir: join(cli, 'dist'),
    sourcefile: 'bundle-main.js',
    loader: 'js',
  },
  outfile: join(tmp, 'main.cjs'),
  plugins: [ownPlace, noNodeCanvas, bundledValidators, otherParts, lazyAssert],
});
// ASCII only: V8 then holds each part's text as one byte a character, and Node decodes it several
// as fast again as text with other characters (8 against 16 ms for the main part) (esbuild escapes them in strings, not in regular
// expression literals: write them as \u escapes there). Session 15, cli README.
for (const part of ['main.cjs', ...Object.values(PARTS)]) {
  const bytes = readFileSync(join(tmp, part));
  if (!isAscii(bytes)) {
    const at = bytes.findIndex((b) => b > 0x7f);
    throw new Error(`bundle: ${part} holds a character other than ASCII near "${bytes.subarray(Math.max(0, at - 60), at + 10).toString('utf8')}"; write it as a \\u escape in its source`);
  }
}
rmSync(outdir, { recursive: true, force: true });
renameSync(tmp, outdir);
