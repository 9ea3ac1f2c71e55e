import { expect, test } from '@playwright/test';
import { WorkbenchPage } from './workbenchPage';

test.describe('MR spectroscopy', () => {
  test('a Siemens RDA FID is read, and shown as its phased, referenced spectrum on a ppm axis', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.dropFixtures(['mrs/suspect_siemens/SVS_30.rda']);
    await expect(page.getByTestId('mrs-panel')).toContainText('123.235 MHz');
    await expect(page.getByTestId('mrs-panel')).toContainText('TE 30.0 ms');
    await page.getByTestId('mrs-show-spectrum').click();
    await expect(page.getByTestId('spectrum-list')).toContainText('(spectrum)');
    // the selected view is the spectrum, with no FID button any more
    await expect(page.getByTestId('mrs-show-spectrum')).toHaveCount(0);
    // the complex spectrum can be drawn as its magnitude
    await page.getByTestId('complex-part').selectOption('magnitude');
    const traces = await app.waitForTraces((t) => t.some((trace) => trace.name.endsWith('(magnitude)')));
    expect(Math.min(...(traces[0]?.y ?? [-1]))).toBeGreaterThanOrEqual(0);
    await expect(app.problems).toHaveCount(0);
  });

  test('Philips PRESS data with its water reference and a .BASIS are quantified: fit plot, table, components', async ({
    page,
  }) => {
    const app = new WorkbenchPage(page);
    const mrs = app.mrs;
    await app.open({ demo: false });
    const philips = 'mrs/osprey_philips_press/sub-01_PRESS_35_';
    await app.dropFixtures([
      `${philips}act.sdat`,
      `${philips}act.spar`,
      `${philips}ref.sdat`,
      `${philips}ref.spar`,
      'mrs/basis_sets/3T_PRESS_Philips_35ms_noMM.BASIS',
    ]);
    await expect(mrs.panel).toContainText('TE 35.0 ms');
    await mrs.quantify.click();
    // the .BASIS is preselected as basis, the _ref file as water, TE from the .spar
    await expect(mrs.basisChoice('3T_PRESS_Philips_35ms_noMM.BASIS')).toBeChecked();
    await expect(mrs.waterChoice).toHaveValue('sub-01_PRESS_35_ref.sdat');
    await expect(mrs.echoTime).toHaveValue('35');
    await mrs.run.click();
    await expect(mrs.row('NAA')).toBeVisible({ timeout: 30_000 });
    await expect(mrs.row('tCr')).toBeVisible();
    // water-referenced: a concentration in mM ± SD
    await expect(mrs.row('NAA')).toContainText('±');
    await expect(mrs.quality).toContainText('S/N');
    await expect(mrs.quality).toContainText('water FWHM');
    await expect(page.getByTestId('crlb-note')).toContainText('Kreis');
    const traces = await app.mrsFitTraces();
    expect(traces.map((t) => t.role)).toEqual(expect.arrayContaining(['data', 'fit', 'baseline', 'residual']));
    expect(traces.find((t) => t.role === 'fit')?.points).toBeGreaterThan(100);
    expect(traces.some((t) => t.component === 'NAA')).toBe(true);
    // a component switched off leaves the plot
    await mrs.componentToggle('NAA').uncheck();
    await expect.poll(async () => (await app.mrsFitTraces()).some((t) => t.component === 'NAA')).toBe(false);
    expect((await app.mrsFitTraces()).some((t) => t.role === 'fit')).toBe(true);
    // the bar chart: one bar per metabolite and sum, macromolecules and lipids left out
    await expect(mrs.barChart.locator('.bars .point')).not.toHaveCount(0);
    const bars = await mrs.barChart.evaluate(
      (element) => (element as unknown as { data: { type: string; x: string[] }[] }).data[0],
    );
    expect(bars?.type).toBe('bar');
    expect(bars?.x).toEqual(expect.arrayContaining(['NAA', 'tCr']));
    expect(bars?.x).not.toContain('MM20');
    await expect(app.problems).toHaveCount(0);
  });
});
