import { describe, expect, it } from 'vitest';
import { defaultInstrument } from './instrument';
import { type DischargeParameters, liquidDischargePlasma, simulateLiquidDischarge } from './liquidDischarge';
import { TEST_LINES } from './testLines.testUtil';

const instrument = defaultInstrument();
const baseline = instrument.offsetCounts + instrument.darkCurrentCountsPerS * instrument.integrationTimeS;
const sample = (conductivityUsCm: number, extra: Partial<DischargeParameters> = {}): DischargeParameters => ({
  conductivityUsCm,
  liquidTemperatureC: 25,
  concentrationsMgL: { Na: 1, Li: 1, Cu: 1 },
  ...extra,
});
const lineCounts = (o: ReturnType<typeof simulateLiquidDischarge>, nm: number): number =>
  o.truth.lines.find((l) => l.wavelengthNm === nm)?.counts as number;

describe('liquidDischargePlasma', () => {
  it('raises energy, T_exc, n_e and transport monotonically with conductivity, within the documented ranges', () => {
    let previous = liquidDischargePlasma(sample(20));
    for (const sigma of [50, 200, 1000, 5000, 20000, 100000]) {
      const state = liquidDischargePlasma(sample(sigma));
      expect(state.energyFraction).toBeGreaterThan(previous.energyFraction);
      expect(state.plasma.temperatureK).toBeGreaterThan(previous.plasma.temperatureK);
      expect(state.plasma.electronDensityCm3).toBeGreaterThan(previous.plasma.electronDensityCm3);
      expect(state.transportEfficiency).toBeGreaterThan(previous.transportEfficiency);
      expect(state.plasma.temperatureK).toBeGreaterThanOrEqual(3000);
      expect(state.plasma.temperatureK).toBeLessThanOrEqual(10000);
      expect(state.plasma.electronDensityCm3).toBeGreaterThanOrEqual(1e14);
      expect(state.plasma.electronDensityCm3).toBeLessThanOrEqual(1e16);
      previous = state;
    }
  });

  it('couples liquid temperature: σ +2 %/°C, more transport, more water (H, OH)', () => {
    const cold = liquidDischargePlasma(sample(1000, { liquidTemperatureC: 15 }));
    const warm = liquidDischargePlasma(sample(1000, { liquidTemperatureC: 45 }));
    expect(cold.conductivityUsCm).toBeCloseTo(800, 10);
    expect(warm.conductivityUsCm).toBeCloseTo(1400, 10);
    expect(warm.transportEfficiency).toBeGreaterThan(cold.transportEfficiency);
    expect(warm.densitiesCm3.H).toBeGreaterThan(cold.densitiesCm3.H as number);
    expect(warm.ohRadiance).toBeGreaterThan(cold.ohRadiance);
    // At the same actual conductivity, a warmer liquid makes a cooler plasma (vapour load).
    const sameSigma = liquidDischargePlasma(sample(1000, { liquidTemperatureC: 35 }));
    const reference = liquidDischargePlasma(sample(1200, { liquidTemperatureC: 25 }));
    expect(sameSigma.conductivityUsCm).toBeCloseTo(reference.conductivityUsCm, 8);
    expect(sameSigma.plasma.temperatureK).toBeLessThan(reference.plasma.temperatureK);
  });

  it('converts mg/L to plasma densities through the transport efficiency (N_A·10⁻⁶/M per mg/L)', () => {
    const state = liquidDischargePlasma(sample(1000, { concentrationsMgL: { Na: 2 } }));
    expect(state.densitiesCm3.Na).toBeCloseTo((state.transportEfficiency * 2e-6 * 6.02214076e23) / 22.99, -3);
  });

  it('adds the electrons of easily ionised elements (EIE): 2000 mg/L Na raises n_e', () => {
    const clean = liquidDischargePlasma(sample(500, { concentrationsMgL: {} }));
    const salty = liquidDischargePlasma(sample(500, { concentrationsMgL: { Na: 2000 } }));
    expect(salty.plasma.electronDensityCm3).toBeGreaterThan(1.2 * clean.plasma.electronDensityCm3);
    expect(salty.plasma.temperatureK).toBe(clean.plasma.temperatureK);
  });

  it('lowers energy and transport as the electrode wears', () => {
    const fresh = liquidDischargePlasma(sample(3000));
    const worn = liquidDischargePlasma(sample(3000, { electrodeWear: 0.8 }));
    expect(worn.energyFraction).toBeLessThan(fresh.energyFraction);
    expect(worn.transportEfficiency).toBeLessThan(0.6 * fresh.transportEfficiency);
  });

  it('rejects impossible parameters', () => {
    expect(() => liquidDischargePlasma(sample(0))).toThrow(/conductivityUsCm/);
    expect(() => liquidDischargePlasma(sample(100, { liquidTemperatureC: 120 }))).toThrow(/liquidTemperatureC/);
    expect(() => liquidDischargePlasma(sample(100, { concentrationsMgL: { Na: -1 } }))).toThrow(/Na/);
  });
});

