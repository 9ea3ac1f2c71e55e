import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { procSpecFormat, sniffProcSpec } from './oceanOptics.format';
import { parseProcSpec } from './procSpec';
import { byRole, haveVendor, maxAbsDiff, utf8, vendorBytes, warnWithoutVendor } from './vendorFixtures.testUtil';
import { crc32 } from './zipEntryCapped';

warnWithoutVendor('ProcSpec tests');

const doubles = (values: readonly number[]): string => values.map((v) => `<double>${v}</double>`).join('');
const OMNI = 'com.oceanoptics.omnidriver.spectra.OmniSpectrum';
const CERT = 'com.oceanoptics.spectrasuite.processors.ProcessedSpectrumCertificate';

/** A ps_<n>.xml in the XStream shape of the lightr files, small. */
function procSpecXml(options: { wavelengths?: number[]; processed?: number[]; grouping?: string } = {}): string {
  const wl = options.wavelengths ?? [400, 400.5, 401, 401.5];
  return `<?xml version="1.0"?>
<com.oceanoptics.spectrasuite.processors.ProcessedSpectrum>
  <sourceSpectra><${OMNI}>
    <integrationTime>100000</integrationTime>
    <pixelValues>${doubles([50, 60, 70, 80])}</pixelValues>
    <acquisitionTime><milliTime>1449224954221</milliTime><nanoTime>1.2E13</nanoTime></acquisitionTime>
    <boxcarWidth>2</boxcarWidth><scansToAverage>3</scansToAverage>
    <correctForElectricalDark>true</correctForElectricalDark><correctForNonLinearity>false</correctForNonLinearity>
    <userName>tester</userName>
    <channelWavelengths>${doubles(wl)}</channelWavelengths>
    <channelCoefficients><__WlIntercept>400.0</__WlIntercept><__WlFirst>0.5</__WlFirst><__WlSecond>0.0</__WlSecond><__WlThird>0.0</__WlThird></channelCoefficients>
    <spectrometerSerialNumber>USB4C00008</spectrometerSerialNumber>
    <spectrometerClass>com.oceanoptics.omnidriver.spectrometer.usb4000.USB4000</spectrometerClass>
    <groupingSeparator>${options.grouping ?? ' '}</groupingSeparator>
  </${OMNI}></sourceSpectra>
  <certificates>
    <${CERT}><processedPixels reference="../../../sourceSpectra/${OMNI}/pixelValues"/>
      <yUnits class="com.oceanoptics.spectrasuite.unitdescriptors.CountsIntensityDescriptor"/></${CERT}>
    <${CERT}><processedPixels>${doubles(options.processed ?? [50, 25, 100, 12.5])}</processedPixels>
      <darkSpectrum><pixelValues>${doubles([10, 10, 10, 10])}</pixelValues></darkSpectrum>
      <referenceSpectrum><pixelValues>${doubles([90, 210, 70, 330])}</pixelValues></referenceSpectrum>
      <yUnits class="com.oceanoptics.spectrasuite.unitdescriptors.ReflectionIntensityDescriptor"/>
      <clazz>com.oceanoptics.spectrasuite.processors.coreprocessors.ReflectionCoreProcessor</clazz></${CERT}>
  </certificates>
</com.oceanoptics.spectrasuite.processors.ProcessedSpectrum>`;
}

function archive(xml: string | Uint8Array, level: 0 | 6 = 6, name = 'ps_12.xml'): Uint8Array {
  const data = typeof xml === 'string' ? utf8(xml) : xml;
  return zipSync({ [name]: [data, { level }], 'OOISignatures.xml': utf8('<sig/>'), 'OOIVersion.txt': utf8('1') });
}

/** Offset of the first central directory entry (50 4B 01 02). */
function directoryAt(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= 0; i--)
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2) {
      if (new TextDecoder().decode(zip.subarray(i + 46, i + 46 + 9)) === 'ps_12.xml') return i;
    }
  throw new Error('no directory entry');
}

function withUint32(zip: Uint8Array, at: number, value: number): Uint8Array {
  const copy = zip.slice();
  new DataView(copy.buffer).setUint32(at, value, true);
  return copy;
}

