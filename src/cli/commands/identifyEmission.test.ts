import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../fakeIo.testUtil';
import { main } from '../main';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url)));
const files = {
  'Ca_Mn_spec.csv': fixture('optical/Ca_Mn_spec.csv'),
  'raman_hdpe.csv': fixture('optical/raman_hdpe.csv'),
  'pottery.spe': fixture('grs/bq_1110C_naa_cave_pottery_hpge.spe'),
};

interface EmissionEntry {
  file: string;
  domain: string;
  offsetNm: number;
  elements: {
    element: string;
    accepted: boolean;
    score: number;
    matchedLines: { species: string; libraryNm: number; observedNm: number }[];
  }[];
  unexplainedPeaksNm: number[];
}

describe('spectra identify on emission spectra', () => {
  it('Ca_Mn_spec.csv --json: Ca accepted with Ca II 393.37 (library and observed λ), the offset, Mn a candidate', async () => {
    const io = fakeIo(files);
    expect(await main(['identify', 'Ca_Mn_spec.csv', '--json'], io)).toBe(0);
    const [entry] = JSON.parse(io.out) as EmissionEntry[];
    expect(entry?.domain).toBe('emission');
    expect(entry?.offsetNm).toBeGreaterThan(0.25);
    const [ca] = entry?.elements ?? [];
    expect(ca).toMatchObject({ element: 'Ca', accepted: true });
    const k = ca?.matchedLines.find((l) => l.libraryNm === 393.366);
    expect(k?.species).toBe('Ca II');
    expect(k?.observedNm).toBeCloseTo(393.71, 1);
    expect(entry?.elements.find((e) => e.element === 'Mn')?.accepted).toBe(false);
    expect(entry?.unexplainedPeaksNm.length).toBeGreaterThan(0);
  });

  it('reads as text, notes that the gamma options do not apply, and still identifies gamma files beside it', async () => {
    const io = fakeIo(files);
    expect(await main(['identify', 'Ca_Mn_spec.csv', 'pottery.spe', '--method', 'classical'], io)).toBe(0);
    expect(io.out).toMatch(/Ca_Mn_spec\.csv {2}Ca_Mn_spec\.csv: \d+ peaks, axis offset \+0\.[23]\d\d nm/);
    expect(io.out).toMatch(/\n {2}Ca {2}accepted {3}score 0\.\d\d {2}lines \(library→observed nm\) .*393\.37→393\.71/);
    expect(io.out).toMatch(/pottery\.spe .*classical identification/);
    expect(io.out).toMatch(/Co-60/);
    const noted = fakeIo(files);
    expect(await main(['identify', 'Ca_Mn_spec.csv', '--background', 'pottery.spe'], noted)).toBe(0);
    expect(noted.err).toMatch(/^Ca_Mn_spec\.csv: --background applies to gamma spectra; not used here\n$/);
  });

  it('a Raman spectrum (cm⁻¹ axis) gets a typed error per spectrum: element lines need nm', async () => {
    const io = fakeIo(files);
    expect(await main(['identify', 'raman_hdpe.csv', '--json'], io)).toBe(1);
    const [entry] = JSON.parse(io.out) as { file: string; error: { code: string; message: string } }[];
    expect(entry).toMatchObject({ file: 'raman_hdpe.csv', error: { code: 'INVALID_OPTION' } });
    expect(entry?.error.message).toMatch(/wavelength axis in nm; this spectrum's axis is in cm-1/);
  });
});
