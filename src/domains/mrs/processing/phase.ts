import { type Spectrum, WorkbenchError } from '../../../core';
import { mrsSignal, withSignal } from './mrsSignal';
import { mapPpmSpectrum } from './ppmView';

/**
 * Phases an MRS spectrum: every point at chemical shift p is multiplied by
 * e^(i·(φ0 + φ1·(p − pivot))), φ0 = `zeroDeg`, φ1 = `firstDegPerPpm` (degrees, degrees per ppm). The
 * sign follows FSL-MRS's `applyPhase` (fid·e^(iφ)): a line whose FID starts with phase −φ0 becomes
 * absorptive. Zero-order phasing multiplies the samples directly (either domain); a first-order
 * term is applied to the spectrum, a FID going through its transform and back, so the result is the
 * same before or after the FFT. A first-order phase of φ1 °/ppm equals a time shift of the FID by
 * φ1/(360·cf) s (cf in MHz).
 *
 * Meta `phaseZeroDeg`, `phaseFirstDegPerPpm`, `phasePivotPpm` hold the phase of this call.
 * Throws INVALID_OPTION (naming the file) for a non-MRS input or a non-finite angle.
 *
 * @param pivotPpm - Chemical shift where the first-order term is zero (default the centre, meta.centrePpm).
 */
export function phase(spectrum: Spectrum, zeroDeg: number, firstDegPerPpm = 0, pivotPpm?: number): Spectrum {
  const signal = mrsSignal(spectrum, 'phasing');
  const pivot = pivotPpm ?? signal.centrePpm;
  for (const [name, value] of [
    ['zeroDeg', zeroDeg],
    ['firstDegPerPpm', firstDegPerPpm],
    ['pivotPpm', pivot],
  ] as const) {
    if (!Number.isFinite(value)) {
      throw new WorkbenchError('INVALID_OPTION', `phasing: ${name} must be a finite number (got ${value})`, {
        file: spectrum.file,
      });
    }
  }
  const meta = { phaseZeroDeg: zeroDeg, phaseFirstDegPerPpm: firstDegPerPpm, phasePivotPpm: pivot };
  const zero = (zeroDeg * Math.PI) / 180;
  const first = (firstDegPerPpm * Math.PI) / 180;
  if (first === 0)
    return withSignal(
      spectrum,
      rotate(signal.re, signal.im, () => zero),
      'phased',
      meta,
    );
  return mapPpmSpectrum(
    spectrum,
    signal,
    ({ ppm, re, im }) => rotate(re, im, (j) => zero + first * ((ppm[j] as number) - pivot)),
    'phased',
    meta,
  );
}

/** (re + i·im)·e^(i·angle(j)) for every point j. */
function rotate(re: Float64Array, im: Float64Array, angle: (j: number) => number) {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = angle(j);
    const c = Math.cos(a);
    const s = Math.sin(a);
    const x = re[j] as number;
    const y = im[j] as number;
    outRe[j] = x * c - y * s;
    outIm[j] = x * s + y * c;
  }
  return { re: outRe, im: outIm };
}
