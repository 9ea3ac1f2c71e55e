import type { ChannelCalibration, Spectrum, SpectrumMeta } from '../../../core';

/**
 * The spectrum with `shift` added to every x value (intensities unchanged) and to the channel
 * calibration the axis keeps, if any (c₀ of an equation model, every edge of `lowerChannelEdges`;
 * deviation pairs stay, they are relative). `meta` is merged in.
 */
export function shiftAxis(spectrum: Spectrum, shift: number, meta: SpectrumMeta = {}): Spectrum {
  const values = Float64Array.from(spectrum.x.values, (v) => v + shift);
  const old = spectrum.x.calibration;
  let calibration: ChannelCalibration | undefined;
  if (old !== undefined) {
    const coefficients =
      old.model === 'lowerChannelEdges'
        ? old.coefficients.map((c) => c + shift)
        : old.coefficients.map((c, k) => (k === 0 ? c + shift : c));
    calibration = { ...old, coefficients };
  }
  const { calibration: _dropped, ...axis } = spectrum.x;
  return {
    ...spectrum,
    id: `${spectrum.id}/shifted`,
    x: calibration === undefined ? { ...axis, values } : { ...axis, values, calibration },
    meta: { ...spectrum.meta, ...meta },
  };
}
