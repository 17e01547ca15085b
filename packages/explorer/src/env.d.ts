declare module 'engine-web-worker-script?worker&inline' {
  const EngineWorker: new () => Worker;
  export default EngineWorker;
}

declare module 'virtual:scenario-validators' {
  export const file: unknown;
  export const complete: unknown;
}

declare module '*.min.js?raw' {
  const text: string;
  export default text;
}

declare module 'carecast-report-build' {
  export { buildReport } from '@carecast/report';
}
