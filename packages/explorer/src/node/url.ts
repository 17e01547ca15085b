// Stand-in for node:url in the browser bundle (the report's font paths, never used by the explorer).
export function fileURLToPath(url: string | URL): string {
  return new URL(String(url)).pathname;
}

export function pathToFileURL(path: string): URL {
  return new URL(`file://${path}`);
}
