import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { runPipelineGroups } from '../../../pipeline/runPipelineGroups';
import { validatePipeline } from '../../../pipeline/validatePipeline';
import { registerDomains } from '../../registerDomains';
import { CHALLENGE, challengeBasis } from '../fitting/challengeFixtures.testUtil';
import { quantifyMrs } from '../fitting/quantifyMrs';
import { parseLcmodelRaw } from '../formats/lcmodelRaw';
import { fidToPpmSpectrum } from '../processing/spectralTransform';
import { multiTransientAcquisition } from '../steps/multiTransientAcquisition.testUtil';
import { CRLB_CAUTION, qualityMetrics } from './qualityMetrics';

const ACQUISITION = { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.2 };
const read = (path: string): Spectrum => {
  const [spectrum] = parseLcmodelRaw(readFileSync(new URL(path, CHALLENGE)), path.split('/').pop() as string, {
    mrsAcquisition: ACQUISITION,
  });
  if (spectrum === undefined) throw new Error(`${path}: no spectrum`);
  return spectrum;
};
const basis = challengeBasis();
const metabolite = read('datasets_LCModel/dataset1.RAW');
const water = read('datasets_LCModel/dataset1.H2O');
const result = quantifyMrs(metabolite, basis, water, { echoTimeS: 0.03 });
const metrics = qualityMetrics(result, metabolite);

/** Largest |S| of an FID's spectrum between two ppm, and the SD of its real part beyond −1 ppm. */
function spectrumFacts(fid: Spectrum, from: number, to: number) {
  const s = fidToPpmSpectrum(fid.y.values, fid.y.imaginary as Float64Array, 123.2, 0.00025, 4.65);
  let peak = 0;
  const quiet: number[] = [];
  for (let j = 0; j < s.ppm.length; j++) {
    const ppm = s.ppm[j] as number;
    if (ppm >= from && ppm <= to) peak = Math.max(peak, Math.hypot(s.re[j] as number, s.im[j] as number));
    if (ppm < -1) quiet.push(s.re[j] as number);
  }
  const mean = quiet.reduce((a, b) => a + b, 0) / quiet.length;
  const sd = Math.sqrt(quiet.reduce((a, b) => a + (b - mean) ** 2, 0) / (quiet.length - 1));
  return { peak, sd };
}

describe('qualityMetrics on ISMRM 2016 challenge dataset 1 (with its water reference)', () => {
  it('gives LCModel’s S/N from the fit and an NAA SNR that matches peak / noise SD of the raw spectrum within 10 %', () => {
    expect(metrics.snr.lcmodel).toBe(result.fit.snr);
    // Independently from the raw spectrum: the noise SD of its real part beyond −1 ppm, and the NAA
    // magnitude peak (which also holds the macromolecule baseline under NAA, so it is a little taller).
    const raw = spectrumFacts(metabolite, 1.9, 2.1);
    expect(Math.abs(metrics.snr.noiseSd / raw.sd - 1)).toBeLessThan(0.05);
    expect(metrics.snr.naaPeakHeight / raw.peak).toBeGreaterThan(0.85);
    expect(metrics.snr.naaPeakHeight / raw.peak).toBeLessThan(1);
    expect(metrics.snr.naa).toBeCloseTo(metrics.snr.naaPeakHeight / metrics.snr.noiseSd, 9);
    // NAA is the tallest line, so LCModel's S/N is the same height over 2 × RMS residual.
    expect(metrics.snr.naa / (2 * result.fit.fitQuality * metrics.snr.lcmodel)).toBeCloseTo(1, 6);
    expect(metrics.snr.noiseSource).toBe('signal-free region');
    console.info(
      `dataset1: S/N ${metrics.snr.lcmodel.toFixed(1)} (LCModel), NAA SNR ${metrics.snr.naa.toFixed(1)}, raw ${(raw.peak / raw.sd).toFixed(1)}`,
    );
  });

  it('reports NAA and water FWHM in ppm and Hz and judges them against the 3 T rule of thumb', () => {
    expect(metrics.linewidth.of).toBe('NAA');
    expect(metrics.linewidth.fwhmHz).toBeCloseTo(metrics.linewidth.fwhmPpm * 123.2, 9);
    expect(metrics.linewidth.fwhmPpm).toBeGreaterThan(0.03);
    expect(metrics.linewidth.fwhmPpm).toBeLessThan(0.07);
    expect(metrics.linewidth.waterFwhmPpm).toBe(result.water?.fwhmPpm);
    expect(metrics.assessments.find((a) => a.metric === 'NAA FWHM')?.verdict).toBe('good');
    expect(metrics.assessments.find((a) => a.metric === 'water FWHM')?.verdict).toBe('good');
    expect(metrics.assessments.find((a) => a.metric === 'NAA SNR')?.verdict).toBe('good');
    expect(metrics.notes.join(' ')).toMatch(/rules of thumb/);
  });

  it('does not judge linewidths at 7 T by the 3 T rule', () => {
    const at7T = { ...result.basis.acquisition, spectrometerFrequencyMHz: 297.2 };
    const other = qualityMetrics({ ...result, basis: { ...result.basis, acquisition: at7T } });
    expect(other.assessments.find((a) => a.metric === 'NAA FWHM')?.verdict).toBe('not assessed');
    expect(other.linewidth.fwhmHz).toBeCloseTo(result.fit.fwhmPpm * 297.2, 9);
  });

  it('measures residual water: a water line added at 3× the NAA height reads as 3× NAA', () => {
    expect(metrics.residualWater?.heightRatio).toBeGreaterThan(0);
    const naa = spectrumFacts(metabolite, 1.9, 2.1).peak;
    // A Lorentzian at 4.65 ppm (f = 0), 6 Hz wide, scaled to 3 × the NAA magnitude.
    const line = (a: number, t: number) => a * Math.exp(-Math.PI * 6 * t * 0.00025);
    const unit: Spectrum = {
      ...metabolite,
      y: {
        ...metabolite.y,
        values: Float64Array.from(metabolite.y.values, (_, t) => line(1, t)),
        imaginary: new Float64Array(2048),
      },
    };
    const scale = (3 * naa) / spectrumFacts(unit, 4.4, 4.9).peak;
    const wet: Spectrum = {
      ...metabolite,
      y: {
        ...metabolite.y,
        values: Float64Array.from(metabolite.y.values, (v, t) => v + line(scale, t)),
      },
    };
    const measured = qualityMetrics(result, wet).residualWater;
    expect(measured?.peakPpm).toBeCloseTo(4.65, 1);
    expect(Math.abs((measured?.heightRatio ?? 0) / 3 - 1)).toBeLessThan(0.1);
  });

  it('flags CRLBs over 20 % and 50 % for information, with the caution against rejecting on them', () => {
    for (const row of result.quantification.metabolites) {
      const flag = metrics.crlb.find((c) => c.name === row.name)?.flag;
      if (row.crlbPercent >= 999) expect(flag).toBe('not estimable');
      else if (row.crlbPercent > 50) expect(flag).toBe('over 50 %');
      else if (row.crlbPercent > 20) expect(flag).toBe('over 20 %');
      else expect(flag).toBe('ok');
    }
    expect(metrics.crlb.find((c) => c.name === 'NAA')?.flag).toBe('ok');
    expect(metrics.crlb.find((c) => c.name === 'GABA')?.flag).toBe('over 50 %');
    expect(metrics.notes).toContain(CRLB_CAUTION);
    expect(CRLB_CAUTION).toMatch(/Kreis, Magn Reson Med 2016;75:15/);
  });

  it('reports fit quality and no alignment for a single averaged spectrum', () => {
    expect(metrics.fit.quality).toBe(result.fit.fitQuality);
    expect(metrics.fit.quality).toBeLessThan(1.1);
    expect(metrics.alignment).toBeUndefined();
  });
});

