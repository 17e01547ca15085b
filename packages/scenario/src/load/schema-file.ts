import { readFileSync } from 'node:fs';

/** The JSON Schema of scenario files, generated from the TypeScript types (schema/scenario.schema.json). */
export function scenarioSchema(): Record<string, unknown> {
  const url = new URL('../../schema/scenario.schema.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}
