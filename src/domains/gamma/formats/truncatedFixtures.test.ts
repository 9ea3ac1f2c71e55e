import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../formats';
import { registerDomains } from '../../registerDomains';

const folder = path.resolve(process.cwd(), 'test/fixtures/grs');
const files = readdirSync(folder).filter((name) => !name.endsWith('.md'));

describe('every gamma fixture cut short', () => {
  registerDomains();

  it.each(files)('%s: a cut at 30 %% or 70 %% is a typed error naming the format, or still reads', async (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(folder, name)));
    for (const fraction of [0.3, 0.7]) {
      const cut = bytes.slice(0, Math.floor(bytes.length * fraction));
      const result = await parseFile(cut, name);
      if (result.ok) {
        // Text formats whose records may legitimately end anywhere (spectrogram rows) still read.
        expect(result.value.spectra.length).toBeGreaterThan(0);
        continue;
      }
      expect(result.error.code, `${name} cut at ${fraction}: ${result.error.message}`).not.toBe('INTERNAL');
      expect(result.error.code).not.toBe('UNKNOWN_FORMAT');
      expect(result.error.file).toBe(name);
      expect(result.error.format, `${name} cut at ${fraction}`).toBeTruthy();
    }
  });
});
