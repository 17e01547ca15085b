// Stand-in for node:fs in the browser bundle. @carecast/scenario reads its JSON Schema with
// readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url)); here the schema is
// bundled and returned for that file. Nothing else in the explorer reads files through node:fs.
import schema from '@carecast/scenario/schema.json';

const SCHEMA_TEXT = JSON.stringify(schema);

export function readFileSync(path: string | URL): string {
  const name = String(path);
  // The URL is Vite's for the emitted schema asset (assets/scenario.schema-<hash>.json, or a data: URL inlined).
  if (/scenario\.schema[^/]*\.json/.test(name) || name.startsWith('data:application/json')) return SCHEMA_TEXT;
  throw Object.assign(new Error(`${name}: no file system in the browser`), { code: 'ENOENT' });
}

export function existsSync(): boolean {
  return false;
}
