// Stand-in for node:fs/promises in the browser bundle: the explorer always passes its own readText to
// @carecast/scenario's loaders, so a call here means a file the page does not have.
export function readFile(path: string): Promise<string> {
  return Promise.reject(Object.assign(new Error(`${path}: no such file`), { code: 'ENOENT' }));
}

/** As readFile: the page has no files of its own to look at. */
export function stat(path: string): Promise<never> {
  return Promise.reject(Object.assign(new Error(`${path}: no such file`), { code: 'ENOENT' }));
}
