/**
 * The map as its users expect it: a press that never scrolls the page, a drag that keeps its lane, sizes that tell
 * the truth inside the hotplug window, refusals in plain words with the nearest valid spot, zoom-adaptive snapping,
 * and a zoom that survives a resize. Expected values are computed here from the example machine's command line and
 * QEMU's placement rules (shared/docs/qemu-memory.md §2–§3), never read back from the app.
 *
 * The example: q35, -m 16G,slots=4,maxmem=96G; RAM 2 GiB below 4 GiB and 14 GiB above, so the hotplug window starts
 * at 4 GiB + 14 GiB = 18 GiB = 0x480000000 and is (96 − 16) GiB + 4 × 1 GiB = 84 GiB long (to 102 GiB =
 * 0x1980000000). sp-mem hbm0 (16 GiB, node 1) at 0x480000000, hbm1 (16 GiB, node 2) at 0x880200000, hbm2 (16 GiB,
 * node 3) at 0xc80400000, pc-dimm dimm0 (4 GiB, node 0) at 0x1080400000; the whole map runs to 1 TiB.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, type DesignerPage } from './fixtures.ts';

const MiB = 1n << 20n;
const GiB = 1n << 30n;
const WINDOW_START = 18n * GiB;
const WINDOW_END = 102n * GiB;
const hex = (v: bigint) => '0x' + v.toString(16);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The drawn geometry of an element (the SVG rect itself, without its stroke). */
async function rectOf(l: Locator): Promise<Box> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

