/**
 * The design across visits: autosave and reload, share links (fresh context, same tab, damaged), and a corrupt
 * autosaved value. Links for the tests are built here by hand (base64url of the document JSON), not by the app.
 */
import { DesignerPage, expect, test } from './fixtures.ts';
import { hex, importText, pageDocument } from './io-helpers.ts';

const AUTOSAVE_KEY = 'memory-map-designer/autosave';
const CORRUPT_KEY = 'memory-map-designer/autosave-unreadable';

const linkFragment = (doc: unknown) => '#d=' + Buffer.from(JSON.stringify(doc), 'utf8').toString('base64url');

/** A small design: q35, 2 GiB in two nodes, a 1 GiB sp-mem on node 1 (first fit at the window base). */
const SMALL = {
  format: 'memory-map-designer',
  version: 1,
  name: 'two-node lab',
  options: [
    { kind: 'machine', type: 'q35' },
    { kind: 'memory', size: '2G', slots: '2', maxmem: '8G' },
    { kind: 'object', qomType: 'memory-backend-ram', id: 'r0', size: '1G' },
    { kind: 'numa-node', nodeid: '0', memdev: 'r0' },
    { kind: 'object', qomType: 'memory-backend-ram', id: 'r1', size: '1G' },
    { kind: 'numa-node', nodeid: '1', memdev: 'r1' },
    { kind: 'object', qomType: 'memory-backend-ram', id: 'm0', size: '1G' },
    { kind: 'device', driver: 'sp-mem', id: 'lab0', memdev: 'm0', node: '1' },
  ],
};
// q35 -m 2G: all RAM below 4 GiB (2 GiB < 0xb0000000), so the window starts at 4 GiB
const SMALL_SPM_BASE = 1n << 32n;

async function waitForDesign(designer: DesignerPage): Promise<void> {
  await expect(designer.sratRows.first()).toBeVisible();
  await designer.settled();
}

const STEP = 2n << 20n; // sp-mem on a RAM backend: 2 MiB alignment, one arrow-key step

/** Select hbm2 and move it one step to the right with the keyboard; its new address. */
async function nudgeHbm2(designer: DesignerPage): Promise<bigint> {
  const addr = BigInt((await designer.device('hbm2')).addr!);
  await designer.blockBody('hbm2').click();
  await designer.page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await designer.device('hbm2')).addr).toBe(hex(addr + STEP));
  return addr + STEP;
}

test('the design is still there after a reload, even right after an edit', async ({ designer, page }) => {
  await designer.open();
  const moved = await nudgeHbm2(designer);
  await expect(designer.sratRowAt(hex(moved)).locator('td[data-col="pxm"]')).toHaveText('3');
  await expect(page.getByTestId('autosave-status')).toContainText('Autosaved');
  const before = await pageDocument(page);

  await page.reload();
  await waitForDesign(designer);
  expect(await pageDocument(page)).toEqual(before);
  await expect(designer.sratRowAt(hex(moved)).locator('td[data-col="pxm"]')).toHaveText('3');
  await expect(page.getByTestId('undo')).toBeDisabled();

  // an edit followed at once by a reload is not lost (saved when the page goes away)
  const again = await nudgeHbm2(designer);
  await page.reload();
  await waitForDesign(designer);
  expect((await designer.device('hbm2')).addr).toBe(hex(again));
  await expect(designer.sratRowAt(hex(again))).toHaveCount(1);
});

test('an edit followed at once by closing the tab is not lost: the next tab opens it', async ({ designer, page, context }) => {
  await designer.open();
  await expect(page.getByTestId('autosave-status')).toContainText(/Autosave/);
  const moved = await nudgeHbm2(designer);
  // (the autosave waits for a pause in the editing: the tab is closed before that)
  await page.close({ runBeforeUnload: true });

  const next = new DesignerPage(await context.newPage());
  await next.open();
  expect((await next.device('hbm2')).addr).toBe(hex(moved));
  await expect(next.sratRowAt(hex(moved))).toHaveCount(1);
});

