import type { DataSet } from 'dicom-parser';
import { WorkbenchError } from '../../../core';
import { complexBlocks, fidPower } from './dicomComplex';
import { elementBytes, functionalGroup, isBigEndian, numberOf, sequenceItem, textOf } from './dicomDataSet';
import {
  checkAcquisition,
  type DicomMrsRecord,
  dicomDateAndTime,
  dicomDateTime,
  joinedValues,
  MetaBag,
  titleAndInstrument,
} from './dicomMrsMeta';

/** Functional group macros (PS3.3 C.8.13.5 / C.8.14.3) and the attributes read from them. */
const MR_TIMING = 'x00189112'; // MR Timing and Related Parameters: RepetitionTime (0018,0080), FlipAngle (0018,1314)
const MR_ECHO = 'x00189114'; // MR Echo: EffectiveEchoTime (0018,9082)
const MR_MODIFIER = 'x00189115'; // MR Modifier: SpectrallySelectedSuppression (0018,9025)
const MR_AVERAGES = 'x00189119'; // MR Averages: NumberOfAverages (0018,0083)
const PIXEL_MEASURES = 'x00289110'; // PixelSpacing (0028,0030), SliceThickness (0018,0050)
const PLANE_POSITION = 'x00209113'; // ImagePositionPatient (0020,0032)
const PLANE_ORIENTATION = 'x00209116'; // ImageOrientationPatient (0020,0037)

/**
 * A frame whose FID power is at least this many times that of the weakest frame is the water
 * reference, in a water-suppressed multi-frame file (the Philips export puts the unsuppressed
 * water in frame 2: its power is ~7·10⁵ × frame 1's in `IM-0001-0002.dcm`). Dynamics of one
 * acquisition differ by far less than 20×.
 */
export const WATER_POWER_RATIO = 20;

/**
 * Conjugation rule of the vendor, to reach the NIfTI-MRS convention (mrs-notes §3.0, §3.7):
 * Siemens XA (spec2nii reads re − i·im) and Philips (spec2nii conjugates) → conjugate; other
 * vendors: no rule known, the data are taken as stored (DICOM C.8.14.4.1) and the check decides.
 */
function vendorRule(manufacturer: string | undefined): { conjugate: boolean; rule: string } {
  const name = (manufacturer ?? '').toLowerCase();
  if (name.includes('siemens'))
    return { conjugate: true, rule: 'Siemens MR Spectroscopy Storage (XA): conjugate, re − i·im (spec2nii)' };
  if (name.includes('philips')) return { conjugate: true, rule: 'Philips DICOM: conjugate (spec2nii)' };
  return { conjugate: false, rule: `${manufacturer ?? 'unknown vendor'}: none known, taken as stored` };
}

/**
 * Reads a standard MR Spectroscopy Storage object (SOP 1.2.840.10008.5.1.4.1.1.4.2, PS3.3
 * A.36.3 / C.8.14): SpectroscopyData (5600,0020) holds Columns × Rows × NumberOfFrames ×
 * DataPointRows × DataPointColumns complex float32 pairs, frame first. One record per FID, with
 * `indices` frame / x (column) / y (row) / line when there are several. SpectralWidth (0018,9052) Hz →
 * dwell, TransmitterFrequency (0018,9098) MHz, ResonantNucleus (0018,9100), ChemicalShiftReference
 * (0018,9053) ppm as the centre; TE, TR, averages, flip angle, voxel size (PixelSpacing ×
 * SliceThickness, as spec2nii; the thickness of a single VOI slab (0018,9104) when SliceThickness
 * is missing, as in the Philips export) and geometry from the frame's functional groups, else the
 * shared ones, else the top level.
 *
 * Roles: a file that declares water suppression (0018,9025 = WATER…) holds metabolite spectra,
 * except, when it has several frames, a frame whose FID power is ≥ {@link WATER_POWER_RATIO} × the
 * weakest frame's (the unsuppressed water reference).
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (no SpectroscopyData), INVALID_DATA (not complex, frequency
 *   domain, missing or implausible parameters, data size mismatch), TRUNCATED, with `file` set.
 */