async function visibleRange(page: Page): Promise<[bigint, bigint]> {
  const text = (await page.getByTestId('view-range').textContent()) ?? '';
  const m = /(0x[0-9a-f]+)\s*–\s*(0x[0-9a-f]+)/.exec(text);
  if (!m) throw new Error(`no range in '${text}'`);
  return [BigInt(m[1]!), BigInt(m[2]!)];
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** Press the centre of block `id` and hold it; returns the press point. */
async function press(designer: DesignerPage, id: string): Promise<{ x: number; y: number }> {
  const b = await rectOf(designer.blockBody(id));
  const p = { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
  await designer.page.mouse.move(p.x, p.y);
  await designer.page.mouse.down();
  return p;
}

test.describe('a press never scrolls the page; a drag keeps its lane', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('at 1280×720, pressing dimm0 and dragging 20 px right keeps the page still and the block on node 0', async ({ designer, page }) => {
    await designer.open();
    expect(await scrollY(page)).toBe(0);
    const p = await press(designer, 'dimm0');
    // the press selects dimm0: its SRAT entries light up, yet the page does not move
    await expect(designer.block('dimm0')).toHaveClass(/selected/);
    expect(await scrollY(page)).toBe(0);
    await page.mouse.move(p.x + 2, p.y);
    await page.mouse.move(p.x + 20, p.y, { steps: 5 });
    await expect(designer.dragStatus).toContainText('dimm0 → node 0');
    expect(await scrollY(page)).toBe(0);
    await page.mouse.up();
    expect(await scrollY(page)).toBe(0);
    expect((await designer.device('dimm0')).node).toBe('0');
  });

  test('the lane changes only when the pointer is well past its edge (hysteresis)', async ({ designer, page }) => {
    await designer.open();
    const lane0 = await rectOf(designer.lane(0).locator('rect.lane-bg'));
    const p = await press(designer, 'dimm0');
    // 6 px into node 1's lane: still node 0 (the lane is kept until 12 px past its edge)
    const edge = lane0.y + lane0.height;
    await page.mouse.move(p.x, p.y + 2);
    await page.mouse.move(p.x, Math.round(edge + 6), { steps: 4 });
    await expect(designer.dragStatus).toContainText('dimm0 → node 0');
    // 30 px in: node 1
    await page.mouse.move(p.x, Math.round(edge + 30), { steps: 4 });
    await expect(designer.dragStatus).toContainText('dimm0 → node 1');
    // back 6 px above the edge, inside node 0's lane but within node 1's margin: node 1 is kept
    await page.mouse.move(p.x, Math.round(edge - 6), { steps: 4 });
    await expect(designer.dragStatus).toContainText('dimm0 → node 1');
    await page.keyboard.press('Escape');
    await page.mouse.up();
  });

  test('Shift locks the drag to the direction it moves most in', async ({ designer, page }) => {
    await designer.open();
    const lane2 = await rectOf(designer.lane(2).locator('rect.lane-bg'));
    const p = await press(designer, 'dimm0');
    await page.keyboard.down('Shift');
    // mostly down (to node 2's lane) and a little right: only the lane changes
    const dy = Math.round(lane2.y + lane2.height / 2) - p.y;
    await page.mouse.move(p.x + 2, p.y + 2);
    await page.mouse.move(p.x + 40, p.y + dy, { steps: 6 });
    await expect(designer.dragStatus).toContainText('dimm0 → node 2, address unchanged');
    await expect(designer.dragStatus).toContainText('across lanes only');
    // mostly right, a little down: only the address changes, the lane stays node 0
    await page.mouse.move(p.x + 60, p.y + 30, { steps: 6 });
    await expect(designer.dragStatus).toContainText('dimm0 → node 0, addr=');
    await expect(designer.dragStatus).toContainText('along the axis only');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Escape');
    await page.mouse.up();
  });
});

test.describe('sizes that tell the truth', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('inside the hotplug window widths are proportional; the axis reads GiB; the compression is said', async ({ designer, page }) => {
    await designer.open();
    const hbm0 = await rectOf(designer.blockBody('hbm0'));
    const hbm1 = await rectOf(designer.blockBody('hbm1'));
    const dimm0 = await rectOf(designer.blockBody('dimm0'));
    // 16 GiB against 4 GiB: four times as wide
    expect(hbm0.width / dimm0.width).toBeCloseTo(4, 2);
    expect(hbm1.width / hbm0.width).toBeCloseTo(1, 3);
    // the 2 MiB between hbm0 and hbm1 is 2 MiB / 16 GiB = 1/8192 of a block: well under a pixel
    const gap = hbm1.x - (hbm0.x + hbm0.width);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(hbm0.width / 8192 + 0.01);
    // the free rest of the window, from dimm0's end (0x1080400000 + 4 GiB = 70 GiB + 4 MiB) to 102 GiB, is
    // (32 GiB − 4 MiB) / 16 GiB block widths long
    const win = await rectOf(page.locator('.region-window rect'));
    const free = win.x + win.width - (dimm0.x + dimm0.width);
    expect(free / hbm0.width).toBeCloseTo(Number(32n * GiB - 4n * MiB) / Number(16n * GiB), 2);

    // the axis: hex with the address as a GiB offset beneath; 0x480000000 = 18 × 2^30
    await expect(page.locator('[data-testid="axis-gib"][data-addr="0x480000000"]')).toHaveText('18 GiB');
    await expect(page.locator('[data-testid="axis-gib"][data-addr="0x80000000"]')).toHaveText('2 GiB');

    // the overview compresses the regions: the map says so
    await expect(page.getByTestId('scale-note')).toContainText('Compressed scale');
    // zoomed onto hbm1 (its margins too lie inside the window, one density): to scale
    await designer.blockBody('hbm1').dblclick();
    await expect(page.getByTestId('scale-note')).toHaveText('To scale: equal widths are equal sizes.');
  });

  test('the true-scale toggle gives every byte the same width', async ({ designer, page }) => {
    await designer.open();
    await page.getByTestId('true-scale').check();
    await expect(page.getByTestId('scale-note')).toHaveText('To scale: equal widths are equal sizes.');
    const plot = await rectOf(page.locator('rect.plot-bg'));
    const win = await rectOf(page.locator('.region-window rect'));
    // 84 GiB of 1 TiB, starting at 18 GiB
    expect(win.width / plot.width).toBeCloseTo(84 / 1024, 3);
    expect((win.x - plot.x) / plot.width).toBeCloseTo(18 / 1024, 3);
    // and back
    await page.getByTestId('true-scale').uncheck();
    await expect(page.getByTestId('scale-note')).toContainText('Compressed scale');
  });
});

