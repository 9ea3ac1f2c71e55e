import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
import { lineLibrary } from '../domains/emission/lines/lineLibrary';
import { defaultInstrument, simulateLiquidDischarge, toEmissionSpectrum } from '../domains/emission/simulation';
import { createEngine } from './engine';

const fixture = (name: string) => new File([readFileSync(resolve(process.cwd(), 'test/fixtures/optical', name))], name);

/** The spectra of a real fixture, read by the engine as the app does. */
async function load(engine: ReturnType<typeof createEngine>, name: string): Promise<Spectrum[]> {
  const [result] = await engine.parseFiles(`load-${name}`, [fixture(name)]);
  if (!result?.ok) throw new Error(`${name} did not load: ${JSON.stringify(result)}`);
  return result.value.spectra;
}

/** Whether a list of library wavelengths holds `nm` (the library keeps 4 decimals: within 1 pm). */
const hasLine = (list: readonly number[] | undefined, nm: number) => (list ?? []).some((x) => Math.abs(x - nm) < 0.001);

const instrument = defaultInstrument();
/** A simulated liquid-discharge spectrum (1000 µS/cm, 25 °C) with `mgL` of Na beside 2 mg/L Ca; noise from `seed`. */
function sodium(mgL: number, seed: number): Spectrum {
  const simulated = simulateLiquidDischarge(
    { conductivityUsCm: 1000, liquidTemperatureC: 25, concentrationsMgL: { Na: mgL, Ca: 2 } },
    { lines: lineLibrary(), instrument, noise: seed },
  );
  const spectrum = toEmissionSpectrum(simulated, `Na ${mgL} mg/L #${seed}`, simulated.discharge.plasma);
  return { ...spectrum, id: `${spectrum.id}#${seed}` };
}

describe('engine emission methods: element identification', () => {
  it('Ca_Mn_spec.csv (specProc soil LIBS, 374–513 nm): Ca accepted with Ca II H/K and Ca I 422.7, the axis offset found', async () => {
    const engine = createEngine();
    const [spectrum] = await load(engine, 'Ca_Mn_spec.csv');
    const result = await engine.identifyEmission('id-1', spectrum as Spectrum);
    if (!result.ok) throw new Error(result.error.message);
    const { result: found, peaks } = result.value;
    const ca = found.elements[0];
    expect(ca?.element).toBe('Ca');
    expect(ca?.accepted).toBe(true);
    const matched = ca?.matched.map((m) => m.libraryNm) ?? [];
    for (const line of [393.366, 396.847, 422.673]) expect(hasLine(matched, line), `${line}`).toBe(true);
    // The axis reads ≈ 0.34 nm high (processing README: shift finder −0.344 ± 0.037 nm); the
    // identification searches ±0.3 nm by default (grid, then a parabola) and lands near its edge.
    expect(found.offsetNm).toBeGreaterThan(0.25);
    expect(found.offsetNm).toBeLessThan(0.36);
    for (const m of ca?.matched.filter((l) =>
      [393.366, 396.847, 422.673].some((nm) => Math.abs(l.libraryNm - nm) < 0.001),
    ) ?? [])
      expect(Math.abs(m.observedNm - m.libraryNm - found.offsetNm)).toBeLessThan(0.1);
    // Mn is a candidate through its 403.1 nm resonance triplet, not accepted (its other lines are missing).
    const mn = found.elements.find((e) => e.element === 'Mn');
    expect(mn?.accepted).toBe(false);
    expect(
      hasLine(
        mn?.matched.map((m) => m.libraryNm),
        403.076,
      ),
    ).toBe(true);
    // The strong peaks near 455.7 and 493.7 nm (Ba II 455.40 / 493.41 + offset) have no library element.
    const unexplained = found.unexplainedPeaks.map((i) => peaks[i]?.wavelengthNm ?? 0);
    expect(unexplained.some((x) => Math.abs(x - 455.7) < 0.3)).toBe(true);
    expect(result.value.baseline).toMatch(/^airpls/);
  });

  it('soil LIBS 240–400 nm: Fe, Al and Ca accepted, offset within 0.03 nm of zero (the file is well calibrated)', async () => {
    const engine = createEngine();
    const [first] = await load(engine, 'specData_soil_LIBS_240-400nm.csv');
    const result = await engine.identifyEmission('id-2', first as Spectrum);
    if (!result.ok) throw new Error(result.error.message);
    const accepted = result.value.result.elements.filter((e) => e.accepted).map((e) => e.element);
    expect(accepted).toEqual(expect.arrayContaining(['Fe', 'Al', 'Ca']));
    expect(Math.abs(result.value.result.offsetNm)).toBeLessThan(0.03);
    expect(result.value.peaks.length).toBeLessThanOrEqual(200);
    expect(result.value.peaksFound).toBeGreaterThan(result.value.peaks.length);
  });

  it('refuses a Raman spectrum in cm⁻¹ with a typed error naming the file; a cancelled job says CANCELLED', async () => {
    const engine = createEngine();
    const [raman] = await load(engine, 'raman_hdpe.csv');
    const refused = await engine.identifyEmission('id-3', raman as Spectrum);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_OPTION', file: 'raman_hdpe.csv' } });
    expect(refused.ok === false && refused.error.message).toMatch(/nm/);

    const [spectrum] = await load(engine, 'Ca_Mn_spec.csv');
    const pending = engine.identifyEmission('id-4', spectrum as Spectrum);
    engine.cancel('id-4');
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED', file: 'Ca_Mn_spec.csv' } });
  });

  it('gives library lines for markers: in range, by wavelength, relative to the strongest; the element list', async () => {
    const engine = createEngine();
    const sets = await engine.emissionLines(['Ca', 'Mn', 'Xx'], [373.9, 513.4]);
    if (!sets.ok) throw new Error(sets.error.message);
    expect(sets.value.map((s) => s.element)).toEqual(['Ca', 'Mn']);
    for (const set of sets.value) {
      const x = set.lines.map((l) => l.wavelengthNm);
      expect(x).toEqual([...x].sort((a, b) => a - b));
      expect(Math.min(...x)).toBeGreaterThanOrEqual(373.9);
      expect(Math.max(...x)).toBeLessThanOrEqual(513.4);
      expect(Math.max(...set.lines.map((l) => l.relative))).toBe(1);
    }
    expect(sets.value[0]?.lines.some((l) => Math.abs(l.wavelengthNm - 393.366) < 0.001 && l.ion === 2)).toBe(true);
    const elements = await engine.emissionElements();
    if (!elements.ok) throw new Error(elements.error.message);
    expect(elements.value).toEqual(expect.arrayContaining(['Al', 'Ca', 'Cr', 'Fe', 'Mg', 'Mn', 'N', 'Na', 'Ni', 'O']));
    expect(elements.value).toEqual([...new Set(elements.value)].sort((a, b) => a.localeCompare(b, 'en')));
  });
});

