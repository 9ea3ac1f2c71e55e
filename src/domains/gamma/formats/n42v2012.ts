import type { GammaRecord } from '../gammaSpectrum';
import { compactMeta, compactRecord } from './compactRecord';
import { channelCounts, durationOf, measurementClassOf, numbersOf } from './n42Common';
import { exactCalibrationFromRemarks } from './n42ExactCalibration';
import { calibrationFor2012, readEnergyCalibrations2012, readFwhmCalibrations2012 } from './n42v2012Calibration';
import { attribute, child, children, childText, descendants, textOf, type XmlNode } from './xmlTree';

/** A `RadDetectorInformation` element. */
interface DetectorInfo {
  readonly name: string | undefined;
  readonly category: string;
  readonly kind: string | undefined;
  readonly description: string;
}

/** The id SpecUtils/InterSpec give a detector without a name. */
const UNNAMED_DETECTOR_ID = 'unamed';

/**
 * Reads an ANSI N42.42-2011/2012 document (root `RadInstrumentData`; grs-notes §3.6, SpecUtils
 * SpecFile_n42.cpp `N42DecodeHelper2012`). One gamma spectrum per `Spectrum` of each `RadMeasurement`
 * (and `DerivedData`, marked `meta.derivedData`):
 *
 * - instrument = `RadInstrumentManufacturerName`, `RadInstrumentModelName`, `RadInstrumentIdentifier` ("unknown" left out);
 * - detector = `RadDetectorName` of the referenced `RadDetectorInformation` (empty: none), else its id
 *   (InterSpec's placeholder `unamed`: none); `RadDetectorKindCode` → detector type;
 * - `MeasurementClassCode`, `StartDateTime` (kept as written), `RealTimeDuration`, `LiveTimeDuration`;
 * - sample number from a `RadMeasurement` or `Spectrum` id `Sample<N>` (the convention SpecUtils reads and writes);
 * - energy calibration by `energyCalibrationReference` (the only one when there is no reference), see {@link calibrationFor2012};
 * - `ChannelData` with `compressionCode` or (2006 spelling) `Compression` = CountedZeroes;
 * - neutrons: `GrossCounts` (and spectra) of a detector whose category is Neutron, whose description
 *   or reference mentions neutrons, or whose id does (InterSpec: `Sample1Neutron0`), summed into
 *   `meta.neutronCounts` of the gamma spectra of the same `RadMeasurement`; not returned as spectra;
 * - `GeographicPoint` (`LatitudeValue`, `LongitudeValue`) → `meta.latitude/longitude`;
 * - `AnalysisResults` nuclide names with `NuclideIdentifiedIndicator` not false → `meta.deviceIdentifiedNuclides`
 *   (comma-joined, for the measurements in `radMeasurementReferences`, or all);
 * - a `Remark` "Title: …" → title; other remarks → `meta.remarks` (one per line); FWHM calibration → `meta.fwhmEnergiesKeV/fwhmValuesKeV`.
 */
