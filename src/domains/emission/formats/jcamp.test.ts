import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { sniffDelimitedText } from '../../../formats/readers/delimitedText.format';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { parseJcamp } from './jcamp';
import { jcampFormat, sniffJcamp } from './jcamp.format';

const FIXTURES = new URL('../../../../test/fixtures/optical/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const read = (name: string): Spectrum[] => parseJcamp(bytesOf(name), path.basename(name));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const readText = (text: string, name = 't.jdx'): Spectrum[] => parseJcamp(encode(text), name);

/** Ocean Optics JCAMP files (lightr, GPL ≥ 2): read from ../shared, skipped when it is absent. */
const LIGHTR = path.resolve(process.cwd(), '../shared/fixtures/optical/vendor/lightr');
const haveLightr = existsSync(path.join(LIGHTR, 'OceanOptics_period.jdx'));
if (!haveLightr) console.warn(`GPL fixtures missing: ${LIGHTR} (Ocean Optics JCAMP tests skipped)`);

describe('parseJcamp: the four ASDF compressions of one spectrum (jcampconverter test data)', () => {
  const forms = {
    'jcamp-fix.dx': 'AFFN',
    'jcamp-packed.dx': 'PAC',
    'jcamp-squeezed.dx': 'SQZ',
    'jcamp-difdup.dx': 'DIF, DUP, SQZ',
  } as const;
  const spectra = Object.keys(forms).map((name) => read(`jcampconverter/${name}`));

  it('each gives one NMR spectrum of 16384 points, 12.31284 to −1.6646457842364946 ppm (the oracle)', () => {
    for (const [k, [name, form]] of Object.entries(forms).entries()) {
      const [s, ...rest] = spectra[k] as Spectrum[];
      expect(rest).toHaveLength(0);
      const x = s?.x.values ?? new Float64Array();
      expect([x.length, x[0], x.at(-1)]).toEqual([16384, -1.6646457842364946, 12.31284]);
      expect(s?.x).toMatchObject({ unit: 'ppm', quantity: 'chemical shift' });
      expect(s?.domain).toBe('generic');
      expect(s?.meta).toMatchObject({ compression: form, xOrder: 'descending', xUnitsInFile: 'HZ', title: '107-07-3' });
      expect(s?.name).toBe(name);
    }
  });

  it('gives the same ordinates, value for value, in all four forms (FIRSTY −10247, Σy 11 044 741 548)', () => {
    const reference = spectra[0]?.[0]?.y.values ?? new Float64Array();
    expect(reference.at(-1)).toBe(-10247); // the first ordinate of the file, x reversed
    expect(reference.reduce((a, b) => a + b, 0)).toBe(11044741548);
    for (const [s] of spectra.slice(1)) {
      const y = s?.y.values ?? new Float64Array();
      expect(y.length).toBe(reference.length);
      const differ = y.findIndex((v, i) => !Object.is(v, reference[i]));
      expect(differ).toBe(-1);
    }
  });
});

describe('parseJcamp on other real files', () => {
  it('uv.jdx: HP ChemStation LINK file, two (XY..XY) blocks in nm → two emission-domain spectra', () => {
    const spectra = read('jcampconverter/uv.jdx');
    expect(spectra.map((s) => [s.meta.block, s.y.label, s.x.values.length, s.domain, s.x.unit])).toEqual([
      [1, 'ABSORBANCE', 911, 'emission', 'nm'],
      [2, 'VARIANCE', 911, 'emission', 'nm'],
    ]);
    const [absorbance] = spectra;
    expect([absorbance?.x.values[0], absorbance?.x.values.at(-1)]).toEqual([190, 1100]);
    expect([absorbance?.y.values[0], absorbance?.y.values.at(-1)]).toEqual([0.093345165253, -0.159801483154]);
    expect(absorbance?.meta).toMatchObject({
      linkTitle: 'marstoja_XY1b_1@C5_RT_1cm_THF',
      dataType: 'UV-VISIBLE SPECTRUM',
      origin: 'Hewlett-Packard ChemStation/Win system',
      owner: 'administrator',
      dataForm: '(XY..XY)',
    });
    expect(absorbance?.name).toBe('uv.jdx (marstoja_XY1b_1@C5_RT_1cm_THF)');
  });

  it('uv_ACD.jdx: IR in 1/CM, DIF/DUP with YFACTOR 1e-8 and DELTAX 0.5', () => {
    const [s] = read('jcampconverter/uv_ACD.jdx');
    const x = s?.x.values ?? new Float64Array();
    expect([x.length, x[0], x[1], x.at(-1)]).toEqual([881, 210, 210.5, 650]);
    expect(s?.x.unit).toBe('cm-1');
    expect(s?.y.values[0]).toBeCloseTo(2.92499995, 12);
    expect(s?.y.unit).toBe('a.u.');
    expect(s?.meta.title).toBe(''); // "$$ Begin of the data block" is a comment
  });

  it('fitr_nitrocellulose.jdx (Open Specy, CC BY 4.0): PAC, YFACTOR, descending cm-1, Windows-1252 header', () => {
    const [s] = read('fitr_nitrocellulose.jdx');
    const x = s?.x.values ?? new Float64Array();
    expect([x.length, x[0], x.at(-1)]).toEqual([7154, 599.91952, 7498.994]);
    expect(s?.domain).toBe('emission');
    expect(s?.y.values.at(-1)).toBeCloseTo(0.68973011, 8); // FIRSTY, the first ordinate of the file
    expect(s?.meta).toMatchObject({
      title: 'Nitrocellulose',
      dataType: 'INFRARED SPECTRUM',
      owner: 'Public domain',
      instrument: 'Bruker IR Cube FTIR',
      compression: 'PAC',
      'jcamp:CAS REGISTRY NO': '9004-70-0',
    });
    expect(String(s?.meta['jcamp:WAVENUMBER ACCURACY'])).toBe('± 0.4 cm-1');
  });

  it('ISAS_MS1.DX: a ##PEAK TABLE=(XY..XY) mass spectrum → 26 sticks, meta.peakTable, domain generic', () => {
    const [s] = read('jcampconverter/ISAS_MS1.DX');
    expect(s?.x.values.length).toBe(26);
    expect([s?.x.values[0], s?.y.values[0], s?.x.values.at(-1)]).toEqual([50, 5.84, 131]);
    expect(s?.meta).toMatchObject({ peakTable: true, dataRecord: 'PEAK TABLE', xUnitsInFile: 'M/Z' });
    expect([s?.domain, s?.x.unit, s?.y.label]).toEqual(['generic', 'unknown', 'RELATIVE ABUNDANCE']);
  });

  it('ntuples.jdx: NTUPLES pages (F2++(Y..Y)) → one spectrum per page, x from FIRST/LAST', () => {
    const spectra = read('jcampconverter/ntuples.jdx');
    expect(spectra.map((s) => s.meta.page)).toEqual(['F1=0', 'F1=1', 'F1=2', 'F1=3']);
    expect(spectra.map((s) => Array.from(s.y.values))).toEqual([
      [2, 3, 4],
      [3, 4, 5],
      [4, 5, 6],
      [5, 6, 7],
    ]);
    for (const s of spectra) expect(Array.from(s.x.values)).toEqual([4, 5, 6]);
  });

  it('multivariable.jdx: (XYT..XYT) PEAKS → one spectrum per dependent variable, x made ascending', () => {
    const spectra = read('jcampconverter/multivariable.jdx');
    expect(spectra.map((s) => [s.meta.variable, s.meta.xUnitsInFile, s.meta.yUnitsInFile])).toEqual([
      ['Temperature', 'mg', '°C'],
      ['Time', 'mg', 's'],
    ]);
    expect(Array.from(spectra[0]?.x.values ?? [])).toEqual([50, 60, 70, 80, 90, 100]);
    expect(Array.from(spectra[1]?.y.values ?? [])).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('ib_01_01.jdx: NMR in PPM with XFACTOR/YFACTOR and DUP; iv.jdx: an I–V peak table in volts', () => {
    const [nmr] = read('jcampconverter/ib_01_01.jdx');
    expect([nmr?.x.values.length, nmr?.x.values[0], nmr?.x.values.at(-1), nmr?.x.unit]).toEqual([
      2153,
      0.449892,
      3.9512,
      'ppm',
    ]);
    // First ordinate "B598" = 2598 × YFACTOR 3.540457 (FIRSTY says 9201.000000; jcampconverter also gives 9198.107286).
    expect(nmr?.y.values[0]).toBe(2598 * 3.540457);
    const [iv] = read('jcampconverter/iv.jdx');
    expect([iv?.x.values.length, iv?.x.values[0], iv?.x.values.at(-1)]).toEqual([302, -0.6, 0.905]);
    expect(iv?.meta.instrumentParameters).toMatch(/^d_t="Wed, Sep 22, 2010/);
  });
});

describe.skipIf(!haveLightr)('parseJcamp on Ocean Optics SpectraSuite JCAMP (lightr, GPL, shared folder)', () => {
  const load = (name: string): Spectrum[] => parseJcamp(new Uint8Array(readFileSync(path.join(LIGHTR, name))), name);

  it('OceanOptics_period.jdx: LINK of 3 blocks (processed, dark, reference), ##XYPOINTS=(XY..XY)', () => {
    const spectra = load('OceanOptics_period.jdx');
    expect(spectra.map((s) => s.meta.sampleDescription)).toEqual([
      'PROCESSED SPECTRUM',
      'DARK SPECTRUM',
      'REFERENCE SPECTRUM',
    ]);
    for (const s of spectra) {
      expect([s.x.values.length, s.x.values[0], s.x.values.at(-1), s.x.unit]).toEqual([3648, 176.36, 893.69, 'nm']);
    }
    expect(spectra[0]?.meta).toMatchObject({ blockId: '1', 'jcamp:.ACQUISITION TIME': '400', dataRecord: 'XYPOINTS' });
    expect(spectra[0]?.meta['jcamp:DATA PROCESSING']).toBe('DARK:Yes REFERENCE:Yes | BOXCAR:0 ELECTRICAL DARK: false');
  });

  it('non_english/OceanOptics_comma.jdx: decimal commas (176,36, 32822,795) on the same x grid', () => {
    const comma = load('non_english/OceanOptics_comma.jdx');
    const period = load('OceanOptics_period.jdx');
    expect(comma).toHaveLength(3);
    expect(Array.from(comma[0]?.x.values ?? [])).toEqual(Array.from(period[0]?.x.values ?? []));
    expect([comma[0]?.y.values[0], comma[0]?.y.values[3]]).toEqual([32822.795, 1479.043]);
  });
});

describe('parseJcamp: units, names and metadata', () => {
  const table = (header: string, data = '1, 10\n2, 20\n') =>
    `##TITLE=t\n##JCAMP-DX=5.01\n${header}##XYPOINTS=(XY..XY)\n${data}##END=\n`;

  it('converts micrometres and ångström to nm, marks Raman spectra, keeps NMR in Hz without a frequency', () => {
    const [um] = readText(table('##XUNITS=MICROMETERS\n'));
    expect([Array.from(um?.x.values ?? []), um?.x.unit, um?.domain]).toEqual([[1000, 2000], 'nm', 'emission']);
    expect(um?.x.label).toBe('wavelength (from MICROMETERS)');
    const [a] = readText(table('##XUNITS=ANGSTROMS\n', '2000, 1\n3000, 2\n'));
    expect(Array.from(a?.x.values ?? [])).toEqual([200, 300]);
    const [raman] = readText(table('##DATA TYPE=RAMAN SPECTRUM\n##XUNITS=1/CM\n'));
    expect([raman?.x.unit, raman?.x.label]).toEqual(['cm-1', 'Raman shift']);
    const [hz] = readText(table('##XUNITS=HZ\n'));
    expect([hz?.x.unit, hz?.domain]).toEqual(['Hz', 'generic']);
  });

  it('cuts long text at 200 characters and joins repeated labels', () => {
    const [s] = readText(table(`##ORIGIN=${'x'.repeat(500)}\n##$NOTE=a\n##$NOTE=b\n`));
    expect(String(s?.meta.origin)).toHaveLength(200);
    expect(s?.meta['jcamp:$NOTE']).toBe('a | b');
  });

  it('reads blocks concatenated without LINK, and an (X++(Y..Y)) table with DELTAX only', () => {
    const text = `##TITLE=a\n##FIRSTX=10\n##DELTAX=-1\n##XYDATA=(X++(Y..Y))\n10 1 2 3\n##END=\n${table('')}`;
    const spectra = readText(text);
    expect(spectra.map((s) => Array.from(s.x.values))).toEqual([
      [8, 9, 10],
      [1, 2],
    ]);
    expect(spectra.map((s) => s.name)).toEqual(['t.jdx (a)', 't.jdx (t)']);
  });
});

describe('parseJcamp: bad input', () => {
  it('gives a typed error naming the file and where it failed', () => {
    expect(errorFor('b.jdx', () => parseJcamp(new Uint8Array([35, 35, 0, 1, 2]), 'b.jdx')).code).toBe('BINARY_FILE');
    expect(errorFor('e.jdx', () => readText('  \n', 'e.jdx')).code).toBe('EMPTY_FILE');
    expect(errorFor('n.jdx', () => readText('hello\n', 'n.jdx')).code).toBe('NOT_A_SPECTRUM');
    const noData = errorFor('d.jdx', () => readText('##TITLE=x\n##RADATA=(R++(A..A))\n1 2\n##END=\n', 'd.jdx'));
    expect([noData.code, noData.message]).toEqual([
      'NOT_A_SPECTRUM',
      'no data table this reader can decode: ##RADATA= (line 2)',
    ]);
    const count = errorFor('c.jdx', () =>
      readText('##TITLE=x\n##FIRSTX=1\n##LASTX=3\n##NPOINTS=4\n##XYDATA=(X++(Y..Y))\n1 1 2 3\n##END=\n', 'c.jdx'),
    );
    expect([count.code, count.message]).toEqual([
      'INVALID_DATA',
      'block 1 ("x"): the table (lines 6–6) holds 3 ordinates, NPOINTS says 4',
    ]);
    const repeated = errorFor('r.jdx', () => readText('##TITLE=x\n##XYPOINTS=(XY..XY)\n1,2\n1,3\n##END=\n', 'r.jdx'));
    expect(repeated.message).toBe('the table at line 2: x = 1 occurs twice (values 1 and 2); x must not repeat');
    const character = errorFor('k.jdx', () => readText('##TITLE=x\n##XYPOINTS=(XY..XY)\n1,2\n3,#\n##END=\n', 'k.jdx'));
    expect(character.message).toBe('block 1 ("x"): line 4, column 3: "#" belongs to no data form');
  });

  it('says TRUNCATED when the file ends inside a table', () => {
    const text = new TextDecoder().decode(bytesOf('jcampconverter/uv_ACD.jdx'));
    const cut = text.slice(0, text.indexOf('##END=') - 200);
    expect(errorFor('t.jdx', () => readText(cut, 't.jdx')).code).toBe('TRUNCATED');
  });

  it('survives random bytes, truncations and mutations of real files (fuzz)', () => {
    const prefixes = [
      encode('##TITLE=x\n##XYDATA=(X++(Y..Y))\n'),
      encode('##TITLE=x\n##NPOINTS=3\n##PEAK TABLE=(XYW..XYW)\n'),
    ];
    for (const [k, name] of [
      'jcampconverter/uv_ACD.jdx',
      'jcampconverter/ISAS_MS1.DX',
      'jcampconverter/ntuples.jdx',
    ].entries()) {
      fuzzReader({
        parse: parseJcamp,
        fileName: 'f.jdx',
        fixture: bytesOf(name),
        seed: 6100 + 10 * k,
        numRuns: 150,
        maxLength: 300,
        prefixes,
      });
    }
    // Text-only mutations: ASDF letters, digits, signs and separators where the data are.
    const asdf = fc.constantFrom(...'@AIaiJRjr%SZs?0123456789+-., \n#$='.split('').map((c) => c.charCodeAt(0)));
    fuzzReader({
      parse: parseJcamp,
      fileName: 'f.jdx',
      fixture: bytesOf('jcampconverter/uv_ACD.jdx'),
      seed: 6200,
      numRuns: 300,
      maxLength: 64,
      byteValues: asdf,
      hotOffsets: fc.integer({ min: 480, max: 2500 }),
    });
  });
});

describe('sniffJcamp', () => {
  it('recognises JCAMP-DX by content, whatever the extension; other text scores 0', () => {
    expect(sniffJcamp(bytesOf('jcampconverter/uv.jdx'), 'uv.txt')).toBe(0.95); // "## TITLE = …"
    expect(sniffJcamp(bytesOf('fitr_nitrocellulose.jdx'), 'x')).toBe(0.95);
    expect(sniffJcamp(encode('$$ comment\n##ORIGIN=lab\n'), 'a.dx')).toBe(0.8);
    expect(sniffJcamp(bytesOf('raman_hdpe.csv'), 'raman_hdpe.jdx')).toBe(0);
    expect(sniffJcamp(new Uint8Array([0, 1, 2]), 'a.jdx')).toBe(0);
    expect(sniffDelimitedText(bytesOf('jcampconverter/uv.jdx'), 'uv.jdx')).toBe(0);
    expect(jcampFormat.extensions).toContain('jdx');
  });
});
