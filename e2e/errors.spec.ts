import { expect, test } from '@playwright/test';
import { WorkbenchPage } from './workbenchPage';

test('bad files get a typed error naming the file; the good file of the same drop still loads', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open({ demo: false });
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  await app.drop([
    { name: 'good.csv', content: 'x,y\n1,10\n2,20\n3,15\n4,12\n' },
    { name: 'empty.csv', content: '' },
    { name: 'garbage.bin', content: garbage, mimeType: 'application/octet-stream' },
    { name: 'prose.txt', content: 'Dear colleague,\nplease find attached the results.\nBest regards\n' },
    { name: 'truncated.csv', content: 'x,y\n1,10\n2,20\n3,15\n4' },
  ]);
  await expect(page.getByTestId('loaded-file')).toHaveCount(1);
  await expect.poll(() => app.problems.allTextContents()).toHaveLength(4);
  const byFile = async (file: string) =>
    page.getByTestId('problem').filter({ hasText: file }).getAttribute('data-code');
  expect(await byFile('empty.csv')).toBe('EMPTY_FILE');
  // Binary gamma formats are known now, so a binary file none of them recognises is UNKNOWN_FORMAT.
  expect(await byFile('garbage.bin')).toBe('UNKNOWN_FORMAT');
  expect(await byFile('prose.txt')).toBe('NOT_A_SPECTRUM');
  expect(await byFile('truncated.csv')).toBe('TRUNCATED');
  // The 4-point spectrum is too short for the default 11-point smoothing window: said once, beside the control.
  await expect(page.getByTestId('smoothing-error')).toContainText(
    /window of 11 points is longer than the spectrum \(4 points\)/,
  );
  await app.setWindow(3);
  await expect(page.getByTestId('smoothing-error')).toHaveCount(0);
  // No stack traces reach the user.
  await expect(page.getByText(/at \w+ \(.*:\d+:\d+\)/)).toHaveCount(0);
  // The page is alive: the good file is plotted and dismissing works.
  await app.waitForTraces((t) => t.some((x) => x.role === 'raw'));
  await app.problems.first().getByRole('button', { name: 'dismiss' }).click();
  await expect(app.problems).toHaveCount(3);
});

test('a crashed engine worker is reported and replaced; loaded data stays', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open();
  await app.waitForTraces((t) => t.some((x) => x.role === 'smoothed'));
  await page.evaluate(() =>
    (window as unknown as { workbench: { engine: { simulateCrash(): void } } }).workbench.engine.simulateCrash(),
  );
  await expect(app.engineNotice).toContainText('restarted');
  await expect(page.getByTestId('engine-status')).toContainText('restarted 1×');
  await expect(page.getByTestId('loaded-file')).toHaveCount(1);
  // The new worker works: a new file loads and is smoothed.
  await app.drop([
    { name: 'after.csv', content: 'x,y\n1,1\n2,4\n3,9\n4,16\n5,25\n6,36\n7,49\n8,64\n9,81\n10,100\n11,121\n12,144\n' },
  ]);
  await expect(page.getByTestId('loaded-file')).toHaveCount(2);
  await page.getByTestId('smoothing-window').fill('5');
  await app.waitForTraces((t) => t.some((x) => x.role === 'smoothed'));
});