describe('simulateLiquidDischarge (the matrix effect)', () => {
  const low = simulateLiquidDischarge(sample(300), { lines: TEST_LINES, instrument, noise: null });
  const high = simulateLiquidDischarge(sample(30000), { lines: TEST_LINES, instrument, noise: null });

  it('gives the same concentrations different Na, Li and Cu intensities at two conductivities, and different ratios', () => {
    for (const nm of [588.995, 670.776, 324.754])
      expect(lineCounts(high, nm) / lineCounts(low, nm)).toBeGreaterThan(1.2);
    const ratioLow = lineCounts(low, 588.995) / lineCounts(low, 670.776);
    const ratioHigh = lineCounts(high, 588.995) / lineCounts(high, 670.776);
    expect(Math.abs(ratioHigh / ratioLow - 1)).toBeGreaterThan(0.05);
    // Cu I 324.75 (E_k 3.8 eV) against Li I 670.8 (1.85 eV): the hotter plasma favours the high level.
    const cuLi = (o: typeof low) => lineCounts(o, 324.754) / lineCounts(o, 670.776);
    expect(cuLi(high) / cuLi(low)).toBeGreaterThan(2);
  });

  it('shows the plasma change in the spectrum itself: wider Hα and more continuum', () => {
    const ha = (o: typeof low) => o.truth.lines.find((l) => l.element === 'H');
    expect(ha(high)?.stark.fwhmNm).toBeGreaterThan(4 * (ha(low)?.stark.fwhmNm as number));
    const continuum = (o: typeof low) => {
      let sum = 0;
      o.wavelengthNm.forEach((w, i) => {
        if (w > 440 && w < 480) sum += (o.expectedCounts[i] as number) - baseline;
      });
      return sum;
    };
    expect(continuum(high)).toBeGreaterThan(10 * continuum(low));
  });

  it('bends the calibration curve at high concentration (self-absorption)', () => {
    const na = (mgL: number) =>
      lineCounts(
        simulateLiquidDischarge(sample(1000, { concentrationsMgL: { Na: mgL } }), {
          lines: TEST_LINES,
          instrument,
          noise: null,
        }),
        588.995,
      );
    expect(na(0.1) / na(0.01)).toBeCloseTo(10, 0);
    expect(na(300) / na(30)).toBeLessThan(7);
  });

  it('draws the shot-to-shot factor and noise from its seed', () => {
    const a = simulateLiquidDischarge(sample(1000), { lines: TEST_LINES, instrument, noise: 7 });
    const b = simulateLiquidDischarge(sample(1000), { lines: TEST_LINES, instrument, noise: 7 });
    expect(a.counts).toEqual(b.counts);
    expect(a.shotFactor).toBe(b.shotFactor);
    expect(Math.abs(a.shotFactor - 1)).toBeLessThan(0.1);
    expect(low.shotFactor).toBe(1);
  });
});