describe('engine emission methods: calibration with uncertainty', () => {
  // Na D (588.995 + 589.592 nm, one window) in simulated liquid-discharge spectra: 5 levels in duplicate.
  const levels = [0.5, 1, 2, 5, 10];
  const standards = levels.flatMap((c, i) =>
    [0, 1].map((r) => ({ spectrum: sodium(c, 100 + 10 * i + r), concentration: c })),
  );
  const line = { wavelengthNm: 589.3, windowNm: 3, label: 'Na I D' };

  it('reads unknowns of known concentration back within U; above the top standard it is flagged', async () => {
    const engine = createEngine();
    const truth = [3, 0.7, 20];
    const result = await engine.calibrateEmission(
      'cal-1',
      standards,
      line,
      truth.map((c, i) => sodium(c, 900 + i)),
    );
    if (!result.ok) throw new Error(result.error.message);
    const { curve, unknowns, coverageFactor, bands } = result.value;
    expect(curve.dof).toBe(8);
    expect(curve.rSquared).toBeGreaterThan(0.999);
    expect(coverageFactor).toBe(2.31); // t(0.975, 8) = 2.306
    const [three, low, high] = unknowns;
    for (const [u, c] of [
      [three, 3],
      [low, 0.7],
    ] as const) {
      expect(Math.abs((u?.result.value ?? 0) - c)).toBeLessThan(u?.result.U ?? 0);
      expect(u?.extrapolation).toBeUndefined();
      expect(u?.result.text).toMatch(/^\d+\.\d+ ± \d\.\d+ mg\/L \(k = 2\.31\)$/);
    }
    expect(high?.extrapolation).toBe('above');
    // the budget: the two parts of u(x̂₀) of inversePrediction, shares adding to 1
    for (const u of unknowns) {
      const parts = u.result.components;
      expect(parts.map((p) => p.group)).toEqual(['Rw', 'bias']);
      expect(Math.hypot(...parts.map((p) => p.u))).toBeCloseTo(u.prediction.standardUncertainty, 10);
      expect(u.result.U).toBeCloseTo(2.31 * u.prediction.standardUncertainty, 10);
      expect(parts.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 12);
    }
    // bands cover the unknowns, prediction ⊇ confidence, and the standards' residuals balance (OLS)
    expect(bands.at(-1)?.x).toBeGreaterThan(20);
    for (const b of bands) expect(b.predictionHalfWidth).toBeGreaterThan(b.confidenceHalfWidth);
    expect(result.value.standards.reduce((s, st) => s + st.residual, 0)).toBeCloseTo(0, 6);
  });

  it('adds the laboratory components to the budget; typed errors for too few standards and a window off the axis', async () => {
    const engine = createEngine();
    const withLab = await engine.calibrateEmission('cal-2', standards, line, [sodium(3, 901)], {
      coverage: 2,
      unit: 'ppm',
      extraComponents: [{ name: 'control sample', u: 0.02, scale: 'relative', group: 'Rw' }],
    });
    if (!withLab.ok) throw new Error(withLab.error.message);
    const [unknown] = withLab.value.unknowns;
    const lab = unknown?.result.components.find((c) => c.name === 'control sample');
    expect(lab?.u).toBeCloseTo(0.02 * (unknown?.result.value ?? 0), 10);
    expect(unknown?.result.U).toBeCloseTo(
      2 * Math.hypot(unknown?.prediction.standardUncertainty ?? 0, lab?.u ?? 0),
      10,
    );
    expect(unknown?.result.text).toMatch(/ppm \(k = 2\)$/);

    const few = await engine.calibrateEmission('cal-3', standards.slice(0, 2), line, []);
    expect(few).toMatchObject({ ok: false, error: { code: 'INVALID_DATA' } });
    const off = await engine.calibrateEmission('cal-4', standards, { wavelengthNm: 950, windowNm: 3 }, []);
    expect(off).toMatchObject({ ok: false, error: { code: 'INVALID_OPTION', file: standards[0]?.spectrum.file } });
  });
});
