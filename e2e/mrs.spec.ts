import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { writeNiftiMrs } from '../src/domains/mrs/formats/writeNiftiMrs';
import {
  addNoise,
  BRAIN,
  fidOfPeaks,
  gaussian,
  seeded,
  sigmaForSnr,
  transient,
} from '../src/domains/mrs/processing/transientTestSupport';
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

  test('an LCModel .RAW without its control file asks for dwell time and frequency, then loads', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.dropFixtures(['mrs/ismrm2016_fitting_challenge/datasets_LCModel/dataset1.RAW']);
    await expect(app.problems).toHaveCount(1);
    const form = page.getByTestId('acquisition-form');
    await expect(form.getByRole('button', { name: 'Load with these' })).toBeDisabled();
    await page.getByTestId('acquisition-dwell').fill('250');
    await page.getByTestId('acquisition-frequency').fill('123.22');
    await form.getByRole('button', { name: 'Load with these' }).click();
    await expect(page.getByTestId('spectrum-list')).toContainText('dataset1.RAW');
    await expect(page.getByTestId('mrs-panel')).toContainText('123.220 MHz');
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

test.describe('MR spectroscopy transients', () => {
  test('a NIfTI-MRS of 16 drifting dynamics shows its transients: heatmap before/after, overlay and stack, corrections', async ({
    page,
  }, testInfo) => {
    // synthetic NAA/Cr/Cho transients drifting by +0.4 Hz per dynamic (−3 … +3 Hz), phase ±15°, SNR 20 each
    const uniform = seeded(29);
    const normal = gaussian(uniform);
    const sigma = sigmaForSnr(fidOfPeaks(BRAIN), 20);
    const driftHz = (k: number) => -3 + 0.4 * k;
    const spectra = Array.from({ length: 16 }, (_, k) =>
      transient(
        addNoise(fidOfPeaks(BRAIN, driftHz(k), 15 * Math.sin(k)), sigma, normal),
        { dynamic: k },
        {
          file: 'drift_dyn16.nii',
          role: 'metabolite',
          index: k,
        },
      ),
    );
    const path = testInfo.outputPath('drift_dyn16.nii');
    writeFileSync(path, writeNiftiMrs(spectra, { precision: 'complex64' }));
    const app = new WorkbenchPage(page);
    const mrs = app.mrs;
    await app.open({ demo: false });
    await app.drop([{ name: 'drift_dyn16.nii', content: readFileSync(path), mimeType: 'application/octet-stream' }]);
    await expect(mrs.panel).toContainText('16 transients');
    await mrs.showTransients.click();
    await expect(mrs.transientSummary).toContainText('16 transients (dynamic)');
    // the heatmap: before and after alignment side by side, one row per transient
    await expect(mrs.transientHeatmap.locator('.hm, .heatmaplayer')).not.toHaveCount(0);
    const maps = (await app.figureTraces(mrs.transientHeatmap)).filter((t) => t.type === 'heatmap');
    expect(maps.map((t) => [t.meta.stage, t.meta.rows, t.xaxis])).toEqual([
      ['before', 16, 'x'],
      ['after', 16, 'x2'],
    ]);
    // overlaid: the 16 transients (one gapped trace) and their mean
    let lines = await app.figureTraces(mrs.transientLines);
    expect(lines.map((t) => t.meta.role)).toEqual(['transients', 'mean']);
    expect(lines[0]?.meta.rows).toBe(16);
    // the corrections found undo the drift: −0.4 Hz per dynamic
    const drift = await app.figureTraces(mrs.transientDrift);
    const shifts = (drift.find((t) => t.meta.role === 'shift')?.y ?? []) as number[];
    expect(shifts).toHaveLength(16);
    const slope = ((shifts[15] as number) - (shifts[0] as number)) / 15;
    expect(slope).toBeCloseTo(-0.4, 1);
    // stacked, before alignment: no mean, transient r offset above r − 1
    await mrs.transientToggle('stacked').check();
    await mrs.transientToggle('before').check();
    await expect
      .poll(async () => (await app.figureTraces(mrs.transientLines)).map((t) => [t.meta.role, t.meta.stage]))
      .toEqual([['transients', 'before']]);
    lines = await app.figureTraces(mrs.transientLines);
    const y = (lines[0]?.y ?? []) as (number | null)[];
    const columns = y.indexOf(null);
    const rowMean = (r: number) =>
      (y.slice(r * (columns + 1), r * (columns + 1) + columns) as number[]).reduce((a, b) => a + b, 0) / columns;
    expect(rowMean(15)).toBeGreaterThan(rowMean(0));
    await expect(app.problems).toHaveCount(0);
  });
});