describe('parseProcSpec on written archives', () => {
  it('reads the processed spectrum first, then sample, dark, reference; metadata; stray high bytes stripped', () => {
    const withBadBytes = utf8(procSpecXml({ grouping: 'GROUP' }));
    const at = new TextDecoder().decode(withBadBytes).indexOf('GROUP');
    withBadBytes.set([0xa0, 0x89, 0x80, 0x01, 0x20], at);
    const spectra = parseProcSpec(archive(withBadBytes), 'r.ProcSpec');
    expect(spectra.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark', 'reference']);
    const p = spectra[0];
    expect(Array.from(p?.x.values ?? [])).toEqual([400, 400.5, 401, 401.5]);
    expect(Array.from(p?.y.values ?? [])).toEqual([50, 25, 100, 12.5]);
    expect(Array.from(byRole(spectra, 'reference').y.values)).toEqual([90, 210, 70, 330]);
    expect(p?.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [400, 0.5, 0, 0],
      channelCount: 4,
      unit: 'nm',
    });
    expect(p?.meta).toMatchObject({
      format: 'oceanoptics-procspec',
      yQuantity: 'reflectance',
      yUnit: '%',
      integrationTimeS: 0.1,
      scansAveraged: 3,
      boxcarWidth: 2,
      electricDarkCorrection: true,
      nonlinearityCorrection: false,
      date: '2015-12-04T10:29:14.221Z',
      spectrometer: 'USB4C00008',
      spectrometerModel: 'USB4000',
      processor: 'ReflectionCoreProcessor',
      xmlEntry: 'ps_12.xml',
    });
    expect(spectra[1]?.y.unit).toBe('counts');
    expect(sniffProcSpec(archive(procSpecXml()), 'r.ProcSpec')).toBe(0.95);
  });

  it('gives typed errors that say where', () => {
    const good = archive(procSpecXml(), 0);
    const code = (bytes: Uint8Array, cap?: number): string =>
      errorFor('r.ProcSpec', () => parseProcSpec(bytes, 'r.ProcSpec', cap)).code;
    expect(code(utf8('hello, not a zip at all, long enough to search'))).toBe('INVALID_DATA');
    expect(code(good.subarray(0, good.length - 30))).toBe('TRUNCATED');
    expect(code(zipSync({ 'readme.txt': utf8('x') }))).toBe('NOT_A_SPECTRUM');
    const flipped = good.slice();
    const xmlAt = new TextDecoder('latin1').decode(good).indexOf('<sourceSpectra>');
    flipped[xmlAt + 3] = 0x41;
    expect(errorFor('r.ProcSpec', () => parseProcSpec(flipped, 'r.ProcSpec')).message).toMatch(
      /ps_12\.xml: the CRC-32/,
    );
    const dir = directoryAt(archive(procSpecXml()));
    expect(code(withUint32(archive(procSpecXml()), dir + 24, 3_000_000_000))).toBe('TOO_LARGE');
    expect(
      errorFor('r.ProcSpec', () =>
        parseProcSpec(withUint32(archive(procSpecXml()), dir + 24, 60_000_000), 'r.ProcSpec'),
      ).message,
    ).toMatch(/cannot hold/);
    expect(
      errorFor('r.ProcSpec', () => parseProcSpec(withUint32(archive(procSpecXml()), dir + 24, 100), 'r.ProcSpec'))
        .message,
    ).toMatch(/inflate to more than the 100 bytes/);
    const bomb = archive(utf8(`<a>${' '.repeat(4_000_000)}</a>`));
    expect(bomb.length).toBeLessThan(20_000);
    expect(code(bomb, 1024 * 1024)).toBe('TOO_LARGE');
    expect(errorFor('r.ProcSpec', () => parseProcSpec(archive('<a><b></a>'), 'r.ProcSpec')).message).toMatch(
      /not well-formed at line 1/,
    );
    expect(code(archive(procSpecXml({ processed: [1, 2, 3] })))).toBe('INVALID_DATA');
    expect(code(archive(procSpecXml({ wavelengths: [400, 399, 401, 402] })))).toBe('INVALID_DATA');
    expect(code(archive('<root><sourceSpectra/></root>'))).toBe('NOT_A_SPECTRUM');
    expect(code(new Uint8Array())).toBe('EMPTY_FILE');
  });

  it('computes the ZIP CRC-32 (check value of "123456789")', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });

  it('survives random bytes, truncations and mutations of a small archive and of its XML', () => {
    const fixture = archive(procSpecXml(), 0);
    fuzzReader({
      parse: (bytes, name) => parseProcSpec(bytes, name),
      fileName: 'f.ProcSpec',
      fixture,
      seed: 6201,
      numRuns: 200,
      maxLength: 400,
      prefixes: [fixture.subarray(0, 60)],
    });
    const xml = utf8(procSpecXml());
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(xml.length - 1), value: fc.constantFrom(60, 62, 47, 48, 46, 45, 32, 38) }), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          const copy = xml.slice();
          for (const { at, value } of edits) copy[at] = value;
          try {
            parseProcSpec(archive(copy), 'f.ProcSpec');
          } catch (error) {
            expect((error as { file?: string }).file).toBe('f.ProcSpec');
            expect((error as { code?: string }).code).toMatch(/INVALID_DATA|NOT_A_SPECTRUM/);
          }
        },
      ),
      { seed: 6202, numRuns: 150 },
    );
  });
});

