import { readFileSync } from 'node:fs';

/** The text of schema/scenario.schema.json, the JSON Schema of scenario files. */
export function scenarioSchemaText(): string {
  return readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');
}

/** The JSON Schema of scenario files, generated from the TypeScript types (schema/scenario.schema.json). */
export function scenarioSchema(): Record<string, unknown> {
  return JSON.parse(scenarioSchemaText()) as Record<string, unknown>;
}
