import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { type ParseFileOptions, parseFile } from '../../../formats';
import { parabolicVertex } from '../../../numeric/parabolicVertex';
import { registerDomains } from '../../registerDomains';
import { parseSparSdat } from '../formats/sparSdat';
import { writeNiftiMrs } from '../formats/writeNiftiMrs';
import { autoPhase } from './autoPhase';
import { referencePpm } from './referencePpm';
import { NAA_CR_CHO_LINES, syntheticMrsFid } from './syntheticMrs.testUtil';
import { toFrequencyDomain } from './toFrequencyDomain';

/**
 * Issue 5, point 1's acceptance check: on every metabolite fixture, after the reader's conjugation
 * handling, automatic phasing and referencing (`auto`: the NAA/Cr/Cho pattern, fitted on NAA and
 * Cr, never on NAA alone), NAA, the tallest real point in 1.9–2.1 ppm, lands at 2.01 ± 0.03 ppm.
 */
registerDomains();
const FIXTURES = new URL('../../../../test/fixtures/mrs/', import.meta.url);
const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, FIXTURES)));

async function read(path: string, options: ParseFileOptions = {}): Promise<Spectrum[]> {
  const result = await parseFile(bytesOf(path), path.slice(path.lastIndexOf('/') + 1), options);
  if (!result.ok) throw new Error(`${path}: ${result.error.message}`);
  return result.value.spectra;
}

/** The plain sum of the transients (a single-voxel check needs no alignment) as one spectrum. */
function summed(spectra: readonly Spectrum[]): Spectrum {
  const first = spectra[0] as Spectrum;
  const n = first.y.values.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const s of spectra) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) + (s.y.values[i] as number);
      im[i] = (im[i] as number) + ((s.y.imaginary as Float64Array)[i] as number);
    }
  }
  return { ...first, y: { ...first.y, values: re, imaginary: im } };
}

/** Ppm of the tallest real (or magnitude) point within [lo, hi], refined by a parabola. */
function tallestPpm(spectrum: Spectrum, lo: number, hi: number, magnitude = false): number {
  const x = spectrum.x.values;
  const value = (k: number): number =>
    magnitude
      ? Math.hypot(spectrum.y.values[k] as number, (spectrum.y.imaginary as Float64Array)[k] as number)
      : (spectrum.y.values[k] as number);
  let best = -1;
  for (let k = 1; k < x.length - 1; k++) {
    const p = x[k] as number;
    if (p >= lo && p <= hi && (best < 0 || value(k) > value(best))) best = k;
  }
  const { offset } = parabolicVertex(value(best - 1), value(best), value(best + 1));
  return (x[best] as number) + offset * ((x[1] as number) - (x[0] as number));
}

interface Outcome {
  readonly naaBeforePpm: number;
  /** NAA after referencing with `auto`, and with `Cr`. */
  readonly naaAfterPpm: number;
  readonly naaAfterCrPpm: number;
  readonly shiftHz: number;
  readonly phaseDeg: number;
  readonly crPpm: number;
  readonly warning: string;
}

/** Sum → FFT → auto-phase (zero order) → reference; NAA before (magnitude, 1.7–2.3) and after (real part, 1.9–2.1). */
function process(metabolite: readonly Spectrum[]): Outcome {
  const spectrum = toFrequencyDomain(summed(metabolite));
  const phased = autoPhase(spectrum);
  const referenced = referencePpm(phased, { to: 'auto' });
  return {
    naaBeforePpm: tallestPpm(spectrum, 1.7, 2.3, true),
    naaAfterPpm: tallestPpm(referenced, 1.9, 2.1),
    naaAfterCrPpm: tallestPpm(referencePpm(phased, { to: 'Cr' }), 1.9, 2.1),
    shiftHz: referenced.meta.referenceShiftHz as number,
    phaseDeg: phased.meta.autoPhaseZeroDeg as number,
    crPpm: referenced.meta.referenceCrPpm as number,
    warning: String(referenced.meta.referenceWarning ?? ''),
  };
}

