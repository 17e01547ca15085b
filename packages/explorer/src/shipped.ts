// The scenarios shipped in the repository's scenarios/ folder, bundled into the page.
const raw = import.meta.glob('../../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** File name (e.g. `baseline.yaml`) -> YAML text, baseline first, then by name. */
export const SHIPPED: ReadonlyMap<string, string> = new Map(
  Object.entries(raw)
    .map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text] as const)
    .sort(([a], [b]) => (a === 'baseline.yaml' ? -1 : b === 'baseline.yaml' ? 1 : a.localeCompare(b))),
);