test.describe('a refused drop explains itself', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('plain words first, QEMU’s text below, the conflicting block outlined; the status line is not cut off', async ({ designer, page }) => {
    await designer.open();
    const before = await designer.revision();
    const hbm0 = await rectOf(designer.blockBody('hbm0'));
    const hbm2 = await rectOf(designer.blockBody('hbm2'));
    const from = { x: Math.round(hbm2.x + hbm2.width / 2), y: Math.round(hbm2.y + hbm2.height / 2) };
    // hbm2's start onto the middle of hbm0, in its own lane
    const dx = Math.round(hbm0.x + hbm0.width / 2 - hbm2.x);
    await designer.drag(from, dx, 0, async () => {
      await expect(page.getByTestId('drag-words')).toContainText('hbm2 would overlap hbm0 [0x480000000–0x87fffffff]');
      await expect(page.getByTestId('drag-qemu')).toContainText("address range conflicts with memory device id='hbm0'");
      await expect(page.getByTestId('conflict-hbm0')).toBeVisible();
    });
    const words = page.getByTestId('refusal-words');
    const qemu = page.getByTestId('refusal-qemu');
    await expect(words).toContainText('Drop refused, nothing changed: hbm2 would overlap hbm0 [0x480000000–0x87fffffff]');
    await expect(qemu).toContainText("qemu-system-x86_64: -device sp-mem,id=hbm2");
    await expect(qemu).toContainText("address range conflicts with memory device id='hbm0'");
    // plain words above QEMU's text
    expect((await rectOf(words)).y).toBeLessThan((await rectOf(qemu)).y);
    // the conflicting block stays outlined while the message shows
    await expect(page.getByTestId('conflict-hbm0')).toBeVisible();
    // nothing is cut off: the status box holds its whole text
    const status = designer.dragStatus;
    const fits = await status.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1);
    expect(fits).toBe(true);
    const box = await rectOf(status);
    const q = await rectOf(qemu);
    expect(q.x + q.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(q.y + q.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
    expect(await designer.revision()).toBe(before);
    expect((await designer.device('hbm2')).addr).toBe('0xc80400000');
  });

  test('the nearest valid spot is offered, and the block moves there on request', async ({ designer, page }) => {
    await designer.open();
    const win = await rectOf(page.locator('.region-window rect'));
    const dimm0 = await rectOf(designer.blockBody('dimm0'));
    const from = { x: Math.round(dimm0.x + dimm0.width / 2), y: Math.round(dimm0.y + dimm0.height / 2) };
    // dimm0's start 3 px before the window's end: it snaps onto the end, 0x1980000000, and would stick out of it
    const dx = Math.round(win.x + win.width - 3 - dimm0.x);
    await designer.drag(from, dx, 0, async () => {
      await expect(page.getByTestId('drag-words')).toContainText(
        `would not lie inside the hotplug window [${hex(WINDOW_START)}–${hex(WINDOW_END - 1n)}]`,
      );
    });
    // the nearest place a 4 GiB DIMM fits: flush with the window's end, 102 − 4 = 98 GiB
    const nearest = 98n * GiB;
    const offer = page.getByTestId('refusal-nearest');
    await expect(offer).toHaveText(`Move dimm0 to the nearest free spot, ${hex(nearest)}`);
    await offer.click();
    await expect.poll(async () => (await designer.device('dimm0')).addr).toBe(hex(nearest));
    await expect(page.getByTestId('notice')).toContainText(`addr=${hex(nearest)}`);
    // one undo step brings it back to automatic placement
    await page.getByTestId('undo').click();
    await expect.poll(async () => (await designer.device('dimm0')).addr).toBeUndefined();
  });
});

