import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../fakeIo.testUtil';
import { main } from '../main';
import { nodeModelSource } from '../nodeModelSource';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/grs/${name}`, import.meta.url)));
const files = {
  'kelp.spe': fixture('bq_mendocino_kelp_poptop_hpge.spe'),
  'pottery.spe': fixture('bq_1110C_naa_cave_pottery_hpge.spe'),
  'cave.spe': fixture('bq_1110C_naa_cave_background_hpge.spe'),
  'cs137.xml': fixture('rc_dt_Cs137_b.xml'),
  'raman.csv': new TextEncoder().encode('wavenumber,intensity\n100,1\n200,2\n300,1\n'),
};

describe('spectra peaks', () => {
  it('fits the K-40 and Tl-208 peaks of an HPGe spectrum with σ, as JSON', async () => {
    const io = fakeIo(files);
    expect(await main(['peaks', 'kelp.spe', '--json'], io)).toBe(0);
    const [entry] = JSON.parse(io.out) as {
      unit: string;
      peaks: { centroidKeV: number; fwhmKeV: number; netAreaSigma: number }[];
    }[];
    expect(entry?.unit).toBe('keV');
    for (const energy of [1460.8, 2614.5, 609.3]) {
      const peak = entry?.peaks.find((p) => Math.abs(p.centroidKeV - energy) < 0.5);
      expect(peak, `${energy} keV`).toBeDefined();
      expect(peak?.fwhmKeV).toBeGreaterThan(1);
      expect(peak?.fwhmKeV).toBeLessThan(3.5);
      expect(peak?.netAreaSigma).toBeGreaterThan(0);
    }
  });

  it('finds the broad Cs-137 peak of a CsI (RadiaCode) spectrum with the detector resolution', async () => {
    const io = fakeIo(files);
    expect(await main(['peaks', 'cs137.xml'], io)).toBe(0);
    expect(io.out).toMatch(/CsI/);
    expect(io.out).toMatch(/ 65\d\.\d\d ± /);
  });

  it('refuses a file without gamma spectra with a typed error, exit 1', async () => {
    const io = fakeIo(files);
    expect(await main(['peaks', 'raman.csv', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out)).toEqual([
      {
        file: 'raman.csv',
        error: { code: 'NOT_A_SPECTRUM', message: 'the file holds emission spectra, not gamma spectra' },
      },
    ]);
  });
});

describe('spectra identify', () => {
  it('names the activation products of the pottery sample once the cave background is subtracted', async () => {
    const io = fakeIo(files);
    expect(await main(['identify', 'pottery.spe', '--background', 'cave.spe', '--json'], io)).toBe(0);
    const [entry] = JSON.parse(io.out) as {
      classical: { nuclides: { nuclide: string; naturalBackground: boolean }[] };
    }[];
    const names = entry?.classical.nuclides.map((n) => n.nuclide) ?? [];
    for (const expected of ['Co-60', 'Cs-134', 'Eu-152']) expect(names).toContain(expected);
    // the cave's natural background is gone with its peaks
    expect(entry?.classical.nuclides.filter((n) => n.naturalBackground)).toEqual([]);
  });

  it('flags natural background as such', async () => {
    const io = fakeIo(files);
    expect(await main(['identify', 'kelp.spe', '--json'], io)).toBe(0);
    const [entry] = JSON.parse(io.out) as {
      classical: { nuclides: { nuclide: string; naturalBackground: boolean }[] };
    }[];
    expect(entry?.classical.nuclides.find((n) => n.nuclide === 'K-40')?.naturalBackground).toBe(true);
  });

  it('reports a missing CNN model as a typed error naming it', async () => {
    const missing = () => Promise.reject(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }));
    const io = Object.assign(fakeIo(files), { models: { readText: missing, readBytes: missing } });
    expect(await main(['identify', 'kelp.spe', '--method', 'cnn'], io)).toBe(1);
    expect(io.err).toMatch(/the CNN nuclide identifier 'gamma-nuclide-cnn' cannot be loaded/);
  });

  it('runs the shipped CNN beside the library method and lists where they agree', async () => {
    const io = Object.assign(fakeIo(files), {
      models: nodeModelSource(fileURLToPath(new URL('../../../public/models/', import.meta.url))),
    });
    expect(await main(['identify', 'cs137.xml', '--method', 'both', '--json'], io)).toBe(0);
    const [entry] = JSON.parse(io.out) as {
      cnn: { nuclides: string[]; probabilities: { nuclide: string; probability: number; sd: number }[] };
      agreement: { both: string[] };
    }[];
    expect(entry?.cnn.nuclides).toEqual(['Cs-137']);
    expect(entry?.cnn.probabilities).toHaveLength(15);
    expect(entry?.agreement.both).toEqual(['Cs-137']);
  }, 60_000);
});
