/**
 * Nothing lost: every way the design is replaced — a link pasted into this tab, an import, an opened file, an
 * example — keeps the one it replaces, and Restore stays reachable: right away in the app bar's status line,
 * and at any time (after other messages, after a reload) in the Restore… list.
 */
import type { Page } from '@playwright/test';
import { DesignerPage, expect, test } from './fixtures.ts';
import { importText } from './io-helpers.ts';

const design = (name: string, mem: string) => ({
  format: 'memory-map-designer',
  version: 1,
  name,
  options: [
    { kind: 'machine', type: 'q35' },
    { kind: 'memory', size: mem },
  ],
});

async function rename(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('doc-name');
  await input.fill(name);
  await input.press('Enter');
  await expect.poll(async () => (await new DesignerPage(page).doc()).name).toBe(name);
}

const name = async (d: DesignerPage) => (await d.doc()).name;

test('every replacement keeps the replaced design, restorable now and after a reload', async ({ page, designer }) => {
  await designer.open();
  await rename(page, 'mine');

  // 1. a link pasted into this tab (hashchange)
  const link = '#d=' + Buffer.from(JSON.stringify(design('from a link', '4G')), 'utf8').toString('base64url');
  await page.evaluate((h) => (window.location.hash = h), link);
  await expect.poll(() => name(designer)).toBe('from a link');
  await expect(page.getByTestId('io-message')).toContainText('Your design “mine” is kept');
  await expect(page.getByTestId('app-status-replaced')).toContainText('“mine” was replaced by a link');
  await page.getByTestId('restore-replaced').click();
  await expect.poll(() => name(designer)).toBe('mine');

  // 2. an import
  await importText(page, JSON.stringify(design('imported', '8G')));
  await expect.poll(() => name(designer)).toBe('imported');
  await expect(page.getByTestId('app-status-replaced')).toContainText('“mine” was replaced by an import');

  // 3. an opened file
  await page.getByTestId('open-file-input').setInputFiles({ name: 'lab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design('from a file', '16G'))) });
  await expect.poll(() => name(designer)).toBe('from a file');
  await expect(page.getByTestId('app-status-replaced')).toContainText('“imported” was replaced by the file lab.json');

  // 4. an example
  await page.getByLabel('Example machine').selectOption('nvdimm');
  await expect.poll(() => name(designer)).toBe('nvdimm');
  await expect(page.getByTestId('app-status-replaced')).toContainText('“from a file” was replaced by the example');

  // all of them listed, after a reload too, and each can be brought back
  await page.reload();
  await expect(page.getByTestId('srat-row').first()).toBeVisible();
  const options = await page.getByTestId('kept-designs').locator('option').allTextContents();
  for (const n of ['mine', 'from a link', 'imported', 'from a file']) expect(options.some((o) => o.includes(`“${n}”`)), n).toBe(true);
  await page.getByTestId('kept-designs').selectOption({ label: options.find((o) => o.includes('“imported”'))! });
  await expect.poll(() => name(designer)).toBe('imported');
  await designer.settled();
  // the example it replaced need not be kept (it can be chosen again); the restore itself is one undo step
  await page.getByTestId('undo').click();
  await expect.poll(() => name(designer)).toBe('nvdimm');
});
