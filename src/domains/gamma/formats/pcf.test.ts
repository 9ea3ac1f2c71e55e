import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parsePcf } from './pcf';
import { pcfFormat, sniffPcf } from './pcf.format';
import { codeOf, fuzzReader } from './readerTestSupport';

const SHARED = path.resolve(process.cwd(), '../shared/fixtures/grs');
const DETX = path.join(SHARED, 'is_detx_cs137_shielded.pcf');
const haveDetx = existsSync(DETX);
if (!haveDetx) console.warn(`LGPL fixtures missing: ${SHARED} (GADRAS PCF fixture tests skipped)`);

interface RecordSpec {
  readonly text: string | Uint8Array;
  readonly date?: string;
  readonly tag?: string;
  readonly live?: number;
  readonly real?: number;
  readonly multiplier?: number;
  readonly coefficients?: readonly number[];
  readonly neutrons?: number;
  readonly counts: readonly number[];
}

/** A PCF file written from the layout (PyRIID/SpecUtils), not by any writer of ours. */
function buildPcf(options: {
  readonly nrps: number;
  readonly version: string;
  readonly deviationHeader?: string;
  readonly deviations?: (bytes: DataView) => void;
  readonly records: readonly RecordSpec[];
}): Uint8Array {
  const devBytes = options.deviationHeader === undefined ? 0 : 256 + 20_480;
  const start = 256 + devBytes;
  const bytes = new Uint8Array(start + options.records.length * options.nrps * 256);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  view.setUint16(0, options.nrps, true);
  ascii(2, options.version);
  if (options.deviationHeader !== undefined) {
    ascii(256, options.deviationHeader.padEnd(256, ' '));
    options.deviations?.(new DataView(bytes.buffer, 512, 20_480));
  }
  options.records.forEach((spec, k) => {
    const at = start + k * options.nrps * 256;
    if (typeof spec.text === 'string') ascii(at, spec.text.padEnd(180, ' '));
    else bytes.set(spec.text, at);
    ascii(at + 180, (spec.date ?? '').padEnd(23, ' '));
    ascii(at + 203, spec.tag ?? ' ');
    view.setFloat32(at + 204, spec.live ?? 0, true);
    view.setFloat32(at + 208, spec.real ?? 0, true);
    view.setFloat32(at + 220, spec.multiplier ?? 0, true);
    (spec.coefficients ?? []).forEach((c, i) => {
      view.setFloat32(at + 224 + 4 * i, c, true);
    });
    view.setFloat32(at + 248, spec.neutrons ?? 0, true);
    view.setInt32(at + 252, spec.counts.length, true);
    spec.counts.forEach((c, i) => {
      view.setFloat32(at + 256 + 4 * i, c, true);
    });
  });
  return bytes;
}

const counts64 = Array.from({ length: 64 }, (_, i) => (i === 20 ? 500 : i % 7));

/** Old header (3 blanks, no DHS, no deviation pairs): two spectra of 64 channels. */
const oldPcf = buildPcf({
  nrps: 2,
  version: '   ',
  records: [
    {
      text: `${'Ba133 at 50 cm'.padEnd(60)}${'shielded by 1 cm Pb'.padEnd(60)}Ba133,10uCi`,
      date: '19-Sep-2014 14:12:01.62',
      tag: 'T',
      live: 299.5,
      real: 300,
      coefficients: [-2, 3000, 10, 0, 1],
      neutrons: 12,
      counts: counts64,
    },
    {
      text: Uint8Array.from([
        0xff,
        ...new TextEncoder().encode('Background Ab2'),
        0xff,
        0xff,
        ...new TextEncoder().encode('none'),
      ]),
      date: '2014-Sep-19 15:00:00.00',
      live: 600,
      real: 601,
      multiplier: 2,
      coefficients: [0, 3000],
      counts: counts64,
    },
  ],
});

describe('parsePcf on an old-header file without deviation pairs (built in the test)', () => {
  const [first, second] = parsePcf(oldPcf, 'old.pcf') as [Spectrum, Spectrum];

  it('reads both records with times, dates, text fields, tag and neutrons', () => {
    expect(first.meta).toMatchObject({
      liveTimeS: 299.5,
      realTimeS: 300,
      startTime: '2014-09-19T14:12:01.62',
      title: 'Ba133 at 50 cm',
      description: 'shielded by 1 cm Pb',
      source: 'Ba133,10uCi',
      tag: 'T',
      neutronCounts: 12,
      measurementClass: 'Foreground',
    });
    expect(second.meta).toMatchObject({
      startTime: '2014-09-19T15:00:00',
      title: 'Background Ab2',
      source: 'none',
      detector: 'Ab2',
      measurementClass: 'Background',
      neutronCounts: 0,
      spectrumMultiplier: 2,
    });
    expect(second.meta.description).toBeUndefined();
  });

  it('keeps the 5 FRF coefficients exactly, without deviation pairs, and applies the multiplier', () => {
    expect(first.x.calibration).toEqual({
      model: 'fullRangeFraction',
      coefficients: [-2, 3000, 10, 0, 1],
      channelCount: 64,
      unit: 'keV',
      channelReference: 'lowerEdge',
    });
    // GADRAS: the FRF at channel i is the lower edge, so channel 20's centre is at i = 20.5
    const x = 20.5 / 64;
    expect(first.x.values[20]).toBeCloseTo(-2 + 3000 * x + 10 * x * x + 1 / (1 + 60 * x), 9);
    expect(first.y.values[20]).toBe(500);
    expect(second.y.values[20]).toBe(1000);
  });
});

