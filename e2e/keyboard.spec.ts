/**
 * The keyboard inside widgets: one Tab stop per widget, the arrow keys inside it.
 *  - the SRAT, the E820 and the diagnostics are each one Tab stop (a roving tabindex): ↑/↓ move between rows,
 *    Home/End to the first and last, PageUp/PageDown by what the table shows; Enter on a row selects what it stands
 *    for on the map; the row the focus left keeps the Tab stop;
 *  - the zoom buttons are one toolbar (WAI-ARIA toolbar pattern): ←/→ between them, a disabled one passed over.
 * The example machine: three sp-mem hbm0…hbm2 in nodes 1–3 (README); each has an SRAT memory-affinity entry whose
 * "For" says `sp-mem <id>` and an E820 SOFT_RESERVED entry said the same way.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { importText } from './io-helpers.ts';

/** Where the focus is: which widget (by its test id or role), and the row or button inside it. */
function focusAt(page: Page): Promise<{ widget: string | null; row: string | null; zoom: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const widget = el?.closest('[data-testid="srat-table"]')
      ? 'srat'
      : el?.closest('[data-testid="e820-table"]')
        ? 'e820'
        : el?.closest('[data-testid="diagnostics"]')
          ? 'diagnostics'
          : el?.closest('section.outline')
            ? 'outline'
          : el?.closest('[role="toolbar"][aria-label="Zoom"]')
            ? 'zoom'
            : el?.closest('[role="tablist"][aria-label="Analysis"]')
              ? 'deck'
              : null;
    return { widget, row: el?.closest('[data-row]')?.getAttribute('data-row') ?? null, zoom: el?.getAttribute('aria-label') ?? null, text: el?.textContent ?? '' };
  });
}

/** Tab from where the focus is until it enters `widget` (at most `max` presses). */
async function tabInto(page: Page, widget: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focusAt(page)).widget === widget) return;
  }
  const seen = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached ${widget}; at ${seen}`);
}

/** ArrowDown until the focused row's text holds `text`. */
async function downTo(page: Page, text: string, max = 40): Promise<string> {
  for (let i = 0; i < max; i++) {
    const f = await focusAt(page);
    if (f.text.includes(text)) return f.row!;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no row with ${text}`);
}

test('Tab stops once in each table, the diagnostics and the zoom toolbar', async ({ designer, page }) => {
  await designer.open();
  const stops: Array<string | null> = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const f = await focusAt(page);
    stops.push(f.widget);
    if (f.widget === 'deck') break;
  }
  expect(stops.at(-1), 'Tab reaches the deck').toBe('deck');
  const count = (w: string) => stops.filter((s) => s === w).length;
  expect(count('zoom')).toBe(1);
  expect(count('srat')).toBe(1);
  expect(count('e820')).toBe(1);
  expect(count('diagnostics')).toBe(1);
  expect(count('outline')).toBe(1);
  // and one row of each table is its Tab stop
  await expect(page.getByTestId('srat-table').locator('tr[tabindex="0"]')).toHaveCount(1);
  await expect(page.getByTestId('e820-table').locator('tr[tabindex="0"]')).toHaveCount(1);
});

