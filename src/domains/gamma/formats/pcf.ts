import type { ChannelCalibration, Spectrum } from '../../../core';
import { WorkbenchError } from '../../../core';
import { BinaryReader } from '../../../formats/binaryReader';
import type { MeasurementClass } from '../gammaSpectrum';
import { toGammaSpectrum } from '../gammaSpectrum';
import { gammaRecordOf } from './gammaRecordOf';
import { isoDateTime, monthNumber } from './isoDateTime';
import { PCF_DEVIATION_BYTES, pcfDeviationPairs } from './pcfDeviationPairs';

/** Format id of GADRAS `.pcf` files. */
export const PCF_FORMAT_ID = 'gamma-pcf';
/** PCF files are made of 256-byte records. */
export const PCF_RECORD_BYTES = 256;

/**
 * Reads a GADRAS `.pcf` file: every spectrum record becomes a spectrum.
 *
 * Layout [V: PyRIID riid/gadras/pcf.py; SpecUtils src/SpecFile_pcf.cpp; grs-notes §3.11],
 * little-endian, 256-byte records:
 * - record 1: int16 NRPS @0 (records per spectrum, its header included); version @2 (`DHS`: the
 *   extended header with UUID @12, inspection @48, lane int16 @64, remark @66, instrument type @92,
 *   manufacturer @120, model @148, instrument id @166, item description @184, location @204,
 *   coordinates @220, distance @236, occupancy @238, cargo type @240; or 3 blanks);
 * - if record 2 contains `DeviationPairs`, 20480 bytes of deviation pairs follow at 512 (see
 *   `pcfDeviationPairs`) and spectra start at record 83, else at record 2;
 * - each spectrum: a 256-byte header = 180 characters of title/description/source (60 each, or
 *   three fields separated by 0xFF when the first byte is 0xFF), 23-character date-time, 1 tag
 *   character, float32 live @204, real @208, half-life @212, molecular weight @216, spectrum
 *   multiplier @220, 5 full-range-fraction energy coefficients @224, occupancy @244, neutron counts
 *   @248, int32 channel count @252; then the counts as float32 in the following NRPS − 1 records.
 * A first record titled `Energy` with increasing values gives the lower channel energies of the
 * spectra that follow (SpecUtils' convention for lower-channel-edge files). Records with 0 channels
 * are skipped; counts are multiplied by the spectrum multiplier when it is above 1 (as SpecUtils).
 * Measurement class from the title (`Background`, `Calib…`, else foreground), as SpecUtils does.
 * GADRAS and SpecUtils evaluate the FRF at channel i for the channel's lower edge, so the
 * calibration carries `channelReference: 'lowerEdge'` (see raddataUri.ts for the measurement behind it).
 */
export function parsePcf(bytes: Uint8Array, fileName: string): Spectrum[] {
  const r = new BinaryReader(bytes, fileName);
  const invalid = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, { file: fileName });
  };
  r.require(0, 2 * PCF_RECORD_BYTES, 'the two PCF header records');
  const nrps = r.uint16(0, 'NRPS');
  const version = latin1(bytes.subarray(2, 5));
  if (!pcfVersionOk(bytes)) {
    invalid(`bytes 2–4 should be the PCF version 'DHS' or blanks, found '${version.replace(/[^\x20-\x7e]/g, '?')}'`);
  }
  if (nrps < 2) invalid(`NRPS (records per spectrum) is ${nrps}, at least 2 are needed`);
  const secondRecord = latin1(bytes.subarray(PCF_RECORD_BYTES, 2 * PCF_RECORD_BYTES));
  const deviations = secondRecord.includes('DeviationPairs')
    ? pcfDeviationPairs(r, 2 * PCF_RECORD_BYTES, secondRecord.includes('DeviationPairsInFileCompressed'))
    : undefined;
  const fileMeta: DhsFields = version === 'DHS' ? dhsHeader(r) : {};
  const maxChannels = ((nrps - 1) * PCF_RECORD_BYTES) / 4;

  const spectra: Spectrum[] = [];
  let edges: number[] | undefined;
  let start = deviations === undefined ? PCF_RECORD_BYTES : 2 * PCF_RECORD_BYTES + PCF_DEVIATION_BYTES;
  for (let index = 0; start + PCF_RECORD_BYTES <= bytes.length; index++, start += nrps * PCF_RECORD_BYTES) {
    const n = r.int32(start + 252, 'the channel count');
    if (n === 0) continue;
    if (n < 0 || n > maxChannels)
      invalid(`spectrum record ${index + 1} gives ${n} channels, its ${nrps - 1} records hold ${maxChannels}`);
    const counts = r.float32Array(
      start + PCF_RECORD_BYTES,
      n,
      `the ${n} channel counts of spectrum record ${index + 1}`,
    );
    const bad = counts.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) invalid(`channel ${bad} of spectrum record ${index + 1} is not a finite number`);
    const text = titleDescriptionSource(bytes.subarray(start, start + 180));
    if (
      index === 0 &&
      text.title.toLowerCase() === 'energy' &&
      counts.every((v, i) => i === 0 || v >= (counts[i - 1] as number))
    ) {
      edges = Array.from(counts);
      continue;
    }
    const multiplier = r.float32(start + 220, 'the spectrum multiplier');
    if (multiplier > 1 && Number.isFinite(multiplier)) {
      for (let i = 0; i < n; i++) counts[i] = (counts[i] as number) * multiplier;
    }
    const detector = /(?:^|\s)([A-H][a-d][1-8])(?=\s|$)/.exec(text.title)?.[1];
    const coefficients = [0, 4, 8, 12, 16].map((k) => r.float32(start + 224 + k, 'the energy calibration'));
    const pairs = deviations?.forDetector(detector);
    const calibration: ChannelCalibration =
      edges !== undefined && edges.length === n + 1
        ? { model: 'lowerChannelEdges', coefficients: edges, channelCount: n, unit: 'keV' }
        : {
            model: 'fullRangeFraction',
            coefficients,
            channelCount: n,
            unit: 'keV',
            channelReference: 'lowerEdge',
            ...(pairs !== undefined && pairs.length > 0 && { deviationPairs: pairs }),
          };
    const tag = String.fromCharCode(r.uint8(start + 203, 'the tag character')).trim();
    const record = gammaRecordOf(counts, {
      liveTimeS: r.float32(start + 204, 'the live time'),
      realTimeS: r.float32(start + 208, 'the real time'),
      startTime: pcfDateTime(r.ascii(start + 180, 23, 'the date-time')),
      title: text.title,
      detector,
      measurementClass: measurementClass(text.title),
      calibration,
      ...fileMeta,
      meta: {
        description: text.description,
        source: text.source,
        tag: tag === '' ? undefined : tag,
        neutronCounts: r.float32(start + 248, 'the neutron counts'),
        spectrumMultiplier: multiplier > 1 ? multiplier : undefined,
        ...fileMeta.meta,
      },
    });
    spectra.push(toGammaSpectrum(record, fileName, spectra.length, PCF_FORMAT_ID));
  }
  if (spectra.length === 0) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'the PCF file holds no spectrum record with channels', {
      file: fileName,
    });
  }
  // As SpecUtils: neutron counts only when some record has them (0 in every record = no neutron detector).
  if (!spectra.some((spectrum) => (spectrum.meta.neutronCounts as number) > 0)) {
    for (const spectrum of spectra) delete spectrum.meta.neutronCounts;
  }
  return spectra;
}