describe.skipIf(!haveVendor)('parseProcSpec on the lightr ProcSpec files (GPL, shared folder)', () => {
  it('OceanOptics_Windows.ProcSpec: Jaz transmission, 2048 pixels, 190.94–888.23 nm', () => {
    const bytes = vendorBytes('lightr/procspec_files/OceanOptics_Windows.ProcSpec');
    const spectra = parseProcSpec(bytes, 'w.ProcSpec');
    expect(spectra.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark', 'reference']);
    const p = spectra[0];
    expect([p?.x.values.length, p?.x.values[0], p?.x.values[2047], p?.y.values[0]]).toEqual([
      2048, 190.939253, 888.2335352456057, 282.8571428571289,
    ]);
    expect(p?.meta).toMatchObject({
      yQuantity: 'transmittance',
      spectrometer: 'JAZA2982',
      spectrometerModel: 'JazUSB',
      integrationTimeS: 0.06,
      scansAveraged: 15,
      boxcarWidth: 0,
      electricDarkCorrection: true,
      date: '2015-12-04T10:29:14.221Z',
      xmlEntry: 'ps_291.xml',
    });
    const c = p?.x.calibration?.coefficients as number[];
    const fitted = Array.from(
      p?.x.values ?? [],
      (_, i) => (c[0] as number) + (c[1] as number) * i + (c[2] as number) * i * i + (c[3] as number) * i ** 3,
    );
    expect(maxAbsDiff(fitted, p?.x.values ?? [])).toBeLessThan(1e-9);
    expect(procSpecFormat.sniff(bytes.subarray(0, 65536), 'w.ProcSpec')).toBe(0.95);
  });

  it('BB_PF21_4.ProcSpec gives the spectrum of its SpectraSuite text export BB_PF21_4.txt', () => {
    const [p] = parseProcSpec(vendorBytes('lightr/compare/OceanInsight/BB_PF21_4.ProcSpec'), 'b.ProcSpec');
    const rows = new TextDecoder()
      .decode(vendorBytes('lightr/compare/OceanInsight/BB_PF21_4.txt'))
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split('\t').map(Number));
    expect(rows.length).toBe(3648);
    expect(
      maxAbsDiff(
        p?.x.values ?? [],
        rows.map((r) => r[0] as number),
      ),
    ).toBeLessThanOrEqual(0.005);
    expect(
      maxAbsDiff(
        p?.y.values ?? [],
        rows.map((r) => r[1] as number),
      ),
    ).toBeLessThanOrEqual(0.0005);
    expect(p?.meta).toMatchObject({
      spectrometer: 'USB4C00008',
      integrationTimeS: 0.01,
      scansAveraged: 40,
      boxcarWidth: 10,
    });
  });

  it('survives truncations and mutations of the real archive (the directory and headers most of all)', () => {
    const fixture = vendorBytes('lightr/procspec_files/OceanOptics_Windows.ProcSpec');
    fuzzReader({
      parse: (bytes, name) => parseProcSpec(bytes, name),
      fileName: 'w.ProcSpec',
      fixture,
      seed: 6203,
      numRuns: 40,
      maxLength: 200,
      hotOffsets: fc.oneof(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: fixture.length - 400, max: fixture.length - 1 }),
      ),
      onTruncation: (cut, outcome) => {
        if (cut >= 4 && cut < fixture.length - 200) expect(outcome).toMatchObject({ code: 'TRUNCATED' });
      },
    });
  });
});
