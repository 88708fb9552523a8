/**
 * Dragging blocks with the mouse, undo/redo, and keyboard moves. Expected addresses are computed here from
 * QEMU's placement rules (shared/docs/qemu-memory.md §2–§3), never read back from the app.
 */
import { expect, test } from './fixtures.ts';

const MiB = 1n << 20n;
const ALIGN = 2n * MiB; // memory-backend-ram region alignment on x86_64 Linux hosts

const hex = (v: bigint) => '0x' + v.toString(16);

test('dragging an sp-mem onto another lane moves it to that NUMA node; undo and redo', async ({ designer, page }) => {
  await designer.open();
  const from = await designer.centre(designer.blockBody('hbm0'));
  const target = await designer.lane(2).locator('rect.lane-bg').boundingBox();
  const dy = Math.round(target!.y + target!.height / 2) - from.y;
  await designer.drag(from, 0, dy);

  // the SRAT entry of hbm0's range (addr=0x480000000, the window base) now says PXM 2
  const row = designer.sratRowAt('0x480000000');
  await expect(row.locator('td[data-col="pxm"]')).toHaveText('2');
  expect((await designer.device('hbm0')).node).toBe('2');
  // a vertical drag leaves the address alone
  expect((await designer.device('hbm0')).addr).toBe('0x480000000');
  const lane2 = await designer.lane(2).locator('rect.lane-bg').boundingBox();
  const c = await designer.centre(designer.blockBody('hbm0'));
  expect(c.y).toBeGreaterThan(lane2!.y);
  expect(c.y).toBeLessThan(lane2!.y + lane2!.height);

  // the whole drag is one undo step
  await page.getByTestId('undo').click();
  await expect(row.locator('td[data-col="pxm"]')).toHaveText('1');
  await expect(page.getByTestId('undo')).toBeDisabled();
  await page.getByTestId('redo').click();
  await expect(row.locator('td[data-col="pxm"]')).toHaveText('2');
  // keyboard shortcuts do the same
  await page.keyboard.press('Control+z');
  await expect(row.locator('td[data-col="pxm"]')).toHaveText('1');
  await page.keyboard.press('Control+Shift+z');
  await expect(row.locator('td[data-col="pxm"]')).toHaveText('2');
});

test('dragging along the axis sets addr= in whole 2 MiB steps', async ({ designer, page }) => {
  await designer.open();
  // QEMU's sp-mem qtest machine: q35 -m 256M,slots=2,maxmem=2G: all RAM below 4 GiB, so the window starts at
  // 4 GiB rounded to 1 GiB = 0x100000000 and is (2G − 256M) + 2 × 1 GiB = 0xf0000000 long; sp0 (128 MiB) is
  // placed first fit at its base.
  await designer.choosePreset('upstream-qtest');
  const WINDOW_BASE = 0x100000000n;
  const SIZE = 128n * MiB;
  await expect(designer.sratRowAt(hex(WINDOW_BASE)).first()).toBeVisible();
  // the drag's step follows the zoom (1 GiB at the overview, the alignment when zoomed in): zoom onto sp0 so that
  // the step is its 2 MiB alignment (128 MiB across more than a thousand pixels: 12 px are under 2 MiB)
  await designer.blockBody('sp0').dblclick();
  await expect(page.getByTestId('view-range')).toContainText('×');

  const body = await designer.blockBody('sp0').boundingBox();
  const from = await designer.centre(designer.blockBody('sp0'));
  // the block is drawn over one linear piece of the axis, so its width is 128 MiB
  const dx = Math.round(body!.width * 0.4);
  const bytesPerPx = Number(SIZE) / body!.width;
  const expectedSteps = BigInt(Math.round((dx * bytesPerPx) / Number(ALIGN)));
  const expected = WINDOW_BASE + expectedSteps * ALIGN;

  await designer.drag(from, dx, 0);
  // (the drop is committed once the core has checked it: on a loaded machine, a moment after the release)
  await expect.poll(async () => (await designer.device('sp0')).addr).toBeDefined();
  const sp0 = await designer.device('sp0');
  const addr = BigInt(sp0.addr!);
  expect((addr - WINDOW_BASE) % ALIGN).toBe(0n);
  // within one alignment step of the hand computation (pixel rounding)
  const diff = addr > expected ? addr - expected : expected - addr;
  expect(diff <= ALIGN).toBe(true);
  expect(addr > WINDOW_BASE).toBe(true);

  // SRAT: the window is now split: a hotpluggable gap before sp0 (PXM = nodes − 1 = 0), sp0 ENABLED at PXM 0
  const gap = designer.sratRowAt(hex(WINDOW_BASE));
  await expect(gap.locator('td[data-col="length"]')).toHaveText(hex(addr - WINDOW_BASE));
  await expect(gap.locator('td[data-col="flags"]')).toHaveText('ENABLED | HOTPLUGGABLE');
  const moved = designer.sratRowAt(hex(addr));
  await expect(moved.locator('td[data-col="length"]')).toHaveText(hex(SIZE));
  await expect(moved.locator('td[data-col="flags"]')).toHaveText('ENABLED');
  // and its SOFT_RESERVED E820 entry follows
  await expect(designer.e820Rows.filter({ hasText: 'SOFT_RESERVED' }).locator('td[data-col="address"]')).toHaveText(hex(addr));
});