test('a share link opens the same design in a fresh browser context', async ({ designer, page, browser }) => {
  await designer.open();
  await importText(page, JSON.stringify(SMALL));
  await expect(designer.block('lab0')).toBeVisible();
  const here = await designer.settled();
  const doc = await pageDocument(page);

  await page.getByTestId('share-link').click();
  await expect(page).toHaveURL(/#z=/);
  const url = page.url();
  await expect(page.getByTestId('share-link-url')).toHaveValue(url);

  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const other = await context.newPage();
    const fresh = new DesignerPage(other);
    await other.goto(url);
    await waitForDesign(fresh);
    expect(await pageDocument(other)).toEqual(doc);
    const there = await fresh.settled();
    expect(there.srat).toEqual(here.srat);
    expect(there.e820).toEqual(here.e820);
    await expect(other.getByTestId('doc-name')).toHaveValue('two-node lab');
    await expect(fresh.sratRowAt(hex(SMALL_SPM_BASE)).locator('td[data-col="pxm"]')).toHaveText('1');
    // nothing about an autosaved design to restore in a fresh context
    await expect(other.getByTestId('restore-previous')).toHaveCount(0);
  } finally {
    await context.close();
  }

  // the link no longer describes the design once it changes
  await page.getByTestId('undo').click();
  await expect(page).not.toHaveURL(/#[dz]=/);
});

test('a link opened over an autosaved design keeps that design, which can be restored', async ({ designer, page }) => {
  await designer.open();
  const moved = await nudgeHbm2(designer);
  await expect(page.getByTestId('autosave-status')).toContainText('Autosaved');
  const mine = await pageDocument(page);

  await page.goto('/index.html' + linkFragment(SMALL));
  await waitForDesign(designer);
  expect(((await pageDocument(page)) as { name: string }).name).toBe('two-node lab');
  await expect(page.getByTestId('io-message')).toContainText('from the link');
  await page.getByTestId('restore-previous').click();
  await expect.poll(async () => pageDocument(page)).toEqual(mine);
  await expect(designer.sratRowAt(hex(moved))).toHaveCount(1);
});

test('a bad share link shows a message and keeps the last good design', async ({ designer, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#d=bm90IGEgZGVzaWdu');
  await waitForDesign(designer);
  await expect(page.getByTestId('io-message')).toContainText('share link');
  await expect(page.getByTestId('io-message')).toContainText('could not be opened');
  expect(((await pageDocument(page)) as { name: string }).name).toBe('accelerator');

  // in an open tab: a damaged link changes nothing
  const before = await pageDocument(page);
  const revision = await designer.revision();
  await page.evaluate(() => {
    window.location.hash = '#d=%%%';
  });
  await expect(page.getByTestId('io-message')).toContainText('The design is unchanged');
  expect(await designer.revision()).toBe(revision);
  expect(await pageDocument(page)).toEqual(before);

  // a good one replaces the design as one undo step
  await page.evaluate((h) => {
    window.location.hash = h;
  }, linkFragment(SMALL));
  await expect(designer.block('lab0')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(designer.block('hbm0')).toBeVisible();
  expect(await pageDocument(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('a corrupt autosaved value shows a message, is kept under a backup key, and the example opens', async ({ designer, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await designer.open();
  const bad = '{"format":"memory-map-designer","version":1,"name":"mine","options":[{"kind":"memory","size":2}]}';
  await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [AUTOSAVE_KEY, bad]);
  await page.reload();
  await waitForDesign(designer);
  const message = page.getByTestId('io-message');
  await expect(message).toContainText('could not be read');
  await expect(message).toContainText('options[0].size');
  await expect(message).toContainText(CORRUPT_KEY);
  expect(((await pageDocument(page)) as { name: string }).name).toBe('accelerator');
  expect(await page.evaluate((k) => localStorage.getItem(k), CORRUPT_KEY)).toBe(bad);

  // editing autosaves again; the backup stays
  await nudgeHbm2(designer);
  await expect(page.getByTestId('autosave-status')).toContainText('Autosaved');
  const saved = await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE_KEY);
  expect((JSON.parse(saved!) as { name: string }).name).toBe('accelerator');
  expect(await page.evaluate((k) => localStorage.getItem(k), CORRUPT_KEY)).toBe(bad);

  // text that is not JSON at all: kept under a second key, the first backup untouched
  await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [AUTOSAVE_KEY, 'not json {']);
  await page.reload();
  await waitForDesign(designer);
  await expect(message).toContainText('not valid JSON');
  await expect(message).toContainText(`${CORRUPT_KEY}.2`);
  expect(await page.evaluate((k) => localStorage.getItem(k), `${CORRUPT_KEY}.2`)).toBe('not json {');
  expect(await page.evaluate((k) => localStorage.getItem(k), CORRUPT_KEY)).toBe(bad);
  expect(errors).toEqual([]);
});
