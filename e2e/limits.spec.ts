/**
 * Whatever the designer accepts, it can save, reopen and share — in the browser, with a design past the old
 * 1 MiB load limit: QEMU's 128 NUMA nodes, all 256 DIMM slots and sp-mem devices up to 6 000 options (about
 * 1.25 MiB saved; src/state/limits.test.ts and src/cli/cli-input.test.ts take the full 10 000): import →
 * autosave → reload, share link → another browser, JSON download → Open… in another browser.
 */
import type { Browser, Page } from '@playwright/test';
import { bigDesignArgs } from '../src/state/big-design.ts';
import { DesignerPage, expect, test } from './fixtures.ts';
import { importText, pageDocument, exportDownload } from './io-helpers.ts';

test.setTimeout(300_000);

const opened = async (page: Page) => {
  await expect(page.getByTestId('srat-row').first()).toBeVisible({ timeout: 120_000 });
  return pageDocument(page);
};

async function inFreshBrowser<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test('a design over the old 1 MiB limit: import → reload, share link → open, download → open', async ({ page, designer, browser }) => {
  await designer.open();
  const command = 'qemu-system-x86_64 ' + bigDesignArgs({ options: 6000 }).join(' ');
  await importText(page, command);
  await expect(page.getByTestId('import-notes')).toContainText('Imported', { timeout: 120_000 });
  const doc = (await pageDocument(page)) as { options: unknown[] };
  expect(doc.options.length).toBeGreaterThan(5990);
  const result = await page.evaluate(() => (window as unknown as { __mmdTestApi: { settled(ms: number): Promise<{ error: string | null; devices: unknown[] }> } }).__mmdTestApi.settled(120_000));
  expect(result.error).toBeNull();
  expect(result.devices.length).toBeGreaterThan(2800);
  await expect(page.getByTestId('autosave-status')).toContainText('Autosaved', { timeout: 30_000 });

  // autosave → reload
  await page.reload();
  expect(await opened(page)).toEqual(doc);

  // share link → another browser
  await page.getByTestId('share-link').click();
  await expect(page).toHaveURL(/#z=/);
  const link = page.url();
  expect(link.length).toBeLessThan(400_000);
  await expect(page.getByTestId('share-message')).toContainText('Opening it shows this design');
  expect(
    await inFreshBrowser(browser, async (other) => {
      await other.goto(link);
      return opened(other);
    }),
  ).toEqual(doc);

  // JSON download → Open… in another browser
  const { bytes } = await exportDownload(page, 'json');
  expect(bytes.length).toBeGreaterThan(1 << 20);
  expect(
    await inFreshBrowser(browser, async (other) => {
      const d = new DesignerPage(other);
      await d.open();
      await other.getByTestId('open-file-input').setInputFiles({ name: 'largest.json', mimeType: 'application/json', buffer: bytes });
      await expect(other.getByTestId('import-notes')).toContainText('Imported', { timeout: 120_000 });
      return pageDocument(other);
    }),
  ).toEqual(doc);
});
