import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../fakeIo.testUtil';
import { main } from '../main';

const CHALLENGE = 'test/fixtures/mrs/ismrm2016_fitting_challenge/';
const BASIS = `${CHALLENGE}basisset_LCModel/press3T_30ms.BASIS`;
const bytesOf = (path: string) => new Uint8Array(readFileSync(new URL(`../../../${path}`, import.meta.url)));
const files = (...paths: string[]) => Object.fromEntries(paths.map((path) => [path, bytesOf(path)]));
const DATA = [`${CHALLENGE}datasets_LCModel/dataset1.RAW`, `${CHALLENGE}datasets_LCModel/dataset1.H2O`, BASIS];
/** `spectra quantify` of challenge dataset 1 with its water reference (the .RAW files state no acquisition). */
const DATASET1 = [
  'quantify',
  DATA[0] as string,
  '--water',
  DATA[1] as string,
  '--basis',
  BASIS,
  '--dwell',
  '0.00025',
  '--frequency',
  '123.2',
];

describe('spectra quantify', () => {
  it('fits a challenge spectrum with its water reference and prints JSON with concentrations, CRLBs, S/N and FWHM', async () => {
    const io = fakeIo(files(...DATA));
    const code = await main([...DATASET1, '--te', '30', '--json'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.out);
    const naa = report.metabolites.find((m: { name: string }) => m.name === 'NAA');
    expect(naa.ratioToTCr).toBeGreaterThan(1.3);
    expect(naa.ratioToTCr).toBeLessThan(1.6);
    expect(naa.crlbPercent).toBeLessThan(8);
    expect(naa.concentrationMM).toBeGreaterThan(5);
    expect(report.quality.snr).toBeGreaterThan(10);
    expect(report.quality.fwhmPpm).toBeGreaterThan(0.03);
    expect(report.pipeline).toContain('lcm fit');
    expect(report.waterConcentrationMM).toBeGreaterThan(20000);
  });

  it('matches LCModel on the Philips in vivo PRESS fixture (ECC with the water reference) within 10 %', async () => {
    const philips = 'test/fixtures/mrs/osprey_philips_press/sub-01_PRESS_35_';
    const paths = [`${philips}act.sdat`, `${philips}act.spar`, `${philips}ref.sdat`, `${philips}ref.spar`];
    const basis = 'test/fixtures/mrs/basis_sets/3T_PRESS_Philips_35ms_noMM.BASIS';
    const io = fakeIo(files(...paths, basis, 'examples/pipelines/mrs-svs-preprocess.json'));
    const code = await main(
      [
        'quantify',
        paths[0] as string,
        paths[1] as string,
        '--water',
        paths[2] as string,
        '--water',
        paths[3] as string,
        '--basis',
        basis,
        '--json',
      ],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.pipeline).toContain('mrs-ecc');
    expect(report.qa.crlb.length).toBeGreaterThan(0);
    expect(report.qa.snr).toBeDefined();
    const ratio = (name: string) => report.metabolites.find((m: { name: string }) => m.name === name).ratioToTCr;
    // LCModel 6.3 (issue 5): NAA/tCr 1.26, tCho/tCr 0.17, Ins/tCr 0.85, FWHM 0.046 ppm, S/N 44.
    expect(Math.abs(ratio('NAA') / 1.26 - 1)).toBeLessThan(0.1);
    expect(Math.abs(ratio('tCho') / 0.17 - 1)).toBeLessThan(0.1);
    expect(Math.abs(ratio('Ins') / 0.85 - 1)).toBeLessThan(0.1);
    expect(report.quality.fwhmPpm).toBeGreaterThan(0.04);
    expect(report.quality.fwhmPpm).toBeLessThan(0.065);
    expect(report.quality.snr).toBeGreaterThan(25);
    expect(report.quality.fitQuality).toBeLessThan(2.5);
    // Water-scaled NAA inside the healthy adult range of the meta-analysis (10.73 ± 2.34 mM, ±2 SD).
    const naa = report.metabolites.find((m: { name: string }) => m.name === 'NAA').concentrationMM;
    expect(naa).toBeGreaterThan(10.73 - 2 * 2.34);
    expect(naa).toBeLessThan(10.73 + 2 * 2.34);
  });

  it('fits the Siemens in vivo PRESS TE 30 fixture inside the healthy adult ranges (ratios to Cr, mean ± 2 SD)', async () => {
    const rda = 'test/fixtures/mrs/suspect_siemens/SVS_30.rda';
    const basis = 'test/fixtures/mrs/basis_sets/press_30ms_3T.basis';
    const io = fakeIo(files(rda, basis));
    expect(await main(['quantify', rda, '--basis', basis, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out);
    const ratio = (name: string) => report.metabolites.find((m: { name: string }) => m.name === name).ratioToTCr;
    // Gudmundson et al., Anal Biochem 2023 (mrs-database, "Norm" group), ratio to Cr: mean, SD.
    const ranges: [string, number, number][] = [
      ['NAA', 1.39, 0.21],
      ['tCho', 0.55, 0.23],
      ['Ins', 0.6, 0.24],
      ['Glu', 1.07, 0.22],
    ];
    for (const [name, mean, sd] of ranges) {
      expect(Math.abs(ratio(name) - mean)).toBeLessThan(2 * sd);
    }
  });

  it('explains a missing echo time for water referencing instead of guessing', async () => {
    const io = fakeIo(files(...DATA));
    const code = await main(DATASET1, io);
    expect(code).toBe(1);
    expect(io.err).toMatch(/echo time/);
  });

  it('needs a basis', async () => {
    const io = fakeIo({});
    expect(await main(['quantify', 'x.RAW'], io)).toBe(2);
    expect(io.err).toMatch(/--basis FILE is required/);
  });

  it('writes a one-page HTML report with --report (table, SVG figures, QA; self-contained)', async () => {
    const written = new Map<string, Uint8Array>();
    const io = Object.assign(fakeIo(files(...DATA)), {
      writeFile: async (path: string, bytes: Uint8Array) => {
        written.set(path, bytes);
      },
    });
    const args = [...DATASET1, '--te', '30', '--report', 'out/report.html', '--json'];
    const code = await main(args, io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.out).report).toBe('out/report.html');
    const html = new TextDecoder().decode(written.get('out/report.html'));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/<td class="name">NAA<\/td><td>\d+\.\d\d<\/td>/);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('@page{size:A4 portrait');
    expect(html).toContain('NAA SNR');
    expect(html).not.toMatch(/<script|<[^>]*\b(src|href)\s*=/i);

    const failing = Object.assign(fakeIo(files(...DATA)), {
      writeFile: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    expect(await main(args.slice(0, -1), failing)).toBe(1);
    expect(failing.err).toMatch(/out\/report\.html/);
  });
});
