import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
import { createEngine } from './engine';

const fixture = (name: string) => {
  const bytes = readFileSync(new URL(`../../test/fixtures/grs/${name}`, import.meta.url));
  return {
    name,
    size: bytes.length,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  };
};

async function load(engine: ReturnType<typeof createEngine>, name: string): Promise<Spectrum[]> {
  const [result] = await engine.parseFiles('load', [fixture(name)]);
  if (!result?.ok) throw new Error(`cannot read ${name}`);
  return result.value.spectra;
}

describe('engine gamma methods', () => {
  it('identifies Cs-137 in a RadiaCode spectrum against its embedded background', async () => {
    const engine = createEngine();
    const [foreground, background] = await load(engine, 'rc_trinitite.xml');
    const result = await engine.identifyGamma('id', foreground as Spectrum, { background: background as Spectrum });
    if (!result.ok) throw new Error(result.error.message);
    const names = result.value.classical.identification.candidates.map((c) => c.nuclide);
    expect(names).toContain('Cs-137');
    expect(result.value.cnn).toBeUndefined();
  });

  it('keeps the classical result and reports why when the CNN cannot run (no model folder)', async () => {
    const engine = createEngine();
    const [spectrum] = await load(engine, 'rc_dt_Cs137_b.xml');
    const result = await engine.identifyGamma('id', spectrum as Spectrum, { cnn: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.classical.identification.candidates[0]?.nuclide).toBe('Cs-137');
    expect(result.value.cnn?.ok).toBe(false);
    if (result.value.cnn && !result.value.cnn.ok) expect(result.value.cnn.error.code).toBe('INVALID_MODEL');
  });

  it('sums a range of spectrogram rows into one spectrum with the summed real time', async () => {
    const engine = createEngine();
    const rows = (await load(engine, 'rc_K40.rcspg')).filter((s) => s.meta.cumulative !== true);
    const result = await engine.sumGammaSpectra(rows.slice(10, 20));
    if (!result.ok) throw new Error(result.error.message);
    const expected = rows.slice(10, 20).reduce((t, s) => t + (s.meta.realTimeS as number), 0);
    expect(result.value.meta.realTimeS).toBeCloseTo(expected, 6);
    expect(result.value.meta.summedSpectra).toBe(10);
  });

  it('gives a typed error, not a crash, for an uncalibrated spectrum', async () => {
    const engine = createEngine();
    const [spectrum] = await load(engine, 'bq_kromek_d3s_csi_ba133_cs137.spe');
    const result = await engine.analyseGamma(spectrum as Spectrum);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: 'INVALID_OPTION', file: 'bq_kromek_d3s_csi_ba133_cs137.spe' });
  });
});
