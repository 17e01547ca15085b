// Stand-in for node:module in the browser bundle (the report's script inlining, never used by the explorer).
export function createRequire(): never {
  throw new Error('require is not available in the browser');
}
