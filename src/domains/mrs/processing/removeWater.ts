import { type Spectrum, WorkbenchError } from '../../../core';
import { type HlsvdComponent, hlsvd, hlsvdSignal } from './hlsvd';
import { acquisitionOf, fidOf, hzToPpm, withFid } from './transientData';

/** Options of {@link removeWater}. */
export interface RemoveWaterOptions {
  /** Components whose frequency falls in this range (ppm) are removed. Default [4.2, 5.2] (water at 4.65 ± ~0.5). */
  readonly ppmRange?: readonly [number, number];
  /** HSVD model order K. Default 25. */
  readonly components?: number;
  /** FID points the model is fitted to (the first ones). Default all. */
  readonly points?: number;
}

/** What {@link removeWater} did. */
export interface RemoveWaterResult {
  /** The FID with the in-band components subtracted (meta `waterRemoval`, `waterRemovalComponents`, `waterRemovalPpm`). */
  readonly spectrum: Spectrum;
  /** The components subtracted, with their ppm. */
  readonly removed: readonly (HlsvdComponent & { readonly ppm: number })[];
  /** All components of the model. */
  readonly model: readonly HlsvdComponent[];
}

/**
 * Removes residual water (or any band) from an MRS FID by HLSVD (`hlsvd.ts`; Pijnappel et al.,
 * JMR 97:122, 1992; the `remove` step of FSL-MRS and Osprey's HLSVD filter): fits K damped
 * exponentials to the FID and subtracts those whose frequency lies in `ppmRange`
 * (ppm = centre − f/SF), over every point of the FID. Metabolite lines outside the band stay as
 * they are, apart from the model's overlap with the band's lines (tails of water under them).
 * @throws WorkbenchError INVALID_DATA for a spectrum that is not an MRS FID, INVALID_OPTION for bad options.
 */
export function removeWater(spectrum: Spectrum, options: RemoveWaterOptions = {}): RemoveWaterResult {
  const acquisition = acquisitionOf(spectrum);
  const [a, b] = options.ppmRange ?? [4.2, 5.2];
  if (!(Number.isFinite(a) && Number.isFinite(b) && a !== b)) {
    throw new WorkbenchError('INVALID_OPTION', `removeWater: ppmRange must be two different numbers (got ${a}, ${b})`);
  }
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  const fid = fidOf(spectrum);
  const fit = hlsvd(fid, acquisition.dwellTimeS, {
    ...(options.components === undefined ? {} : { components: options.components }),
    ...(options.points === undefined ? {} : { points: options.points }),
  });
  const removed = fit.components
    .map((component) => ({ ...component, ppm: hzToPpm(component.frequencyHz, acquisition) }))
    .filter((component) => component.ppm >= low && component.ppm <= high);
  const water = hlsvdSignal(removed, acquisition.points, acquisition.dwellTimeS);
  const re = Float64Array.from(fid.re, (v, t) => v - (water.re[t] as number));
  const im = Float64Array.from(fid.im, (v, t) => v - (water.im[t] as number));
  const out = withFid(
    spectrum,
    { re, im },
    {
      waterRemoval: 'hlsvd',
      waterRemovalComponents: removed.length,
      waterRemovalPpm: `${low}–${high}`,
    },
    'water removed',
  );
  return { spectrum: out, removed, model: fit.components };
}