describe('qualityMetrics after the preprocessing pipeline (multi-transient synthetic acquisition)', () => {
  it('recovers the per-transient corrections that mrs-align recorded, and the transients rejected after it', async () => {
    registerDomains();
    const acquisition = multiTransientAcquisition({ coils: 2 });
    const text = readFileSync(
      new URL('../../../../examples/pipelines/mrs-svs-preprocess.json', import.meta.url),
      'utf8',
    );
    const run = await runPipelineGroups(
      [...acquisition.metabolites, ...acquisition.water],
      validatePipeline(JSON.parse(text)),
    );
    const averaged = run.outputs.find((s) => s.meta.role !== 'water') as Spectrum;
    const reference = run.outputs.find((s) => s.meta.role === 'water');
    const quantified = quantifyMrs(averaged, basis, reference, { echoTimeS: 0.03 });
    const alignment = qualityMetrics(quantified, averaged).alignment;
    expect(alignment?.positions).toEqual(Array.from({ length: 32 }, (_, k) => k));
    expect(alignment?.rejectedPositions).toEqual([9, 23]);
    // Each correction undoes the drift up to one offset for the whole set: RMS of (correction +
    // truth − their mean) over the kept transients, against the spread of the truth itself.
    const clean = (alignment?.positions ?? []).filter((p) => p !== 9 && p !== 23);
    const rms = (values: readonly number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    };
    const misfit = (values: readonly number[], truth: readonly number[]) =>
      rms(clean.map((p) => (values[p] as number) + (truth[p] as number)));
    const truthSpread = rms(clean.map((p) => acquisition.phasesDeg[p] as number));
    expect(misfit(alignment?.shiftsHz ?? [], acquisition.shiftsHz)).toBeLessThan(0.25);
    expect(misfit(alignment?.phasesDeg ?? [], acquisition.phasesDeg)).toBeLessThan(0.4 * truthSpread);
    console.info(
      `alignment from meta: shift misfit ${misfit(alignment?.shiftsHz ?? [], acquisition.shiftsHz).toFixed(3)} Hz RMS, ` +
        `phase misfit ${misfit(alignment?.phasesDeg ?? [], acquisition.phasesDeg).toFixed(1)}° RMS (truth spread ${truthSpread.toFixed(1)}°)`,
    );
    expect(alignment?.window).toBe('1.8–4.2 ppm');
  });
});
