import type { ChannelCalibration } from '../../../core';
import { numbersOf } from './n42Common';
import { attribute, child, children, childText, type XmlNode } from './xmlTree';

/** An N42-2006 energy calibration before the channel count is known. */
export interface RawCalibration2006 {
  readonly model: ChannelCalibration['model'];
  readonly coefficients: readonly number[];
  /** True when the file named no model and it was guessed from the coefficients (as SpecUtils does). */
  readonly guessed: boolean;
}

/**
 * Energy calibrations and deviation pairs of an N42-2006 document, gathered the way SpecUtils
 * does (`N42CalibrationCache2006` in SpecFile_n42.cpp): `<Calibration ID=…>` elements under the
 * root, `InstrumentInformation` and `Measurement` are referenced from a spectrum's `CalibrationIDs`;
 * `dndons:NonlinearityCorrection Detector=…` / `Deviation` ("energy offset") give deviation pairs per detector.
 */
export class Calibrations2006 {
  private readonly byId = new Map<string, RawCalibration2006>();
  private readonly pairsByDetector = new Map<string, (readonly [number, number])[]>();
  private readonly lastByDetector = new Map<string, RawCalibration2006>();

  constructor(
    root: XmlNode,
    private readonly fileName: string,
  ) {
    const measurements = children(root, 'Measurement');
    const holders = [root, ...children(root, 'InstrumentInformation')];
    for (const m of measurements) holders.push(m, ...children(m, 'InstrumentInformation'));
    for (const holder of holders) {
      for (const cal of children(holder, 'Calibration')) {
        const id = attribute(cal, 'ID') ?? '';
        const raw = parseCalibration2006(cal, `Calibration "${id}"`, fileName);
        if (raw !== undefined && !this.byId.has(id)) this.byId.set(id, raw);
      }
    }
    // Deviation pairs: from the first InstrumentInformation that has any (SpecUtils: root first, then measurements).
    for (const info of [
      ...children(root, 'InstrumentInformation'),
      ...measurements.flatMap((m) => children(m, 'InstrumentInformation')),
    ]) {
      for (const correction of children(info, 'NonlinearityCorrection')) {
        const pairs: (readonly [number, number])[] = [];
        for (const deviation of children(correction, 'Deviation')) {
          const values = numbersOf(deviation, 'a NonlinearityCorrection Deviation', fileName);
          if (values.length === 2) pairs.push([values[0] as number, values[1] as number]);
        }
        if (pairs.length > 0) this.pairsByDetector.set(attribute(correction, 'Detector') ?? '', pairs);
      }
      if (this.pairsByDetector.size > 0) break;
    }
  }

  /**
   * The calibration of one `<Spectrum>`: its own `<Calibration>` (the first energy one), else the
   * ones named by its `CalibrationIDs`, else the only calibration of the file, else the last one
   * used for the same detector (some instruments state it only for the first sample).
   */
  forSpectrum(spectrum: XmlNode, detector: string, channelCount: number): ChannelCalibration | undefined {
    let raw: RawCalibration2006 | undefined;
    for (const cal of children(spectrum, 'Calibration')) {
      raw = parseCalibration2006(cal, `the Calibration of spectrum "${detector}"`, this.fileName);
      if (raw !== undefined) break;
    }
    if (raw === undefined) {
      const ids = (attribute(spectrum, 'CalibrationIDs') ?? '').split(/\s+/).filter((id) => id !== '');
      raw = ids.map((id) => this.byId.get(id)).find((found) => found !== undefined);
      if (raw === undefined && this.byId.size === 1) raw = [...this.byId.values()][0];
    }
    if (raw === undefined) raw = this.lastByDetector.get(detector);
    if (raw === undefined) return undefined;
    this.lastByDetector.set(detector, raw);
    const pairs = raw.model === 'lowerChannelEdges' ? undefined : this.deviationPairs(detector);
    // SpecUtils reads N42 equations as lower channel edges (see n42v2012Calibration).
    const reference = raw.model === 'lowerChannelEdges' ? {} : { channelReference: 'lowerEdge' as const };
    return pairs === undefined || pairs.length === 0
      ? { model: raw.model, coefficients: raw.coefficients, channelCount, unit: 'keV', ...reference }
      : {
          model: raw.model,
          coefficients: raw.coefficients,
          deviationPairs: pairs,
          channelCount,
          unit: 'keV',
          ...reference,
        };
  }

