/**
 * Two tabs of the designer in one browser (two pages of one context: one localStorage): the first owns the
 * autosave, the second is told and saves its work on its own; neither overwrites the other's, each offers the
 * other's design, a reload of the second reopens its own, and a tab opened later offers both.
 */
import type { Page } from '@playwright/test';
import { DesignerPage, expect, test } from './fixtures.ts';

async function rename(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('doc-name');
  await input.fill(name);
  await input.press('Enter');
  await expect.poll(async () => (await new DesignerPage(page).doc()).name).toBe(name);
  await expect(page.getByTestId('autosave-status')).toContainText('Autosaved');
}

const stored = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k === 'memory-map-designer/autosave' || k.startsWith('memory-map-designer/tab/') || k.startsWith('memory-map-designer/kept/')) {
        out[k] = (JSON.parse(localStorage.getItem(k)!) as { name: string }).name;
      }
    }
    return out;
  });

const keptOptions = (page: Page) => page.getByTestId('kept-designs').locator('option').allTextContents();

test('two tabs never lose either tab’s work', async ({ context }) => {
  const pageA = await context.newPage();
  const a = new DesignerPage(pageA);
  await a.open();
  await rename(pageA, 'alpha');

  const pageB = await context.newPage();
  const b = new DesignerPage(pageB);
  await b.open();
  expect((await b.doc()).name).toBe('alpha');
  // the second tab is told, and the first learns of it
  await expect(pageB.getByTestId('app-status-tab')).toContainText('also open in another tab');
  await expect(pageB.getByTestId('app-status-tab')).toContainText('saves its changes on their own');
  await expect(pageA.getByTestId('app-status-tab')).toContainText('open in 1 other tab');

  await rename(pageB, 'beta');
  await rename(pageA, 'alpha 2');
  // neither overwrote the other
  await expect.poll(async () => (await stored(pageA))['memory-map-designer/autosave']).toBe('alpha 2');
  await expect
    .poll(async () =>
      Object.entries(await stored(pageA))
        .filter(([k]) => k.startsWith('memory-map-designer/tab/'))
        .map(([, v]) => v),
    )
    .toEqual(['beta']);
  // each offers the other's design
  await expect.poll(() => keptOptions(pageA)).toContainEqual(expect.stringContaining('“beta” — open in another tab'));
  await expect.poll(() => keptOptions(pageB)).toContainEqual(expect.stringContaining('“alpha 2” — open in another tab'));

  // a reload of the second tab reopens its own design, not the first tab's
  await pageB.reload();
  await expect(pageB.getByTestId('srat-row').first()).toBeVisible();
  expect((await b.doc()).name).toBe('beta');

  // opening the other tab's design here keeps this one
  await expect.poll(() => keptOptions(pageB)).toContainEqual(expect.stringContaining('“alpha 2” — open in another tab'));
  await pageB.getByTestId('kept-designs').selectOption({ label: (await keptOptions(pageB)).find((o) => o.includes('“alpha 2” — open in another tab'))! });
  await expect.poll(async () => (await b.doc()).name).toBe('alpha 2');
  await expect(pageB.getByTestId('app-status-replaced')).toContainText('“beta” was replaced by');
  await pageB.getByTestId('restore-replaced').click();
  await expect.poll(async () => (await b.doc()).name).toBe('beta');

  // both closed: a tab opened later opens the autosaved design and offers the other
  await pageA.close();
  await pageB.close();
  const pageC = await context.newPage();
  const c = new DesignerPage(pageC);
  await c.open();
  expect((await c.doc()).name).toBe('alpha 2');
  await expect(pageC.getByTestId('app-status-tab')).toHaveCount(0);
  const offered = await keptOptions(pageC);
  expect(offered.some((o) => o.includes('“beta”'))).toBe(true);
  await pageC.getByTestId('kept-designs').selectOption({ label: offered.find((o) => o.includes('“beta”'))! });
  await expect.poll(async () => (await c.doc()).name).toBe('beta');
});
