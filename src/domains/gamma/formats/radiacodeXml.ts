import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { type GammaRecord, type MeasurementClass, toGammaSpectrum } from '../gammaSpectrum';
import { compactMeta, compactRecord } from './compactRecord';
import { parseDouble } from './numberList';
import { estimateRadiacodeLiveTime, overflowChannel } from './radiacodeDeadTime';
import { child, children, childText, parseXml, textOf, type XmlNode } from './xmlTree';

/** Format id of the RadiaCode XML reader. */
export const RADIACODE_XML_FORMAT_ID = 'gamma-radiacode-xml';

/** Most channels a RadiaCode spectrum may declare (the devices have 1024). */
const MAX_CHANNELS = 65536;

/**
 * Reads a RadiaCode (and BecqMoni) XML spectrum file (grs-notes §3.9; SpecUtils
 * SpecFile_radiacode.cpp; radiacode-tools rc_files.py `RcSpectrum`):
 * `ResultDataFile/ResultDataList/ResultData` → `EnergySpectrum` (foreground) and optional
 * `BackgroundEnergySpectrum` (measurement class `Background`), each with `NumberOfChannels`,
 * `EnergyCalibration` (`PolynomialOrder` + `Coefficients/Coefficient`, E = c0 + c1·ch + c2·ch²),
 * `MeasurementTime` (clock time, s), `LiveTime` (newer files only), `SpectrumName`, `SerialNumber`,
 * `Comment` (hex-encoded text is decoded) and `Spectrum/DataPoint` counts.
 *
 * - The i-th `StartTime`/`EndTime` of a `ResultData` belongs to its i-th spectrum (foreground, then
 *   background), as radiacode-tools reads them; they are local time without zone and kept as written.
 * - instrument = `DeviceConfigReference/Name` + serial number; detector type CsI (GAGG for a "G" model,
 *   after radiacode-tools' N42 converter).
 * - Without `LiveTime` the live time is not invented: only the real time is set, with
 *   `meta.liveTimeEstimated = false` and SpecUtils' 5 µs dead-time estimate in `meta.liveTimeEstimateS`.
 * - An overflow count in the last channel is kept, flagged by `meta.overflowChannel` (see `overflowChannel`).
 * @throws WorkbenchError `NOT_A_SPECTRUM` (another XML document, no spectrum), `INVALID_DATA` (a value
 *   that is not a number, a channel or coefficient count that disagrees), `TRUNCATED` (the XML ends early)
 */
export function parseRadiacodeXml(bytes: Uint8Array, fileName: string): Spectrum[] {
  const decoded = decodeText(bytes);
  if (decoded === null)
    throw new WorkbenchError('INVALID_DATA', 'the file is not text, so it is not RadiaCode XML', { file: fileName });
  const { rootName, root } = parseXml(decoded.text, fileName);
  if (rootName !== 'ResultDataFile') {
    throw new WorkbenchError(
      'NOT_A_SPECTRUM',
      `the XML root element is <${rootName}>, not RadiaCode's <ResultDataFile>`,
      {
        file: fileName,
      },
    );
  }
  const formatVersion = childText(root, 'FormatVersion');
  const records: GammaRecord[] = [];
  for (const result of children(child(root, 'ResultDataList'), 'ResultData')) {
    const device = childText(child(result, 'DeviceConfigReference'), 'Name');
    const sampleName = childText(child(result, 'SampleInfo'), 'Name');
    const note = childText(child(result, 'SampleInfo'), 'Note');
    const starts = children(result, 'StartTime').map(textOf);
    const ends = children(result, 'EndTime').map(textOf);
    const layers: [XmlNode, MeasurementClass][] = [
      ...children(result, 'EnergySpectrum').map((node): [XmlNode, MeasurementClass] => [node, 'Foreground']),
      ...children(result, 'BackgroundEnergySpectrum').map((node): [XmlNode, MeasurementClass] => [node, 'Background']),
    ];
    layers.forEach(([node, measurementClass], i) => {
      const what = measurementClass === 'Background' ? 'BackgroundEnergySpectrum' : 'EnergySpectrum';
      const counts = readCounts(node, what, fileName);
      const serial = childText(node, 'SerialNumber');
      const real = number(childText(node, 'MeasurementTime'), `the MeasurementTime of ${what}`, fileName);
      const live = number(childText(node, 'LiveTime'), `the LiveTime of ${what}`, fileName);
      const total = counts.reduce((sum, value) => sum + value, 0);
      const overflow = overflowChannel(counts);
      const coefficients = readCoefficients(node, what, fileName);
      records.push(
        compactRecord<GammaRecord>({
          counts,
          calibration:
            coefficients === undefined
              ? undefined
              : { model: 'polynomial', coefficients, channelCount: counts.length, unit: 'keV' },
          realTimeS: real,
          liveTimeS: live,
          startTime: starts[i] || undefined,
          title: childText(node, 'SpectrumName') ?? (measurementClass === 'Foreground' ? sampleName : undefined),
          detectorType: device === undefined ? undefined : /radiacode-\d+g/i.test(device) ? 'GAGG' : 'CsI',
          instrument: [device, serial].filter((part) => part !== undefined).join(' ') || undefined,
          measurementClass,
          meta: compactMeta({
            endTime: ends[i],
            serialNumber: serial,
            comment: decodeComment(childText(node, 'Comment')),
            note,
            formatVersion,
            liveTimeEstimated: live === undefined ? false : undefined,
            liveTimeEstimateS:
              live === undefined && real !== undefined ? estimateRadiacodeLiveTime(real, total) : undefined,
            overflowChannel: overflow,
          }),
        }),
      );
    });
  }
  if (records.length === 0) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'the RadiaCode file holds no EnergySpectrum', { file: fileName });
  }
  return records.map((record, index) => toGammaSpectrum(record, fileName, index, RADIACODE_XML_FORMAT_ID));
}

