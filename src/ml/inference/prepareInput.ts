import { xyEquallySpaced } from 'ml-spectra-processing';
import { WorkbenchError } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import type { InputContract } from '../registry/modelCard';

const refuse = (spectrum: Spectrum, reason: string): never => {
  throw new WorkbenchError('CONTRACT_MISMATCH', reason, { file: spectrum.file });
};

/** Scales in place as the contract says. A flat (all-zero) spectrum is left as is. */
function normalise(values: Float32Array, how: InputContract['normalisation']): void {
  if (how === 'none') return;
  if (how === 'sqrtMax') {
    for (let i = 0; i < values.length; i++) values[i] = Math.sqrt(Math.max(values[i] as number, 0));
    normalise(values, 'max');
    return;
  }
  let scale = 0;
  let shift = 0;
  if (how === 'max') for (const v of values) scale = Math.max(scale, Math.abs(v));
  else if (how === 'area') for (const v of values) scale += Math.abs(v);
  else {
    for (const v of values) shift += v;
    shift /= values.length;
    for (const v of values) scale += (v - shift) ** 2;
    scale = Math.sqrt(scale / values.length);
  }
  if (!(scale > 0)) return;
  for (let i = 0; i < values.length; i++) values[i] = ((values[i] as number) - shift) / scale;
}

/**
 * Maps a spectrum onto a model's input contract: checks domain and real/complex, crops to the
 * contract's axis range and resamples onto `length` equally spaced points (cheminfo's
 * `xyEquallySpaced`, which averages over each slot when downsampling, so narrow peaks keep their
 * area instead of being aliased; the first and last points average only the half slot inside the
 * range), then normalises. Throws CONTRACT_MISMATCH, naming the spectrum
 * and the reason, instead of producing a garbage prediction.
 */
export function prepareInput(spectrum: Spectrum, contract: InputContract): Float32Array {
  if (contract.domain !== 'any' && spectrum.domain !== contract.domain && spectrum.domain !== 'generic') {
    refuse(spectrum, `the model takes ${contract.domain} spectra, this is a ${spectrum.domain} spectrum`);
  }
  const complex = spectrum.y.imaginary !== undefined;
  if (complex !== contract.complex) {
    refuse(
      spectrum,
      `the model takes ${contract.complex ? 'complex' : 'real'} data, this spectrum is ${complex ? 'complex' : 'real'}`,
    );
  }
  const points = spectrum.x.values.length;
  if (points < 2) refuse(spectrum, 'a spectrum needs at least 2 points');
  const byIndex = contract.axis.unit === 'index';
  if (!byIndex && spectrum.x.unit !== contract.axis.unit) {
    refuse(spectrum, `the model takes an x axis in ${contract.axis.unit}, this spectrum is in ${spectrum.x.unit}`);
  }
  const x = byIndex ? Float64Array.from({ length: points }, (_, i) => i) : spectrum.x.values;
  const first = x[0] as number;
  const last = x[points - 1] as number;
  const from = byIndex ? first : contract.axis.min;
  const to = byIndex ? last : contract.axis.max;
  if (!byIndex) {
    const step = (last - first) / (points - 1);
    // Allow half a sample of slack at each end: the grids of instrument and model rarely align exactly.
    if (first > from + step / 2 || last < to - step / 2) {
      refuse(
        spectrum,
        `the model needs ${from}–${to} ${contract.axis.unit}; this spectrum covers ${first.toPrecision(6)}–${last.toPrecision(6)}`,
      );
    }
  }
  const resampled = xyEquallySpaced(
    { x: Array.from(x), y: Array.from(spectrum.y.values, (v) => (Number.isFinite(v) ? v : 0)) },
    { from, to, numberOfPoints: contract.length },
  );
  const values = Float32Array.from(resampled.y);
  normalise(values, contract.normalisation);
  return values;
}
