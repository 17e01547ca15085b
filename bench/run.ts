// Runs every bench/*.bench.ts in name order. Each prints its own figures and ratios against a
// reference measured in the same process, so results compare across machines.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const file of readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n# ${file}`);
  await import(pathToFileURL(join(here, file)).href);
}