describe('parsePcf lower channel energies, deviation pairs per detector, compressed pairs', () => {
  const edges = Array.from({ length: 65 }, (_, i) => 3 * i + 0.001 * i * i);
  const withDeviations = (compressed: boolean) =>
    buildPcf({
      nrps: 3,
      version: 'DHS',
      deviationHeader: compressed ? 'DeviationPairsInFileCompressed' : 'DeviationPairsInFile',
      deviations: (view) => {
        const size = compressed ? 2 : 4;
        const put = (slot: number, pairs: number[]) => {
          pairs.forEach((v, i) => {
            if (compressed) view.setInt16(slot * 80 + size * i, v, true);
            else view.setFloat32(slot * 160 + size * i, v, true);
          });
        };
        put(0, [60, 1, 662, -2]); // slot of Aa1 (and of unnamed detectors)
        put(8 + 1, [100, 3, 0, 0, 2000, 4]); // panel B, column a, MCA 2: Ba2
      },
      records: [
        { text: 'Energy', counts: edges },
        { text: 'Cs137 Aa1', live: 1, real: 1, coefficients: [0, 3000], counts: counts64 },
        { text: 'Cs137 Ba2', live: 1, real: 1, coefficients: [0, 3000], counts: counts64 },
        { text: 'Cs137 (no detector name)', live: 1, real: 1, coefficients: [0, 3000], counts: counts64 },
      ],
    });

  it('uses the "Energy" record as lower channel edges of the spectra that follow', () => {
    const [spectrum] = parsePcf(withDeviations(false), 'edges.pcf');
    expect(spectrum?.x.calibration?.model).toBe('lowerChannelEdges');
    expect(spectrum?.x.calibration?.coefficients).toEqual(edges.map(Math.fround));
  });

  it('gives each named detector its slot of deviation pairs, trailing zero pairs dropped', () => {
    const edgeless = withDeviations(true);
    // Drop the Energy record's channels so the FRF calibration is used: 0 channels → record skipped.
    new DataView(edgeless.buffer).setInt32(512 + 20_480 + 252, 0, true);
    const [aa1, ba2, unnamed] = parsePcf(edgeless, 'dev.pcf') as [Spectrum, Spectrum, Spectrum];
    expect(unnamed.meta.detector).toBeUndefined();
    expect(unnamed.x.calibration?.deviationPairs).toEqual(aa1.x.calibration?.deviationPairs);
    expect(aa1.meta.detector).toBe('Aa1');
    expect(aa1.x.calibration?.deviationPairs).toEqual([
      [60, 1],
      [662, -2],
    ]);
    expect(ba2.x.calibration?.deviationPairs).toEqual([
      [100, 3],
      [0, 0],
      [2000, 4],
    ]);
  });
});

describe.skipIf(!haveDetx)('parsePcf on detx_cs137_shielded.pcf (LGPL, shared folder)', () => {
  const spectra = haveDetx ? parsePcf(new Uint8Array(readFileSync(DETX)), 'detx.pcf') : [];

  it('reads 4 records of 16384 channels: Cs137_Sh, Background 300 s, Background 3000 s, Cs137_Sh', () => {
    expect(spectra.map((s) => [s.meta.title, s.meta.liveTimeS, s.y.values.length])).toEqual([
      ['Cs137_Sh', 300, 16384],
      ['Background', 300, 16384],
      ['Background', 3000, 16384],
      ['Cs137_Sh', 300, 16384],
    ]);
    expect(spectra.map((s) => s.meta.measurementClass)).toEqual([
      'Foreground',
      'Background',
      'Background',
      'Foreground',
    ]);
    expect(spectra[0]?.meta.realTimeS).toBeCloseTo(304.188, 3);
    expect(spectra[0]?.meta.startTime).toBe('2013-12-26T21:15:00');
  });

  it('reads the FRF calibration (−0.32, 8008.95) with 7 deviation pairs and puts Cs-137 at 661–662 keV', () => {
    const cs = spectra[0] as Spectrum;
    expect(cs.x.calibration?.model).toBe('fullRangeFraction');
    expect(cs.x.calibration?.coefficients[0]).toBeCloseTo(-0.32, 6);
    expect(cs.x.calibration?.coefficients[1]).toBeCloseTo(8008.95, 2);
    expect(cs.x.calibration?.deviationPairs).toHaveLength(7);
    expect(cs.x.calibration?.deviationPairs?.[3]?.[0]).toBe(662);
    expect(cs.x.calibration?.deviationPairs?.[3]?.[1]).toBeCloseTo(-0.55, 6);
    let best = 0;
    cs.y.values.forEach((v, i) => {
      if (v > (cs.y.values[best] as number)) best = i;
    });
    expect(cs.x.values[best]).toBeGreaterThan(661);
    expect(cs.x.values[best]).toBeLessThan(662);
  });
});

