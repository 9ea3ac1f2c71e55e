import type { DataSet } from 'dicom-parser';
import { type Spectrum, WorkbenchError } from '../../../core';
import { detectConjugation } from '../conjugation';
import { toMrsSpectrum, WATER_PPM } from '../mrsSpectrum';
import { hasPatientFields, privateElement, readDicomDataSet, textOf } from './dicomDataSet';
import type { DicomMrsRecord } from './dicomMrsMeta';
import { siemensLegacyRecords } from './dicomMrsSiemens';
import { standardMrsRecords } from './dicomMrsStandard';

/** Format id of the DICOM MR spectroscopy reader. */
export const DICOM_MRS_FORMAT_ID = 'mrs-dicom';

/** MR Spectroscopy Storage (PS3.4 B.5). */
export const MRS_STORAGE_UID = '1.2.840.10008.5.1.4.1.1.4.2';
/** Siemens "Syngo Non-Image Storage" of VB/VD/VE spectroscopy (spec2nii `xa_or_vx`). */
export const SIEMENS_NON_IMAGE_UID = '1.3.12.2.1107.5.9.1';

/** Names of the image storage classes a user is most likely to drop here (PS3.4 B.5). */
const IMAGE_CLASSES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.2': 'CT Image',
  '1.2.840.10008.5.1.4.1.1.2.1': 'Enhanced CT Image',
  '1.2.840.10008.5.1.4.1.1.4': 'MR Image',
  '1.2.840.10008.5.1.4.1.1.4.1': 'Enhanced MR Image',
  '1.2.840.10008.5.1.4.1.1.7': 'Secondary Capture Image',
  '1.2.840.10008.5.1.4.1.1.128': 'PET Image',
  '1.2.840.10008.5.1.4.1.1.6.1': 'Ultrasound Image',
  '1.2.840.10008.5.1.4.1.1.1': 'Computed Radiography Image',
  '1.2.840.10008.5.1.4.1.1.1.1': 'Digital X-Ray Image',
};

/**
 * Reads DICOM MR spectroscopy (mrs-notes §3.7): the standard MR Spectroscopy Storage object
 * (Siemens XA, Philips, others; `dicomMrsStandard.ts`) and the Siemens VB/VD/VE "syngo non-image"
 * file with CSA headers (`dicomMrsSiemens.ts`), chosen by SOP Class UID (0008,0016), else by the
 * data element present. One spectrum per FID (frame, voxel), in the NIfTI-MRS convention.
 *
 * Sign convention: the vendor rule first (Siemens legacy as stored; Siemens XA and Philips
 * conjugated), then FSL-MRS's check (`detectConjugation`) on the sum of the non-water FIDs: when it
 * disagrees, those FIDs are conjugated too (`meta.conjugationCheck` = `conjugated by check`,
 * else `consistent`); water references keep the rule (`not applicable (water)`), and so do
 * spectra the file states were acquired without water suppression (see `applyConjugationCheck`).
 * `meta.conjugationRule` says which rule applied, `conjugatedByReader` the net result.
 *
 * Privacy: nothing of the Patient module (0010,xxxx) is copied; `meta.hasPatientFields` is true
 * when one of its attributes holds a value.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (not DICOM, an image, no spectroscopy data), TRUNCATED,
 *   INVALID_DATA, TOO_LARGE (a deflated data set over 512 MiB), each with `file` set.
 */
export function parseDicomMrs(bytes: Uint8Array, fileName: string): Spectrum[] {
  const dataSet = readDicomDataSet(bytes, fileName);
  const records = recordsOf(dataSet, fileName);
  const patient = hasPatientFields(dataSet);
  const checked = applyConjugationCheck(records);
  return checked.map((record, index) =>
    toMrsSpectrum(
      { ...record, meta: { ...record.meta, ...(patient ? { hasPatientFields: true } : {}) } },
      fileName,
      index,
      DICOM_MRS_FORMAT_ID,
    ),
  );
}

