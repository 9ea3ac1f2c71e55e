import { type Spectrum, WorkbenchError } from '../../../core';
import { BinaryReader } from '../../../formats/binaryReader';
import { polynomialCalibration } from '../calibration/energyCalibration';
import { toGammaSpectrum } from '../gammaSpectrum';
import { readCamDateTime, readCamDuration } from './camDateTime';
import { gammaRecordOf } from './gammaRecordOf';
import { readPdp11Float } from './pdp11Float';

/** Format id of Canberra CAM `.cnf` files. */
export const CNF_FORMAT_ID = 'gamma-cnf';

/** CAM block ids (uint32 in the directory and at the start of each block) [V: SpecUtils CAMIO.h]. */
export const CAM_BLOCK = { ACQP: 0x12000, SAMP: 0x12001, SPEC: 0x12005 } as const;
/** File offset of the block directory, and the size and number of its entries. */
export const CAM_DIRECTORY = { offset: 0x70, entryBytes: 0x30, maxEntries: 28 } as const;

interface Block {
  readonly id: number;
  readonly at: number;
}

/**
 * Reads a Canberra `.cnf` file (Genie-2000 CAM format): one spectrum.
 *
 * Layout [V: SpecUtils src/CAMIO.cpp; becquerel parsers/cnf.py; grs-notes §3.4; checked on the
 * Falcon 5000 and Genie-2000 fixtures], little-endian:
 * - block directory at 0x70: up to 28 entries of 0x30 bytes, uint32 block id @+0, uint32 file
 *   offset @+0x0A, id 0 ends the list; each block read starts with its own id (checked; other
 *   ids, e.g. 0x4005 in the Genie fixture, point elsewhere and are skipped);
 * - inside a block: uint16 flag @+0x04 (0x300/0x700: the record offset is 0), header size @+0x10,
 *   record offset @+0x22, time offset @+0x24, data offset @+0x28, channel count @+0x2A (SPEC);
 * - SPEC: N uint32 counts at block + header size + data offset (N = 256 × the ACQP "PHA" word
 *   when @+0x2A is 0, as becquerel reads it);
 * - ACQP, with base = block + header size + record offset: energy calibration, 4 PDP-11 floats at
 *   base + 0x44 (polynomial in channel); FWHM ("shape") calibration, 4 PDP-11 floats at base + 0xDC
 *   (→ `meta.fwhmCoefficients`; Genie's usual model is FWHM = a + b·√E [B]); detector type at
 *   base + 0x2DC (8 chars), MCA type + 0x9C (24), detector name + 0x108 (16), serial + 0x1CB (8);
 *   start = CAM date-time at block + header size + time offset + 1, real time = CAM duration at
 *   + 9, live time at + 0x11;
 * - SAMP: title (64 chars) at block + header size, sample id + 0x40 (64), sample type + 0x80 (16),
 *   description at block + 0x36E (256 chars, four 64-character lines).
 * Counts are kept as stored: becquerel zeroes channels 0 and 1 when they equal the whole-second
 * live or real time (some writers store times there), this reader does not.
 */
