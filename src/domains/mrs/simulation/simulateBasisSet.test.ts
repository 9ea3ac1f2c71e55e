import { describe, expect, it } from 'vitest';
import { parabolicVertex } from '../../../numeric/parabolicVertex';
import { fidToPpmSpectrum } from '../processing/spectralTransform';
import { type SimulateBasisOptions, simulateBasisSet } from './simulateBasisSet';
import { SIMULATED_BASIS_FORMAT_ID, simulatedBasisSpectra } from './simulatedBasisSpectra';
import { BRAIN_BASIS_METABOLITES, findSpinSystem, protonCount, SPIN_SYSTEMS } from './spinSystems';

const CF = 123.2;
const DWELL = 0.00025;
const base = { spectrometerFrequencyMHz: CF, dwellTimeS: DWELL, points: 4096 } as const;

/** Ascending-ppm spectrum of a simulated FID (centre 4.65). */
function spectrum(fid: { re: Float64Array; im: Float64Array }) {
  return fidToPpmSpectrum(fid.re, fid.im, CF, DWELL, 4.65);
}

/** Sub-sample ppm of the tallest real point between `from` and `to`. */
function peakPpm(fid: { re: Float64Array; im: Float64Array }, from: number, to: number): number {
  const s = spectrum(fid);
  let at = -1;
  for (let j = 1; j < s.ppm.length - 1; j++) {
    const p = s.ppm[j] as number;
    if (p >= from && p <= to && (at < 0 || (s.re[j] as number) > (s.re[at] as number))) at = j;
  }
  const { offset } = parabolicVertex(s.re[at - 1] as number, s.re[at] as number, s.re[at + 1] as number);
  const step = (s.ppm[at + 1] as number) - (s.ppm[at] as number);
  return (s.ppm[at] as number) + offset * step;
}

/** Σ Re(spectrum) over a ppm window (∝ the area of the real part there). */
function realArea(fid: { re: Float64Array; im: Float64Array }, from: number, to: number): number {
  const s = spectrum(fid);
  let sum = 0;
  s.ppm.forEach((p, j) => {
    if (p >= from && p <= to) sum += s.re[j] as number;
  });
  return sum;
}

function one(name: string, options: Partial<SimulateBasisOptions> & Pick<SimulateBasisOptions, 'sequence'>) {
  const [fid] = simulateBasisSet({ ...base, linewidthHz: 2, ...options, metabolites: [name] });
  if (fid === undefined) throw new Error('no FID');
  return fid;
}

