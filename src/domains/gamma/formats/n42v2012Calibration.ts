import { type ChannelCalibration, WorkbenchError } from '../../../core';
import { numbersOf } from './n42Common';
import { attribute, child, children, type XmlNode } from './xmlTree';

/** An N42-2012 `EnergyCalibration` before the channel count of a spectrum is known. */
export interface RawCalibration2012 {
  readonly id: string;
  readonly coefficients?: readonly number[];
  readonly boundaries?: readonly number[];
  /** `EnergyValues` + `ChannelValues`: energy (keV) at channel positions. */
  readonly points?: readonly (readonly [number, number])[];
  readonly deviationPairs?: readonly (readonly [number, number])[];
}

/**
 * The `EnergyCalibration` elements of an N42-2012 document by id (grs-notes §3.6; N42 schema
 * `EnergyCalibrationType`): `CoefficientValues` (polynomial), `EnergyBoundaryValues` (channel
 * edges), or `EnergyValues` + `ChannelValues`; `EnergyValues` + `EnergyDeviationValues` are
 * deviation pairs (as SpecUtils writes them).
 * @throws WorkbenchError `INVALID_DATA` for a value that is not a number or paired lists of unequal length
 */
export function readEnergyCalibrations2012(root: XmlNode, fileName: string): Map<string, RawCalibration2012> {
  const out = new Map<string, RawCalibration2012>();
  for (const cal of children(root, 'EnergyCalibration')) {
    const id = attribute(cal, 'id') ?? '';
    const what = `EnergyCalibration "${id}"`;
    const list = (name: string, node = child(cal, name)): number[] | undefined =>
      node === undefined ? undefined : numbersOf(node, `the ${name} of ${what}`, fileName);
    const energyNodes = children(cal, 'EnergyValues');
    const channels = list('ChannelValues');
    const pointEnergies = channels === undefined ? undefined : list('EnergyValues', energyNodes[0]);
    const deviations = list('EnergyDeviationValues');
    const deviationEnergies = deviations === undefined ? undefined : list('EnergyValues', energyNodes.at(-1));
    const raw: {
      id: string;
      coefficients?: number[];
      boundaries?: number[];
      points?: [number, number][];
      deviationPairs?: [number, number][];
    } = { id };
    const coefficients = list('CoefficientValues');
    const boundaries = list('EnergyBoundaryValues');
    if (coefficients !== undefined && coefficients.length > 0) raw.coefficients = coefficients;
    if (boundaries !== undefined && boundaries.length > 0) raw.boundaries = boundaries;
    if (channels !== undefined && pointEnergies !== undefined) {
      raw.points = pair(pointEnergies, channels, 'EnergyValues', 'ChannelValues', what, fileName).map(([e, c]) => [
        c,
        e,
      ]);
    }
    if (
      deviations !== undefined &&
      deviationEnergies !== undefined &&
      (channels === undefined || energyNodes.length > 1)
    ) {
      const pairs = pair(deviationEnergies, deviations, 'EnergyValues', 'EnergyDeviationValues', what, fileName);
      if (pairs.length > 0) raw.deviationPairs = pairs;
    }
    if (!out.has(id)) out.set(id, raw);
  }
  return out;
}

function pair(
  a: number[],
  b: number[],
  nameA: string,
  nameB: string,
  what: string,
  fileName: string,
): [number, number][] {
  if (a.length !== b.length) {
    throw new WorkbenchError('INVALID_DATA', `${what} lists ${a.length} ${nameA} but ${b.length} ${nameB}`, {
      file: fileName,
    });
  }
  return a.map((value, i) => [value, b[i] as number]);
}

/**
 * The calibration of a spectrum with `channelCount` channels:
 * - `CoefficientValues` → polynomial (coefficients exactly as written, trailing zeros kept), with deviation pairs,
 *   giving channels' lower edges as SpecUtils and InterSpec read it (`channelReference: 'lowerEdge'`; the peak
 *   fits InterSpec stored in the Mn-56 fixture agree with that reading to 0.1 keV, not with the centre one);
 * - `EnergyBoundaryValues` → `lowerChannelEdges` with the values as written (N+1 per the standard, N accepted);
 * - `EnergyValues` + `ChannelValues` → `lowerChannelEdges` from piecewise-linear interpolation of energy
 *   in channel number through the points (extrapolated linearly beyond the first and last), evaluated
 *   at the channel edges i − ½ (the workbench's convention: the stated energy belongs to the channel
 *   position, as for a polynomial). This keeps every stated point exact and adds no fitted model.
 *   (SpecUtils' handling of this rare form could not be checked; fewer than two points give no calibration.)
 */
export function calibrationFor2012(raw: RawCalibration2012, channelCount: number): ChannelCalibration | undefined {
  const pairs = raw.deviationPairs;
  if (raw.coefficients !== undefined) {
    return pairs === undefined
      ? {
          model: 'polynomial',
          coefficients: raw.coefficients,
          channelCount,
          unit: 'keV',
          channelReference: 'lowerEdge',
        }
      : {
          model: 'polynomial',
          coefficients: raw.coefficients,
          deviationPairs: pairs,
          channelCount,
          unit: 'keV',
          channelReference: 'lowerEdge',
        };
  }
  let edges: readonly number[] | undefined = raw.boundaries;
  if (edges === undefined && raw.points !== undefined && raw.points.length >= 2) {
    const points = [...raw.points].sort((p, q) => p[0] - q[0]);
    const computed: number[] = [];
    for (let i = 0; i <= channelCount; i++) computed.push(interpolate(points, i - 0.5));
    edges = computed;
  }
  if (edges === undefined) return undefined;
  // Deviation pairs are kept as stated, though they do not move explicit edges.
  return pairs === undefined
    ? { model: 'lowerChannelEdges', coefficients: edges, channelCount, unit: 'keV' }
    : { model: 'lowerChannelEdges', coefficients: edges, deviationPairs: pairs, channelCount, unit: 'keV' };
}

function interpolate(points: readonly (readonly [number, number])[], channel: number): number {
  let k = 0;
  while (k < points.length - 2 && channel > (points[k + 1] as readonly [number, number])[0]) k++;
  const [c0, e0] = points[k] as readonly [number, number];
  const [c1, e1] = points[k + 1] as readonly [number, number];
  return c1 === c0 ? Number.NaN : e0 + ((e1 - e0) * (channel - c0)) / (c1 - c0);
}

/** FWHM calibrations by id: `EnergyValues` and `FWHMValues` (keV), each comma-joined. */
export function readFwhmCalibrations2012(
  root: XmlNode,
  fileName: string,
): Map<string, { readonly energies: string; readonly fwhm: string }> {
  const out = new Map<string, { energies: string; fwhm: string }>();
  for (const cal of children(root, 'FWHMCalibration')) {
    const id = attribute(cal, 'id') ?? '';
    const energies = numbersOf(child(cal, 'EnergyValues'), `the EnergyValues of FWHMCalibration "${id}"`, fileName);
    const fwhm = numbersOf(child(cal, 'FWHMValues'), `the FWHMValues of FWHMCalibration "${id}"`, fileName);
    if (energies.length > 0 && energies.length === fwhm.length) {
      out.set(id, { energies: energies.join(','), fwhm: fwhm.join(',') });
    }
  }
  return out;
}