export function parseCnf(bytes: Uint8Array, fileName: string): Spectrum[] {
  const r = new BinaryReader(bytes, fileName);
  const invalid = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, { file: fileName });
  };
  const blocks = readDirectory(r, invalid);
  const first = (id: number) => blocks.find((block) => block.id === id);
  const spec = first(CAM_BLOCK.SPEC);
  if (spec === undefined) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'this CAM file has no spectrum (SPEC) block', { file: fileName });
  }
  const acqp = first(CAM_BLOCK.ACQP) ?? invalid('the CAM file has no acquisition-parameter (ACQP) block');
  const head = (block: Block) => r.uint16(block.at + 0x10, 'a block header size');

  let n = r.uint16(spec.at + 0x2a, 'the channel count');
  if (n === 0) n = phaChannelCount(r, acqp);
  if (n === 0) invalid('the SPEC block gives 0 channels');
  const dataAt = spec.at + head(spec) + r.uint16(spec.at + 0x28, 'the data offset');
  const counts = r.uint32Array(dataAt, n, `the ${n} channel counts`);

  const flag = r.uint16(acqp.at + 0x04, 'the ACQP flag');
  const recordOffset = flag === 0x300 || flag === 0x700 ? 0 : r.uint16(acqp.at + 0x22, 'the ACQP record offset');
  const base = acqp.at + head(acqp) + recordOffset;
  const timesAt = acqp.at + head(acqp) + r.uint16(acqp.at + 0x24, 'the ACQP time offset');
  const four = (at: number, what: string) => [0, 4, 8, 12].map((k) => readPdp11Float(r, at + k, what));
  const energy = four(base + 0x44, 'the energy calibration');
  const fwhm = four(base + 0xdc, 'the FWHM calibration');
  const text = (at: number, length: number, what: string) =>
    r.length >= at + length ? r.ascii(at, length, what) : undefined;
  const detectorType = text(base + 0x2dc, 8, 'the detector type');
  const detectorName = text(base + 0x108, 16, 'the detector name');
  const mcaType = text(base + 0x9c, 24, 'the MCA type');
  const sample = sampleInfo(r, first(CAM_BLOCK.SAMP), head);

  const record = gammaRecordOf(counts, {
    liveTimeS: readCamDuration(r, timesAt + 0x11, 'the live time'),
    realTimeS: readCamDuration(r, timesAt + 0x09, 'the real time'),
    startTime: readCamDateTime(r, timesAt + 1, 'the start time'),
    title: sample.title,
    detectorType: detectorType?.toLowerCase() === 'ge' ? 'HPGe' : detectorType,
    instrument: [mcaType && `MCA ${mcaType}`, detectorName && `detector ${detectorName}`].filter(Boolean).join(', '),
    calibration: polynomialCalibration(energy, n),
    meta: {
      fwhmCoefficients: fwhm.some((value) => value !== 0) ? fwhm.join(',') : undefined,
      serialNumber: text(base + 0x1cb, 8, 'the serial number'),
      sampleId: sample.id,
      sampleType: sample.type,
      sampleDescription: sample.description,
    },
  });
  return [toGammaSpectrum(record, fileName, 0, CNF_FORMAT_ID)];
}

function readDirectory(r: BinaryReader, invalid: (message: string) => never): Block[] {
  const blocks: Block[] = [];
  const used = new Set<number>(Object.values(CAM_BLOCK));
  for (let k = 0; k < CAM_DIRECTORY.maxEntries; k++) {
    const entry = CAM_DIRECTORY.offset + k * CAM_DIRECTORY.entryBytes;
    const id = r.uint32(entry, 'a block directory entry');
    if (id === 0) break;
    if (!used.has(id)) continue; // other blocks (peaks, nuclides, 0x4005 …) are not read
    const at = r.uint32(entry + 0x0a, 'a block offset');
    r.require(at, 0x30, `block ${k} (id 0x${id.toString(16)}) at byte ${at}`);
    const found = r.uint32(at, 'a block id');
    if (found !== id) {
      invalid(
        `the directory puts block 0x${id.toString(16)} at byte ${at}, but the block there is 0x${found.toString(16)}`,
      );
    }
    blocks.push({ id, at });
  }
  return blocks;
}

/** 256 × the word after the "PHA" keyword of the ACQP block (becquerel), or 0. */
function phaChannelCount(r: BinaryReader, acqp: Block): number {
  const at = acqp.at + 48 + 128;
  if (r.length < at + 12 || r.ascii(at, 3, 'the PHA keyword') !== 'PHA') return 0;
  return 256 * r.uint16(at + 10, 'the PHA channel count');
}

interface SampleInfo {
  readonly title?: string;
  readonly id?: string;
  readonly type?: string;
  readonly description?: string;
}

function sampleInfo(r: BinaryReader, samp: Block | undefined, head: (block: Block) => number): SampleInfo {
  if (samp === undefined) return {};
  const at = samp.at + head(samp);
  const text = (offset: number, length: number, what: string) =>
    r.length >= offset + length ? r.ascii(offset, length, what) : '';
  const lines = [0, 1, 2, 3].map((k) => text(samp.at + 0x36e + 64 * k, 64, 'the sample description'));
  return {
    title: text(at, 64, 'the sample title'),
    id: text(at + 0x40, 64, 'the sample id'),
    type: text(at + 0x80, 16, 'the sample type'),
    description: lines.filter((line) => line !== '').join(' / '),
  };
}
