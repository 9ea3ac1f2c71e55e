import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
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

describe('engine: MRS spectrum view', () => {
  it('turns an in vivo FID into a phased, referenced spectrum on a ppm axis with NAA at 2.01 ppm', async () => {
    const engine = createEngine();
    const [loaded] = await engine.parseFiles('load', [fixture('suspect_siemens/SVS_30.rda')]);
    if (!loaded?.ok) throw new Error('cannot read the RDA fixture');
    const result = await engine.mrsSpectrumView(loaded.value.spectra[0] as Spectrum);
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value;
    expect(view.x.unit).toBe('ppm');
    expect(view.name).toMatch(/\(spectrum\)$/);
    // NAA: the tallest real point in 1.9–2.1 ppm
    let best = -1;
    view.x.values.forEach((ppm, i) => {
      if (ppm >= 1.9 && ppm <= 2.1 && (best < 0 || (view.y.values[i] as number) > (view.y.values[best] as number)))
        best = i;
    });
    expect(Math.abs((view.x.values[best] as number) - 2.01)).toBeLessThan(0.03);
  });
});
