import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../ml/training/random';
import type { EmissionLine } from '../lines/emissionLine';
import { defaultInstrument, sensitivityAt } from './instrument';
import { BOLTZMANN_EV_K } from './physicalConstants';
import { type EmissionScene, simulateEmission, toEmissionSpectrum } from './simulateEmission';
import { CU_BOLTZMANN_LINES, TEST_LINES } from './testLines.testUtil';

const instrument = defaultInstrument();
const baseline = instrument.offsetCounts + instrument.darkCurrentCountsPerS * instrument.integrationTimeS;
const scene: EmissionScene = {
  lines: TEST_LINES,
  plasma: { temperatureK: 5500, electronDensityCm3: 1e15, pathLengthCm: 0.05 },
  densitiesCm3: { Na: 1e11, K: 1e11, Ca: 1e11, Li: 1e11, Cu: 1e12, Mg: 1e12, H: 1e16, O: 1e16 },
  instrument,
  noise: null,
};

/** Baseline-subtracted counts summed within ±half nm of `centre`. */
function windowSum(wavelengths: Float64Array, counts: Float64Array, centre: number, half: number): number {
  let sum = 0;
  wavelengths.forEach((w, i) => {
    if (Math.abs(w - centre) <= half) sum += (counts[i] as number) - baseline;
  });
  return sum;
}

