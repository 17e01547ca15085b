declare module 'engine-web-worker-script?worker&inline' {
  const EngineWorker: new () => Worker;
  export default EngineWorker;
}

declare module 'virtual:scenario-validators' {
  export const file: unknown;
  export const complete: unknown;
}
