import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseFile } from '../../../formats/parseFile';
import { registerDomains } from '../../registerDomains';
import { analyseGammaSpectrum } from '../analyseGammaSpectrum';

async function read(name: string): Promise<Spectrum[]> {
  const bytes = new Uint8Array(readFileSync(resolve(process.cwd(), 'test/fixtures/grs', name)));
  const parsed = await parseFile(bytes, name);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.value.spectra;
}

/** Man-made nuclides the classical analysis names (the resolution prior of the named CsI detector applies). */
function named(spectrum: Spectrum): string[] {
  return analyseGammaSpectrum(spectrum)
    .identification.candidates.filter((c) => !c.naturalBackground)
    .map((c) => c.nuclide);
}

describe('classical identification on real RadiaCode (CsI) spectra', () => {
  beforeAll(() => registerDomains());

  it('finds the 60 keV Am-241 peak of the trinitite beside its x-ray and threshold peaks, and names Am-241 and Cs-137', async () => {
    const [trinitite] = await read('rc_trinitite.xml');
    if (trinitite === undefined) throw new Error('no spectrum');
    const { peaks } = analyseGammaSpectrum(trinitite);
    // MANIFEST: 62.3 keV (Am-241) and 662.7 keV (Cs-137). One shared width could not fit the low-energy
    // group (detector threshold, Ba K x-rays, 60 keV, scatter humps), and the whole group was dropped.
    expect(peaks.some((p) => Math.abs(p.centroidKeV - 61) < 3)).toBe(true);
    const names = named(trinitite);
    expect(names).toContain('Am-241');
    expect(names).toContain('Cs-137');
    // The 60 keV peak is Am-241's 59.5 keV line, not U-237's (whose 208 keV line would sit on the
    // Cs-137 backscatter hump) nor Tl-201's Hg x-rays (72.7 keV, 12 keV away).
    for (const lookAlike of ['U-237', 'Tl-201', 'Mo-99']) expect(names).not.toContain(lookAlike);
  });

  it('names Co-60 alone in the Co-60 source spectrum (its Compton humps are no Sc-46)', async () => {
    const [co60] = await read('rc_dt_Co60_a.xml');
    if (co60 === undefined) throw new Error('no spectrum');
    expect(named(co60)).toEqual(['Co-60']);
  });

  it('names Cs-137 alone in the Cs-137 source spectrum and Am-241 alone in the Am-241 one', async () => {
    const [cs] = await read('rc_dt_Cs137_b.xml');
    const [am] = await read('rc_data_am241.xml');
    if (cs === undefined || am === undefined) throw new Error('no spectrum');
    expect(named(cs)).toEqual(['Cs-137']);
    expect(named(am)).toEqual(['Am-241']);
  });
});
