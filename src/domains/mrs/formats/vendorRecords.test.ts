import { describe, expect, it } from 'vitest';
import type { MrsRecord } from '../mrsSpectrum';
import { CONJUGATION_OVERRIDE_RATIO, finishConjugation, roleFromFileName } from './vendorRecords';

/** A record holding decaying lines at `ppms` (NIfTI-MRS axis, centre 4.65, 123.2 MHz, dwell 0.25 ms). */
function record(ppms: readonly (readonly [number, number])[], role?: 'water' | 'metabolite'): MrsRecord {
  const n = 1024;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const [ppm, amplitude] of ppms) {
    const f = (4.65 - ppm) * 123.2;
    for (let i = 0; i < n; i++) {
      const t = i * 0.00025;
      re[i] = (re[i] as number) + amplitude * Math.cos(2 * Math.PI * f * t) * Math.exp(-t / 0.05);
      im[i] = (im[i] as number) + amplitude * Math.sin(2 * Math.PI * f * t) * Math.exp(-t / 0.05);
    }
  }
  return {
    re,
    im,
    spectrometerFrequencyMHz: 123.2,
    dwellTimeS: 0.00025,
    nucleus: '1H',
    conjugatedByReader: false,
    ...(role === undefined ? {} : { role }),
  };
}

const conjugate = (r: MrsRecord): MrsRecord => ({ ...r, im: r.im.map((v) => -v), conjugatedByReader: true });

describe('finishConjugation', () => {
  it('keeps a FID in the NIfTI-MRS convention, and says so with the rule', () => {
    const [out] = finishConjugation([record([[2.01, 1]])], 'none (test)');
    expect(out?.meta).toMatchObject({ conjugationRule: 'none (test)', conjugationCheck: 'consistent' });
    expect(out?.conjugatedByReader).toBe(false);
    expect(Number(out?.meta?.conjugationCheckPowerRatio)).toBeLessThan(0.01);
  });

  it('conjugates every record when the conjugate is clearly right, flipping conjugatedByReader', () => {
    const wrong = conjugate(record([[2.01, 1]]));
    const out = finishConjugation([wrong, wrong], 'conjugate (test)');
    expect(out.map((r) => r.meta?.conjugationCheck)).toEqual(['conjugated by check', 'conjugated by check']);
    expect(out[0]?.conjugatedByReader).toBe(false);
    expect(out[0]?.im[5]).toBe(-(wrong.im[5] as number));
  });

  it('keeps the rule when the check is inconclusive (power ratio between 1 and the override ratio)', () => {
    // 2.01 ppm as is; 7.05 ppm has its conjugate at 2.25 ppm, inside the window, with a bit more weight
    const [out] = finishConjugation(
      [
        record([
          [2.01, 1],
          [7.05, 1.3],
        ]),
      ],
      'none (test)',
    );
    const ratio = Number(out?.meta?.conjugationCheckPowerRatio);
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(CONJUGATION_OVERRIDE_RATIO);
    expect(out?.meta?.conjugationCheck).toBe('inconclusive (format rule kept)');
    expect(out?.conjugatedByReader).toBe(false);
  });

  it('does not check water references, and checks metabolites on their sum only', () => {
    const water = conjugate(record([[4.7, 1]], 'water'));
    expect(finishConjugation([water], 'r')[0]?.meta?.conjugationCheck).toBe('not applicable (water)');
    const mixed = finishConjugation([record([[2.01, 1]], 'metabolite'), water], 'r');
    expect(mixed.map((r) => r.meta?.conjugationCheck)).toEqual(['consistent', 'not applicable (water)']);
    expect(finishConjugation([], 'r')).toEqual([]);
  });
});

describe('roleFromFileName', () => {
  it.each([
    ['sub-01_PRESS_35_act.sdat', 'metabolite'],
    ['sub-01_PRESS_35_ref.SDAT', 'water'],
    ['dataset1_WS.txt', 'metabolite'],
    ['dataset1_nWS.txt', 'water'],
    ['dataset1.H2O', 'water'],
    ['dir/x_w.rda', 'water'],
    ['dataset1.RAW', undefined],
    ['SVS_30.rda', undefined],
    ['news.txt', undefined],
  ] as const)('%s → %s', (name, role) => {
    expect(roleFromFileName(name)).toBe(role);
  });
});