function readCounts(node: XmlNode, what: string, fileName: string): Float64Array {
  const points = children(child(node, 'Spectrum'), 'DataPoint');
  const declared = childText(node, 'NumberOfChannels');
  const n = declared === undefined ? points.length : Number(declared);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CHANNELS) {
    throw new WorkbenchError('INVALID_DATA', `${what} declares ${declared} channels (expected 1…${MAX_CHANNELS})`, {
      file: fileName,
    });
  }
  if (points.length !== n) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `${what} declares ${n} channels but holds ${points.length} DataPoint values`,
      {
        file: fileName,
      },
    );
  }
  const counts = new Float64Array(n);
  points.forEach((point, i) => {
    counts[i] = number(textOf(point), `DataPoint ${i + 1} of ${what}`, fileName) ?? 0;
  });
  return counts;
}

function readCoefficients(node: XmlNode, what: string, fileName: string): number[] | undefined {
  const calibration = child(node, 'EnergyCalibration');
  if (calibration === undefined) return undefined;
  const values = children(child(calibration, 'Coefficients'), 'Coefficient').map(
    (c, i) => number(textOf(c), `coefficient ${i} of the EnergyCalibration of ${what}`, fileName) ?? 0,
  );
  const order = childText(calibration, 'PolynomialOrder');
  if (order !== undefined && Number(order) + 1 !== values.length) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `the EnergyCalibration of ${what} has PolynomialOrder ${order} but ${values.length} coefficients`,
      { file: fileName },
    );
  }
  return values.length === 0 ? undefined : values;
}

/** A number, `undefined` for absent text. @throws WorkbenchError `INVALID_DATA` for text that is not a finite number */
function number(text: string | undefined, what: string, fileName: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = parseDouble(text);
  if (value === undefined || !Number.isFinite(value)) {
    throw new WorkbenchError('INVALID_DATA', `${what} is "${text.slice(0, 40)}", which is not a number`, {
      file: fileName,
    });
  }
  return value;
}

/** RadiaCode writes some comments as hex-encoded UTF-8 ("5243313033…" = "RC103…"); decode those. */
function decodeComment(comment: string | undefined): string | undefined {
  if (comment === undefined || !/^(?:[0-9A-Fa-f]{2}){2,}$/.test(comment)) return comment;
  const bytes = new Uint8Array(comment.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(comment.slice(2 * i, 2 * i + 2), 16);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return [...text].every((char) => (char.codePointAt(0) as number) >= 0x20) ? text : comment;
  } catch {
    return comment;
  }
}