test('SRAT: the arrows, Home/End and PageUp/PageDown move the active row; Enter selects the device on the map', async ({ designer, page }) => {
  await designer.open();
  const rows = await designer.sratRows.count();
  expect(rows).toBeGreaterThan(10);
  await tabInto(page, 'srat');
  // on its way the focus went through the map's blocks, which selects the block it lands on: the table is entered
  // at that device's entry
  const selected = await page.locator('g.blocks > g.block[aria-pressed="true"]').getAttribute('data-block-key');
  expect(selected).toBeTruthy();
  expect((await focusAt(page)).text).toContain(`sp-mem ${selected}`);
  await page.keyboard.press('Home');
  expect((await focusAt(page)).row).toBe('0');
  await page.keyboard.press('ArrowDown');
  expect((await focusAt(page)).row).toBe('1');
  // the Tab stop went with it
  await expect(page.getByTestId('srat-table').locator('tr[tabindex="0"]')).toHaveAttribute('data-row', '1');
  await page.keyboard.press('ArrowUp');
  expect((await focusAt(page)).row).toBe('0');
  await page.keyboard.press('ArrowUp');
  expect((await focusAt(page)).row, 'no row above the first').toBe('0');
  await page.keyboard.press('End');
  expect((await focusAt(page)).row).toBe(String(rows - 1));
  // the last row is shown: its table scrolled (the page does not)
  const scroll = (await page.locator('.table-scroll:has([data-testid="srat-table"])').boundingBox())!;
  const last = (await page.locator(`[data-testid="srat-table"] tr[data-row="${rows - 1}"]`).boundingBox())!;
  expect(last.y + last.height).toBeLessThanOrEqual(scroll.y + scroll.height + 1);
  expect(last.y).toBeGreaterThanOrEqual(scroll.y);
  await page.keyboard.press('Home');
  expect((await focusAt(page)).row).toBe('0');
  await page.keyboard.press('PageDown');
  const paged = Number((await focusAt(page)).row);
  expect(paged, 'PageDown moves by more than one row').toBeGreaterThan(1);
  await page.keyboard.press('PageUp');
  expect((await focusAt(page)).row).toBe('0');

  // down to hbm1's entry; Enter selects hbm1 on the map and in the Inspector, the focus stays on the row
  const row = await downTo(page, 'sp-mem hbm1');
  await expect(designer.block('hbm1')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  await expect(designer.block('hbm1')).toHaveAttribute('aria-pressed', 'true');
  await expect(designer.block('hbm0')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('#tabpanel-inspector')).toContainText('hbm1');
  expect((await focusAt(page)).row).toBe(row);

  // Tab leaves the table; Shift+Tab comes back to the row the focus left
  await page.keyboard.press('Tab');
  expect((await focusAt(page)).widget).not.toBe('srat');
  await page.keyboard.press('Shift+Tab');
  expect(await focusAt(page)).toMatchObject({ widget: 'srat', row });
});

test('E820: one Tab stop, ↓ to an sp-mem entry, Enter selects that sp-mem', async ({ designer, page }) => {
  await designer.open();
  await tabInto(page, 'e820');
  // entered at the entry of the block the focus selected on its way through the map
  const selected = await page.locator('g.blocks > g.block[aria-pressed="true"]').getAttribute('data-block-key');
  expect((await focusAt(page)).text).toContain(`sp-mem ${selected}`);
  await page.keyboard.press('Home');
  expect((await focusAt(page)).row).toBe('0');
  await page.keyboard.press('ArrowDown');
  expect((await focusAt(page)).row).toBe('1');
  await downTo(page, 'sp-mem hbm2');
  await expect(page.getByTestId('e820-table').locator('tr[tabindex="0"]')).toContainText('SOFT_RESERVED');
  await page.keyboard.press('Enter');
  await expect(designer.block('hbm2')).toHaveAttribute('aria-pressed', 'true');
  // the next Tab leaves the table
  await page.keyboard.press('Tab');
  expect((await focusAt(page)).widget).not.toBe('e820');
});

test('diagnostics: one Tab stop, the arrows go through the messages', async ({ designer, page }) => {
  await designer.open();
  const n = await page.getByTestId('diagnostic').count();
  expect(n).toBeGreaterThan(1);
  await tabInto(page, 'diagnostics');
  expect((await focusAt(page)).row).toBe('0');
  await page.keyboard.press('ArrowDown');
  expect((await focusAt(page)).row).toBe('1');
  await page.keyboard.press('End');
  expect((await focusAt(page)).row).toBe(String(n - 1));
  await expect(page.getByTestId('diagnostics').locator('[tabindex="0"]')).toHaveCount(1);
});

test('the zoom buttons are one toolbar: ←/→ between them, the disabled one passed over', async ({ designer, page }) => {
  await designer.open();
  const toolbar = page.getByRole('toolbar', { name: 'Zoom' });
  await expect(toolbar.getByRole('button')).toHaveCount(3);
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  // at the overview there is nothing to zoom out of: the stop is "Zoom in"
  await expect(page.getByRole('button', { name: 'Zoom out' })).toBeDisabled();
  await tabInto(page, 'zoom');
  expect((await focusAt(page)).zoom).toBe('Zoom in');
  await page.keyboard.press('ArrowRight');
  expect((await focusAt(page)).zoom).toBe('Fit whole address space');
  await page.keyboard.press('ArrowRight');
  expect((await focusAt(page)).zoom, 'wraps round, past the disabled button').toBe('Zoom in');
  await page.keyboard.press('ArrowLeft');
  expect((await focusAt(page)).zoom).toBe('Fit whole address space');
  await page.keyboard.press('Home');
  expect((await focusAt(page)).zoom).toBe('Zoom in');
  // Enter zooms in (×2), and "Zoom out" can now be reached
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('view-range')).toContainText('×2.0');
  await page.keyboard.press('ArrowLeft');
  expect((await focusAt(page)).zoom).toBe('Zoom out');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('view-range')).not.toContainText('×');
  // zoomed out again: "Zoom out" is disabled, and the focus went to the toolbar's stop, not out of the page
  await expect(page.getByRole('button', { name: 'Zoom out' })).toBeDisabled();
  await expect.poll(async () => (await focusAt(page)).zoom).toBe('Zoom in');
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('Tab');
  expect((await focusAt(page)).widget).not.toBe('zoom');
});

