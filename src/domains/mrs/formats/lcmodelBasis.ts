import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { baseName } from '../../../formats/formatDescriptor';
import { fftAnyLength } from '../../../numeric/fftAnyLength';
import { type MrsRecord, toMrsSpectrum } from '../mrsSpectrum';
import {
  fortranFieldWidth,
  type NamelistGroup,
  namelistNumber,
  namelistString,
  readFortranReals,
  readNamelistGroup,
} from './namelist';
import { finishConjugation } from './vendorRecords';

/** Format id of the LCModel `.BASIS` reader. */
export const LCMODEL_BASIS_FORMAT_ID = 'mrs-lcmodel-basis';

const RULE = 'none after the roll by ISHIFT and the inverse FFT (NAA lands at 2.01 ppm; FSL-MRS conjugates here)';

/**
 * Reads an LCModel basis set (`.BASIS`, mrs-notes §3.5; LCModel manual §9; FSL-MRS
 * `lcm_io.readLCModelBasis`): `$SEQPAR` (`HZPPPM` MHz, `ECHOT` ms, `FWHMBA` ppm, `SEQ`), `$BASIS1`
 * (`IDBASI`, `FMTBAS`, `BADELT` = dwell time s, `NDATAB` = points), then per metabolite an
 * optional `$NMUSED` and a `$BASIS` (`METABO`, `ID`, `CONC`, `ISHIFT` …) followed by NDATAB
 * complex points of its **spectrum** (frequency domain).
 *
 * Each spectrum becomes a time-domain FID as FSL-MRS does it: rolled by −ISHIFT points
 * (out[i] = in[(i + ISHIFT) mod N], NumPy `roll(x, -ISHIFT)`), then an inverse FFT of any length
 * (NDATAB 4944 in suspect's basis: {@link fftAnyLength}). FSL-MRS then conjugates; on all three
 * fixture basis sets that puts NAA at 7.3 ppm on the NIfTI-MRS axis, while the unconjugated FID
 * puts NAA at 2.01, Cr at 3.03 and 3.92, GPC/PCho at 3.2 ppm: this reader does not conjugate
 * (FSL-MRS reaches the same by its own check of the basis, `MRS.check_Basis`), and the FSL-MRS
 * check on the summed basis then confirms or flips ({@link finishConjugation}).
 *
 * One spectrum per metabolite: title and `meta.metabolite` = METABO, `meta.basisSet` = true,
 * `meta.concentration` = CONC, `meta.ishift`, `index.metabolite`; named `file (METABO)`.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (not text, no `$BASIS1`, no `$BASIS` spectrum),
 *   INVALID_DATA (negative BADELT = an encrypted basis; a missing BADELT, NDATAB or HZPPPM; a
 *   non-number), TRUNCATED (a spectrum with fewer than NDATAB points), each with `file` set.
 */
export function parseLcmodelBasis(bytes: Uint8Array, fileName: string): Spectrum[] {
  const fail = (code: 'NOT_A_SPECTRUM' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const text = decodeText(bytes)?.text;
  if (text === undefined) return fail('NOT_A_SPECTRUM', 'this is not an LCModel basis set: it is not text');
  let at = 0;
  let seqpar: NamelistGroup | undefined;
  let basis1: NamelistGroup | undefined;
  while (basis1 === undefined) {
    const group = readNamelistGroup(text, at, fileName);
    if (group === undefined || group.name === 'NMID' || group.name === 'BASIS') {
      return fail('NOT_A_SPECTRUM', 'this is not an LCModel basis set: it has no $BASIS1 namelist before its data');
    }
    if (group.name === 'SEQPAR') seqpar = group;
    if (group.name === 'BASIS1') basis1 = group;
    at = group.end;
  }
  const dwell = namelistNumber(basis1, 'BADELT');
  if (dwell !== undefined && dwell < 0) {
    return fail('INVALID_DATA', 'this basis set is encrypted (BADELT < 0): its spectra cannot be read');
  }
  const points = namelistNumber(basis1, 'NDATAB');
  const frequency = namelistNumber(seqpar, 'HZPPPM') ?? namelistNumber(basis1, 'HZPPPM');
  if (dwell === undefined || !(dwell > 0))
    return fail('INVALID_DATA', '$BASIS1 has no positive BADELT (dwell time, s)');
  if (points === undefined || !Number.isInteger(points) || points < 1) {
    return fail('INVALID_DATA', '$BASIS1 has no positive integer NDATAB (points)');
  }
  if (frequency === undefined || !(frequency > 0)) return fail('INVALID_DATA', '$SEQPAR has no positive HZPPPM (MHz)');
  const width = fortranFieldWidth(namelistString(basis1, 'FMTBAS'));
  const echoMs = namelistNumber(seqpar, 'ECHOT');
  const shared: Record<string, string | number | boolean> = { basisSet: true };
  const basisId = namelistString(basis1, 'IDBASI');
  const sequence = namelistString(seqpar, 'SEQ');
  const fwhm = namelistNumber(seqpar, 'FWHMBA');
  if (basisId !== undefined) shared.basisId = basisId;
  if (sequence !== undefined) shared.sequence = sequence;
  if (fwhm !== undefined && fwhm > 0) shared.basisFwhmPpm = fwhm;
  const records: MrsRecord[] = [];
  for (;;) {
    const group = readNamelistGroup(text, at, fileName);
    if (group === undefined) break;
    at = group.end;
    if (group.name !== 'BASIS') continue;
    const metabolite = namelistString(group, 'METABO') ?? namelistString(group, 'ID') ?? `basis ${records.length + 1}`;
    const what = `the ${metabolite} spectrum`;
    const data = readFortranReals(text, at, { count: 2 * points, width, what }, fileName);
    at = data.end;
    const shift = Math.round(namelistNumber(group, 'ISHIFT') ?? 0);
    const { re, im } = basisFid(data.values, points, shift);
    const meta: Record<string, string | number | boolean> = { ...shared, metabolite, ishift: shift };
    const concentration = namelistNumber(group, 'CONC');
    if (concentration !== undefined) meta.concentration = concentration;
    records.push({
      re,
      im,
      spectrometerFrequencyMHz: frequency,
      dwellTimeS: dwell,
      nucleus: '1H',
      conjugatedByReader: false,
      role: 'metabolite',
      title: metabolite,
      indices: { metabolite: records.length },
      ...(echoMs !== undefined && echoMs > 0 ? { echoTimeS: echoMs / 1000 } : {}),
      meta,
    });
  }
  if (records.length === 0) return fail('NOT_A_SPECTRUM', 'the basis set holds no $BASIS spectrum');
  const base = baseName(fileName);
  return finishConjugation(records, RULE).map((record, i) => ({
    ...toMrsSpectrum(record, fileName, i, LCMODEL_BASIS_FORMAT_ID),
    name: `${base} (${record.title ?? `basis ${i + 1}`})`,
  }));
}

/** Interleaved re/im spectrum → time-domain FID: roll by −shift, inverse FFT (NumPy conventions). */
function basisFid(values: Float64Array, points: number, shift: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(points);
  const im = new Float64Array(points);
  const offset = ((shift % points) + points) % points;
  for (let i = 0; i < points; i++) {
    const from = (i + offset) % points;
    re[i] = values[2 * from] as number;
    im[i] = values[2 * from + 1] as number;
  }
  return fftAnyLength(re, im, true);
}