describe('simulateEmission', () => {
  it('lets a Boltzmann plot of the simulated Cu I lines recover the plasma temperature within 2 %', () => {
    for (const t of [5000, 8000]) {
      const out = simulateEmission({
        ...scene,
        lines: CU_BOLTZMANN_LINES,
        plasma: { ...scene.plasma, temperatureK: t },
        densitiesCm3: { Cu: 1e11 },
        continuum: false,
      });
      const x: number[] = [];
      const y: number[] = [];
      const sens = sensitivityAt(
        instrument,
        Float64Array.from(CU_BOLTZMANN_LINES, (l) => l.wavelengthNm),
      );
      CU_BOLTZMANN_LINES.forEach((line, i) => {
        const intensity = windowSum(out.wavelengthNm, out.expectedCounts, line.wavelengthNm, 1.2) / (sens[i] as number);
        x.push(line.ekEv as number);
        y.push(Math.log((intensity * line.wavelengthNm) / ((line.gk as number) * (line.aki as number))));
      });
      const mx = x.reduce((a, b) => a + b) / x.length;
      const my = y.reduce((a, b) => a + b) / y.length;
      const slope =
        x.reduce((s, xi, i) => s + (xi - mx) * ((y[i] as number) - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
      const recovered = -1 / (BOLTZMANN_EV_K * slope);
      expect(Math.abs(recovered / t - 1)).toBeLessThan(0.02);
    }
  });

  it('accounts for every count: the lines’ truth counts sum to the spectrum without continuum', () => {
    const out = simulateEmission({ ...scene, continuum: false });
    const total = out.expectedCounts.reduce((s, v) => s + v - baseline, 0);
    const lines = out.truth.lines.reduce((s, l) => s + l.counts, 0);
    expect(lines / total).toBeCloseTo(1, 2);
    expect(out.truth.ionFractions.Na?.[1]).toBeGreaterThan(0.5);
  });

  it('shifts the lines by the axis error and widens them with extra broadening', () => {
    const peakAt = (o: ReturnType<typeof simulateEmission>): number => {
      let best = 0;
      o.wavelengthNm.forEach((w, i) => {
        if (Math.abs(w - 670.78) < 3 && (o.expectedCounts[i] as number) > (o.expectedCounts[best] as number)) best = i;
      });
      return o.wavelengthNm[best] as number;
    };
    const plain = simulateEmission(scene);
    const shifted = simulateEmission({ ...scene, wavelengthShiftNm: 1.5 });
    expect(peakAt(plain) - peakAt(shifted)).toBeCloseTo(1.5, 0);
    expect(shifted.truth.lines.find((l) => l.element === 'Li')?.observedNm).toBeCloseTo(670.776 - 1.5, 2);
    const broad = simulateEmission({ ...scene, extraBroadeningNm: 2 });
    const li = (o: ReturnType<typeof simulateEmission>) =>
      Math.max(...o.expectedCounts.filter((_, i) => Math.abs((o.wavelengthNm[i] as number) - 670.78) < 3));
    expect(li(broad) - baseline).toBeLessThan(0.5 * (li(plain) - baseline));
  });

  it('scales linearly with intensityScale and integrationScale', () => {
    const one = simulateEmission({ ...scene, continuum: false });
    const three = simulateEmission({ ...scene, continuum: false, intensityScale: 1.5, integrationScale: 2 });
    const sum = (o: typeof one, b: number) => o.expectedCounts.reduce((s, v) => s + v - b, 0);
    const baseline2 = instrument.offsetCounts + 2 * instrument.darkCurrentCountsPerS * instrument.integrationTimeS;
    expect(sum(three, baseline2) / sum(one, baseline)).toBeCloseTo(3, 6);
  });

  it('is reproducible from its seed and differs between seeds; noise-free without one', () => {
    const a = simulateEmission({ ...scene, noise: 42 });
    const b = simulateEmission({ ...scene, noise: 42 });
    const c = simulateEmission({ ...scene, noise: createRandom(43) });
    expect(a.counts).toEqual(b.counts);
    expect(a.counts).not.toEqual(c.counts);
    const quiet = simulateEmission(scene);
    quiet.counts.forEach((v, i) => {
      expect(v).toBe(Math.min(instrument.saturationCounts, Math.round(quiet.expectedCounts[i] as number)));
    });
  });

  it('reports saturated pixels and lines it could not draw; rejects unknown elements', () => {
    const bright = simulateEmission({ ...scene, integrationScale: 200 });
    expect(bright.truth.saturatedCount).toBeGreaterThan(0);
    expect(bright.saturated.reduce((a, b) => a + b, 0)).toBe(bright.truth.saturatedCount);
    const bare: EmissionLine = { element: 'Na', ion: 1, wavelengthNm: 330.24, source: 'test' };
    expect(simulateEmission({ ...scene, lines: [bare] }).truth.skippedLines).toEqual([bare]);
    expect(() => simulateEmission({ ...scene, densitiesCm3: { Co: 1e10 } })).toThrow(/no partition functions/);
    expect(() => simulateEmission({ ...scene, plasma: { ...scene.plasma, temperatureK: 50000 } })).toThrow(
      /temperatureK/,
    );
  });

  it('wraps a result as an emission Spectrum with its plasma in meta', () => {
    const out = simulateEmission({ ...scene, wavelengthShiftNm: 0.1 });
    const spectrum = toEmissionSpectrum(out, 'test', scene.plasma, { seed: 3 });
    expect(spectrum).toMatchObject({
      domain: 'emission',
      x: { unit: 'nm', quantity: 'wavelength' },
      y: { unit: 'counts' },
    });
    expect(spectrum.y.values).toBe(out.counts);
    expect(spectrum.meta).toMatchObject({ simulated: true, temperatureK: 5500, wavelengthShiftNm: 0.1, seed: 3 });
  });

  it('reports its speed (not asserted)', () => {
    const runs = 50;
    const noisy = { ...scene, bands: { OH: 10 } };
    simulateEmission({ ...noisy, noise: 0 });
    const start = performance.now();
    for (let i = 0; i < runs; i++) simulateEmission({ ...noisy, noise: i });
    const ms = (performance.now() - start) / runs;
    console.log(
      `simulateEmission: ${ms.toFixed(2)} ms per 2048-pixel spectrum (${TEST_LINES.length} lines, continuum, OH, noise)`,
    );
    expect(ms).toBeGreaterThan(0);
  });
});
