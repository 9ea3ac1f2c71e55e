import { expect, test } from '@playwright/test';
import { roughness, WorkbenchPage } from './workbenchPage';

/** A noisy two-peak spectrum as CSV text, `points` rows. */
function noisyCsv(
  points: number,
  options: { header?: string; delimiter?: string; decimalComma?: boolean; descending?: boolean } = {},
): string {
  const rows: string[] = [];
  let seed = 12345;
  for (let i = 0; i < points; i++) {
    seed = (seed * 16807) % 2147483647;
    const x = 200 + (i * 600) / points;
    const y =
      1000 * Math.exp(-(((x - 400) / 3) ** 2)) +
      400 * Math.exp(-(((x - 600) / 8) ** 2)) +
      50 +
      (seed / 2147483647 - 0.5) * 60;
    const fmt = (v: number) => (options.decimalComma ? v.toFixed(4).replace('.', ',') : v.toFixed(4));
    rows.push(`${fmt(x)}${options.delimiter ?? ','}${fmt(y)}`);
  }
  if (options.descending) rows.reverse();
  return `${options.header ? `${options.header}\n` : ''}${rows.join('\n')}\n`;
}

test.describe('viewer', () => {
  test('opens with the demo spectrum plotted, smoothed, with a residual panel', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open();
    const traces = await app.waitForTraces((t) => t.some((x) => x.role === 'residual'));
    expect(traces.map((t) => t.role)).toEqual(['raw', 'smoothed', 'residual']);
    expect(traces[0]?.name).toContain('soil_libs_ca_mn.csv');
    expect(traces[0]?.points).toBe(1024);
    await expect(page.getByTestId('loaded-file')).toHaveCount(1);
  });

  test('drops text spectra of several dialects; each is parsed and plotted', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.drop([
      { name: 'plain.csv', content: noisyCsv(2000, { header: 'wavelength (nm),intensity' }) },
      { name: 'comma.txt', content: noisyCsv(1500, { delimiter: ';', decimalComma: true, descending: true }) },
    ]);
    await expect(page.getByTestId('loaded-file')).toHaveCount(2);
    // Select the second file's spectrum too, then both are drawn.
    await page.getByTestId('spectrum-list').getByRole('checkbox').nth(1).check();
    const traces = await app.waitForTraces((t) => t.filter((x) => x.role === 'raw').length === 2);
    const raw = traces.filter((t) => t.role === 'raw');
    expect(raw.map((t) => t.points).sort()).toEqual([1500, 2000]);
    for (const t of raw) {
      expect(t.x[0]).toBeLessThan(t.x[t.x.length - 1] as number); // descending input is shown ascending
    }
    await expect(app.problems).toHaveCount(0);
  });

  test('smoothing lowers the noise, follows the controls, and can be switched off', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await app.drop([{ name: 'noisy.csv', content: noisyCsv(3000) }]);
    let traces = await app.waitForTraces((t) => t.some((x) => x.role === 'smoothed'));
    const raw = traces.find((t) => t.role === 'raw');
    const smoothed11 = traces.find((t) => t.role === 'smoothed');
    expect(raw && smoothed11).toBeTruthy();
    expect(roughness(smoothed11?.y ?? [])).toBeLessThan(roughness(raw?.y ?? []) / 3);

    await app.setWindow(51);
    traces = await app.waitForTraces((t) => {
      const s = t.find((x) => x.role === 'smoothed');
      return s !== undefined && roughness(s.y) < roughness(smoothed11?.y ?? []) / 2;
    });
    const residual = traces.find((t) => t.role === 'residual');
    expect(residual?.y.length).toBeGreaterThan(100);
    // The residual is raw − smoothed: small against the 1000-count peak, centred on zero.
    const mean = (residual?.y ?? []).reduce((a, b) => a + b, 0) / (residual?.y.length ?? 1);
    expect(Math.abs(mean)).toBeLessThan(10);

    await page.getByTestId('smoothing-enabled').uncheck();
    await app.waitForTraces((t) => t.length === 1 && t[0]?.role === 'raw');
  });

  test('a 10⁶-point spectrum is decimated to the plot width, and a zoom re-decimates at full detail', async ({
    page,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await page.getByTestId('smoothing-enabled').uncheck();
    await app.drop([{ name: 'big.csv', content: noisyCsv(1_000_000) }]);
    const [full] = await app.waitForTraces((t) => t.length === 1 && t[0]?.points === 1_000_000);
    const width = (await app.plot.boundingBox())?.width ?? 0;
    expect(full?.shown).toBeLessThanOrEqual(2 * Math.round(width) + 2);
    expect(full?.shown).toBeGreaterThan(100);
    // The 1000-count peak at 400 nm survives decimation.
    expect(Math.max(...(full?.y ?? []))).toBeGreaterThan(1000);

    // Two box zooms: first still decimated (20 000 points in view), then every point in view is drawn.
    await app.dragZoom(0.45, 0.47);
    const [zoomed] = await app.waitForTraces((t) => (t[0]?.x[0] ?? 0) > 300);
    const span = (zoomed?.x.at(-1) ?? 0) - (zoomed?.x[0] ?? 0);
    expect(span).toBeLessThan(60);
    expect(zoomed?.shown).toBeLessThanOrEqual(2 * Math.round(width) + 2);
    await app.dragZoom(0.45, 0.47);
    const [detail] = await app.waitForTraces((t) => {
      const x = t[0]?.x ?? [];
      return (x.at(-1) ?? 0) - (x[0] ?? 0) < span / 10;
    });
    const x = detail?.x ?? [];
    const step = 600 / 1_000_000;
    const inView = ((x.at(-1) ?? 0) - (x[0] ?? 0)) / step;
    expect(detail?.shown).toBeGreaterThanOrEqual(Math.floor(inView));
    expect(detail?.shown).toBeGreaterThan(20);
  });
});
