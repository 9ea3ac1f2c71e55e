import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';

/**
 * Writes a generated JSON table as Biome formats it (the repository's formatter, so `biome check`
 * and `--check` agree), or with `--check` among the arguments only compares: exits 1 with the
 * command to run when the file is stale. `script` is the generator's path from the repository root.
 */
export function writeGeneratedJson(root: string, outPath: string, value: unknown, script: string): void {
  const biome = resolve(root, 'node_modules/.bin/biome');
  const text = execFileSync(biome, ['format', `--stdin-file-path=${outPath}`], {
    input: JSON.stringify(value),
    encoding: 'utf8',
    cwd: root,
  });
  const name = relative(root, outPath);
  if (process.argv.includes('--check')) {
    if (readFileSync(outPath, 'utf8') !== text) {
      console.error(`${name} is out of date: run npx tsx ${script}`);
      process.exit(1);
    }
    console.log(`${basename(outPath)} is up to date`);
    return;
  }
  writeFileSync(outPath, text);
  console.log(`wrote ${name}`);
}