test('a table of hundreds of entries (rows in view only): the keys still reach every row, the table scrolls with them', async ({ designer, page }) => {
  await designer.open();
  // 240 sp-mem on 2 nodes: an SRAT of well over 200 entries, drawn windowed
  const args = ['-machine', 'q35', '-smp', '2,sockets=2', '-m', '2G,slots=4,maxmem=300G'];
  for (let n = 0; n < 2; n++) args.push('-object', `memory-backend-ram,id=ram${n},size=1G`, '-numa', `node,nodeid=${n},memdev=ram${n},cpus=${n}`);
  for (let i = 0; i < 240; i++) args.push('-object', `memory-backend-ram,id=s${i}-mem,size=1G`, '-device', `sp-mem,id=s${i},memdev=s${i}-mem,node=${i % 2}`);
  await importText(page, `qemu-system-x86_64 ${args.join(' ')}`);
  await expect.poll(async () => (await designer.doc()).options.filter((o) => o.kind === 'device').length).toBe(240);
  const summary = await designer.settled();
  expect(summary.devices).toHaveLength(240);
  const entries = summary.srat.length;
  const srat = page.getByTestId('srat-table');
  await expect(srat).toHaveClass(/windowed/);
  expect(await designer.sratRows.count()).toBeLessThan(entries);

  // from the map's "Go to" field (past the list of options, a Tab stop per option)
  await page.getByTestId('go-to').focus();
  await tabInto(page, 'srat');
  await page.keyboard.press('Home');
  expect((await focusAt(page)).row).toBe('0');
  await page.keyboard.press('End');
  // the last entry was not rendered before: the table scrolled to it and the focus went there
  await expect.poll(async () => (await focusAt(page)).row).toBe(String(entries - 1));
  await expect(srat.locator(`tr[data-row="${entries - 1}"] td:first-child`)).toHaveText(String(entries - 1));
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await focusAt(page)).row).toBe(String(entries - 2));
  await page.keyboard.press('Home');
  await expect.poll(async () => (await focusAt(page)).row).toBe('0');
  await page.keyboard.press('PageDown');
  await expect.poll(async () => Number((await focusAt(page)).row)).toBeGreaterThan(1);
  // still one Tab stop among the rows drawn
  await expect(srat.locator('tr[tabindex="0"]')).toHaveCount(1);
});

test('the option outline is one Tab stop: the arrows move between its options and Enter selects one', async ({ designer, page }) => {
  await designer.open();
  await tabInto(page, 'outline');
  const start = await focusAt(page);
  // the example's outline starts with its RAM backend ram0 (README: -object memory-backend-ram,id=ram0,size=16G)
  expect(start.row).toBe('0');
  expect(start.text).toContain('ram0');
  await page.keyboard.press('ArrowDown');
  expect((await focusAt(page)).row).toBe('1');
  await page.keyboard.press('End');
  const last = await focusAt(page);
  expect(Number(last.row)).toBe((await page.locator('section.outline li[data-row]').count()) - 1);
  // the last option of the example is the DIMM: Enter selects it on the map
  expect(last.text).toContain('dimm0');
  await page.keyboard.press('Enter');
  await expect(designer.block('dimm0')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Home');
  expect((await focusAt(page)).row).toBe('0');
  await expect(page.locator('section.outline button[tabindex="0"]')).toHaveCount(1);
});

test('the export formats are one radio group: one Tab stop, the arrows choose the next format', async ({ designer, page }) => {
  await designer.open();
  await page.getByTestId('export-qemu').click();
  const group = page.getByRole('radiogroup', { name: 'Export format' });
  await expect(group.locator('[tabindex="0"]')).toHaveCount(1);
  await page.getByTestId('export-view-qemu').focus();
  // the formats in their order: QEMU, argv, libvirt, …
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('export-view-argv')).toBeFocused();
  await expect(page.getByTestId('export-view-argv')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export-output')).toHaveAttribute('data-format', 'argv');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('export-view-qemu')).toBeFocused();
  await expect(page.getByTestId('export-output')).toHaveAttribute('data-format', 'qemu');
  // Tab leaves the group at once
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[role="radiogroup"]') === null)).toBe(true);
});