/**
 * Whether bytes 2–4 hold a PCF version: `DHS`, three blanks, or (older files, per SpecUtils) a
 * file id like `783 - 03/06/15 18:10:28` within the first 20 characters.
 */
export function pcfVersionOk(bytes: Uint8Array): boolean {
  const version = latin1(bytes.subarray(2, 5));
  if (version === 'DHS' || version === '   ') return true;
  const id = latin1(bytes.subarray(0, 40));
  const dash = id.indexOf(' - ');
  return dash >= 0 && dash < 20 && /^ - \d{1,2}\/\d{1,2}\/\d{2}/.test(id.slice(dash));
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function measurementClass(title: string): MeasurementClass {
  if (/background/i.test(title)) return 'Background';
  if (/calib/i.test(title)) return 'Calibration';
  return 'Foreground';
}

/** Title, description and source from the 180-character text field (PyRIID, SpecUtils). */
function titleDescriptionSource(field: Uint8Array): { title: string; description: string; source: string } {
  const clean = (part: Uint8Array) =>
    latin1(part)
      .replace(/\0[\s\S]*$/, '')
      .trim();
  if (field[0] !== 0xff) {
    return {
      title: clean(field.subarray(0, 60)),
      description: clean(field.subarray(60, 120)),
      source: clean(field.subarray(120)),
    };
  }
  const first = field.indexOf(0xff, 1);
  const second = first < 0 ? -1 : field.indexOf(0xff, first + 1);
  const end = (at: number) => (at < 0 ? field.length : at);
  return {
    title: clean(field.subarray(1, end(first))),
    description: first < 0 ? '' : clean(field.subarray(first + 1, end(second))),
    source: second < 0 ? '' : clean(field.subarray(second + 1)),
  };
}

/** `26-Dec-2013 21:15:00.00` or `2014-Sep-19 14:12:01.62` (VAX style) → ISO; 01-Jan-1900 00:00 = unset. */
function pcfDateTime(text: string): string | undefined {
  const dayFirst = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(text);
  const yearFirst = /^(\d{4})-([A-Za-z]{3})-(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(text);
  const parts = dayFirst ?? yearFirst;
  if (parts === null) return undefined;
  const [day, year] = dayFirst !== null ? [parts[1], parts[3]] : [parts[3], parts[1]];
  const month = monthNumber(parts[2] as string);
  if (month === undefined) return undefined;
  const iso = isoDateTime(Number(year), month, Number(day), Number(parts[4]), Number(parts[5]), Number(parts[6]));
  return iso === '1900-01-01T00:00:00' ? undefined : iso;
}

interface DhsFields {
  readonly instrument?: string;
  readonly meta?: Readonly<Record<string, string | number | undefined>>;
}

/** File-level fields of the `DHS` header, as GammaRecord fields and meta. */
function dhsHeader(r: BinaryReader): DhsFields {
  const field = (offset: number, length: number) => r.ascii(offset, length, 'the PCF header');
  const lane = r.int16(64, 'the lane number');
  const distance = r.int16(236, 'the item distance');
  const occupancy = r.int16(238, 'the occupancy number');
  const instrument = [field(120, 28), field(148, 18), field(166, 18)].filter((part) => part !== '').join(' ');
  return {
    ...(instrument !== '' && { instrument }),
    meta: {
      uuid: field(12, 36),
      inspection: field(48, 16),
      laneNumber: lane > 0 ? lane : undefined,
      remarks: field(66, 26),
      instrumentType: field(92, 28),
      itemDescription: field(184, 20),
      location: field(204, 16),
      coordinates: field(220, 16),
      itemDistanceCm: distance > 0 ? distance : undefined,
      occupancyNumber: occupancy > 0 ? occupancy : undefined,
      cargoType: field(240, 16),
    },
  };
}
