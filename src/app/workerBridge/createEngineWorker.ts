/** Starts the engine worker (the `new URL` must stay inline for Vite to bundle the worker). */
export function createEngineWorker(): Worker {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
}
