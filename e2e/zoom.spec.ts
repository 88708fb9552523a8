/** Zooming down to a 4 KiB region: the axis keeps exact hex labels. */
import { expect, test } from './fixtures.ts';

// QEMU's HOLE_640K_START: the 640K hole begins at 0xa0000
const HOLE_640K_START = 0xa0000n;

async function visibleRange(page: import('@playwright/test').Page): Promise<[bigint, bigint]> {
  const text = (await page.getByTestId('view-range').textContent()) ?? '';
  const m = /(0x[0-9a-f]+)\s*–\s*(0x[0-9a-f]+)/.exec(text);
  if (!m) throw new Error(`no range in '${text}'`);
  return [BigInt(m[1]!), BigInt(m[2]!)];
}

test('zooms with the wheel to a 4 KiB region and labels it in exact hex', async ({ designer, page }) => {
  await designer.open();
  const [a0, a1] = await visibleRange(page);
  expect(a0).toBe(0n);
  // the example's CPU is AMD with 40 physical address bits: the map runs to the end of the HT hole, 1 TiB
  expect(a1).toBe(1n << 40n);

  const lane = await designer.lane(1).locator('rect.lane-bg').boundingBox();
  const y = Math.round(lane!.y + lane!.height / 2);
  for (let i = 0; i < 40; i++) {
    const [v0, v1] = await visibleRange(page);
    if (v1 - v0 <= 0x1000n) break;
    // keep the pointer on the start of the 640K hole (the left edge of its region) while zooming
    const hole = await page.locator('.region-hole-640k rect').boundingBox();
    await page.mouse.move(Math.round(hole!.x), y);
    await page.mouse.wheel(0, -300);
  }
  const [v0, v1] = await visibleRange(page);
  expect(v1 - v0 <= 0x1000n).toBe(true);
  expect(v0 <= HOLE_640K_START && HOLE_640K_START <= v1).toBe(true);

  const labels = (await page.getByTestId('axis-label').allTextContents()).map((t) => t.trim());
  expect(labels.length).toBeGreaterThanOrEqual(3);
  for (const l of labels) expect(l).toMatch(/^0x[0-9a-f]+$/);
  expect(labels).toContain('0xa0000');
  const addrs = labels.map((l) => BigInt(l)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const a of addrs) expect(a >= v0 - 0x200n && a <= v1 + 0x200n).toBe(true);
  // ticks are exact multiples of a power-of-two step no larger than 1 KiB
  const steps = addrs.slice(1).map((a, i) => a - addrs[i]!);
  const step = steps.reduce((m, s) => (s < m ? s : m));
  expect(step <= 0x400n).toBe(true);
  expect(step & (step - 1n)).toBe(0n);
  for (const a of addrs) expect(a % step).toBe(0n);

  // the hover card reads exact addresses at this zoom too
  await page.getByRole('button', { name: 'Fit whole address space' }).click();
  const [f0, f1] = await visibleRange(page);
  expect([f0, f1]).toEqual([0n, 1n << 40n]);
});

test('zoom buttons zoom in and out around the centre', async ({ designer, page }) => {
  await designer.open();
  const [a0, a1] = await visibleRange(page);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const [b0, b1] = await visibleRange(page);
  expect(b0 > a0 || b1 < a1).toBe(true);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  expect(await visibleRange(page)).toEqual([a0, a1]);
});

test('dragging the background pans the zoomed map', async ({ designer, page }) => {
  await designer.open();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  const [a0, a1] = await visibleRange(page);
  // zoomed ×8 around the centre, the view shows hbm2's range; node 1's lane is empty there (hbm0 is further down)
  const lane = await designer.lane(1).locator('rect.lane-bg').boundingBox();
  // press on the empty lane background and drag right
  const y = Math.round(lane!.y + lane!.height / 2);
  const x = Math.round(lane!.x + lane!.width * 0.3);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 150, y, { steps: 8 });
  await page.mouse.up();
  const [b0, b1] = await visibleRange(page);
  // dragging the content right shows lower addresses
  expect(b0 < a0).toBe(true);
  expect(b1 < a1).toBe(true);
});
