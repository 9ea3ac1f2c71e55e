import { describe, expect, it } from 'vitest';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { eddyCurrentCorrection } from './eddyCurrentCorrection';
import { fidOf } from './transientData';
import { ACQ, addNoise, BRAIN, fidOfPeaks, gaussian, seeded, transient } from './transientTestSupport';

/** An eddy-current phase: 0.3 rad offset, 1.2 rad decaying with 30 ms and 0.5 rad with 100 ms. */
const eddy = (t: number) => 0.3 + 1.2 * Math.exp(-t / 0.03) + 0.5 * Math.exp(-t / 0.1);

function withPhase(fid: ComplexArrays, phase: (time: number) => number): ComplexArrays {
  const re = new Float64Array(fid.re.length);
  const im = new Float64Array(fid.re.length);
  for (let t = 0; t < fid.re.length; t++) {
    const angle = phase(t * ACQ.dwell);
    re[t] = (fid.re[t] as number) * Math.cos(angle) - (fid.im[t] as number) * Math.sin(angle);
    im[t] = (fid.re[t] as number) * Math.sin(angle) + (fid.im[t] as number) * Math.cos(angle);
  }
  return { re, im };
}

/** Largest |a − b| over the first `points`, relative to |b(0)|. */
function worst(a: ComplexArrays, b: ComplexArrays, points: number): number {
  let largest = 0;
  for (let t = 0; t < points; t++) {
    largest = Math.max(
      largest,
      Math.hypot((a.re[t] as number) - (b.re[t] as number), (a.im[t] as number) - (b.im[t] as number)),
    );
  }
  return largest / Math.hypot(b.re[0] as number, b.im[0] as number);
}

describe('eddyCurrentCorrection', () => {
  const metabolite = fidOfPeaks(BRAIN);
  const waterClean = fidOfPeaks([{ ppm: ACQ.centre, amplitude: 100, widthHz: 6 }]);

  it('removes a known time-varying phase from the metabolite FID', () => {
    const normal = gaussian(seeded(61));
    const distorted = transient(withPhase(metabolite, eddy));
    const water = transient(addNoise(withPhase(waterClean, eddy), 0.01, normal), {}, { role: 'water' });
    const result = eddyCurrentCorrection([distorted], water);
    const corrected = fidOf(result.spectra[0] as (typeof result.spectra)[0]);
    const error = worst(corrected, metabolite, ACQ.n);
    const before = worst(fidOf(distorted), metabolite, ACQ.n);
    console.info(
      `Klose ECC: max |error| ${(100 * error).toFixed(4)} % of the first point (before ${(100 * before).toFixed(1)} %), ` +
        `water phase trusted for ${result.trustedPoints} of ${ACQ.n} points`,
    );
    expect(error).toBeLessThan(1e-3);
    expect(before).toBeGreaterThan(0.5);
    let phaseError = 0;
    // first 0.1 s: the water is still ≥ 1500 noise SDs there
    for (let t = 0; t < 400; t++)
      phaseError = Math.max(phaseError, Math.abs((result.phaseRad[t] as number) - eddy(t * ACQ.dwell)));
    expect(phaseError).toBeLessThan(0.01);
    const meta = result.spectra[0]?.meta;
    expect(meta?.eddyCurrentCorrection).toBe('klose');
    expect(meta?.eddyCurrentReference).toBe(water.name);
    expect(result.water.y.values[0]).toBeGreaterThan(0);
    expect(Math.abs(result.water.y.imaginary?.[0] as number)).toBeLessThan(1e-3);
  });

  it('moves the water, and the metabolites with it, to the centre frequency (a 3 Hz offset)', () => {
    const offset = (t: number) => eddy(t) + 2 * Math.PI * 3 * t;
    const water = transient(withPhase(waterClean, offset), {}, { role: 'water' });
    const result = eddyCurrentCorrection([transient(withPhase(metabolite, offset))], water);
    expect(worst(fidOf(result.spectra[0] as (typeof result.spectra)[0]), metabolite, ACQ.n)).toBeLessThan(1e-6);
  });

  it('keeps noise out: past the trusted span the phase is a line, and plain Klose (minimumSnr 0) adds noise phase', () => {
    const normal = gaussian(seeded(62));
    const water = transient(addNoise(withPhase(waterClean, eddy), 0.5, normal), {}, { role: 'water' });
    const distorted = transient(withPhase(metabolite, eddy));
    const guarded = eddyCurrentCorrection([distorted], water);
    const plain = eddyCurrentCorrection([distorted], water, { minimumSnr: 0 });
    expect(guarded.trustedPoints).toBeLessThan(ACQ.n / 2);
    expect(plain.trustedPoints).toBe(ACQ.n);
    const tail = (fid: ComplexArrays) =>
      worst(
        { re: fid.re.subarray(1000), im: fid.im.subarray(1000) },
        { re: metabolite.re.subarray(1000), im: metabolite.im.subarray(1000) },
        ACQ.n - 1000,
      );
    const guardedTail = tail(fidOf(guarded.spectra[0] as (typeof guarded.spectra)[0]));
    const plainTail = tail(fidOf(plain.spectra[0] as (typeof plain.spectra)[0]));
    expect(guardedTail).toBeLessThan(plainTail);
  });

  it('rejects a water reference of another dwell time or without signal', () => {
    const water = transient(waterClean, {}, { role: 'water' });
    const other = { ...transient(metabolite), meta: { ...transient(metabolite).meta, dwellTimeS: 0.0005 } };
    expect(() => eddyCurrentCorrection([other], water)).toThrow(/dwell/);
    const empty = transient(
      addNoise({ re: new Float64Array(ACQ.n), im: new Float64Array(ACQ.n) }, 1, gaussian(seeded(1))),
    );
    expect(() => eddyCurrentCorrection([transient(metabolite)], empty)).toThrow(/no water signal/);
    expect(() => eddyCurrentCorrection([transient(metabolite)], water, { minimumSnr: -1 })).toThrow(/minimumSnr/);
  });
});
