import type { DataSet, Element } from 'dicom-parser';
import { WorkbenchError } from '../../../core';
import { complexBlocks } from './dicomComplex';
import { elementBytes, isBigEndian, numberOf, privateElement, tagLabel, textOf } from './dicomDataSet';
import { checkAcquisition, type DicomMrsRecord, dicomDateAndTime, MetaBag, titleAndInstrument } from './dicomMrsMeta';
import { type CsaHeader, csaNumber, csaString, parseSiemensCsa } from './siemensCsa';

/** Conjugation rule of the legacy Siemens files: none (spec2nii reads re + i·im; identical to the RDA export). */
const RULE = 'Siemens legacy DICOM (7FE1,1010): as stored, like the RDA export (spec2nii)';

/**
 * Reads a Siemens VB/VD/VE "syngo non-image" spectroscopy DICOM (SOP 1.3.12.2.1107.5.9.1; layout
 * after spec2nii `Siemens/dicomfunctions.py` `process_siemens_svs_vx`/`_csi_vx`, mrs-notes §3.7):
 * the FID is in (7FE1,xx10) of creator "SIEMENS CSA NON-IMAGE" as float32 re/im pairs; the
 * parameters are in the CSA image header (0029,xx10) of creator "SIEMENS CSA HEADER":
 * ImagingFrequency (MHz), RealDwellTime (ns), DataPointColumns, EchoTime / RepetitionTime (ms),
 * NumberOfAverages, ImagedNucleus, VoiPhaseFoV × VoiReadoutFoV × VoiThickness (mm, spec2nii's
 * order), VoiPosition, VoiOrientation, Rows × Columns × NumberOfFrames voxels (CSI, stored
 * slice → row → column → point; `indices` x = column, y = row, z = slice, as spec2nii reshapes).
 * The CSA series header's MrPhoenixProtocol (ASCCONV) gives the protocol and sequence names and
 * the echo time as spec2nii takes it (sum of `alTE[i]`, µs), when it can be read.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (no (7FE1,xx10)), INVALID_DATA (no CSA image header, a
 *   corrupt one, implausible parameters, data size mismatch), TRUNCATED, with `file` set.
 */
