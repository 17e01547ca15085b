/**
 * The options every scenario validator is compiled with: at build time into standalone code
 * (scripts/build-validators.mjs, and the explorer's bundle) and at run time when that code is missing
 * or stale. One place, so the messages are the same whichever validator runs. `inlineRefs: false`:
 * each definition is one function called where it is used rather than copied into every user, so the
 * generated code is 0.8 MB instead of 1.3 MB and `carecast validate` reads and compiles less (same errors).
 */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, inlineRefs: false } as const;

/** The two validators: `file` accepts a partial file with `extends`; `complete` needs everything. */
export const VALIDATOR_REFS = { file: 'scenario', complete: 'scenario#/definitions/ScenarioFile' } as const;

/**
 * A 53-bit hash of the schema's text (cyrb53), stored in the generated validators so a schema changed
 * after the build is noticed and the validators are compiled afresh instead of checking the old schema.
 */
export function schemaHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}
