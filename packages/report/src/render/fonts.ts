import { fileURLToPath } from 'node:url';

/** Absolute paths of the TrueType files shipped in the package's `fonts/` folder (DejaVu Sans). */
export function fontFiles(): string[] {
  // From src/render or dist/render, fonts/ is two levels up in both layouts.
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => fileURLToPath(new URL(`../../fonts/${f}`, import.meta.url)));
}