  /** Whether the calibration used for `spectrum` was a guessed model. */
  wasGuessed(detector: string): boolean {
    return this.lastByDetector.get(detector)?.guessed === true;
  }

  private deviationPairs(detector: string): readonly (readonly [number, number])[] | undefined {
    return this.pairsByDetector.get(detector) ?? this.pairsByDetector.get('');
  }
}

/**
 * One `<Calibration>` element: `Equation Model="Polynomial|FullRangeFraction|LowerChannelEdge"`
 * (also `LowerBinEdge`, or `Other` with a Form saying "Lower edge") → `Coefficients` (or its
 * `Subequation` attribute), scaled to keV by `EnergyUnits`. A missing model is guessed as SpecUtils
 * does: ≤ 5 coefficients with |c0| < 300 → polynomial when c1 < 100, full-range fraction when c1 > 1000.
 * @returns `undefined` for FWHM calibrations and calibrations without usable coefficients
 */
export function parseCalibration2006(cal: XmlNode, what: string, fileName: string): RawCalibration2006 | undefined {
  const type = attribute(cal, 'Type');
  if (type !== undefined && type.toLowerCase() !== 'energy') return undefined;
  const equation = child(cal, 'Equation');
  const coefficientsNode = child(equation, 'Coefficients');
  if (coefficientsNode === undefined) return undefined;
  let coefficients = numbersOf(coefficientsNode, `the Coefficients of ${what}`, fileName);
  if (coefficients.length === 0) {
    const sub = attribute(coefficientsNode, 'Subequation');
    coefficients = sub === undefined ? [] : numbersOf(sub, `the Subequation of ${what}`, fileName);
  }
  if (coefficients.length === 0) return undefined;
  const units = attribute(cal, 'EnergyUnits');
  const scale = units === 'eV' ? 0.001 : units === 'MeV' ? 1000 : 1;
  if (scale !== 1) coefficients = coefficients.map((c) => c * scale);
  const model = (attribute(equation, 'Model') ?? '').toLowerCase();
  if (model === 'polynomial') return { model: 'polynomial', coefficients, guessed: false };
  if (model === 'fullrangefraction') return { model: 'fullRangeFraction', coefficients, guessed: false };
  if (
    model === 'lowerchanneledge' ||
    model === 'lowerbinedge' ||
    /lower edge/i.test(attribute(equation, 'Form') ?? '')
  ) {
    return { model: 'lowerChannelEdges', coefficients, guessed: false };
  }
  const [c0, c1] = coefficients;
  if (coefficients.length <= 5 && c1 !== undefined && Math.abs(c0 as number) < 300) {
    if (c1 < 100) return { model: 'polynomial', coefficients, guessed: true };
    if (c1 > 1000) return { model: 'fullRangeFraction', coefficients, guessed: true };
  }
  return undefined;
}

/** Coefficients of the FWHM calibration of a spectrum (`Calibration Type="FWHM"`), comma-joined, if any. */
export function fwhmCoefficients2006(spectrum: XmlNode, fileName: string): string | undefined {
  for (const cal of children(spectrum, 'Calibration')) {
    if ((attribute(cal, 'Type') ?? '').toUpperCase() !== 'FWHM') continue;
    const text = childText(child(cal, 'Equation'), 'Coefficients');
    if (text !== undefined) return numbersOf(text, 'the FWHM Calibration coefficients', fileName).join(',');
  }
  return undefined;
}
