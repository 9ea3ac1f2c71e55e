import type { ChannelCalibration } from '../../../core';
import { WorkbenchError } from '../../../core/errors';
import { channelEdges } from '../calibration/energyCalibration';
import { SHIELD_MATERIALS, type ShieldMaterial } from './attenuation';
import { geometryMeasures } from './crystalPhysics';
import type { DetectorModel } from './detectorModels';
import { gadrasSigma } from './resolution';
import { type ChannelGrid, thresholdFactors } from './spectrumAccumulator';

/** A layer of shielding (areal density = density × thickness, g/cm²). */
export interface Shield {
  readonly material: ShieldMaterial;
  readonly arealDensityGcm2: number;
}

/** The error for an option out of range. */
export function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_OPTION', message);
}

/** `value` (or `fallback` when undefined), checked to be a finite number in [min, max]. */
export function check(
  value: number | undefined,
  name: string,
  fallback: number,
  min: number,
  max = Number.POSITIVE_INFINITY,
): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < min || v > max)
    throw invalid(`${name} must be a number in [${min}, ${max}], got ${value}`);
  return v;
}

/** Shielding layers with known materials and areal densities in [0, 10⁴] g/cm². */
export function checkShields(shields: readonly Shield[] | undefined, where: string): readonly Shield[] {
  for (const s of shields ?? []) {
    if (!SHIELD_MATERIALS.includes(s.material)) throw invalid(`${where}: unknown shielding material "${s.material}"`);
    check(s.arealDensityGcm2, `${where}: arealDensityGcm2`, 0, 0, 1e4);
  }
  return shields ?? [];
}

/** Channel edges in true energy: the inverse of E_cal = offset + gain·E + nl·(E/1000)². */
export function channelGrid(
  model: DetectorModel,
  calibration: ChannelCalibration,
  n: number,
  gain: number,
  offset: number,
  nl: number,
  resolutionScale: number,
): ChannelGrid {
  let nominal: Float64Array;
  try {
    nominal = channelEdges(calibration, n);
  } catch (error) {
    throw invalid(`calibration: ${(error as Error).message}`);
  }
  const a = nl / 1e6;
  const edges = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const d = (nominal[i] as number) - offset;
    const disc = gain * gain + 4 * a * d;
    if (!(disc >= 0)) throw invalid('nonlinearityKeV is too large for this energy range');
    edges[i] = (2 * d) / (gain + Math.sqrt(disc));
    if (i > 0 && !((edges[i] as number) > (edges[i - 1] as number)))
      throw invalid('gain/nonlinearity make the energy axis non-increasing');
  }
  const centers = new Float64Array(n);
  const widths = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    centers[i] = ((edges[i] as number) + (edges[i + 1] as number)) / 2;
    widths[i] = (edges[i + 1] as number) - (edges[i] as number);
  }
  const sigmaT = gadrasSigma(model.thresholdKeV, model.resolution, resolutionScale);
  return { edges, centers, widths, threshold: thresholdFactors(centers, model.thresholdKeV, sigmaT) };
}

/** Fraction of emitted photons that reach the crystal face: given, or Ω/4π of the face (disk of equal area). */
export function geometricFactor(
  model: DetectorModel,
  source: { readonly geometricFactor?: number; readonly distanceCm?: number },
  index: number,
): number {
  if (source.geometricFactor !== undefined)
    return check(source.geometricFactor, `sources[${index}].geometricFactor`, 0, 0, 1);
  const d = check(source.distanceCm, `sources[${index}].distanceCm`, Number.NaN, 1e-3);
  const r = Math.sqrt(geometryMeasures(model.geometry).faceAreaCm2 / Math.PI);
  return 0.5 * (1 - d / Math.sqrt(d * d + r * r));
}
