declare module 'engine-web-worker-script?worker&inline' {
  const EngineWorker: new () => Worker;
  export default EngineWorker;
}

declare module '*.min.js?raw' {
  const text: string;
  export default text;
}
