import type { AxisUnit, ChannelCalibration } from '../../../core';
import { exactJsonNumber, numberFromJson } from './textGammaJson';

const UNITS: Record<AxisUnit, true> = {
  keV: true,
  MeV: true,
  channel: true,
  nm: true,
  'cm-1': true,
  ppm: true,
  Hz: true,
  s: true,
  ms: true,
  index: true,
  unknown: true,
};
const MODELS = new Set(['polynomial', 'fullRangeFraction', 'lowerChannelEdges']);
const REFERENCES = new Set(['centre', 'lowerEdge']);

/**
 * A calibration as one line of JSON with bit-exact numbers (−0 kept, non-finite values as strings,
 * see `textGammaJson.ts`), keys in the `ChannelCalibration` order. Used where a calibration must
 * round-trip exactly: the gamma CSV header, the N42 exact-calibration remark.
 */
export function calibrationToJson(calibration: ChannelCalibration): string {
  const parts = [
    `"model":${JSON.stringify(calibration.model)}`,
    `"coefficients":[${calibration.coefficients.map(exactJsonNumber).join(',')}]`,
  ];
  if (calibration.deviationPairs !== undefined) {
    const pairs = calibration.deviationPairs.map(([e, o]) => `[${exactJsonNumber(e)},${exactJsonNumber(o)}]`);
    parts.push(`"deviationPairs":[${pairs.join(',')}]`);
  }
  parts.push(
    `"channelCount":${exactJsonNumber(calibration.channelCount)}`,
    `"unit":${JSON.stringify(calibration.unit)}`,
  );
  if (calibration.channelReference !== undefined) {
    parts.push(`"channelReference":${JSON.stringify(calibration.channelReference)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Reads back what {@link calibrationToJson} wrote (text or parsed value); `undefined` for anything else. */
export function calibrationFromJson(input: unknown): ChannelCalibration | undefined {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const numbers = (list: unknown): number[] | undefined => {
    if (!Array.isArray(list)) return undefined;
    const out = list.map(numberFromJson);
    return out.every((x) => x !== undefined) ? (out as number[]) : undefined;
  };
  const model = v.model;
  const coefficients = numbers(v.coefficients);
  const channelCount = numberFromJson(v.channelCount);
  const unit = v.unit;
  if (typeof model !== 'string' || !MODELS.has(model) || coefficients === undefined || channelCount === undefined) {
    return undefined;
  }
  if (typeof unit !== 'string' || !Object.hasOwn(UNITS, unit)) return undefined;
  const reference = v.channelReference;
  if (reference !== undefined && (typeof reference !== 'string' || !REFERENCES.has(reference))) return undefined;
  let deviationPairs: [number, number][] | undefined;
  if (v.deviationPairs !== undefined) {
    if (!Array.isArray(v.deviationPairs)) return undefined;
    const pairs = v.deviationPairs.map(numbers);
    if (!pairs.every((p) => p !== undefined && p.length === 2)) return undefined;
    deviationPairs = (pairs as number[][]).map((p) => [p[0], p[1]] as [number, number]);
  }
  return {
    model: model as ChannelCalibration['model'],
    coefficients,
    ...(deviationPairs === undefined ? {} : { deviationPairs }),
    channelCount,
    unit: unit as AxisUnit,
    ...(reference === undefined ? {} : { channelReference: reference as 'centre' | 'lowerEdge' }),
  };
}