export function siemensLegacyRecords(dataSet: DataSet, fileName: string): DicomMrsRecord[] {
  const dataElement = privateElement(dataSet, 0x7fe1, 'SIEMENS CSA NON-IMAGE', 0x10) ?? dataSet.elements.x7fe11010;
  if (dataElement === undefined) {
    throw new WorkbenchError(
      'NOT_A_SPECTRUM',
      'this Siemens non-image DICOM holds no spectroscopy data (7FE1,1010) (the file may be cut off before it)',
      { file: fileName },
    );
  }
  const imageElement = privateElement(dataSet, 0x0029, 'SIEMENS CSA HEADER', 0x10) ?? dataSet.elements.x00291010;
  if (imageElement === undefined) {
    throw new WorkbenchError(
      'INVALID_DATA',
      'the Siemens spectroscopy DICOM has no CSA image header (0029,1010): its frequency and dwell time are unknown',
      { file: fileName },
    );
  }
  const csa = readCsa(dataSet, imageElement, 'CSA image header', fileName);
  if (!csa.has('DataPointColumns') && !csa.has('RealDwellTime')) {
    throw new WorkbenchError(
      'NOT_A_SPECTRUM',
      'this Siemens non-image DICOM is not spectroscopy: its CSA image header has no DataPointColumns or RealDwellTime',
      { file: fileName },
    );
  }
  const protocol = seriesProtocol(dataSet, fileName);
  const dwellNs = csaNumber(csa, 'RealDwellTime');
  const { frequencyMHz, dwellS, points } = checkAcquisition(
    {
      frequencyMHz: csaNumber(csa, 'ImagingFrequency'),
      dwellS: dwellNs === undefined ? undefined : dwellNs / 1e9,
      points: csaNumber(csa, 'DataPointColumns'),
    },
    { frequency: 'ImagingFrequency (CSA)', dwell: 'RealDwellTime (CSA)', points: 'DataPointColumns (CSA)' },
    fileName,
  );
  const count = (name: string): number => {
    const value = csaNumber(csa, name) ?? 1;
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new WorkbenchError('INVALID_DATA', `${name} (CSA) is ${value} (expected an integer ≥ 1)`, {
        file: fileName,
      });
    }
    return value;
  };
  const [slices, rows, columns, lines] = ['NumberOfFrames', 'Rows', 'Columns', 'DataPointRows'].map(count) as [
    number,
    number,
    number,
    number,
  ];
  const voxels = slices * rows * columns * lines;
  const fids = complexBlocks(elementBytes(dataSet, dataElement, fileName, 'the spectroscopy data'), points, voxels, {
    bigEndian: isBigEndian(dataSet),
    conjugate: false,
    what: `the spectroscopy data ${tagLabel(dataElement.tag)}`,
    fileName,
  });
  const te = protocol.echoTimeUs === undefined ? csaNumber(csa, 'EchoTime') : protocol.echoTimeUs / 1000;
  const tr = csaNumber(csa, 'RepetitionTime');
  const voi = ['VoiPhaseFoV', 'VoiReadoutFoV', 'VoiThickness'].map((name) => csaNumber(csa, name));
  const pixel = [
    csaNumber(csa, 'PixelSpacing', 0),
    csaNumber(csa, 'PixelSpacing', 1),
    csaNumber(csa, 'SliceThickness'),
  ];
  const size = voxels / lines > 1 ? pixel : voi;
  const meta = legacyMeta(dataSet, csa, protocol.meta);
  const { title, instrument } = titleAndInstrument(dataSet);
  const startTime = dicomDateAndTime(dataSet, 'x00080022', 'x00080032');
  return fids.map((fid, k) => {
    const indices: Record<string, number> = {};
    if (voxels / lines > 1) {
      indices.x = Math.floor(k / lines) % columns;
      indices.y = Math.floor(k / (columns * lines)) % rows;
      indices.z = Math.floor(k / (rows * columns * lines));
    }
    if (lines > 1) indices.line = k % lines;
    return {
      ...fid,
      spectrometerFrequencyMHz: frequencyMHz,
      dwellTimeS: dwellS,
      nucleus: csaString(csa, 'ImagedNucleus') ?? csaString(csa, 'ResonantNucleus') ?? '1H',
      conjugatedByReader: false,
      ...(te === undefined ? {} : { echoTimeS: te / 1000 }),
      ...(tr === undefined ? {} : { repetitionTimeS: tr / 1000 }),
      ...optional('averages', csaNumber(csa, 'NumberOfAverages')),
      ...(size.every((s) => s !== undefined) ? { voxelSizeMm: size as [number, number, number] } : {}),
      ...optional('title', title ?? textOrUndefined(protocol.meta.protocol)),
      ...optional('instrument', instrument),
      ...optional('startTime', startTime),
      ...(Object.keys(indices).length === 0 ? {} : { indices }),
      meta: { ...meta },
    };
  });
}

