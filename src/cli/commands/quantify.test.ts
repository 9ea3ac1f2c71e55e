import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../fakeIo.testUtil';
import { main } from '../main';

const CHALLENGE = 'test/fixtures/mrs/ismrm2016_fitting_challenge/';
const BASIS = `${CHALLENGE}basisset_LCModel/press3T_30ms.BASIS`;
const bytesOf = (path: string) => new Uint8Array(readFileSync(new URL(`../../../${path}`, import.meta.url)));
const files = (...paths: string[]) => Object.fromEntries(paths.map((path) => [path, bytesOf(path)]));
const DATA = [`${CHALLENGE}datasets_LCModel/dataset1.RAW`, `${CHALLENGE}datasets_LCModel/dataset1.H2O`, BASIS];

describe('spectra quantify', () => {
  it('fits a challenge spectrum with its water reference and prints JSON with concentrations, CRLBs, S/N and FWHM', async () => {
    const io = fakeIo(files(...DATA));
    const code = await main(
      [
        'quantify',
        `${CHALLENGE}datasets_LCModel/dataset1.RAW`,
        '--water',
        `${CHALLENGE}datasets_LCModel/dataset1.H2O`,
        '--basis',
        BASIS,
        '--dwell',
        '0.00025',
        '--frequency',
        '123.2',
        '--te',
        '30',
        '--json',
      ],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.out);
    const naa = report.metabolites.find((m: { name: string }) => m.name === 'NAA');
    expect(naa.ratioToTCr).toBeGreaterThan(1.3);
    expect(naa.ratioToTCr).toBeLessThan(1.6);
    expect(naa.crlbPercent).toBeLessThan(5);
    expect(naa.concentrationMM).toBeGreaterThan(5);
    expect(report.quality.snr).toBeGreaterThan(10);
    expect(report.quality.fwhmPpm).toBeGreaterThan(0.03);
    expect(report.pipeline).toContain('lcm fit');
    expect(report.waterConcentrationMM).toBeGreaterThan(20000);
  });

  it('explains a missing echo time for water referencing instead of guessing', async () => {
    const io = fakeIo(files(...DATA));
    const code = await main(
      [
        'quantify',
        `${CHALLENGE}datasets_LCModel/dataset1.RAW`,
        '--water',
        `${CHALLENGE}datasets_LCModel/dataset1.H2O`,
        '--basis',
        BASIS,
        '--dwell',
        '0.00025',
        '--frequency',
        '123.2',
      ],
      io,
    );
    expect(code).toBe(1);
    expect(io.err).toMatch(/echo time/);
  });

  it('needs a basis', async () => {
    const io = fakeIo({});
    expect(await main(['quantify', 'x.RAW'], io)).toBe(2);
    expect(io.err).toMatch(/--basis FILE is required/);
  });
});
