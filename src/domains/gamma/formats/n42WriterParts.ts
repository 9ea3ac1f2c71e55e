import type { ChannelCalibration } from '../../../core';
import { calibrationProblem, channelEdges } from '../calibration/energyCalibration';
import { exactCalibrationRemark, lowerEdgeCoefficients } from './n42ExactCalibration';
import { formatNumberList } from './numberList';

/**
 * Text of an XML element or attribute value: `&`, `<`, `>`, `"` escaped; characters XML 1.0 does
 * not allow (C0 controls other than tab, line feed, carriage return; lone surrogates; U+FFFE/U+FFFF) dropped.
 */
export function escapeXml(text: string): string {
  let kept = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const allowed =
      code === 0x09 ||
      code === 0x0a ||
      code === 0x0d ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (allowed) kept += char;
  }
  return kept
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** `<name>text</name>` with the text escaped. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** The content of an `EnergyCalibration` element for a calibration, and what was done to it. */
export interface CalibrationContent {
  readonly xml: string;
  /** Set when the calibration had to be converted: the exact original, for our reader (see n42ExactCalibration). */
  readonly remark?: string;
}

/**
 * What N42-2012 can say of a calibration (schema `EnergyCalibrationType`; SpecUtils writes the same):
 * - polynomial → `CoefficientValues` (every coefficient, shortest round-trip text); a centre-referenced
 *   polynomial is shifted to the lower-edge form N42 readers expect, and the exact original goes into a remark;
 * - lower channel edges → `EnergyBoundaryValues`, the values as they are (N+1 per the standard; N are written as N);
 * - full-range fraction: N42-2012 has no such model, so the N+1 channel edges are computed
 *   (`channelEdges`, deviation pairs applied) and written as `EnergyBoundaryValues`;
 * - deviation pairs → `EnergyValues` + `EnergyDeviationValues` (not for a converted full-range fraction,
 *   whose edges already include them).
 * @returns `undefined` for a full-range fraction that gives no energy axis
 */
export function calibrationContent(
  calibration: ChannelCalibration,
  channelCount: number,
): CalibrationContent | undefined {
  const pairs = calibration.deviationPairs ?? [];
  const pairXml =
    pairs.length === 0
      ? ''
      : `<EnergyValues>${formatNumberList(pairs.map((p) => p[0]))}</EnergyValues>` +
        `<EnergyDeviationValues>${formatNumberList(pairs.map((p) => p[1]))}</EnergyDeviationValues>`;
  switch (calibration.model) {
    case 'polynomial':
      if (calibration.channelReference === 'lowerEdge') {
        return {
          xml: `<CoefficientValues>${formatNumberList(calibration.coefficients)}</CoefficientValues>${pairXml}`,
        };
      }
      // N42 polynomials give lower edges (SpecUtils, InterSpec): shift a centre-referenced one.
      return {
        xml: `<CoefficientValues>${formatNumberList(lowerEdgeCoefficients(calibration.coefficients))}</CoefficientValues>${pairXml}`,
        remark: exactCalibrationRemark(calibration),
      };
    case 'lowerChannelEdges':
      return {
        xml: `<EnergyBoundaryValues>${formatNumberList(calibration.coefficients)}</EnergyBoundaryValues>${pairXml}`,
      };
    case 'fullRangeFraction': {
      const forChannels = { ...calibration, channelCount };
      if (calibrationProblem(forChannels, channelCount) !== undefined) return undefined;
      return {
        xml: `<EnergyBoundaryValues>${formatNumberList(channelEdges(forChannels, channelCount))}</EnergyBoundaryValues>`,
        remark: exactCalibrationRemark(calibration),
      };
    }
    default: {
      const exhaustive: never = calibration.model;
      return exhaustive;
    }
  }
}

/** A valid XML id (NCName) from any text: other characters become `_`, a leading digit gets a prefix. */
export function xmlId(text: string, fallback: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (cleaned === '') return fallback;
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
