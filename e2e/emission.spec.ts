import { expect, type Page, test } from '@playwright/test';
import { type DropFile, WorkbenchPage } from './workbenchPage';

/** Deterministic uniform noise in [−1, 1) (a small LCG): the synthetic spectra repeat exactly. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

/**
 * A synthetic emission spectrum as the optical CSV reader reads it (`wavelength_nm,intensity`):
 * 400–420 nm in 0.02 nm steps, a sloping background, and one Gaussian line at 410.30 nm
 * (σ 0.05 nm) whose height is 100 counts per mg/L, with ±3 counts of uniform noise.
 */
function syntheticSpectrum(name: string, mgL: number, seed: number): DropFile {
  const next = noise(seed);
  const rows = ['wavelength_nm,intensity'];
  for (let i = 0; i <= 1000; i++) {
    const x = 400 + 0.02 * i;
    const y = 50 + 0.5 * (x - 400) + 100 * mgL * Math.exp(-(((x - 410.3) / 0.05) ** 2) / 2) + 3 * next();
    rows.push(`${x.toFixed(2)},${y.toFixed(3)}`);
  }
  return { name, content: `${rows.join('\n')}\n` };
}

const role = (page: Page, id: string) => page.locator(`[data-testid="cal-role"][data-spectrum="${id}"]`);
const concentration = (page: Page, id: string) =>
  page.locator(`[data-testid="cal-concentration"][data-spectrum="${id}"]`);

test.describe('atomic emission', () => {
  test('soil LIBS window (Ca_Mn_spec.csv): Ca identified, its lines drawn at the axis offset, markers per element', async ({
    page,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.dropFixtures(['optical/Ca_Mn_spec.csv']);
    const panel = page.getByTestId('emission-panel');
    await expect(panel).toBeVisible();
    // Identification runs on request (in the worker); nothing is drawn over the spectrum before.
    await expect(page.getByTestId('emission-status')).toHaveAttribute('data-status', 'idle');
    expect((await app.traces()).map((t) => t.role)).not.toContain('element-lines');
    await page.getByTestId('emission-identify').click();
    await expect(page.getByTestId('emission-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const ca = page.locator('[data-testid="emission-element"][data-element="Ca"]');
    await expect(ca).toHaveAttribute('data-accepted', 'true');
    const offset = Number(await page.getByTestId('emission-offset').getAttribute('data-offset'));
    expect(offset).toBeGreaterThan(0.25);
    expect(offset).toBeLessThan(0.36); // the shift finder's −0.344 ± 0.037 nm (processing README)
    // The line table lists Ca II 393.366 nm, observed near 393.71 nm.
    const k = page.locator('[data-testid="emission-line-row"][data-element="Ca"][data-library="393.366"]');
    await expect(k.getByTestId('observed-nm')).toHaveText(/^393\.7\d\d$/);

    // Accepted elements' lines are drawn at library λ + offset; peaks are labelled.
    let traces = await app.waitForTraces((t) => t.some((x) => x.role === 'element-lines' && x.name === 'Ca'));
    const caLines = traces.find((t) => t.role === 'element-lines' && t.name === 'Ca');
    expect(caLines?.x.some((x) => x !== null && Math.abs(x - (393.366 + offset)) < 0.002)).toBe(true);
    expect(traces.some((t) => t.role === 'peaks')).toBe(true);
    await expect(page.locator('[data-testid="emission-marker"][data-element="Ca"]')).toBeChecked();

    // Mn (a candidate) on request; Ca off; markers at library λ when the offset is not followed.
    await page.locator('[data-testid="emission-marker"][data-element="Mn"]').first().check();
    traces = await app.waitForTraces((t) => t.some((x) => x.role === 'element-lines' && x.name === 'Mn'));
    await page.locator('[data-testid="emission-marker"][data-element="Ca"]').uncheck();
    await app.waitForTraces((t) => !t.some((x) => x.role === 'element-lines' && x.name === 'Ca'));
    await page.getByTestId('emission-follow-offset').uncheck();
    traces = await app.waitForTraces((t) =>
      t.some((x) => x.name === 'Mn' && x.x.some((v) => v !== null && Math.abs(v - 403.0755) < 0.002)),
    );
    await expect(app.problems).toHaveCount(0);
  });

  test('calibration from synthetic standards: curve with bands, unknowns ± U, extrapolation flagged', async ({
    page,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    const levels = [1, 2, 5, 10];
    await app.drop([
      ...levels.map((c, i) => syntheticSpectrum(`std_${c}.csv`, c, 10 + i)),
      syntheticSpectrum('unknown_4.csv', 4, 99),
      syntheticSpectrum('unknown_15.csv', 15, 98),
    ]);
    await expect(page.getByTestId('loaded-file')).toHaveCount(6);
    await page.getByTestId('emission-calibration-open').click();
    await expect(page.getByTestId('emission-calibration')).toBeVisible();
    for (const c of levels) {
      await role(page, `std_${c}.csv#0`).selectOption('standard');
      await concentration(page, `std_${c}.csv#0`).fill(String(c));
    }
    await role(page, 'unknown_4.csv#0').selectOption('unknown');
    await role(page, 'unknown_15.csv#0').selectOption('unknown');
    await expect(page.getByTestId('cal-problems')).toContainText('choose a line');
    await page.getByTestId('cal-line-nm').fill('410.3');
    await page.getByTestId('cal-window-nm').fill('1');
    await page.getByTestId('cal-run').click();
    await expect(page.getByTestId('cal-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

    const four = page.locator('[data-testid="cal-unknown-row"][data-spectrum="unknown_4.csv#0"]');
    const result = four.getByTestId('cal-result');
    await expect(result).toContainText(/± .* mg\/L \(k = 4\.3\)/); // t(0.975, 2 dof) = 4.30
    const value = Number(await result.getAttribute('data-value'));
    const U = Number(await result.getAttribute('data-u'));
    expect(U).toBeGreaterThan(0);
    expect(Math.abs(value - 4)).toBeLessThan(U);
    await expect(four.getByTestId('cal-extrapolation')).toHaveCount(0);
    const fifteen = page.locator('[data-testid="cal-unknown-row"][data-spectrum="unknown_15.csv#0"]');
    await expect(fifteen.getByTestId('cal-extrapolation')).toContainText('above');
    await expect(page.getByTestId('cal-curve')).toContainText('4 standards, 2 degrees of freedom');

    const plotted = await app.figureTraces(page.getByTestId('cal-plot'));
    expect(plotted.map((t) => t.meta.role)).toEqual([
      'prediction-band',
      'confidence-band',
      'fit',
      'standards',
      'unknowns',
    ]);
    expect(plotted[3]?.x).toEqual(levels);
    await expect(app.problems).toHaveCount(0);
  });
});
