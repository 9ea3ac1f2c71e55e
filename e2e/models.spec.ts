import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { WorkbenchPage } from './workbenchPage';

const shipped = (name: string) => ({
  name,
  mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
  buffer: readFileSync(`public/models/toy-peak-counter/${name}`),
});

/** A spectrum with `peaks` well separated Gaussian peaks, as CSV. */
function peaksCsv(peaks: number, seed: number): string {
  const rows = ['x,y'];
  for (let i = 0; i < 256; i++) {
    let y = 20 + ((i * 7919 + seed * 104729) % 13);
    for (let k = 0; k < peaks; k++) y += 500 * Math.exp(-(((i - (k + 1) * (256 / (peaks + 1))) / 3) ** 2));
    rows.push(`${i},${y.toFixed(2)}`);
  }
  return `${rows.join('\n')}\n`;
}

test.describe('models', () => {
  test('lists the shipped model with its card and predicts with uncertainty on the demo', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open();
    const model = page.getByTestId('model').filter({ hasText: 'Toy peak counter' });
    await expect(model).toBeVisible();
    await model.getByTestId('open-card').click();
    const card = page.getByTestId('model-card');
    await expect(card).toContainText('npm run train -- toy-peak-counter');
    await expect(page.getByTestId('card-metrics')).toContainText(/accuracy 0\.9\d/);
    await expect(card).toContainText('a confident answer does not mean');
    await card.getByRole('button', { name: 'close' }).click();

    await app.waitForTraces((t) => t.length > 0);
    await page.getByTestId('mc-passes').fill('10');
    await page.getByTestId('run-model').click();
    const row = page.getByTestId('prediction');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-class', /peak/);
    await expect(row).toContainText('±');
    await expect(row).toContainText('entropy');
    await expect(page.getByTestId('predictions')).toContainText('10 Monte-Carlo passes');
  });

  test('loads a model the user drops in; a broken one gets a typed error', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await page
      .getByTestId('model-input')
      .setInputFiles([shipped('model.json'), shipped('group1-shard1of1.bin'), shipped('card.json')]);
    await expect(page.getByTestId('model').filter({ hasText: 'Toy peak counter' })).toHaveCount(2);
    await page.getByTestId('model-input').setInputFiles([shipped('model.json')]);
    const problem = page.getByTestId('problem').filter({ hasText: 'is missing' });
    await expect(problem).toHaveAttribute('data-code', 'INVALID_MODEL');
  });

  test('exports a model as ONNX and as a zip of its files', async ({ page }) => {
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    await page.getByTestId('open-card').first().click();
    const [onnx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-onnx').click()]);
    expect(onnx.suggestedFilename()).toBe('toy-peak-counter.onnx');
    const onnxBytes = readFileSync((await onnx.path()) as string);
    expect(onnxBytes.length).toBeGreaterThan(50_000);
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-model').click()]);
    expect(zip.suggestedFilename()).toBe('toy-peak-counter.zip');
    expect(
      readFileSync((await zip.path()) as string)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  test('fine-tunes the classifier on spectra the user labelled, reporting before and after', async ({ page }) => {
    test.setTimeout(180_000);
    const app = new WorkbenchPage(page);
    await app.open({ demo: false });
    const files = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}.csv`, content: peaksCsv((i % 3) + 1, i) }));
    await app.drop(files);
    await expect(page.getByTestId('loaded-file')).toHaveCount(8);
    for (const checkbox of await page.getByTestId('spectrum-list').getByRole('checkbox').all()) await checkbox.check();
    await page.getByTestId('mc-passes').fill('5');
    await page.getByTestId('run-model').click();
    await expect(page.getByTestId('prediction')).toHaveCount(8);
    const selects = page.getByTestId('label-select');
    for (let i = 0; i < 8; i++) await selects.nth(i).selectOption(String(i % 3));
    await page.getByTestId('fine-tune').click();
    await expect(page.getByTestId('fine-tune-report')).toContainText(
      /trained on 6, measured on 2 .* before: accuracy [\d.]+; after: accuracy [\d.]+/,
      {
        timeout: 150_000,
      },
    );
    await expect(page.getByTestId('model').filter({ hasText: '(fine-tuned)' })).toBeVisible();
  });
});

test('fine-tunes a regressor on numeric labels typed into the prediction table', async ({ page }) => {
  test.setTimeout(180_000);
  // A small untrained regressor with a card, written as the files a user would drop.
  const tf = await import('@tensorflow/tfjs');
  const { buildModel, registerBlockLayers } = await import('../src/ml/blocks');
  const { modelToFiles } = await import('../src/ml/registry/modelToFiles');
  const { testCard } = await import('../src/ml/registry/testCard');
  await tf.setBackend('cpu');
  registerBlockLayers();
  const model = buildModel({
    kind: 'cnn1d',
    inputLength: 64,
    filters: [4],
    kernelSize: 5,
    denseUnits: [8],
    denseDropoutRate: 0.2,
    head: 'regressor',
    outputs: 1,
    seed: 3,
  });
  const card = testCard({
    id: 'peak-position',
    name: 'Peak position (test regressor)',
    task: 'regression',
    input: { length: 64, axis: { unit: 'index', min: 0, max: 1 }, normalisation: 'max', domain: 'any', complex: false },
    outputs: [{ name: 'position', unit: 'points' }],
  });
  const files = (await modelToFiles(model, card)).map((f) => ({
    name: f.name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(f.bytes),
  }));

  const app = new WorkbenchPage(page);
  await app.open({ demo: false });
  await page.getByTestId('model-input').setInputFiles(files);
  await expect(page.getByTestId('model').filter({ hasText: 'Peak position' })).toBeVisible();
  await app.drop(Array.from({ length: 6 }, (_, i) => ({ name: `r${i}.csv`, content: peaksCsv(1, i) })));
  await expect(page.getByTestId('loaded-file')).toHaveCount(6);
  for (const checkbox of await page.getByTestId('spectrum-list').getByRole('checkbox').all()) await checkbox.check();
  await page.getByTestId('mc-passes').fill('5');
  await page.getByTestId('run-model').click();
  await expect(page.getByTestId('prediction')).toHaveCount(6);
  const values = page.getByTestId('label-value');
  for (let i = 0; i < 6; i++) await values.nth(i).fill(String(128));
  await page.getByTestId('fine-tune').click();
  await expect(page.getByTestId('fine-tune-report')).toContainText(/before: MAE [\d.]+; after: MAE [\d.]+/, {
    timeout: 150_000,
  });
});

test('trains a shipped model again from its recipe inside the browser worker, with a measured card', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = new WorkbenchPage(page);
  await app.open({ demo: false });
  await page.getByTestId('open-card').first().click();
  await page.getByTestId('train-size').selectOption('0.02');
  await page.getByTestId('train-here').click();
  await expect(page.getByTestId('job')).toContainText(/Training toy-peak-counter: epoch \d+\/20/);
  const trained = page.getByTestId('model').filter({ hasText: '(trained here)' });
  await expect(trained).toBeVisible({ timeout: 220_000 });
  await trained.getByTestId('open-card').click();
  await expect(page.getByTestId('model-card')).toContainText(
    "trained in the browser from recipe 'toy-peak-counter' (sizes ×0.02",
  );
  await expect(page.getByTestId('card-metrics')).toContainText(/accuracy 0\.\d+/);
});