export function standardMrsRecords(dataSet: DataSet, fileName: string): DicomMrsRecord[] {
  const fail = (code: 'NOT_A_SPECTRUM' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const dataElement = dataSet.elements.x56000020;
  if (dataElement === undefined) {
    return fail(
      'NOT_A_SPECTRUM',
      'this MR Spectroscopy DICOM holds no SpectroscopyData (5600,0020) (the file may be cut off before it)',
    );
  }
  const representation = textOf(dataSet, 'x00289108') ?? 'COMPLEX';
  if (representation !== 'COMPLEX') {
    fail(
      'INVALID_DATA',
      `the spectroscopy data are ${representation} (0028,9108), not COMPLEX: an FID needs both parts`,
    );
  }
  const domain = textOf(dataSet, 'x00289003') ?? 'TIME';
  if (domain !== 'TIME') {
    fail(
      'INVALID_DATA',
      `the spectroscopy data are in the ${domain} domain (0028,9003); only time-domain FIDs are read`,
    );
  }
  const spectralWidth = numberOf(dataSet, 'x00189052') ?? numberOf(dataSet, 'x20051357');
  const { frequencyMHz, dwellS, points } = checkAcquisition(
    {
      frequencyMHz: numberOf(dataSet, 'x00189098'),
      dwellS: spectralWidth === undefined || spectralWidth <= 0 ? undefined : 1 / spectralWidth,
      points: numberOf(dataSet, 'x00289002'),
    },
    {
      frequency: 'TransmitterFrequency (0018,9098)',
      dwell: 'SpectralWidth (0018,9052)',
      points: 'DataPointColumns (0028,9002)',
    },
    fileName,
  );
  const count = (key: string, name: string): number => {
    const value = numberOf(dataSet, key) ?? 1;
    if (!(Number.isInteger(value) && value >= 1)) fail('INVALID_DATA', `${name} is ${value} (expected an integer ≥ 1)`);
    return value;
  };
  const frames = count('x00280008', 'NumberOfFrames (0028,0008)');
  const rows = count('x00280010', 'Rows (0028,0010)');
  const columns = count('x00280011', 'Columns (0028,0011)');
  const lines = count('x00289001', 'DataPointRows (0028,9001)');
  const bytes = elementBytes(dataSet, dataElement, fileName, 'SpectroscopyData');
  const { conjugate, rule } = vendorRule(textOf(dataSet, 'x00080070'));
  const perFrame = rows * columns * lines;
  const fids = complexBlocks(bytes, points, frames * perFrame, {
    bigEndian: isBigEndian(dataSet),
    conjugate,
    what: 'SpectroscopyData (5600,0020)',
    fileName,
  });
  const suppression = (frame: number): string | undefined =>
    textOf(functionalGroup(dataSet, frame, MR_MODIFIER, 'x00189025'), 'x00189025');
  const framePower = Array.from({ length: frames }, (_, frame) =>
    fids.slice(frame * perFrame, (frame + 1) * perFrame).reduce((sum, fid) => sum + fidPower(fid), 0),
  );
  const weakest = framePower.reduce((least, power) => Math.min(least, power), Number.POSITIVE_INFINITY);
  const roleOf = (frame: number): 'metabolite' | 'water' | undefined => {
    if (!(suppression(frame) ?? '').includes('WATER')) return undefined;
    const power = framePower[frame] as number;
    return frames > 1 && power > 0 && power >= WATER_POWER_RATIO * weakest ? 'water' : 'metabolite';
  };
  const records: DicomMrsRecord[] = [];
  for (let frame = 0; frame < frames; frame++) {
    const frameMeta = frameFields(dataSet, frame);
    const role = roleOf(frame);
    for (let k = 0; k < perFrame; k++) {
      const fid = fids[frame * perFrame + k] as (typeof fids)[number];
      const indices: Record<string, number> = {};
      if (frames > 1) indices.frame = frame;
      if (rows * columns > 1) {
        indices.x = Math.floor(k / lines) % columns;
        indices.y = Math.floor(k / (columns * lines));
      }
      if (lines > 1) indices.line = k % lines;
      const bag = new MetaBag();
      Object.assign(bag.meta, commonMeta(dataSet), frameMeta.meta);
      bag.put('conjugationRule', rule);
      if (frames > 1 && role !== undefined) {
        bag.put('roleRule', `frame FID power ≥ ${WATER_POWER_RATIO}× the weakest frame's → water`);
      }
      records.push({
        ...fid,
        spectrometerFrequencyMHz: frequencyMHz,
        dwellTimeS: dwellS,
        nucleus: textOf(dataSet, 'x00189100') ?? '1H',
        conjugatedByReader: conjugate,
        ...titleAndInstrument(dataSet),
        ...frameMeta.record,
        ...(role === undefined ? {} : { role }),
        ...(Object.keys(indices).length === 0 ? {} : { indices }),
        meta: bag.meta,
      });
    }
  }
  return records;
}

/** Frame-dependent fields: TE, TR, averages, voxel size, centre, position, orientation, time. */
function frameFields(
  dataSet: DataSet,
  frame: number,
): { record: Partial<DicomMrsRecord>; meta: Record<string, string | number | boolean> } {
  const group = (macro: string, key: string): DataSet | undefined => functionalGroup(dataSet, frame, macro, key);
  const te = numberOf(group(MR_ECHO, 'x00189082'), 'x00189082') ?? numberOf(dataSet, 'x00180081');
  const tr = numberOf(group(MR_TIMING, 'x00180080'), 'x00180080');
  const averages = numberOf(group(MR_AVERAGES, 'x00180083'), 'x00180083');
  const measures = group(PIXEL_MEASURES, 'x00280030');
  const slabs = dataSet.elements.x00189126?.items ?? [];
  const thickness =
    numberOf(group(PIXEL_MEASURES, 'x00180050'), 'x00180050') ??
    (slabs.length === 1 ? numberOf(slabs[0]?.dataSet, 'x00189104') : undefined);
  const spacing = [numberOf(measures, 'x00280030', 0), numberOf(measures, 'x00280030', 1)];
  const centre = numberOf(dataSet, 'x00189053');
  const record: Partial<DicomMrsRecord> = {};
  const put = <K extends keyof DicomMrsRecord>(key: K, value: DicomMrsRecord[K] | undefined): void => {
    if (value !== undefined) (record as Record<string, unknown>)[key] = value;
  };
  put('echoTimeS', te === undefined ? undefined : te / 1000);
  put('repetitionTimeS', tr === undefined ? undefined : tr / 1000);
  put('averages', averages);
  if (spacing[0] !== undefined && spacing[1] !== undefined && thickness !== undefined) {
    put('voxelSizeMm', [spacing[0], spacing[1], thickness]);
  }
  put('centrePpm', centre !== undefined && centre > -50 && centre < 50 ? centre : undefined);
  const frameTime = sequenceItem(sequenceItem(dataSet, 'x52009230', frame), 'x00209111');
  put(
    'startTime',
    dicomDateTime(textOf(frameTime, 'x00189074')) ??
      dicomDateTime(textOf(dataSet, 'x0008002a')) ??
      dicomDateAndTime(dataSet, 'x00080022', 'x00080032'),
  );
  const bag = new MetaBag();
  bag.put('flipAngleDeg', numberOf(group(MR_TIMING, 'x00181314'), 'x00181314'));
  bag.put('waterSuppression', textOf(group(MR_MODIFIER, 'x00189025'), 'x00189025'));
  bag.put('positionVectorMm', joinedValues(group(PLANE_POSITION, 'x00200032'), 'x00200032'));
  const orientation = joinedValues(group(PLANE_ORIENTATION, 'x00200037'), 'x00200037')?.split(',');
  if (orientation?.length === 6) {
    bag.put('rowVector', orientation.slice(0, 3).join(','));
    bag.put('columnVector', orientation.slice(3).join(','));
  }
  return { record, meta: bag.meta };
}

/** File-level metadata: scanner, sequence, VOI slabs, identifiers. */
function commonMeta(dataSet: DataSet): Record<string, string | number | boolean> {
  const bag = new MetaBag();
  bag.put('manufacturer', textOf(dataSet, 'x00080070'));
  bag.put('software', joinedValues(dataSet, 'x00181020'));
  bag.put('fieldStrengthT', numberOf(dataSet, 'x00180087'));
  bag.put('sequence', textOf(dataSet, 'x00189005'));
  bag.put('protocol', textOf(dataSet, 'x00181030'));
  bag.put('acquisitionType', textOf(dataSet, 'x00189200'));
  bag.put('chemicalShiftReferencePpm', numberOf(dataSet, 'x00189053'));
  const slabs = dataSet.elements.x00189126?.items ?? [];
  const thickness = slabs.map((item) => numberOf(item.dataSet, 'x00189104'));
  if (thickness.length > 0 && thickness.every((t) => t !== undefined))
    bag.put('voiSlabThicknessMm', thickness.join(','));
  const first = slabs[0]?.dataSet;
  const position = [0, 1, 2].map((i) => numberOf(first, 'x00189106', i));
  if (position.every((p) => p !== undefined)) bag.put('voiMidSlabPositionMm', position.join(','));
  bag.put('sopClassUid', textOf(dataSet, 'x00080016'));
  bag.put('seriesNumber', numberOf(dataSet, 'x00200011'));
  bag.put('instanceNumber', numberOf(dataSet, 'x00200013'));
  return bag.meta;
}