export function readN42v2012(root: XmlNode, fileName: string): GammaRecord[] {
  const info = child(root, 'RadInstrumentInformation');
  const instrument = ['RadInstrumentManufacturerName', 'RadInstrumentModelName', 'RadInstrumentIdentifier']
    .map((name) => childText(info, name))
    .filter((part) => part !== undefined && part.toLowerCase() !== 'unknown')
    .join(' ');
  const detectors = new Map<string, DetectorInfo>();
  for (const det of children(root, 'RadDetectorInformation')) {
    const nameNode = child(det, 'RadDetectorName');
    detectors.set(attribute(det, 'id') ?? '', {
      name: nameNode === undefined ? undefined : textOf(nameNode),
      category: (childText(det, 'RadDetectorCategoryCode') ?? '').toLowerCase(),
      kind: childText(det, 'RadDetectorKindCode'),
      description: childText(det, 'RadDetectorDescription') ?? '',
    });
  }
  const calibrations = readEnergyCalibrations2012(root, fileName);
  const fwhms = readFwhmCalibrations2012(root, fileName);
  const nuclides = identifiedNuclides(root);
  // SpecUtils uses the only calibration for a spectrum without a reference; we do so only when no
  // spectrum of the file has a reference (else a spectrum without one is meant to be uncalibrated).
  const references = descendants(root, 'Spectrum').some(
    (s) => attribute(s, 'energyCalibrationReference') !== undefined,
  );
  const onlyCalibration = !references && calibrations.size === 1 ? [...calibrations.values()][0] : undefined;

  const records: GammaRecord[] = [];
  const measurements = [
    ...children(root, 'RadMeasurement').map((node) => ({ node, derived: false })),
    ...children(root, 'DerivedData').map((node) => ({ node, derived: true })),
  ];
  for (const { node: measurement, derived } of measurements) {
    const measurementId = attribute(measurement, 'id') ?? '';
    const isNeutron = (ref: string, id: string): boolean => {
      const det = detectors.get(ref);
      return (
        det?.category === 'neutron' || /neutron/i.test(det?.description ?? '') || /neutron|ntr/i.test(`${ref} ${id}`)
      );
    };
    let neutronCounts: number | undefined;
    for (const gross of children(measurement, 'GrossCounts')) {
      const ref = attribute(gross, 'radDetectorInformationReference') ?? '';
      if (!isNeutron(ref, attribute(gross, 'id') ?? '')) continue;
      const values = numbersOf(child(gross, 'CountData'), `the CountData of GrossCounts "${ref}"`, fileName);
      neutronCounts = (neutronCounts ?? 0) + values.reduce((sum, value) => sum + value, 0);
    }
    const point = descendants(measurement, 'GeographicPoint')[0];
    const latitude = Number(childText(point, 'LatitudeValue') ?? Number.NaN);
    const longitude = Number(childText(point, 'LongitudeValue') ?? Number.NaN);
    const measurementRemarks = children(measurement, 'Remark').map(textOf);
    const realTimeS = durationOf(
      child(measurement, 'RealTimeDuration'),
      `the RealTimeDuration of "${measurementId}"`,
      fileName,
    );
    const pending: { record: GammaRecord; meta: Record<string, string | number | boolean> }[] = [];
    for (const spectrum of children(measurement, 'Spectrum')) {
      const spectrumId = attribute(spectrum, 'id') ?? '';
      const ref = attribute(spectrum, 'radDetectorInformationReference') ?? '';
      const channelData = child(spectrum, 'ChannelData');
      if (channelData === undefined) continue;
      const label = `spectrum "${spectrumId || ref}" of "${measurementId}"`;
      const counts = channelCounts(channelData, `the ChannelData of ${label}`, fileName);
      const det = detectors.get(ref);
      if (det?.category === 'neutron') {
        neutronCounts = (neutronCounts ?? 0) + counts.reduce((sum, value) => sum + value, 0);
        continue;
      }
      if (counts.length === 0) continue;
      const calRef = attribute(spectrum, 'energyCalibrationReference');
      const raw = calRef === undefined ? onlyCalibration : calibrations.get(calRef);
      const fwhm = fwhms.get(attribute(spectrum, 'FWHMCalibrationReference') ?? '');
      const remarks = [...measurementRemarks, ...children(spectrum, 'Remark').map(textOf)].filter((r) => r !== '');
      const title = remarks.find((r) => /^title:/i.test(r));
      const stated = raw === undefined ? undefined : calibrationFor2012(raw, counts.length);
      const exact = exactCalibrationFromRemarks(remarks, stated, counts.length);
      const sample = /^sample(-?\d+)/i.exec(measurementId) ?? /^sample(-?\d+)/i.exec(spectrumId);
      const meta = compactMeta({
        latitude: Math.abs(latitude) <= 90 ? latitude : undefined,
        longitude: Math.abs(longitude) <= 180 ? longitude : undefined,
        remarks: remarks.filter((r) => r !== title && r !== exact?.remark).join('\n'),
        deviceIdentifiedNuclides: (nuclides.get(measurementId) ?? nuclides.get('')) || undefined,
        fwhmEnergiesKeV: fwhm?.energies,
        fwhmValuesKeV: fwhm?.fwhm,
        derivedData: derived ? true : undefined,
      });
      const record = compactRecord<GammaRecord>({
        counts,
        calibration: exact?.calibration ?? stated,
        liveTimeS: durationOf(child(spectrum, 'LiveTimeDuration'), `the LiveTimeDuration of ${label}`, fileName),
        realTimeS:
          realTimeS ?? durationOf(child(spectrum, 'RealTimeDuration'), `the RealTimeDuration of ${label}`, fileName),
        startTime: childText(measurement, 'StartDateTime'),
        title: title?.replace(/^title:\s*/i, ''),
        detector: detectorName(ref, det),
        detectorType: det?.kind,
        instrument: instrument === '' ? undefined : instrument,
        measurementClass: measurementClassOf(childText(measurement, 'MeasurementClassCode')),
        sampleNumber: sample === null ? undefined : Number(sample[1]),
        meta,
      });
      pending.push({ record, meta });
    }
    for (const { record, meta } of pending) {
      if (neutronCounts !== undefined) meta.neutronCounts = neutronCounts;
      records.push(record);
    }
  }
  return records;
}

/** `RadDetectorName` when the element is there (empty: no name), else the id (InterSpec's `unamed`: no name). */
function detectorName(ref: string, det: DetectorInfo | undefined): string | undefined {
  if (det?.name !== undefined) return det.name === '' ? undefined : det.name;
  return ref === '' || ref === UNNAMED_DETECTOR_ID ? undefined : ref;
}

/**
 * Identified nuclide names per `RadMeasurement` id (key `''` for results that name no measurement),
 * comma-joined without repeats.
 */
function identifiedNuclides(root: XmlNode): Map<string, string> {
  const names = new Map<string, string[]>();
  for (const results of children(root, 'AnalysisResults')) {
    const refs = (attribute(results, 'radMeasurementReferences') ?? '').split(/\s+/).filter((r) => r !== '');
    for (const nuclide of descendants(results, 'Nuclide')) {
      const name = childText(nuclide, 'NuclideName');
      if (name === undefined || childText(nuclide, 'NuclideIdentifiedIndicator')?.toLowerCase() === 'false') continue;
      for (const ref of refs.length > 0 ? refs : ['']) {
        const list = names.get(ref) ?? [];
        if (!list.includes(name)) list.push(name);
        names.set(ref, list);
      }
    }
  }
  return new Map([...names].map(([ref, list]) => [ref, list.join(', ')]));
}
