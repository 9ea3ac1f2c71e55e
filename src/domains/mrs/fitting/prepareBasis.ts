import { type Spectrum, WorkbenchError } from '../../../core';
import { type ComplexArrays, fftAnyLength } from '../../../numeric/fftAnyLength';
import { mrsSignal } from '../processing/mrsSignal';
import type { Acquisition } from '../processing/transientData';

/** One basis spectrum on the data's time grid. */
export interface BasisComponent {
  /** Metabolite name as the basis states it (`NAA`, `Cr`, `Mac`, `MM09` …). */
  readonly name: string;
  /** FID at t = i·dwell of the data, i < points, in the NIfTI-MRS convention of the data's centre and frequency. */
  readonly fid: ComplexArrays;
  /** Fit group: components of one group share line broadening and shift (`metabolites`, `macromolecules`). */
  readonly group: string;
}

/** A basis set made ready for one acquisition (points, dwell, frequency, centre). */
export interface PreparedBasis {
  readonly acquisition: Acquisition;
  readonly components: readonly BasisComponent[];
  /** Where the basis came from and what was done to it (resampling, band, frequency mapping). */
  readonly notes: readonly string[];
}

/** Options of {@link prepareBasis}. */
export interface PrepareBasisOptions {
  /**
   * Chemical-shift band kept from each basis spectrum, ppm (default [0.1, 5.5]): the LCModel and
   * challenge basis sets carry a reference line at 0 ppm, which is left out so it neither enters the
   * fit nor the per-proton scale of the water referencing.
   */
  readonly bandPpm?: readonly [number, number];
  /** Names to leave out (case-insensitive). */
  readonly exclude?: readonly string[];
}

const MACROMOLECULE_NAME = /^(mac|mm|lip|mmbl|mm\d|lip\d)/i;

/** The metabolite a basis spectrum stands for: `meta.metabolite`, else its title, else its file name without extension. */
export function basisName(spectrum: Spectrum): string {
  const metabolite = spectrum.meta.metabolite;
  if (typeof metabolite === 'string' && metabolite.trim() !== '') return metabolite.trim();
  const title = spectrum.meta.title;
  if (typeof title === 'string' && title.trim() !== '') return title.trim();
  const base = (spectrum.file ?? spectrum.name).split(/[\\/]/).pop() ?? spectrum.name;
  return base.replace(/\.[^.]*$/, '');
}

/**
 * Brings basis spectra (an LCModel `.BASIS`, a folder of `.RAW` files, simulated ones) onto the
 * data's time grid. Each basis FID is transformed (length Nb, dwell Δb), and its spectral samples
 * inside the band are summed back as exp(2πi·f′·t) at the data's sample times, where f′ maps every
 * basis frequency through its chemical shift to the data's spectrometer frequency and centre:
 * ppm = centre_b − f/SF_b, f′ = (centre_d − ppm)·SF_d. This is exact trigonometric interpolation
 * (no linear interpolation error, any dwell ratio) and corrects a basis simulated at a slightly
 * different field (e.g. 123.26 MHz basis for 123.2 MHz data) instead of ignoring it, as FSL-MRS's
 * linear time interpolation does. A basis divided by its LCModel `CONC` (`meta.concentration`)
 * describes 1 unit of concentration.
 *
 * Cost O(points × band bins) per component, about 50 ms for a 21-metabolite basis at 2048 points;
 * a prepared basis is reused for every spectrum of the same acquisition.
 *
 * @throws WorkbenchError `INVALID_DATA` for an empty basis or a basis spectrum that is not an MRS FID,
 *   `BASIS_MISMATCH` when a basis is for another nucleus or field (more than 5 % apart) or ends before
 *   the data's acquisition time.
 */