const report = (name: string, o: Outcome): void => {
  console.info(
    `${name}: NAA ${o.naaBeforePpm.toFixed(4)} ppm before referencing, ${o.naaAfterPpm.toFixed(4)} after ` +
      `(auto; ${o.naaAfterCrPpm.toFixed(4)} referenced to Cr), shift ${o.shiftHz.toFixed(3)} Hz, ` +
      `zero-order phase ${o.phaseDeg.toFixed(1)}°, Cr found at ${o.crPpm.toFixed(4)} ${o.warning}`,
  );
};

const metabolites = (spectra: readonly Spectrum[]): Spectrum[] => spectra.filter((s) => s.meta.role !== 'water');

describe('referencing on the MRS fixtures: NAA at 2.01 ± 0.03 ppm (issue 5, point 1)', () => {
  const cases: readonly [string, () => Promise<Spectrum[]>][] = [
    ['Siemens RDA SVS_30.rda', () => read('suspect_siemens/SVS_30.rda')],
    ['Siemens DICOM SVS_30.IMA', () => read('suspect_siemens/SVS_30.IMA')],
    [
      'Philips sub-01_PRESS_35_act.sdat + .spar',
      async () =>
        parseSparSdat(
          bytesOf('osprey_philips_press/sub-01_PRESS_35_act.sdat'),
          new TextDecoder('latin1').decode(bytesOf('osprey_philips_press/sub-01_PRESS_35_act.spar')),
          'sub-01_PRESS_35_act.sdat',
        ),
    ],
    [
      'LCModel dataset1.RAW (challenge)',
      () =>
        read('ismrm2016_fitting_challenge/datasets_LCModel/dataset1.RAW', {
          mrsAcquisition: { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.22 },
        }),
    ],
    ['jMRUI dataset1_WS.txt (challenge)', () => read('ismrm2016_fitting_challenge/datasets_JMRUI/dataset1_WS.txt')],
    [
      'NIfTI-MRS synthetic (NAA/Cr/Cho moved by +0.2 ppm, written and read back)',
      async () => {
        const moved = syntheticMrsFid({ lines: NAA_CR_CHO_LINES, shiftHz: 0.2 * 123.2, zeroDeg: 50, noiseSd: 0.02 });
        return read2(writeNiftiMrs([moved]), 'synthetic-metabolite.nii');
      },
    ],
  ];

  it.each(cases)('%s', async (name, load) => {
    const outcome = process(metabolites(await load()));
    report(name, outcome);
    expect(Math.abs(outcome.naaAfterPpm - 2.01)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(outcome.naaAfterCrPpm - 2.01)).toBeLessThanOrEqual(0.03);
  });

  it('reports what referencing does on the phantom/QA DICOMs (no in vivo NAA: nothing asserted)', async () => {
    for (const path of ['dicom_mrs/SVS_XA60.dcm', 'dicom_mrs/IM-0001-0002.dcm']) {
      const outcome = process(metabolites(await read(path)));
      report(path, outcome);
      expect(Number.isFinite(outcome.shiftHz)).toBe(true);
    }
  });

  it('reports what referencing to water does on the 7T NIfTI-MRS water reference (32 coils summed)', async () => {
    const spectrum = toFrequencyDomain(summed(await read('osprey_niftimrs/sub-01_ses-01_SVS-ref.nii.gz')));
    const before = tallestPpm(spectrum, 4.0, 5.3, true);
    const referenced = referencePpm(spectrum, { to: 'water' });
    const after = tallestPpm(referenced, 4.0, 5.3, true);
    console.info(
      `sub-01_ses-01_SVS-ref.nii.gz: water ${before.toFixed(4)} ppm before, ${after.toFixed(4)} after ` +
        `(shift ${(referenced.meta.referenceShiftHz as number).toFixed(3)} Hz)`,
    );
    expect(Math.abs(after - 4.65)).toBeLessThan(0.01);
  });
});

async function read2(bytes: Uint8Array, fileName: string): Promise<Spectrum[]> {
  const result = await parseFile(bytes, fileName);
  if (!result.ok) throw new Error(`${fileName}: ${result.error.message}`);
  return result.value.spectra;
}