test.describe('snapping', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('at the overview a drag snaps to whole GiB; zoomed in, to a finer power-of-two step', async ({ designer, page }) => {
    await designer.open();
    const dimm0 = await rectOf(designer.blockBody('dimm0'));
    // about 5 GiB to the right (4 GiB per dimm0 width), into the free end of the window, clear of other edges
    const dx = Math.round((dimm0.width * 5) / 4);
    await designer.drag({ x: Math.round(dimm0.x + dimm0.width / 2), y: Math.round(dimm0.y + dimm0.height / 2) }, dx, 0, async () => {
      await expect(page.getByTestId('drag-snap')).toContainText('snap 1 GiB');
    });
    await expect.poll(async () => (await designer.device('dimm0')).addr).toBeDefined();
    const a = BigInt((await designer.device('dimm0')).addr!);
    // whole GiB, past where it was (0x1080400000 = 66 GiB + 4 MiB)
    expect(a % GiB).toBe(0n);
    expect(a > 0x1080400000n).toBe(true);

    // zoom onto hbm0: the step is the smallest 2 MiB × 2^n at least 12 px wide (bytes per pixel from its width)
    await designer.blockBody('hbm0').dblclick();
    const hbm0 = await rectOf(designer.blockBody('hbm0'));
    const bytesPerPx = Number(16n * GiB) / hbm0.width;
    let step = 2n * MiB;
    while (Number(step) < bytesPerPx * 12 && step < GiB) step *= 2n;
    expect(step < GiB).toBe(true);
    const stepPx = Number(step) / bytesPerPx;
    // hbm0 sits at the window base; 3.3 steps to the right its start is nearest the third step (the candidate's
    // address is what counts here, not QEMU's verdict)
    const from = { x: Math.round(hbm0.x + Math.min(hbm0.width / 2, 200)), y: Math.round(hbm0.y + hbm0.height / 2) };
    const m = page.mouse;
    await m.move(from.x, from.y);
    await m.down();
    await m.move(from.x + 2, from.y);
    await m.move(from.x + Math.round(stepPx * 3.3), from.y, { steps: 6 });
    const label = step >= GiB ? `${step / GiB} GiB` : `${step / MiB} MiB`;
    await expect(page.getByTestId('drag-snap')).toContainText(`snap ${label}`);
    const text = (await designer.dragStatus.textContent()) ?? '';
    const cand = BigInt(/addr=(0x[0-9a-f]+)/.exec(text)![1]!);
    expect(cand % step).toBe(0n);
    expect(cand - WINDOW_START).toBe(3n * step);
    await page.keyboard.press('Escape');
    await m.up();
  });

  test('small jitter never changes addr=, also on a drag to another lane', async ({ designer, page }) => {
    await designer.open();
    const before = await designer.revision();
    // a wobble of ±3 px along the axis, then release: a click, nothing changes
    const p = await press(designer, 'hbm1');
    for (const dx of [3, -3, 2, -2, 3]) await page.mouse.move(p.x + dx, p.y + 1);
    await page.mouse.up();
    expect(await designer.revision()).toBe(before);
    expect((await designer.device('hbm1')).addr).toBe('0x880200000');

    // to node 3's lane with 8 px of sideways wobble: node= changes, addr= does not
    const lane3 = await rectOf(designer.lane(3).locator('rect.lane-bg'));
    const q = await press(designer, 'hbm1');
    await page.mouse.move(q.x + 2, q.y + 2);
    await page.mouse.move(q.x + 8, Math.round(lane3.y + lane3.height / 2), { steps: 6 });
    await expect(designer.dragStatus).toContainText('hbm1 → node 3, address unchanged');
    await page.mouse.up();
    await expect.poll(async () => (await designer.device('hbm1')).node).toBe('3');
    expect((await designer.device('hbm1')).addr).toBe('0x880200000');
  });

  test('an sp-mem dragged up to another sp-mem stops 2 MiB short of it (Linux merges touching SOFT_RESERVED ranges)', async ({ designer, page }) => {
    await designer.open();
    // dimm0 (placed automatically) out of the way first: 24 GiB to the right, to 90 GiB
    const dimm0 = await rectOf(designer.blockBody('dimm0'));
    await designer.drag({ x: Math.round(dimm0.x + dimm0.width / 2), y: Math.round(dimm0.y + dimm0.height / 2) }, Math.round(dimm0.width * 6), 0);
    await expect.poll(async () => (await designer.device('dimm0')).addr).toBeDefined();
    // then hbm2 about 8 GiB to the right
    let hbm2 = await rectOf(designer.blockBody('hbm2'));
    await designer.drag({ x: Math.round(hbm2.x + hbm2.width / 2), y: Math.round(hbm2.y + hbm2.height / 2) }, Math.round(hbm2.width / 2), 0);
    await expect.poll(async () => (await designer.device('hbm2')).addr).not.toBe('0xc80400000');
    // then bring its start back to 1 px right of hbm1's end (0x880200000 + 16 GiB = 0xc80200000)
    hbm2 = await rectOf(designer.blockBody('hbm2'));
    const hbm1 = await rectOf(designer.blockBody('hbm1'));
    const dx = Math.round(hbm1.x + hbm1.width + 1 - hbm2.x);
    await designer.drag({ x: Math.round(hbm2.x + hbm2.width / 2), y: Math.round(hbm2.y + hbm2.height / 2) }, dx, 0);
    // it lands one gap (2 MiB) after hbm1's end, not on it
    await expect.poll(async () => (await designer.device('hbm2')).addr).toBe('0xc80400000');
    // two SOFT_RESERVED entries that do not touch: hbm1's ends at 0xc80200000, hbm2's starts at 0xc80400000
    const sr = designer.e820Rows.filter({ hasText: 'SOFT_RESERVED' }).locator('td[data-col="address"]');
    await expect(sr).toContainText(['0x480000000', '0x880200000', '0xc80400000']);
  });
});

