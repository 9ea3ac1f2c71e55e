import type { GammaRecord } from '../gammaSpectrum';
import { compactMeta, compactRecord } from './compactRecord';
import { channelCounts, coordinatesOf, durationOf, measurementClassOf } from './n42Common';
import { Calibrations2006, fwhmCoefficients2006 } from './n42v2006Calibration';
import { attribute, child, children, childText, descendants, textOf, type XmlNode } from './xmlTree';

/** A `<Spectrum>` with the elements around it that give its time slice and detector kind. */
interface Found {
  readonly spectrum: XmlNode;
  readonly measurement: XmlNode;
  readonly detectorData: XmlNode | undefined;
  readonly detectorMeasurement: XmlNode | undefined;
}

/** Values of `DetectorType` that name a radiation kind or nothing, not a detector material. */
const NOT_A_DETECTOR_KIND = new Set(['', 'real', 'gamma', 'neutron', 'gammaandneutron', 'other', 'unknown']);

/**
 * Reads an ANSI N42.42-2006 document (root `N42InstrumentData`; grs-notes §3.5, SpecUtils
 * SpecFile_n42.cpp): every gamma `<Spectrum>` under `Measurement` → (`DetectorData` →
 * `DetectorMeasurement` →) `SpectrumMeasurement`, or directly under `Measurement`/`DetectorData`.
 *
 * - detector from the `Detector` or `Sensor` attribute, sample from `SampleNumber`;
 * - `RealTime`/`LiveTime` ISO 8601 durations (real time falls back to `DetectorData/SampleRealTime`),
 *   start from `StartTime` of the spectrum, its `DetectorData` or its `Measurement`, kept as written;
 * - `SourceType` → measurement class (`Item` = foreground);
 * - energy calibration inline, by `CalibrationIDs`, or the last one of the same detector (see {@link Calibrations2006});
 * - instrument from `InstrumentInformation` (Manufacturer, InstrumentModel, InstrumentID);
 * - GPS from the first `Coordinates` ("lat lon") under the `Measurement` → `meta.latitude/longitude`;
 * - neutrons: spectra or `GrossCounts` of a `DetectorMeasurement DetectorType="Neutron"`, and
 *   `CountDoseData DetectorType="Neutron"` → `Counts`, summed per time slice into `meta.neutronCounts`
 *   of the gamma spectra of the same `DetectorData` (or `Measurement`); they are not returned as spectra.
 */
