import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { companionOnlyFiles } from '../formats/companionFiles';
import { createEngine } from './engine';

const fixture = (path: string) => {
  const bytes = readFileSync(new URL(`../../test/fixtures/mrs/${path}`, import.meta.url));
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    name,
    size: bytes.length,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  };
};

describe('engine: MRS files dropped together', () => {
  it('reads a Philips .sdat with its .spar as one file, the .spar serving as its companion', async () => {
    const engine = createEngine();
    const results = await engine.parseFiles('load', [
      fixture('osprey_philips_press/sub-01_PRESS_35_act.spar'),
      fixture('osprey_philips_press/sub-01_PRESS_35_act.sdat'),
    ]);
    expect(results).toHaveLength(1);
    const [result] = results;
    if (!result?.ok) throw new Error(result?.error.message);
    expect(result.value).toMatchObject({ file: 'sub-01_PRESS_35_act.sdat', format: 'mrs-spar-sdat', domain: 'mrs' });
    expect(result.value.spectra[0]?.y.imaginary?.length).toBe(2048);
  });

  it('explains that a lone .sdat needs its .spar', async () => {
    const engine = createEngine();
    const [result] = await engine.parseFiles('load', [fixture('osprey_philips_press/sub-01_PRESS_35_act.sdat')]);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.message).toMatch(/needs its \.spar/);
  });

  it('treats a .spar with its .sdat, and .control files, as companions only', () => {
    expect([...companionOnlyFiles(['a.SPAR', 'a.sdat', 'b.spar', 'x.control', 'y.RAW'])].sort()).toEqual([
      'a.SPAR',
      'x.control',
    ]);
  });
});
