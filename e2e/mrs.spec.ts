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
    await expect(app.problems).toHaveCount(0);
  });
});