function textOrUndefined(value: string | number | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `{ [key]: value }`, or `{}` when the value is undefined (for exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readCsa(dataSet: DataSet, element: Element, name: string, fileName: string): CsaHeader {
  const bytes = elementBytes(dataSet, element, fileName, `the ${name}`);
  return parseSiemensCsa(bytes, `the ${name} ${tagLabel(element.tag)} at byte ${element.dataOffset}`, fileName);
}

/**
 * Protocol fields from the ASCCONV part of MrPhoenixProtocol in the CSA series header (0029,xx20):
 * `tProtocolName`, `tSequenceFileName`, `sSpecPara.dDeltaFrequency` (ppm) and the echo time as the
 * sum of `alTE[i]` (µs, spec2nii). An unreadable series header only loses these (noted in meta).
 */
function seriesProtocol(
  dataSet: DataSet,
  fileName: string,
): { echoTimeUs?: number; meta: Record<string, string | number | boolean> } {
  const bag = new MetaBag();
  const element = privateElement(dataSet, 0x0029, 'SIEMENS CSA HEADER', 0x20) ?? dataSet.elements.x00291020;
  if (element === undefined) return { meta: bag.meta };
  let series: CsaHeader;
  try {
    series = readCsa(dataSet, element, 'CSA series header', fileName);
  } catch (error) {
    bag.put('csaSeriesHeaderError', error instanceof Error ? error.message : String(error));
    return { meta: bag.meta };
  }
  const text = csaString(series, 'MrPhoenixProtocol') ?? '';
  const begin = text.indexOf('### ASCCONV BEGIN');
  const end = text.indexOf('### ASCCONV END', begin);
  const ascconv = new Map<string, string>();
  if (begin >= 0) {
    for (const line of text.slice(begin, end < 0 ? undefined : end).split('\n')) {
      const match = /^\s*([\w.[\]]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (match !== null) ascconv.set(match[1] as string, (match[2] as string).replace(/^"+|"+$/g, ''));
    }
  }
  bag.put('protocol', ascconv.get('tProtocolName'));
  bag.put('sequenceFile', ascconv.get('tSequenceFileName'));
  bag.put('deltaFrequencyPpm', Number(ascconv.get('sSpecPara.dDeltaFrequency') ?? Number.NaN));
  let echoTimeUs = 0;
  let found = false;
  for (let i = 0; i < 128; i++) {
    const value = Number(ascconv.get(`alTE[${i}]`));
    if (!Number.isFinite(value)) break;
    echoTimeUs += value;
    found = true;
  }
  return found && echoTimeUs > 0 ? { echoTimeUs, meta: bag.meta } : { meta: bag.meta };
}

/** File-level metadata from the DICOM header and the CSA image header. */
function legacyMeta(
  dataSet: DataSet,
  csa: CsaHeader,
  protocol: Record<string, string | number | boolean>,
): Record<string, string | number | boolean> {
  const bag = new MetaBag();
  const vector = (name: string): string | undefined => {
    const values = csa.get(name)?.values ?? [];
    return values.length === 0 ? undefined : values.map(Number).join(',');
  };
  bag.put('manufacturer', textOf(dataSet, 'x00080070'));
  bag.put('software', textOf(dataSet, 'x00181020'));
  bag.put('fieldStrengthT', csaNumber(csa, 'MagneticFieldStrength'));
  bag.put('sequence', csaString(csa, 'SequenceName'));
  bag.put('protocol', textOf(dataSet, 'x00181030'));
  Object.assign(bag.meta, protocol);
  bag.put('flipAngleDeg', csaNumber(csa, 'FlipAngle'));
  bag.put('transmitCoil', csaString(csa, 'TransmittingCoil'));
  bag.put('receiveCoil', csaString(csa, 'ReceivingCoil') ?? csaString(csa, 'ImaCoilString'));
  bag.put('voiPositionMm', vector('VoiPosition'));
  bag.put('voiNormal', vector('VoiOrientation'));
  bag.put('voiRotationInPlaneRad', csaNumber(csa, 'VoiInPlaneRotation'));
  const size = ['VoiReadoutFoV', 'VoiPhaseFoV', 'VoiThickness'].map((name) => csaNumber(csa, name));
  if (size.every((s) => s !== undefined)) bag.put('voiSizeMm', size.join(','));
  bag.put('positionVectorMm', vector('ImagePositionPatient'));
  const orientation = vector('ImageOrientationPatient')?.split(',');
  if (orientation?.length === 6) {
    bag.put('rowVector', orientation.slice(0, 3).join(','));
    bag.put('columnVector', orientation.slice(3).join(','));
  }
  bag.put('conjugationRule', RULE);
  bag.put('sopClassUid', textOf(dataSet, 'x00080016'));
  bag.put('seriesNumber', numberOf(dataSet, 'x00200011'));
  bag.put('instanceNumber', numberOf(dataSet, 'x00200013'));
  return bag.meta;
}
