import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { referencePpm } from './referencePpm';
import { gaussianSource, NAA_CR_CHO_LINES, syntheticMrsFid } from './syntheticMrs.testUtil';
import { toFrequencyDomain } from './toFrequencyDomain';

const CF = 123.2;
const shiftOf = (meta: Record<string, unknown>): number => meta.referenceShiftHz as number;

describe('referencePpm: the issue’s criterion (≤ 0.1 Hz)', () => {
  // 25 spectra: shifts evenly over ±0.3 ppm (±37 Hz, ends included), random phases, noise SD 0.03
  // per FID sample (NAA peak height / noise SD ≈ 190). Measured: RMS error 0.012 Hz, worst 0.030 Hz.
  // At noise SD 0.1 (≈ 56): RMS 0.076 Hz, worst 0.27 Hz over 100 spectra; the Cramér–Rao bound of a
  // line's frequency there is ≈ 0.044 Hz for NAA alone.
  const random = gaussianSource(2024);
  const cases = Array.from({ length: 25 }, (_, i) => ({
    seed: i + 1,
    shiftHz: (-1 + i / 12) * 0.3 * CF,
    zeroDeg: 60 * random(),
  }));

  it.each(cases)('auto: shift $shiftHz Hz, phase $zeroDeg° (seed $seed)', ({ seed, shiftHz, zeroDeg }) => {
    const spectrum = toFrequencyDomain(syntheticMrsFid({ shiftHz, zeroDeg, noiseSd: 0.03, seed }));
    const referenced = referencePpm(spectrum, { to: 'auto' });
    expect(Math.abs(shiftOf(referenced.meta) + shiftHz)).toBeLessThanOrEqual(0.1);
    expect(referenced.meta.referenceMethod).toBe('fit');
  });

  it.each(['NAA', 'Cr'] as const)('%s alone: within 0.1 Hz for shifts of ±0.3 ppm', (to) => {
    for (const [seed, shiftHz] of [
      [1, 36],
      [2, -36],
      [3, 7.7],
    ] as const) {
      const spectrum = toFrequencyDomain(syntheticMrsFid({ shiftHz, noiseSd: 0.03, seed }));
      expect(Math.abs(shiftOf(referencePpm(spectrum, { to }).meta) + shiftHz)).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('referencePpm: targets, robustness, meta', () => {
  it('references to Cho (3.185; found by the pattern, not taken for the taller Cr) and to water (4.65)', () => {
    const cho = toFrequencyDomain(syntheticMrsFid({ shiftHz: -15 }));
    expect(shiftOf(referencePpm(cho, { to: 'Cho' }).meta)).toBeCloseTo(15, 2);
    const water = toFrequencyDomain(
      syntheticMrsFid({ lines: [{ ppm: 4.65, amplitude: 30, widthHz: 6 }], shiftHz: 22 }),
    );
    expect(shiftOf(referencePpm(water, { to: 'water' }).meta)).toBeCloseTo(-22, 2);
  });

  it('auto stays within 0.1 Hz when NAA is weak (a tenth) or absent', () => {
    const weak = NAA_CR_CHO_LINES.map((line) => (line.ppm === 2.008 ? { ...line, amplitude: 0.1 } : line));
    for (const lines of [weak, NAA_CR_CHO_LINES.slice(1)]) {
      const spectrum = toFrequencyDomain(syntheticMrsFid({ lines, shiftHz: -30, noiseSd: 0.03, seed: 8 }));
      expect(Math.abs(shiftOf(referencePpm(spectrum, { to: 'auto' }).meta) - 30)).toBeLessThanOrEqual(0.1);
    }
  });

  it('auto is not fooled by a large residual water peak', () => {
    const lines = [...NAA_CR_CHO_LINES, { ppm: 4.65, amplitude: 25, widthHz: 8 }];
    const spectrum = toFrequencyDomain(syntheticMrsFid({ lines, shiftHz: 20, noiseSd: 0.03, seed: 4 }));
    expect(Math.abs(shiftOf(referencePpm(spectrum, { to: 'auto' }).meta) + 20)).toBeLessThanOrEqual(0.1);
  });

  it('records where each line was, and works on a FID (returned as a FID)', () => {
    const fid = syntheticMrsFid({ shiftHz: 12.32 });
    const referenced = referencePpm(fid, { to: 'auto' });
    expect(referenced.x.unit).toBe('s');
    expect(referenced.meta).toMatchObject({ referenceTarget: 'auto', referenceMethod: 'fit' });
    expect(referenced.meta.referenceNAAPpm as number).toBeCloseTo(2.108, 4);
    expect(referenced.meta.referenceCrPpm as number).toBeCloseTo(3.127, 4);
    expect(shiftOf(referenced.meta)).toBeCloseTo(-12.32, 2);
    expect(referenced.meta.frequencyShiftHz).toBe(shiftOf(referenced.meta));
    expect(referenced.meta.referenceWarning).toBeUndefined();
    const again = referencePpm(toFrequencyDomain(referenced), { to: 'auto' });
    expect(Math.abs(shiftOf(again.meta))).toBeLessThan(0.005);
  });

  it('warns when the shift is at the search limit', () => {
    const spectrum = toFrequencyDomain(syntheticMrsFid({ shiftHz: 0.19 * CF }));
    expect(referencePpm(spectrum, { to: 'NAA', searchPpm: 0.2 }).meta.referenceWarning).toMatch(/search limit/);
  });

  it('refuses a bad search width, a missing reference and non-MRS spectra, naming the file', () => {
    const spectrum = toFrequencyDomain(syntheticMrsFid({ fileName: 'ref.nii' }));
    expect(thrownWorkbenchError(() => referencePpm(spectrum, { to: 'auto', searchPpm: 5 }))).toMatchObject({
      code: 'INVALID_OPTION',
      file: 'ref.nii',
    });
    expect(thrownWorkbenchError(() => referencePpm(spectrum, { to: 'water' }))).toMatchObject({
      code: 'INVALID_DATA',
      file: 'ref.nii',
    });
    expect(thrownWorkbenchError(() => referencePpm({ ...spectrum, domain: 'generic' }, { to: 'NAA' })).code).toBe(
      'INVALID_OPTION',
    );
  });
});