export function readN42v2006(root: XmlNode, fileName: string): GammaRecord[] {
  const calibrations = new Calibrations2006(root, fileName);
  const rootInfo = child(root, 'InstrumentInformation');
  const rootRemarks = children(root, 'Remark').map(textOf);
  const measurements = children(root, 'Measurement');
  const records: GammaRecord[] = [];
  for (const measurement of measurements.length > 0 ? measurements : [root]) {
    const info = child(measurement, 'InstrumentInformation') ?? rootInfo;
    const instrument = [
      childText(info, 'Manufacturer'),
      childText(info, 'InstrumentModel'),
      childText(info, 'InstrumentID'),
    ]
      .filter((part) => part !== undefined && part.toLowerCase() !== 'unknown')
      .join(' ');
    const gps = coordinatesOf(descendants(measurement, 'Coordinates').map(textOf)[0]);
    const remarks = [...rootRemarks, ...children(measurement, 'Remark').map(textOf)];
    const found: Found[] = [];
    const neutrons = new Map<XmlNode, number>();
    const addNeutrons = (slice: XmlNode, counts: number): void => {
      neutrons.set(slice, (neutrons.get(slice) ?? 0) + counts);
    };
    collect(measurement, measurement, undefined, undefined, found, addNeutrons, fileName);

    const pending: { record: GammaRecord; meta: Record<string, string | number | boolean>; slice: XmlNode }[] = [];
    for (const { spectrum, detectorData, detectorMeasurement } of found) {
      const slice = detectorData ?? measurement;
      const channelData = child(spectrum, 'ChannelData');
      if (channelData === undefined) continue;
      const detector = attribute(spectrum, 'Detector') ?? attribute(spectrum, 'Sensor') ?? '';
      const where = `the ChannelData of spectrum "${detector}"${sampleText(spectrum)}`;
      const counts = channelCounts(channelData, where, fileName);
      const kind = attribute(detectorMeasurement, 'DetectorType') ?? attribute(spectrum, 'DetectorType') ?? '';
      if (kind.toLowerCase() === 'neutron') {
        addNeutrons(
          slice,
          counts.reduce((sum, value) => sum + value, 0),
        );
        continue;
      }
      if (counts.length === 0) continue;
      const calibration = calibrations.forSpectrum(spectrum, detector, counts.length);
      const sample = Number(attribute(spectrum, 'SampleNumber'));
      const detectorType = childText(spectrum, 'DetectorType');
      const spectrumRemarks = children(spectrum, 'Remark').map(textOf);
      const label = `spectrum "${detector}"${sampleText(spectrum)}`;
      const meta = compactMeta({
        latitude: gps?.latitude,
        longitude: gps?.longitude,
        remarks: [...remarks, ...spectrumRemarks].filter((r) => r !== '').join('\n'),
        fwhmCoefficients: fwhmCoefficients2006(spectrum, fileName),
        calibrationModelGuessed: calibration !== undefined && calibrations.wasGuessed(detector) ? true : undefined,
      });
      const record = compactRecord<GammaRecord>({
        counts,
        calibration,
        liveTimeS: durationOf(child(spectrum, 'LiveTime'), `the LiveTime of ${label}`, fileName),
        realTimeS:
          durationOf(child(spectrum, 'RealTime'), `the RealTime of ${label}`, fileName) ??
          durationOf(child(detectorData, 'SampleRealTime'), `the SampleRealTime of ${label}`, fileName),
        startTime:
          childText(spectrum, 'StartTime') ??
          childText(detectorData, 'StartTime') ??
          childText(measurement, 'StartTime'),
        detector: detector === '' ? undefined : detector,
        detectorType:
          detectorType !== undefined && !NOT_A_DETECTOR_KIND.has(detectorType.toLowerCase()) ? detectorType : undefined,
        instrument: instrument === '' ? undefined : instrument,
        measurementClass: measurementClassOf(childText(spectrum, 'SourceType')),
        sampleNumber:
          Number.isInteger(sample) && attribute(spectrum, 'SampleNumber') !== undefined ? sample : undefined,
        meta,
      });
      pending.push({ record, meta, slice });
    }
    for (const { record, meta, slice } of pending) {
      const neutronCounts = neutrons.get(slice);
      if (neutronCounts !== undefined) meta.neutronCounts = neutronCounts;
      records.push(record);
    }
  }
  return records;
}

function sampleText(spectrum: XmlNode): string {
  const sample = attribute(spectrum, 'SampleNumber');
  return sample === undefined ? '' : ` (sample ${sample})`;
}

/** Walks a `Measurement` and gathers its spectra and neutron counts with their context. */
function collect(
  node: XmlNode,
  measurement: XmlNode,
  detectorData: XmlNode | undefined,
  detectorMeasurement: XmlNode | undefined,
  found: Found[],
  addNeutrons: (slice: XmlNode, counts: number) => void,
  fileName: string,
): void {
  const slice = detectorData ?? measurement;
  for (const spectrum of children(node, 'Spectrum'))
    found.push({ spectrum, measurement, detectorData, detectorMeasurement });
  for (const sub of children(node, 'SpectrumMeasurement')) {
    collect(sub, measurement, detectorData, detectorMeasurement, found, addNeutrons, fileName);
  }
  for (const data of children(node, 'DetectorData')) {
    collect(data, measurement, data, detectorMeasurement, found, addNeutrons, fileName);
  }
  for (const meas of children(node, 'DetectorMeasurement')) {
    collect(meas, measurement, detectorData, meas, found, addNeutrons, fileName);
    if ((attribute(meas, 'DetectorType') ?? '').toLowerCase() === 'neutron') {
      for (const gross of children(meas, 'GrossCountMeasurement')) {
        for (const value of children(gross, 'GrossCounts')) addNeutrons(slice, sum(value, fileName));
      }
    }
  }
  for (const dose of children(node, 'CountDoseData')) {
    if ((attribute(dose, 'DetectorType') ?? '').toLowerCase() !== 'neutron') continue;
    const counts = child(dose, 'Counts');
    if (counts !== undefined) addNeutrons(slice, sum(counts, fileName));
  }
}

function sum(node: XmlNode, fileName: string): number {
  return channelCounts(node, 'neutron GrossCounts', fileName).reduce((total, value) => total + value, 0);
}
