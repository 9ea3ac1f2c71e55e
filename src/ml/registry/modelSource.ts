// No tfjs here: the worker entry imports this at start-up, before any model is needed.

/**
 * Where shipped models are read from: `public/models/` over fetch in the browser worker, the
 * same folder on disk in Node (CLI, tests, training scripts). Paths are relative to that folder.
 */
export interface ModelSource {
  readText(path: string): Promise<string>;
  readBytes(path: string): Promise<Uint8Array>;
}

/** A source over `fetch` (browser, worker): `base` is the URL of the models folder, ending in '/'. */
export function fetchModelSource(base: string): ModelSource {
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${path}`);
    return response;
  };
  return {
    readText: async (path) => (await get(path)).text(),
    readBytes: async (path) => new Uint8Array(await (await get(path)).arrayBuffer()),
  };
}
