import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSource } from '../ml/registry/modelRegistry';

/** Shipped models from a folder on disk (public/models of this checkout), for the CLI and scripts. */
export function nodeModelSource(folder: string): ModelSource {
  return {
    readText: (path) => readFile(join(folder, path), 'utf8'),
    readBytes: async (path) => new Uint8Array(await readFile(join(folder, path))),
  };
}