describe('spin-system table', () => {
  it('carries its provenance and says Asc is missing', () => {
    expect(SPIN_SYSTEMS.header.licence).toMatch(/BSD-3/);
    expect(SPIN_SYSTEMS.header.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(SPIN_SYSTEMS.header.citation).toMatch(/Govindaraju/);
    expect(SPIN_SYSTEMS.header.missing).toMatch(/Asc/);
    expect(findSpinSystem('Asc')).toBeUndefined();
  });

  it('finds metabolites by basis-set name and alias, any case', () => {
    expect(findSpinSystem('mI')?.name).toBe('Ins');
    expect(findSpinSystem('scyllo')?.name).toBe('sIns');
    expect(findSpinSystem('PCh')?.name).toBe('PCho');
    expect(findSpinSystem('pcho')?.name).toBe('PCho');
    for (const name of BRAIN_BASIS_METABOLITES) expect(findSpinSystem(name), name).toBeDefined();
  });

  it('holds the PROVENANCE checks (NAA, Cr, mI, Lac) and drops the heteronuclei from the ¹H groups', () => {
    const naa = findSpinSystem('NAA')?.groups[0];
    expect(naa?.shiftsPpm).toEqual([7.8205, 4.3817, 2.6727, 2.4863, 2.008, 2.008, 2.008]);
    expect(naa?.jHz[1]?.slice(2, 4)).toEqual([3.861, 9.821]);
    expect(naa?.jHz[2]?.[3]).toBe(-15.592);
    expect(findSpinSystem('Ins')?.groups[0]?.shiftsPpm).toEqual([3.5217, 4.0538, 3.5217, 3.6144, 3.269, 3.6144]);
    const pe = findSpinSystem('PE')?.groups[0];
    expect(pe?.shiftsPpm).toEqual([3.9765, 3.9765, 3.216, 3.216]);
    expect(pe?.heteronuclei?.map((h) => h.isotope)).toEqual(['14N', '31P']);
    for (const m of SPIN_SYSTEMS.metabolites) {
      for (const g of m.groups)
        expect(
          g.shiftsPpm.every((p) => p < 20),
          `${m.name} ${g.name}`,
        ).toBe(true);
    }
    expect(protonCount(findSpinSystem('Cr') as NonNullable<ReturnType<typeof findSpinSystem>>)).toBe(6);
    expect(protonCount(findSpinSystem('Glc') as NonNullable<ReturnType<typeof findSpinSystem>>)).toBeCloseTo(7, 12);
  });
});

describe('simulateBasisSet', () => {
  it('puts singlets at their ppm on the NIfTI-MRS axis (NAA 2.008, Cr 3.027, sIns 3.34)', () => {
    const sequence = { kind: 'pulse-acquire' } as const;
    const fine = { sequence, points: 32768 }; // 0.12 Hz per point: the parabola is unbiased to 1e-4 ppm
    expect(peakPpm(one('NAA', fine), 1.9, 2.1)).toBeCloseTo(2.008, 3);
    expect(peakPpm(one('Cr', fine), 2.9, 3.1)).toBeCloseTo(3.027, 3);
    expect(peakPpm(one('sIns', fine), 3.2, 3.5)).toBeCloseTo(3.34, 3);
  });

  it('normalises to one unit per ¹H: pulse-acquire FID(0) = protons, STEAM at TE = TM = 0 half of it', () => {
    const pa = simulateBasisSet({ ...base, sequence: { kind: 'pulse-acquire' } });
    const steam = simulateBasisSet({ ...base, sequence: { kind: 'steam', teS: 0, tmS: 0 } });
    pa.forEach((fid, i) => {
      expect(fid.re[0], fid.metabolite).toBeCloseTo(fid.protons, 6);
      expect(fid.im[0], fid.metabolite).toBeCloseTo(0, 6);
      expect(steam[i]?.re[0], fid.metabolite).toBeCloseTo(fid.protons / 2, 6);
    });
    expect(pa.find((f) => f.metabolite === 'Cr')?.re[0]).toBeCloseTo(6, 10);
  });

  it('keeps singlets at full height under PRESS and half under STEAM at any TE/TM', () => {
    const press = one('Cr', { sequence: { kind: 'press', te1S: 0.011, te2S: 0.019 }, linewidthHz: 0 });
    const steam = one('Cr', { sequence: { kind: 'steam', teS: 0.02, tmS: 0.01 }, linewidthHz: 0 });
    expect(press.re[0]).toBeCloseTo(6, 8);
    expect(steam.re[0]).toBeCloseTo(3, 8);
  });

  it('J-modulates the lactate doublet: inverted at PRESS TE 144 ms, upright at 288 ms', () => {
    const te144 = one('Lac', { sequence: { kind: 'press', te1S: 0.072, te2S: 0.072 } });
    const te288 = one('Lac', { sequence: { kind: 'press', te1S: 0.144, te2S: 0.144 } });
    const pa = one('Lac', { sequence: { kind: 'pulse-acquire' } });
    const reference = realArea(pa, 1.2, 1.45);
    expect(realArea(te144, 1.2, 1.45) / reference).toBeLessThan(-0.95);
    expect(realArea(te288, 1.2, 1.45) / reference).toBeGreaterThan(0.95);
  });

  it('applies the ³¹P coupling only when asked (PE changes, Cr does not)', () => {
    const sequence = { kind: 'press', te1S: 0.011, te2S: 0.019 } as const;
    const diff = (name: string) => {
      const a = one(name, { sequence, phosphorusCoupling: true });
      const b = one(name, { sequence, phosphorusCoupling: false });
      let d = 0;
      for (let j = 0; j < a.re.length; j++) d = Math.max(d, Math.abs((a.re[j] as number) - (b.re[j] as number)));
      return d;
    };
    expect(diff('PE')).toBeGreaterThan(0.05);
    expect(diff('Cr')).toBe(0);
  });

  it('applies Lorentzian and Gaussian decay to the FID', () => {
    const sequence = { kind: 'pulse-acquire' } as const;
    const fid = one('sIns', { sequence, linewidthHz: 3, gaussianHz: 4 });
    const t = 100 * DWELL;
    const expected = 6 * Math.exp(-Math.PI * 3 * t - (Math.PI * 4 * t) ** 2 / (4 * Math.LN2));
    expect(Math.hypot(fid.re[100] as number, fid.im[100] as number)).toBeCloseTo(expected, 10);
  });

  it('rejects unknown metabolites (naming Asc) and bad sampling', () => {
    const sequence = { kind: 'pulse-acquire' } as const;
    expect(() => simulateBasisSet({ ...base, sequence, metabolites: ['Asc'] })).toThrow(
      /Asc is not in the Vespa table/,
    );
    expect(() => simulateBasisSet({ ...base, sequence, metabolites: ['Foo'] })).toThrow(/no spin system/);
    expect(() => simulateBasisSet({ ...base, sequence, dwellTimeS: 0 })).toThrow(/dwell/);
    expect(() => simulateBasisSet({ ...base, sequence: { kind: 'press', te1S: -1, te2S: 0.01 } })).toThrow(/TE1/);
  });

  it('wraps the FIDs as MRS basis spectra with their sequence in the meta', () => {
    const spectra = simulatedBasisSpectra({
      ...base,
      metabolites: ['NAA', 'mI'],
      sequence: { kind: 'press', te1S: 0.011, te2S: 0.019 },
      linewidthHz: 4,
    });
    expect(spectra.map((s) => s.meta.metabolite)).toEqual(['NAA', 'Ins']);
    const naa = spectra[0];
    expect(naa?.domain).toBe('mrs');
    expect(naa?.meta).toMatchObject({
      basisSet: true,
      simulated: true,
      format: SIMULATED_BASIS_FORMAT_ID,
      sequence: 'PRESS TE 30 ms (11 + 19)',
      sequenceKind: 'press',
      protons: 7,
      centrePpm: 4.65,
      spectrometerFrequencyMHz: CF,
      dwellTimeS: DWELL,
      points: 4096,
      'index.metabolite': 0,
    });
    expect(naa?.meta.echoTimeS).toBeCloseTo(0.03, 12);
    expect(naa?.x.values[1]).toBeCloseTo(DWELL, 15);
    expect(naa?.y.imaginary?.length).toBe(4096);
  });
});
