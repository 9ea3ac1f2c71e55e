import { expect, test } from '@playwright/test';
import { WorkbenchPage } from './workbenchPage';

test.describe('compute backends', () => {
  test('automatic choice skips the software (fallback) WebGPU adapter and uses WASM', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await expect(app.backendStatus).toHaveAttribute('data-backend', 'wasm');
    await expect(app.backendStatus).toContainText(/SIMD/i);
    // The server sends COOP/COEP, so the page is cross-origin isolated (SharedArrayBuffer available).
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  });

  test('?backend= and the settings menu override the choice; the status bar shows the adapter', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false, backend: 'cpu' });
    await expect(app.backendStatus).toHaveAttribute('data-backend', 'cpu');
    await page.getByTestId('settings-button').click();
    await page.getByTestId('backend-select').selectOption('webgpu');
    await expect(app.backendStatus).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
    await expect(app.backendStatus).toContainText(/swiftshader/i);
    expect(page.url()).toContain('backend=webgpu');
  });

  test('the same conv net gives the same outputs on WebGPU and WASM (max |Δ| ≤ 1e-4)', async ({ page }) => {
    test.setTimeout(180_000);
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await page.getByTestId('settings-button').click();
    await page.getByTestId('backend-self-test').click();
    const table = page.getByTestId('backend-checks');
    await expect(table).toBeVisible({ timeout: 150_000 });
    const wasm = table.locator('tr[data-backend="wasm"]');
    const webgpu = table.locator('tr[data-backend="webgpu"]');
    await expect(wasm).toHaveAttribute('data-ok', 'true');
    await expect(webgpu).toHaveAttribute('data-ok', 'true');
    const diff = Number(await webgpu.getAttribute('data-diff'));
    expect(Number.isFinite(diff)).toBe(true);
    expect(diff).toBeLessThanOrEqual(1e-4);
    // The self-test restores the backend in use.
    await expect(app.backendStatus).toHaveAttribute('data-backend', 'wasm');
  });
});

test('every block architecture runs forward and backward on WebGPU and WebGL as on WASM', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new WorkbenchPage(page);
  await app.open({ demo: false });
  const checks = await page.evaluate(async () => {
    const { engine } = (
      window as unknown as {
        workbench: { engine: { bridge: { engine: { checkArchitectures(b: string[]): Promise<unknown> } } } };
      }
    ).workbench;
    return (await engine.bridge.engine.checkArchitectures(['wasm', 'webgpu', 'webgl'])) as {
      backend: string;
      architecture: string;
      ok: boolean;
      error?: string;
      outputDiff?: number;
      gradientDiff?: number;
    }[];
  });
  const failures = checks.filter((c) => !c.ok || (c.outputDiff ?? 1) > 1e-4 || (c.gradientDiff ?? 1) > 1e-3);
  expect(failures, JSON.stringify(failures, null, 1)).toEqual([]);
  // All 10 tiny architectures of ml/blocks/testSpecs.ts on each backend.
  for (const backend of ['wasm', 'webgpu', 'webgl'])
    expect(checks.filter((c) => c.backend === backend).length).toBe(10);
  // The check restores the backend in use.
  await expect(app.backendStatus).toHaveAttribute('data-backend', 'wasm');
});