test.describe('zoom', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the visible address range survives a window resize', async ({ designer, page }) => {
    await designer.open();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    const [a0, a1] = await visibleRange(page);
    expect(a1 - a0 < 1n << 40n).toBe(true);
    const w1440 = (await rectOf(page.locator('rect.plot-bg'))).width;
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(async () => (await rectOf(page.locator('rect.plot-bg'))).width).toBeLessThan(900);
    const [b0, b1] = await visibleRange(page);
    const tol = (a1 - a0) / 1000n;
    const near = (x: bigint, y: bigint) => (x > y ? x - y : y - x) <= tol;
    expect(near(a0, b0) && near(a1, b1)).toBe(true);
    await page.setViewportSize({ width: 1920, height: 1080 });
    // wider than at 1440 (the map shares the width with the design column and the dock beside it)
    await expect.poll(async () => (await rectOf(page.locator('rect.plot-bg'))).width).toBeGreaterThan(w1440 + 100);
    const [c0, c1] = await visibleRange(page);
    expect(near(a0, c0) && near(a1, c1)).toBe(true);
  });

  test('keys zoom in, out and fit; the buttons stop at the bounds', async ({ designer, page }) => {
    await designer.open();
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    const zoomOut = page.getByRole('button', { name: 'Zoom out' });
    // at the fit view there is nothing further out
    expect(await visibleRange(page)).toEqual([0n, 1n << 40n]);
    await expect(zoomOut).toBeDisabled();
    const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await blur();
    await page.keyboard.press('+');
    await expect(page.getByTestId('view-range')).toContainText('×2.0');
    await expect(zoomOut).toBeEnabled();
    await page.keyboard.press('-');
    await expect.poll(() => visibleRange(page)).toEqual([0n, 1n << 40n]);
    await page.keyboard.press('=');
    await page.keyboard.press('=');
    await expect(page.getByTestId('view-range')).toContainText('×4.0');
    await page.keyboard.press('0');
    await expect.poll(() => visibleRange(page)).toEqual([0n, 1n << 40n]);
    // typing in a field does not zoom
    await page.getByTestId('palette-size').fill('');
    await page.getByTestId('palette-size').pressSequentially('+10');
    expect(await visibleRange(page)).toEqual([0n, 1n << 40n]);
    // zoom in until the button says no more: the view still shows at least 1 KiB
    await blur();
    for (let i = 0; i < 60 && (await zoomIn.isEnabled()); i++) await page.keyboard.press('+');
    await expect(zoomIn).toBeDisabled();
    const [v0, v1] = await visibleRange(page);
    expect(v1 - v0 >= 1024n).toBe(true);
    expect(v1 - v0 <= 4096n).toBe(true);
  });

  test('the overview strip frames what the map shows and moves the map on a press', async ({ designer, page }) => {
    await designer.open();
    const overview = page.getByTestId('overview');
    const frame = page.getByTestId('overview-viewport');
    const full = await rectOf(frame);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    // ×8: the frame is an eighth of the strip
    await expect.poll(async () => (await rectOf(frame)).width / full.width).toBeCloseTo(1 / 8, 2);
    // a press near the strip's left end shows the start of the address space, near its right end the end
    await overview.click({ position: { x: Math.round(full.x - (await rectOf(overview)).x + 4), y: 8 } });
    await expect.poll(async () => (await visibleRange(page))[0]).toBe(0n);
    await overview.click({ position: { x: Math.round(full.x - (await rectOf(overview)).x + full.width - 4), y: 8 } });
    await expect.poll(async () => (await visibleRange(page))[1]).toBe(1n << 40n);
    const f = await rectOf(frame);
    expect(f.x + f.width).toBeCloseTo(full.x + full.width, 0);
  });
});

test.describe('tooltips', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the hover card is never clipped: it flips at the window’s edge; scrolling and resizing dismiss it', async ({ designer, page }) => {
    await designer.open();
    const tip = page.getByTestId('map-tooltip');
    // the right end of node 3's lane (beyond the window: the HT hole), 3 px from the plot's right edge
    const lane = await rectOf(designer.lane(3).locator('rect.lane-bg'));
    const x = Math.round(lane.x + lane.width - 3);
    const y = Math.round(lane.y + lane.height / 2);
    await page.mouse.move(x, y);
    await expect(tip).toBeVisible();
    // not inside the map's own (overflow-hidden) box: on the page's body
    expect(await tip.evaluate((el) => el.parentElement === document.body)).toBe(true);
    const box = await rectOf(tip);
    const vw = await page.evaluate(() => window.innerWidth);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(vw);
    // flipped: to the pointer's left
    expect(box.x + box.width).toBeLessThanOrEqual(x);
    // the page scrolls: the card goes
    await page.evaluate(() => window.scrollBy(0, 40));
    await expect(tip).toHaveCount(0);
    // shown again, then the window is resized: it goes too
    await page.evaluate(() => window.scrollTo(0, 0));
    const b = await rectOf(designer.blockBody('hbm1'));
    await page.mouse.move(Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2));
    await expect(tip).toContainText('sp-mem hbm1');
    await page.setViewportSize({ width: 1000, height: 760 });
    await expect(tip).toHaveCount(0);
  });
});
