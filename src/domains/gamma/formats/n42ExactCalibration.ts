import type { ChannelCalibration } from '../../../core';
import { calibrationProblem, channelEdges } from '../calibration/energyCalibration';
import { calibrationFromJson, calibrationToJson } from './calibrationJson';

/**
 * N42 files are read the SpecUtils/InterSpec way: a polynomial gives the energy of a channel's
 * lower edge. A calibration N42-2012 cannot state as it is (a centre-referenced polynomial from an
 * ORTEC file, a GADRAS full-range fraction) is written in an equivalent form that other programs
 * read correctly, and the exact original goes into a `Remark` with this prefix, so that the
 * workbench reads back the very same calibration object.
 */
export const EXACT_CALIBRATION_PREFIX = 'Spectralligence calibration: ';

/** The remark that carries `calibration` exactly (JSON numbers round-trip exactly). */
export function exactCalibrationRemark(calibration: ChannelCalibration): string {
  return `${EXACT_CALIBRATION_PREFIX}${calibrationToJson(calibration)}`;
}

/**
 * Coefficients of g(x) = f(x − ½) for a polynomial f: the lower-edge form of a centre-referenced
 * polynomial (binomial expansion; exact up to floating-point rounding).
 */
export function lowerEdgeCoefficients(coefficients: readonly number[]): number[] {
  const out = new Array<number>(coefficients.length).fill(0);
  for (let k = 0; k < coefficients.length; k++) {
    let binomial = 1;
    for (let j = k; j >= 0; j--) {
      // C(k, j) for j = k, k−1, …: multiply by j/(k−j+1) going down.
      out[j] = (out[j] as number) + (coefficients[k] as number) * binomial * (-0.5) ** (k - j);
      binomial = (binomial * j) / (k - j + 1);
    }
  }
  return out;
}

/**
 * The exact calibration from the remarks, when one of them carries it and the calibration stated
 * in the file is exactly what the writer derives from it (bit for bit: the same arithmetic on the
 * same numbers); otherwise `undefined` — a file edited by another program keeps what its elements say.
 */
export function exactCalibrationFromRemarks(
  remarks: readonly string[],
  stated: ChannelCalibration | undefined,
  channelCount: number,
): { readonly calibration: ChannelCalibration; readonly remark: string } | undefined {
  const remark = remarks.find((r) => r.startsWith(EXACT_CALIBRATION_PREFIX));
  if (remark === undefined || stated === undefined) return undefined;
  const candidate = calibrationFromJson(remark.slice(EXACT_CALIBRATION_PREFIX.length));
  if (candidate === undefined || candidate.channelCount !== channelCount) return undefined;
  let derived: readonly number[];
  if (candidate.model === 'polynomial' && candidate.channelReference !== 'lowerEdge') {
    if (stated.model !== 'polynomial') return undefined;
    if (JSON.stringify(candidate.deviationPairs ?? []) !== JSON.stringify(stated.deviationPairs ?? []))
      return undefined;
    derived = lowerEdgeCoefficients(candidate.coefficients);
  } else if (candidate.model === 'fullRangeFraction') {
    if (stated.model !== 'lowerChannelEdges' || calibrationProblem(candidate, channelCount) !== undefined)
      return undefined;
    derived = Array.from(channelEdges(candidate, channelCount));
  } else {
    return undefined;
  }
  const same =
    derived.length === stated.coefficients.length &&
    derived.every((value, i) => Object.is(value, stated.coefficients[i]));
  return same ? { calibration: candidate, remark } : undefined;
}
