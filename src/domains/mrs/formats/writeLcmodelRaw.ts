import { type Spectrum, WorkbenchError } from '../../../core';

/** Values per line and Fortran format of the data written ({@link writeLcmodelRaw}). */
const PER_LINE = 8;
const FMTDAT = '(8E13.5)';
const WIDTH = 13;

/**
 * Writes one complex time-domain MRS spectrum (a `Spectrum` from an MRS reader: `y.values` real,
 * `y.imaginary` imaginary, `meta.spectrometerFrequencyMHz`, `meta.dwellTimeS`, optional
 * `meta.echoTimeS`, `meta.sequence`, `meta.title`) as an LCModel `.RAW` text:
 *
 * ```
 *  $SEQPAR
 *  ECHOT = 30.
 *  HZPPPM = 123.22
 *  SEQ = 'PRESS'
 *  dwellTime = 0.00025
 *  NumberOfPoints = 2048
 *  $END
 *  $NMID ID='dataset1', FMTDAT='(8E13.5)'
 *  TRAMP=1., VOLUME=1. $END
 *   2.67478E+02  1.03393E+02 …   (4 complex points per line, E13.5)
 * ```
 *
 * `$SEQPAR` holds what LCModel reads there (ECHOT ms, HZPPPM MHz, SEQ) plus `dwellTime` (s) and
 * `NumberOfPoints`, which FID-A (`io_writelcm.m`) and FSL-MRS (`lcm_io.saveRAW`) write too, so
 * this workbench, FSL-MRS and spec2nii read the file back without a control file. The `$NMID`
 * layout and the E13.5 columns are those of the ISMRM 2016 fitting-challenge files. Samples are
 * written in the NIfTI-MRS convention, unconjugated, as the challenge `.RAW` files are (LCModel
 * fits those); E13.5 keeps 6 significant digits.
 *
 * @throws WorkbenchError INVALID_DATA (not complex, no frequency or dwell time, a value that is not
 *   finite), with `file` set to the spectrum's file.
 */
export function writeLcmodelRaw(spectrum: Spectrum): string {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, { file: spectrum.file });
  };
  const re = spectrum.y.values;
  const im = spectrum.y.imaginary;
  if (im === undefined || im.length !== re.length)
    return fail('an LCModel .RAW holds complex data: this spectrum is real');
  const frequency = Number(spectrum.meta.spectrometerFrequencyMHz);
  const dwell = Number(spectrum.meta.dwellTimeS);
  if (!(frequency > 0 && Number.isFinite(frequency)) || !(dwell > 0 && Number.isFinite(dwell))) {
    return fail('an LCModel .RAW needs the spectrometer frequency and dwell time, which this spectrum lacks');
  }
  const echo = Number(spectrum.meta.echoTimeS);
  const sequence = spectrum.meta.sequence;
  const id = String(spectrum.meta.title ?? spectrum.name).slice(0, 60);
  const lines = [' $SEQPAR'];
  if (echo > 0 && Number.isFinite(echo)) lines.push(` ECHOT = ${fortranNumber(echo * 1000)}`);
  lines.push(` HZPPPM = ${fortranNumber(frequency)}`);
  if (typeof sequence === 'string' && sequence !== '') lines.push(` SEQ = ${fortranString(sequence)}`);
  lines.push(` dwellTime = ${fortranNumber(dwell)}`, ` NumberOfPoints = ${re.length}`, ' $END');
  lines.push(` $NMID ID=${fortranString(id)}, FMTDAT='${FMTDAT}'`, ' TRAMP=1., VOLUME=1. $END');
  let line = '';
  for (let i = 0; i < re.length; i++) {
    for (const value of [re[i] as number, im[i] as number]) {
      if (!Number.isFinite(value)) return fail(`sample ${i} is not a finite number`);
      line += e13(value);
    }
    if ((2 * (i + 1)) % PER_LINE === 0 || i === re.length - 1) {
      lines.push(line);
      line = '';
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A value in Fortran 1PE13.5 style, right-aligned in 13 columns: ` 2.67478E+02`, `-4.51931E+01`. */
function e13(value: number): string {
  const [mantissa, exponent] = value.toExponential(5).split('e') as [string, string];
  const power = Number(exponent);
  const digits = String(Math.abs(power)).padStart(2, '0');
  return `${mantissa}E${power < 0 ? '-' : '+'}${digits}`.padStart(WIDTH, ' ');
}

/** A number as a Fortran namelist real (always with a decimal point or exponent, full precision). */
function fortranNumber(value: number): string {
  const text = String(value);
  return /[.eE]/.test(text) ? text.replace('e', 'E') : `${text}.`;
}

/** A Fortran quoted string (a quote doubled). */
function fortranString(text: string): string {
  return `'${text.replace(/'/g, "''").replace(/[\r\n]/g, ' ')}'`;
}
