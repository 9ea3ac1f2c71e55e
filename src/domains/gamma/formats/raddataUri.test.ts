import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError as thrown } from '../../../core/thrownWorkbenchError';
import { energyAtChannel } from '../calibration/energyCalibration';
import { parseRaddataUri } from './raddataUri';
import { raddataUriFormat, sniffRaddataUri } from './raddataUri.format';
import { fullestChannel, fuzzReader, parseOutcome } from './readerTestSupport';

const REFERENCE = path.resolve(process.cwd(), '../shared/fixtures/grs/gadras_reference_spectra_simulated');
const haveReference = existsSync(REFERENCE);
if (!haveReference) console.warn(`LGPL fixtures missing: ${REFERENCE} (GADRAS reference-spectrum tests skipped)`);

// --- a RADDATA encoder written from SpecUtils' description, for synthetic files -----------------
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
function base45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
      const e = Math.floor(n / 2025);
      n %= 2025;
      out += BASE45[n % 45] + (BASE45[Math.floor(n / 45)] as string) + (BASE45[e] as string);
    } else {
      out += (BASE45[(bytes[i] as number) % 45] as string) + (BASE45[Math.floor((bytes[i] as number) / 45)] as string);
    }
  }
  return out;
}
const urlEncode = (text: string) =>
  text.replace(/[^A-Za-z0-9\-_.!*()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
function countedZeros(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    out.push(values[i] as number);
    if (values[i] === 0) {
      let run = 0;
      while (i < values.length && values[i] === 0) {
        run++;
        i++;
      }
      out.push(run);
      i--;
    }
  }
  return out;
}
function streamVByte(values: readonly number[]): number[] {
  const control = new Array<number>(Math.ceil(values.length / 4)).fill(0);
  const data: number[] = [];
  values.forEach((value, i) => {
    const length = value < 256 ? 1 : value < 65536 ? 2 : value < 2 ** 24 ? 3 : 4;
    for (let k = 0; k < length; k++) data.push(Math.floor(value / 256 ** k) % 256);
    control[i >> 2] = (control[i >> 2] as number) | ((length - 1) << (2 * (i & 3)));
  });
  return [values.length & 0xff, values.length >> 8, ...control, ...data];
}
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** One spectrum's part of a payload: `meta` fields (without ` S:`) and counts, as the options say. */
function spectrumPart(meta: string, counts: readonly number[], options: number): number[] {
  const values = options & 0x08 ? counts : countedZeros(counts);
  const data = options & 0x04 ? [...latin1(values.join(','))] : streamVByte(values);
  return [...latin1(`${meta} S:`), ...data];
}
function raddataUri(parts: readonly number[][], options: number, header?: string): string {
  let bytes = Uint8Array.from(parts.flatMap((part, k) => (k === 0 ? part : [...latin1(':0A:'), ...part])));
  if (!(options & 0x01)) bytes = zlibSync(bytes);
  const payload =
    options & 0x10
      ? Buffer.from(bytes).toString('base64url')
      : options & 0x02
        ? urlEncode(String.fromCharCode(...bytes))
        : urlEncode(base45(bytes));
  const hex = options.toString(16).toUpperCase();
  return `RADDATA://G0/${header ?? `${hex}0${parts.length - 1}`}/${payload}`;
}
const file = (text: string) => new TextEncoder().encode(text);
const counts = [0, 0, 0, 5, 17, 400, 1_000_000, 3, 0, 0, 70_000, 1, 0];

describe('parseRaddataUri on synthetic URIs', () => {
  const meta =
    'I:B T:300.5,299.25 C:-1.5,3,0.001 D:60,1,662,-2 M:Test MCA P:20240229T235958 G:37.5,-122.25 N:42 O:My bg';

  it('decodes every field, counted zeros and StreamVByte for base-64 (0x10), base-45 (0x0) and no-deflate (0x1)', () => {
    for (const options of [0x10, 0x00, 0x01, 0x11, 0x30]) {
      const [spectrum] = parseRaddataUri(file(raddataUri([spectrumPart(meta, counts, options)], options)), 's.txt');
      expect(Array.from(spectrum?.y.values ?? []), `options 0x${options.toString(16)}`).toEqual(counts);
      expect(spectrum?.meta).toMatchObject({
        measurementClass: 'Background',
        realTimeS: 300.5,
        liveTimeS: 299.25,
        instrument: 'Test MCA',
        startTime: '2024-02-29T23:59:58',
        latitude: 37.5,
        longitude: -122.25,
        neutronCounts: 42,
        title: 'My bg',
      });
      expect(spectrum?.x.calibration).toEqual({
        model: 'polynomial',
        coefficients: [-1.5, 3, 0.001],
        channelCount: counts.length,
        unit: 'keV',
        deviationPairs: [
          [60, 1],
          [662, -2],
        ],
        channelReference: 'lowerEdge',
      });
    }
  });

  it('reads CSV channel data (0x04), uncompressed counts (0x08) and raw url-encoded text (0x07)', () => {
    for (const options of [0x04, 0x08, 0x0c, 0x14]) {
      const [spectrum] = parseRaddataUri(
        file(raddataUri([spectrumPart('T:1,1 C:0,1', counts, options)], options)),
        'c.txt',
      );
      expect(Array.from(spectrum?.y.values ?? [])).toEqual(counts);
    }
    const raw = `T:2$1 C:0$2 M:${urlEncode('my model')} O:${urlEncode('a:b c')}`.replaceAll(',', '$');
    const [spectrum] = parseRaddataUri(file(raddataUri([spectrumPart(raw, counts, 0x07)], 0x07)), 'raw.txt');
    expect(spectrum?.meta).toMatchObject({ realTimeS: 2, liveTimeS: 1, instrument: 'my model', title: 'a:b c' });
    expect(Array.from(spectrum?.y.values ?? [])).toEqual(counts);
  });

  it('reads several spectra separated by :0A:, later ones inheriting model and calibration', () => {
    const parts = [spectrumPart('I:F T:10,9 C:0,2 M:Multi', counts, 0x10), spectrumPart('I:B T:20,19', counts, 0x10)];
    const spectra = parseRaddataUri(file(raddataUri(parts, 0x10)), 'two.txt');
    expect(spectra).toHaveLength(2);
    expect(spectra[1]?.meta).toMatchObject({ measurementClass: 'Background', realTimeS: 20, instrument: 'Multi' });
    expect(spectra[1]?.x.calibration?.coefficients).toEqual([0, 2]);
    expect(spectra[1]?.id).toBe('two.txt#1');
  });

  it('finds the URI inside other text (a mail body) and reads several URIs in one file', () => {
    const uri = raddataUri([spectrumPart('T:1,1', [1, 2, 3], 0x10)], 0x10);
    const text = `Hello,\r\nspectrum below:\r\n${uri.replace('RADDATA', 'raddata')}\r\n\r\n${uri}\n`;
    expect(parseRaddataUri(file(text), 'mail.txt')).toHaveLength(2);
    expect(sniffRaddataUri(file(text), 'mail.txt')).toBe(0.9);
    expect(sniffRaddataUri(file(`  ${uri}`), 'x.txt')).toBe(0.95);
  });
});

describe('parseRaddataUri errors', () => {
  const valid = (meta: string, options = 0x10, header?: string) =>
    file(raddataUri([spectrumPart(meta, counts, options)], options, header));

  it('refuses unsupported options by name, multi-part URIs and contradictory options (INVALID_DATA)', () => {
    const lossy = thrown(() => parseRaddataUri(valid('T:1,1', 0x10, '5000'), 'l.txt'));
    expect(lossy).toMatchObject({ code: 'INVALID_DATA', file: 'l.txt' });
    expect(lossy.message).toMatch(/0x40 \(lossy \(wavelet\) channel encoding\)/);
    const multi = thrown(() => parseRaddataUri(valid('T:1,1', 0x10, '1020'), 'm.txt'));
    expect(multi.message).toMatch(/one of 3 parts/);
    expect(thrown(() => parseRaddataUri(valid('T:1,1', 0x10, '1200'), 'c.txt')).code).toBe('INVALID_DATA');
    expect(thrown(() => parseRaddataUri(valid('T:1,1', 0x10, 'Z00'), 'z.txt')).code).toBe('INVALID_DATA');
  });

  it('INVALID_DATA for missing or malformed fields', () => {
    for (const meta of [
      'C:0,1',
      'T:1',
      'T:1,x',
      'T:1,1 C:5',
      'T:1,1 D:1,2,3',
      'T:1,1 I:Q',
      'T:1,1 P:2024-13-01T00:00:00',
      'T:1,1 G:1',
    ]) {
      expect(
        thrown(() => parseRaddataUri(valid(meta), 'f.txt')),
        meta,
      ).toMatchObject({ code: 'INVALID_DATA', file: 'f.txt' });
    }
  });

  it('INVALID_DATA for a broken payload, TRUNCATED for cut channel data, NOT_A_SPECTRUM without a URI', () => {
    expect(thrown(() => parseRaddataUri(file('RADDATA://G0/1000/AAAAAAAA'), 'b.txt')).code).toBe('INVALID_DATA');
    const cut = Uint8Array.from([...latin1('T:1,1 S:'), ...streamVByte([1000, 2, 3]).slice(0, 6)]);
    const cutUri = `RADDATA://G0/1100/${Buffer.from(cut).toString('base64url')}`;
    expect(thrown(() => parseRaddataUri(file(cutUri), 't.txt'))).toMatchObject({ code: 'TRUNCATED', file: 't.txt' });
    const trailing = Uint8Array.from([...latin1('T:1,1 S:'), ...streamVByte([1, 2]), 1, 2, 3, 4, 5]);
    expect(
      thrown(() => parseRaddataUri(file(`RADDATA://G0/1100/${Buffer.from(trailing).toString('base64url')}`), 'x.txt'))
        .code,
    ).toBe('INVALID_DATA');
    const zeros = Uint8Array.from([...latin1('T:1,1 S:'), ...streamVByte([5, 0, 0, 1])]);
    expect(
      thrown(() => parseRaddataUri(file(`RADDATA://G0/1100/${Buffer.from(zeros).toString('base64url')}`), 'z.txt'))
        .code,
    ).toBe('INVALID_DATA');
    const huge = Uint8Array.from([...latin1('T:1,1 S:'), ...streamVByte([0, 70_000, 0, 70_000])]);
    expect(
      thrown(() => parseRaddataUri(file(`RADDATA://G0/1100/${Buffer.from(huge).toString('base64url')}`), 'h.txt'))
        .message,
    ).toMatch(/131072/);
    expect(thrown(() => parseRaddataUri(file('energy,counts\n1,2\n'), 'n.txt'))).toMatchObject({
      code: 'NOT_A_SPECTRUM',
      file: 'n.txt',
    });
    expect(thrown(() => parseRaddataUri(Uint8Array.from([0, 1, 2, 0]), 'bin.txt')).code).toBe('NOT_A_SPECTRUM');
  });
});

describe('raddataUriFormat', () => {
  it('is a text format that sniffs 0 without a URI and loads its parser lazily', async () => {
    expect(raddataUriFormat.id).toBe('gamma-raddata-uri');
    expect(raddataUriFormat.binary).toBe(false);
    expect(sniffRaddataUri(file('channel,counts\n1,2\n'), 'a.txt')).toBe(0);
    const { parse } = await raddataUriFormat.load();
    expect(await parse(file(raddataUri([spectrumPart('T:1,1', [4, 5], 0x10)], 0x10)), 'lazy.txt')).toHaveLength(1);
  });
});

/**
 * GADRAS v19 reference spectra as shipped with InterSpec (LGPL). Channel counts, times and
 * calibrations measured with this reader; the Cs-137 photopeak is the fullest channel in
 * 600–720 keV, read with this project's convention (calibration at the channel middle).
 */
const DETECTORS: readonly [string, number, number, readonly number[], boolean][] = [
  // [folder, channels, real time of Cs137_Unshielded, calibration, has deviation pairs]
  ['2x4x16-NaI', 1024, 1802.73, [0, 3], false],
  ['CZT_H3D_M400', 4096, 1807.65, [0, 0.7324219], true],
  ['Detective X', 16384, 1823.34, [-0.32, 0.4888275], true],
  ['Detective-EX', 8192, 1810.86, [-0.08, 0.364779], false],
  ['Fulcrum-40h', 24000, 1880.66, [-0.16, 0.1250354], true],
  ['IdentiFINDER-NG', 1024, 1802, [-0.21, 2.974609], true],
  ['IdentiFINDER-R500-NaI', 1024, 1801.8, [0, 2.929688], false],
  ['RadEagle NaI 3x1', 1024, 1806.24, [0, 2.998047], false],
  ['RadSeeker-CL-LaBr', 1024, 1802.37, [-7.21, 3.011142], false],
  ['RadiaCode-102', 1024, 1824.27, [-6.71, 2.414873, 4.053116e-4, -9.778887e-9], false],
  ['Verifinder-NaI', 1024, 1802.11, [0, 2.929688], false],
];

describe.skipIf(!haveReference)('parseRaddataUri on the GADRAS reference spectra (LGPL, shared folder)', () => {
  const read = (folder: string, name: string) =>
    parseRaddataUri(new Uint8Array(readFileSync(path.join(REFERENCE, folder, name))), name)[0] as Spectrum;

  it.each(DETECTORS)(
    '%s: channels, 1800 s live time, calibration, Cs-137 peak',
    (folder, n, real, coefficients, deviations) => {
      const cs = read(folder, 'Cs137_Unshielded.txt');
      expect(cs.y.values.length).toBe(n);
      expect(cs.meta).toMatchObject({
        liveTimeS: 1800,
        realTimeS: real,
        title: 'Cs137 Unshielded',
        measurementClass: 'Foreground',
        startTime: '2013-12-26T21:15:00',
      });
      expect(cs.x.calibration?.coefficients).toEqual(coefficients);
      expect(cs.x.calibration?.deviationPairs !== undefined).toBe(deviations);
      const peak = fullestChannel(cs, 600, 720);
      const gain = (cs.x.values[peak + 1] as number) - (cs.x.values[peak] as number);
      const energy = cs.x.values[peak] as number;
      if (folder === 'IdentiFINDER-NG') {
        // Its D: pairs put +5 keV at 661 keV, but the simulated peak sits where the polynomial alone
        // gives 660–661.6 keV: with the pairs the peak channel reads about 666.7 keV (SpecUtils gives the same).
        expect(energy).toBeCloseTo(666.7, 0);
        const plain = { ...cs.x.calibration, deviationPairs: [] } as NonNullable<typeof cs.x.calibration>;
        expect(Math.abs(energyAtChannel(plain, peak + 0.5) - 661.66)).toBeLessThan(2 * gain);
      } else if (folder === 'RadiaCode-102') {
        // The RadiaCode's cubic calibration puts the peak about 7 keV (2–3 channels) low.
        expect(energy).toBeCloseTo(654.9, 0);
      } else {
        expect(Math.abs(energy - 661.66), `${folder}: ${energy} keV`).toBeLessThan(Math.max(0.6, 1.5 * gain));
      }
      const background = read(folder, 'background.txt');
      expect(background.y.values.length).toBe(n);
      expect(background.meta).toMatchObject({ liveTimeS: 1800, title: 'Background', measurementClass: 'Background' });
    },
  );

  it('the fullest channel of Cs137_Unshielded is the Cs-137 peak or the Ba K x-rays below 40 keV', () => {
    for (const [folder] of DETECTORS) {
      const cs = read(folder, 'Cs137_Unshielded.txt');
      const top = cs.x.values[fullestChannel(cs, -Infinity, Infinity)] as number;
      expect(top < 40 || Math.abs(top - 661.66) < 5, `${folder}: ${top} keV`).toBe(true);
    }
  });
});

describe('parseRaddataUri on garbage (property)', () => {
  const fixtureText = haveReference
    ? readFileSync(path.join(REFERENCE, 'Detective-EX', 'Cs137_Unshielded.txt'), 'latin1')
    : raddataUri([spectrumPart('I:F T:10,9 C:0,2', counts, 0x10)], 0x10);
  const base45Text = raddataUri([spectrumPart('I:F T:10,9 C:0,2 O:x', counts, 0)], 0);

  it('random text after the URI scheme gives spectra or a WorkbenchError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parseOutcome(parseRaddataUri, file(`RADDATA://G0/${text}`), 'fuzz.txt');
      }),
      { seed: 20_250_306, numRuns: 200 },
    );
  });

  it.each([
    ['a real (or base-64) URI', fixtureText],
    ['a base-45 URI', base45Text],
  ])('random bytes, truncations and printable mutations of %s give spectra or a WorkbenchError', (_name, source) => {
    fuzzReader({
      parse: parseRaddataUri,
      fileName: 'fuzz.txt',
      fixture: latin1(source),
      seed: 20_250_306,
      maxLength: 600,
      byteValues: fc.integer({ min: 32, max: 126 }),
    });
  });
});
