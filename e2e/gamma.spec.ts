import { expect, test } from '@playwright/test';
import { WorkbenchPage } from './workbenchPage';

test.describe('gamma spectroscopy', () => {
  test('RadiaCode XML with its background: background preselected, Cs-137 identified, its lines drawn', async ({
    page,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.dropFixtures(['grs/rc_trinitite.xml']);
    const { gamma } = app;
    await expect(gamma.panel).toBeVisible();
    // The file's own background measurement is preselected, and identification ran once with it.
    await expect(gamma.background).toHaveValue('rc_trinitite.xml#1');
    await expect(gamma.status).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(gamma.status).toContainText('Background scaled by the live-time ratio');
    await expect(gamma.row('Cs-137')).toBeVisible();
    // The shipped CNN runs beside the library method: both name Cs-137 and Am-241 (the 60 keV line
    // of the trinitite); the library method alone also reads the 122 keV peak as Co-57 (trinitite
    // holds Eu-152, whose 121.8 keV line it is), and the agreement line says so.
    const agreement = page.getByTestId('method-agreement');
    await expect(agreement).toContainText('both name', { timeout: 60_000 });
    await expect(agreement).toContainText('Cs-137');
    await expect(agreement).toContainText('Am-241');
    await expect(agreement).toContainText('classical only: Co-57');
    await expect(gamma.row('Cs-137').getByTestId('cnn-probability')).toContainText('±');
    // Gamma spectra open on a log intensity scale.
    await expect(page.getByTestId('log-intensity')).toBeChecked();

    // Peak markers and the scaled background are drawn; the Cs-137 lines appear on request.
    let traces = await app.waitForTraces(
      (t) => t.some((x) => x.role === 'peaks') && t.some((x) => x.role === 'background'),
    );
    const peaks = traces.find((t) => t.role === 'peaks');
    expect(peaks?.x.some((e) => Math.abs(e - 662) < 15)).toBe(true);
    expect(traces.some((t) => t.role === 'nuclide-lines')).toBe(false);
    await gamma.overlay('Cs-137').check();
    traces = await app.waitForTraces((t) => t.some((x) => x.role === 'nuclide-lines' && x.name === 'Cs-137'));
    const lines = traces.find((t) => t.role === 'nuclide-lines');
    expect(lines?.x.some((e) => e !== null && Math.abs(e - 661.657) < 0.01)).toBe(true);
    // The toolbar lists the overlays shown; clicking one hides it (also when the table does not list it).
    await expect(page.getByTestId('overlay-chip')).toHaveText(/Cs-137/);
    await page.getByTestId('overlay-chip').click();
    await app.waitForTraces((t) => !t.some((x) => x.role === 'nuclide-lines'));
    await expect(gamma.overlay('Cs-137')).not.toBeChecked();

    // The background trace follows its toolbar toggle; a user's log-scale choice sticks.
    await page.getByTestId('show-background').uncheck();
    await app.waitForTraces((t) => !t.some((x) => x.role === 'background'));
    await page.getByTestId('log-intensity').uncheck();
    await app.dropFixtures(['grs/rc_dt_bg.xml']);
    await expect(page.getByTestId('loaded-file')).toHaveCount(2);
    await expect(page.getByTestId('log-intensity')).not.toBeChecked();
    await expect(app.problems).toHaveCount(0);
  });

  test('net spectrum with the embedded background, and ROI counts with uncertainty', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.dropFixtures(['grs/rc_trinitite.xml']);
    const { gamma } = app;
    await expect(gamma.status).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await page.getByTestId('roi-low').fill('600');
    await page.getByTestId('roi-high').fill('720');
    await page.getByTestId('roi-count').click();
    await expect(page.getByTestId('roi-result')).toContainText(/net \d[\d.e+]* ± \d/);
    await page.getByTestId('gamma-net-spectrum').click();
    await expect(page.getByTestId('spectrum-list')).toContainText('background subtracted');
    await expect(app.problems).toHaveCount(0);
  });

  test('HPGe pottery spectrum: Co-60 identified, peak table listed', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.dropFixtures(['grs/bq_1110C_naa_cave_pottery_hpge.spe']);
    const { gamma } = app;
    await expect(gamma.background).toHaveValue('');
    await expect(gamma.status).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(gamma.row('Co-60')).toBeVisible();
    await expect(gamma.row('Co-60').getByTestId('matched-lines')).toContainText('1332.5');
    await expect(gamma.row('K-40').getByTestId('natural-badge')).toBeVisible();
    await gamma.peakTable.locator('summary').click();
    expect(await gamma.peakTable.getByTestId('peak-row').count()).toBeGreaterThan(20);
    // Identify again by hand: the same result.
    await gamma.identify.click();
    await expect(gamma.status).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(gamma.row('Co-60')).toBeVisible();
    await expect(app.problems).toHaveCount(0);
  });

  test('RadiaCode spectrogram: heatmap of the time series, a summed range becomes a new spectrum', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.dropFixtures(['grs/rc_K40.rcspg']);
    const { timeSeries } = app;
    await expect(timeSeries.panel).toContainText('690 spectra');
    await timeSeries.toggle.click();
    await expect(timeSeries.heatmap).toBeVisible();
    await expect.poll(() => app.heatmapSummary()).toEqual({ rows: 690, columns: 512, spectra: 690 });
    // A box zoom on the map proposes its sample range.
    const box = await timeSeries.heatmap.locator('.nsewdrag').first().boundingBox();
    if (!box) throw new Error('heatmap drag layer not found');
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Number(await timeSeries.from.inputValue())).toBeGreaterThan(150);
    expect(Number(await timeSeries.to.inputValue())).toBeLessThan(550);
    await timeSeries.from.fill('10');
    await timeSeries.to.fill('409');
    await timeSeries.sum.click();
    await expect(timeSeries.derived).toHaveCount(1);
    await expect(timeSeries.derived).toContainText('samples 10–409 (sum of 400)');
    // The sum is selected and plotted alone, then identified.
    await app.waitForTraces((t) => t.some((x) => x.role === 'raw' && x.spectrumId === 'rc_K40.rcspg#10/sum400'));
    await expect(app.gamma.status).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('meta-summedSpectra')).toHaveText('400');
    await expect(app.problems).toHaveCount(0);
  });
});