describe('parsePcf errors', () => {
  it('INVALID_DATA for a wrong version, NRPS < 2, too many channels or a NaN count', () => {
    const wrongVersion = oldPcf.slice();
    wrongVersion.set([0x41, 0x42, 0x43], 2);
    const smallNrps = oldPcf.slice();
    smallNrps[0] = 1;
    const tooMany = oldPcf.slice();
    new DataView(tooMany.buffer).setInt32(256 + 252, 65, true);
    const nan = oldPcf.slice();
    new DataView(nan.buffer).setFloat32(256 + 256 + 8, Number.NaN, true);
    for (const bytes of [wrongVersion, smallNrps, tooMany, nan]) {
      expect(codeOf(() => parsePcf(bytes, 'bad.pcf'))).toEqual({ code: 'INVALID_DATA', file: 'bad.pcf' });
    }
  });

  it('TRUNCATED for a short header, cut deviation pairs or cut counts; NOT_A_SPECTRUM without channels', () => {
    expect(codeOf(() => parsePcf(oldPcf.slice(0, 300), 'a.pcf'))).toEqual({ code: 'TRUNCATED', file: 'a.pcf' });
    const devHeader = buildPcf({ nrps: 2, version: 'DHS', deviationHeader: 'DeviationPairsInFile', records: [] });
    expect(codeOf(() => parsePcf(devHeader.slice(0, 5000), 'b.pcf'))).toEqual({ code: 'TRUNCATED', file: 'b.pcf' });
    expect(codeOf(() => parsePcf(oldPcf.slice(0, oldPcf.length - 10), 'c.pcf'))).toEqual({
      code: 'TRUNCATED',
      file: 'c.pcf',
    });
    const empty = buildPcf({ nrps: 2, version: '   ', records: [{ text: 'nothing', counts: [] }] });
    expect(codeOf(() => parsePcf(empty, 'd.pcf'))).toEqual({ code: 'NOT_A_SPECTRUM', file: 'd.pcf' });
  });
});

describe('pcfFormat', () => {
  it('sniffs DHS and old headers, and refuses other bytes', () => {
    expect(pcfFormat.id).toBe('gamma-pcf');
    expect(sniffPcf(oldPcf, 'a.pcf')).toBeGreaterThanOrEqual(0.8);
    expect(
      sniffPcf(buildPcf({ nrps: 2, version: 'DHS', records: [{ text: 'x', counts: [1] }] }), 'a.bin'),
    ).toBeGreaterThanOrEqual(0.8);
    expect(sniffPcf(new TextEncoder().encode('energy,counts\n1,2\n'.repeat(40)), 'a.pcf')).toBe(0);
    expect(sniffPcf(new Uint8Array(1024), 'a.pcf')).toBe(0);
  });

  it('loads its parser lazily', async () => {
    const { parse } = await pcfFormat.load();
    expect(await parse(oldPcf, 'lazy.pcf')).toHaveLength(2);
  });
});

describe('parsePcf on garbage (property)', () => {
  it('random bytes, truncations and mutations give spectra or a WorkbenchError', () => {
    fuzzReader({ parse: parsePcf, fileName: 'fuzz.pcf', fixture: oldPcf, seed: 20_250_304, maxLength: 3000 });
  });

  it.skipIf(!haveDetx)('the same for the real detx file, mutated in its header and deviation pairs', () => {
    // The real file takes ~25 ms a parse (4 × 16384 channels with deviation pairs): fewer runs.
    fuzzReader({
      parse: parsePcf,
      fileName: 'fuzz.pcf',
      fixture: new Uint8Array(readFileSync(DETX)),
      seed: 20_250_305,
      numRuns: 40,
      maxLength: 3000,
      hotOffsets: fc.oneof(fc.nat(600), fc.integer({ min: 20_992, max: 21_248 })),
    });
  });
});