export function prepareBasis(
  basis: readonly Spectrum[],
  acquisition: Acquisition,
  options: PrepareBasisOptions = {},
): PreparedBasis {
  const [bandLow, bandHigh] = options.bandPpm ?? [0.1, 5.5];
  const excluded = new Set((options.exclude ?? []).map((name) => name.toLowerCase()));
  const kept = basis.filter((spectrum) => !excluded.has(basisName(spectrum).toLowerCase()));
  if (kept.length === 0) throw new WorkbenchError('INVALID_DATA', 'the basis set holds no spectrum to fit with');
  const notes: string[] = [];
  const seen = new Set<string>();
  const components = kept.map((spectrum) => {
    const name = basisName(spectrum);
    if (seen.has(name)) {
      throw new WorkbenchError('INVALID_DATA', `the basis set holds ${name} twice`, { file: spectrum.file });
    }
    seen.add(name);
    const signal = mrsSignal(spectrum, 'a basis spectrum', 'time');
    const nucleus = spectrum.meta.nucleus;
    if (typeof nucleus === 'string' && nucleus !== '1H') {
      throw new WorkbenchError('BASIS_MISMATCH', `basis spectrum ${name} is for ${nucleus}, the fit needs 1H`, {
        file: spectrum.file,
      });
    }
    const basisDuration = signal.re.length * signal.dwellTimeS;
    const dataDuration = acquisition.points * acquisition.dwellTimeS;
    if (basisDuration < dataDuration * 0.999) {
      throw new WorkbenchError(
        'BASIS_MISMATCH',
        `basis spectrum ${name} lasts ${(basisDuration * 1000).toFixed(1)} ms, shorter than the data's ` +
          `${(dataDuration * 1000).toFixed(1)} ms acquisition: use a basis with more points or a longer dwell`,
        { file: spectrum.file },
      );
    }
    const concentration = Number(spectrum.meta.concentration ?? 1);
    const scale = concentration > 0 && Number.isFinite(concentration) ? 1 / concentration : 1;
    const fid = resample(signal, acquisition, bandLow, bandHigh, scale);
    const group = MACROMOLECULE_NAME.test(name) ? 'macromolecules' : 'metabolites';
    return { name, fid, group };
  });
  const firstSpectrum = kept[0] as Spectrum;
  const first = { ...mrsSignal(firstSpectrum, 'a basis spectrum'), file: firstSpectrum.file };
  const fieldRatio = first.spectrometerFrequencyMHz / acquisition.spectrometerFrequencyMHz;
  if (Math.abs(fieldRatio - 1) > 0.05) {
    // J-coupled patterns depend on the field: a 7 T basis cannot describe 3 T data, whatever the ppm mapping.
    throw new WorkbenchError(
      'BASIS_MISMATCH',
      `the basis was made for ${first.spectrometerFrequencyMHz.toFixed(2)} MHz, the data were acquired at ` +
        `${acquisition.spectrometerFrequencyMHz.toFixed(2)} MHz: use a basis for this field (within 5 %)`,
      first.file === undefined ? {} : { file: first.file },
    );
  }
  notes.push(
    `${components.length} basis spectra at ${first.spectrometerFrequencyMHz} MHz, dwell ${first.dwellTimeS} s, ` +
      `${first.re.length} points, mapped by chemical shift to ${acquisition.spectrometerFrequencyMHz} MHz, ` +
      `dwell ${acquisition.dwellTimeS} s, ${acquisition.points} points; band ${bandLow}–${bandHigh} ppm kept`,
  );
  return { acquisition, components, notes };
}

function resample(
  signal: ReturnType<typeof mrsSignal>,
  acquisition: Acquisition,
  bandLow: number,
  bandHigh: number,
  scale: number,
): ComplexArrays {
  const nb = signal.re.length;
  // Halve the first point before the transform and double it back after (as `fidToPpmSpectrum`):
  // otherwise the DFT carries a constant offset of fid[0]/2 on every bin, and the band would keep
  // only part of it — the band-limited FID would start at about 0.6 of its true first point, and
  // the signal per proton (water referencing) would be off by that factor.
  const firstRe = Float64Array.from(signal.re);
  const firstIm = Float64Array.from(signal.im);
  firstRe[0] = (firstRe[0] as number) / 2;
  firstIm[0] = (firstIm[0] as number) / 2;
  const spectrum = fftAnyLength(firstRe, firstIm);
  const re = new Float64Array(acquisition.points);
  const im = new Float64Array(acquisition.points);
  const dt = acquisition.dwellTimeS;
  for (let k = 0; k < nb; k++) {
    const f = (k < nb / 2 ? k : k - nb) / (nb * signal.dwellTimeS);
    const ppm = signal.centrePpm - f / signal.spectrometerFrequencyMHz;
    if (ppm < bandLow || ppm > bandHigh) continue;
    const fData = (acquisition.centrePpm - ppm) * acquisition.spectrometerFrequencyMHz;
    const ar = ((spectrum.re[k] as number) * scale) / nb;
    const ai = ((spectrum.im[k] as number) * scale) / nb;
    // Rotate a unit phasor by 2π·f′·dt per sample; renormalise every 256 samples against drift.
    const stepRe = Math.cos(2 * Math.PI * fData * dt);
    const stepIm = Math.sin(2 * Math.PI * fData * dt);
    let zr = 1;
    let zi = 0;
    for (let i = 0; i < acquisition.points; i++) {
      if ((i & 255) === 0 && i > 0) {
        const angle = 2 * Math.PI * fData * dt * i;
        zr = Math.cos(angle);
        zi = Math.sin(angle);
      }
      re[i] = (re[i] as number) + ar * zr - ai * zi;
      im[i] = (im[i] as number) + ar * zi + ai * zr;
      const nr = zr * stepRe - zi * stepIm;
      zi = zr * stepIm + zi * stepRe;
      zr = nr;
    }
  }
  re[0] = 2 * (re[0] as number);
  im[0] = 2 * (im[0] as number);
  return { re, im };
}