test('dropping a block onto another shows QEMU’s overlap message while dragging and changes nothing', async ({ designer, page }) => {
  await designer.open();
  const before = await designer.revision();
  const hbm0 = await designer.blockBody('hbm0').boundingBox();
  const hbm2 = await designer.blockBody('hbm2').boundingBox();
  const from = await designer.centre(designer.blockBody('hbm2'));
  // move hbm2 left so that its start lands in the middle of hbm0, staying in its lane. QEMU places hbm0 and
  // hbm1 first (-device order), then checks hbm2's addr= against them in address order: hbm0 comes first.
  const dx = Math.round(hbm0!.x + hbm0!.width / 2 - hbm2!.x);
  await designer.drag(from, dx, 0, async () => {
    await expect(designer.dragStatus).toContainText("address range conflicts with memory device id='hbm0'");
    await expect(designer.dragStatus).toContainText('-device sp-mem,id=hbm2');
  });
  await expect(page.getByTestId('notice')).toContainText('Drop refused, nothing changed');
  await expect(page.getByTestId('notice')).toContainText("address range conflicts with memory device id='hbm0'");
  expect(await designer.revision()).toBe(before);
  expect((await designer.device('hbm2')).addr).toBe('0xc80400000');
  await expect(designer.sratRowAt('0xc80400000').locator('td[data-col="pxm"]')).toHaveText('3');
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('Escape cancels a drag: nothing changes', async ({ designer, page }) => {
  await designer.open();
  const before = await designer.revision();
  const from = await designer.centre(designer.blockBody('hbm1'));
  const lane0 = await designer.lane(0).locator('rect.lane-bg').boundingBox();
  await designer.drag(from, 40, Math.round(lane0!.y + lane0!.height / 2) - from.y, async () => {
    await expect(designer.dragStatus).toContainText('hbm1 → node 0');
    await page.keyboard.press('Escape');
  });
  await expect(page.getByTestId('notice')).toContainText('Drag cancelled');
  expect(await designer.revision()).toBe(before);
  expect(await designer.device('hbm1')).toMatchObject({ node: '2', addr: '0x880200000' });
});

test('keyboard moves the selected block by alignment steps and across lanes', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('hbm2').click();
  await expect(designer.block('hbm2')).toBeFocused();
  // one step right: 0xc80400000 + 2 MiB
  await page.keyboard.press('ArrowRight');
  await expect(designer.sratRowAt('0xc80600000').locator('td[data-col="pxm"]')).toHaveText('3');
  expect((await designer.device('hbm2')).addr).toBe('0xc80600000');
  // Shift: one more GiB
  await page.keyboard.press('Shift+ArrowRight');
  await expect(designer.sratRowAt('0xcc0600000')).toHaveCount(1);
  // up: the lane above, node 2
  await page.keyboard.press('ArrowUp');
  await expect(designer.sratRowAt('0xcc0600000').locator('td[data-col="pxm"]')).toHaveText('2');
  // automatic placement (inspector): first fit from the window base skips hbm0 and hbm1 and lands at hbm1's
  // end, 0x880200000 + 16 GiB = 0xc80200000
  await page.getByTestId('inspector-auto').click();
  await expect(designer.sratRowAt('0xc80200000').locator('td[data-col="pxm"]')).toHaveText('2');
  expect((await designer.device('hbm2')).addr).toBeUndefined();
});

test('Delete removes the focused block with its backend; undo brings both back', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('dimm0').click();
  await page.keyboard.press('Delete');
  await expect(designer.block('dimm0')).toHaveCount(0);
  expect((await designer.doc()).options.some((o) => o.id === 'dimm0' || o.id === 'dimm0-mem')).toBe(false);
  await page.keyboard.press('Control+z');
  await expect(designer.block('dimm0')).toBeVisible();
  expect((await designer.doc()).options.filter((o) => o.id === 'dimm0' || o.id === 'dimm0-mem')).toHaveLength(2);
});

test('selecting a block highlights its table entries, and a row selects its block', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('hbm1').click();
  await expect(designer.sratRowAt('0x880200000')).toHaveClass(/linked/);
  await expect(designer.e820Rows.nth(4)).toHaveClass(/linked/);
  await expect(designer.sratRowAt('0x480000000')).not.toHaveClass(/linked/);
  // a row selects its block
  await designer.sratRowAt('0xc80400000').click();
  await expect(designer.block('hbm2')).toHaveClass(/selected/);
  await expect(page.getByTestId('inspector')).toContainText("sp-mem 'hbm2'");
});
