#!/usr/bin/env node
// The `spectra` command: registers tsx so Node can load the TypeScript sources, then runs src/cli/main.ts.
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { nodeModelSource } = await import('../src/cli/nodeModelSource.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  fileSize: async (path) => (await stat(path)).size,
  models: nodeModelSource(fileURLToPath(new URL('../public/models/', import.meta.url))),
});