function recordsOf(dataSet: DataSet, fileName: string): DicomMrsRecord[] {
  const sopClass = textOf(dataSet, 'x00080016') ?? textOf(dataSet, 'x00020002');
  if (sopClass === MRS_STORAGE_UID) return standardMrsRecords(dataSet, fileName);
  if (sopClass === SIEMENS_NON_IMAGE_UID) return siemensLegacyRecords(dataSet, fileName);
  if (dataSet.elements.x56000020 !== undefined) return standardMrsRecords(dataSet, fileName);
  if (privateElement(dataSet, 0x7fe1, 'SIEMENS CSA NON-IMAGE', 0x10) !== undefined) {
    return siemensLegacyRecords(dataSet, fileName);
  }
  const name = sopClass === undefined ? undefined : IMAGE_CLASSES[sopClass];
  if (name !== undefined || dataSet.elements.x7fe00010 !== undefined) {
    throw new WorkbenchError(
      'NOT_A_SPECTRUM',
      `this DICOM holds an image (${name ?? `SOP class ${sopClass ?? 'not stated'}`}), not a spectrum`,
      { file: fileName },
    );
  }
  const modality = textOf(dataSet, 'x00080060');
  throw new WorkbenchError(
    'NOT_A_SPECTRUM',
    `this DICOM object (SOP class ${sopClass ?? 'not stated'}${modality === undefined ? '' : `, modality ${modality}`}) holds no MR spectroscopy data`,
    { file: fileName },
  );
}

/** True when the file states that the spectrum was acquired without water suppression (0018,9025 = NONE). */
function unsuppressed(record: DicomMrsRecord): boolean {
  return record.meta.waterSuppression === 'NONE';
}

/**
 * Runs `detectConjugation` on the sum of the non-water FIDs (all of them share the first one's
 * length, frequency and dwell in a DICOM object) and conjugates those FIDs when it says so —
 * unless the file states that they were acquired without water suppression: then the check's
 * 0.2–4.2 ppm window sees the water tails and the sample's own peaks (the XA60 phantom), so its
 * answer is reported (`disagrees, not applied (no water suppression)`) but the vendor rule stays.
 * The window is a 1H window: other nuclei keep the vendor rule.
 */
function applyConjugationCheck(records: readonly DicomMrsRecord[]): DicomMrsRecord[] {
  const checked = records.filter((record) => record.role !== 'water');
  const first = checked[0];
  const proton = first?.nucleus === '1H';
  let disagrees = false;
  let ratio: number | undefined;
  if (first !== undefined && proton) {
    const n = first.re.length;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (const record of checked) {
      for (let i = 0; i < n; i++) {
        re[i] = (re[i] as number) + (record.re[i] ?? 0);
        im[i] = (im[i] as number) + (record.im[i] ?? 0);
      }
    }
    const centre = first.centrePpm ?? WATER_PPM;
    const check = detectConjugation(re, im, first.spectrometerFrequencyMHz, first.dwellTimeS, centre);
    disagrees = check.conjugate;
    ratio = check.power > 0 ? Number((check.conjugatePower / check.power).toPrecision(4)) : undefined;
  }
  const note = (record: DicomMrsRecord, conjugationCheck: string): DicomMrsRecord => ({
    ...record,
    meta: {
      ...record.meta,
      conjugationCheck,
      ...(record.role === 'water' || ratio === undefined || !Number.isFinite(ratio)
        ? {}
        : { conjugationCheckPowerRatio: ratio }),
    },
  });
  return records.map((record) => {
    if (record.role === 'water') return note(record, 'not applicable (water)');
    if (!proton) return note(record, `not applicable (nucleus ${record.nucleus})`);
    if (!disagrees) return note(record, 'consistent');
    if (unsuppressed(record)) return note(record, 'disagrees, not applied (no water suppression)');
    return {
      ...note(record, 'conjugated by check'),
      im: record.im.map((v) => -v),
      conjugatedByReader: !record.conjugatedByReader,
    };
  });
}
