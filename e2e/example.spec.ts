/**
 * First load: the example machine (preset 'accelerator'). Expected values are QEMU's rules computed by hand:
 * q35 with -m 16G puts 2 GiB below 4 GiB and 14 GiB above; the hotplug window starts at 4 + 14 = 18 GiB
 * (0x480000000) and is (96 − 16) + 4 slots × 1 GiB = 84 GiB long (end 0x1980000000). The three 16 GiB sp-mem
 * devices have fixed addresses 2 MiB apart: 0x480000000, 0x880200000, 0xc80400000. The 4 GiB dimm is placed
 * first fit: every earlier candidate overlaps an sp-mem, so it lands at the end of hbm2, 0x1080400000.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';

const SCREENSHOT = fileURLToPath(new URL('./example-machine.png', import.meta.url));

test('shows the example machine with its lanes, blocks and tables', async ({ designer, page }) => {
  await designer.open();
  for (const node of [0, 1, 2, 3]) await expect(designer.lane(node)).toBeVisible();
  for (const id of ['hbm0', 'hbm1', 'hbm2', 'dimm0']) await expect(designer.block(id)).toBeVisible();

  // sp-mem ranges get their own SRAT memory affinity entry, ENABLED only, at their node
  const spm = [
    ['0x480000000', '1'],
    ['0x880200000', '2'],
    ['0xc80400000', '3'],
  ] as const;
  for (const [base, pxm] of spm) {
    const row = designer.sratRowAt(base);
    await expect(row).toHaveCount(1);
    await expect(row.locator('td[data-col="pxm"]')).toHaveText(pxm);
    await expect(row.locator('td[data-col="length"]')).toHaveText('0x400000000');
    await expect(row.locator('td[data-col="flags"]')).toHaveText('ENABLED');
  }
  // the 2 MiB gaps between them and the rest of the window: hotpluggable, PXM = nodes − 1 = 3; the dimm is not
  // carved out (0x1980000000 − 0x1080400000 = 0x8ffc00000)
  for (const [base, len] of [
    ['0x880000000', '0x200000'],
    ['0xc80200000', '0x200000'],
    ['0x1080400000', '0x8ffc00000'],
  ] as const) {
    const gap = designer.sratRowAt(base);
    await expect(gap.locator('td[data-col="length"]')).toHaveText(len);
    await expect(gap.locator('td[data-col="pxm"]')).toHaveText('3');
    await expect(gap.locator('td[data-col="flags"]')).toHaveText('ENABLED | HOTPLUGGABLE');
  }

  // etc/e820 in QEMU's order: the AMD HT hole (EPYC is AMD, phys-bits 40), RAM below and above 4 GiB, then one
  // SOFT_RESERVED entry per sp-mem in -device order
  const e820 = designer.e820Rows;
  await expect(e820).toHaveCount(6);
  const expected = [
    ['0xfd00000000', '0x300000000', 'RESERVED'],
    ['0x0', '0x80000000', 'RAM'],
    ['0x100000000', '0x380000000', 'RAM'],
    ['0x480000000', '0x400000000', 'SOFT_RESERVED'],
    ['0x880200000', '0x400000000', 'SOFT_RESERVED'],
    ['0xc80400000', '0x400000000', 'SOFT_RESERVED'],
  ];
  for (let i = 0; i < expected.length; i++) {
    const [addr, len, type] = expected[i]!;
    await expect(e820.nth(i).locator('td[data-col="address"]')).toHaveText(addr!);
    await expect(e820.nth(i).locator('td[data-col="length"]')).toHaveText(len!);
    await expect(e820.nth(i).locator('td[data-col="type"]')).toContainText(type!);
  }

  await expect(designer.diagnostics).toContainText('accepts this configuration');
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'worker');

  // the blocks sit in the lanes of their nodes
  for (const [id, node] of [
    ['hbm0', 1],
    ['hbm1', 2],
    ['hbm2', 3],
    ['dimm0', 0],
  ] as const) {
    const lane = await designer.lane(node).locator('rect.lane-bg').boundingBox();
    const c = await designer.centre(designer.blockBody(id));
    expect(c.y).toBeGreaterThan(lane!.y);
    expect(c.y).toBeLessThan(lane!.y + lane!.height);
  }

  await page.mouse.move(0, 0);
  await page.screenshot({ path: SCREENSHOT, fullPage: false });
});

test('hovering a block shows its start, end, size, node and type', async ({ designer, page }) => {
  await designer.open();
  const c = await designer.centre(designer.blockBody('hbm1'));
  await page.mouse.move(c.x, c.y);
  const tip = page.getByTestId('map-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('sp-mem hbm1');
  await expect(tip).toContainText('0x880200000');
  // last byte: 0x880200000 + 16 GiB − 1
  await expect(tip).toContainText('0xc801fffff');
  await expect(tip).toContainText('16 GiB');
  await expect(tip.locator('dd').nth(3)).toHaveText('2');
});

test('hovering a gap shows the region it belongs to', async ({ designer, page }) => {
  await designer.open();
  const hole = await page.locator('.region-hole-640k rect').boundingBox();
  await page.mouse.move(Math.round(hole!.x + hole!.width / 2), Math.round(hole!.y + hole!.height / 2));
  const tip = page.getByTestId('map-tooltip');
  await expect(tip).toContainText('640K hole');
  await expect(tip).toContainText('0xa0000');
  await expect(tip).toContainText('0xfffff');
  await expect(tip).toContainText('384 KiB');
});

test('runs the core on the main thread when asked to (the worker fallback path)', async ({ designer, page }) => {
  await designer.open('?engine=main');
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'main-thread');
  await expect(page.getByTestId('engine')).toHaveText('Slower mode');
  await expect(designer.sratRowAt('0x480000000').locator('td[data-col="pxm"]')).toHaveText('1');
});
