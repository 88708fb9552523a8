/** The palette, the machine form and the inspector: checked fields, one undo step per applied field. */
import { expect, test } from './fixtures.ts';

test('an invalid size stays in the field with a message naming it, and is not applied', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('hbm0').click();
  const size = page.getByTestId('inspector-size');
  await expect(size).toHaveValue('16G');
  const rev = await designer.revision();
  await size.fill('12X');
  await size.press('Enter');
  await expect(page.getByTestId('inspector-size-error')).toContainText("Size (backend): '12X' is not a size QEMU accepts");
  await expect(size).toHaveValue('12X');
  expect(await designer.revision()).toBe(rev);

  await size.fill('8G');
  await size.press('Enter');
  // hbm0 keeps its address (the window base); its SRAT entry is now 8 GiB long
  await expect(designer.sratRowAt('0x480000000').locator('td[data-col="length"]')).toHaveText('0x200000000');
  const backend = (await designer.doc()).options.find((o) => o.kind === 'object' && o.id === 'hbm0-mem');
  expect(backend?.size).toBe('8G');
});

test('an id that breaks QEMU’s rule is refused with the field named', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('dimm0').click();
  const id = page.getByTestId('inspector-id');
  await id.fill('9lives');
  await id.press('Enter');
  await expect(page.getByTestId('inspector-id-error')).toContainText("Device id: '9lives' is not a valid QEMU id");
  await id.fill('dimm-a.1_b');
  await id.press('Enter');
  await expect(designer.block('dimm-a.1_b')).toBeVisible();
});

test('adding a device adds its backend right before it; removing takes both away', async ({ designer, page }) => {
  await designer.open();
  await page.getByTestId('palette-size').fill('2G');
  await page.getByTestId('palette-node').selectOption('2');
  await page.getByTestId('add-pc-dimm').click();
  await expect(designer.block('dimm1')).toBeVisible();
  const opts = (await designer.doc()).options;
  const last = opts[opts.length - 1]!;
  const beforeLast = opts[opts.length - 2]!;
  expect(last).toMatchObject({ kind: 'device', driver: 'pc-dimm', id: 'dimm1', memdev: 'dimm1-mem', node: '2' });
  expect(beforeLast).toMatchObject({ kind: 'object', id: 'dimm1-mem', size: '2G' });
  // first fit: every candidate overlaps an sp-mem or dimm0 until the end of dimm0, 0x1080400000 + 4 GiB
  const lane = await designer.lane(2).locator('rect.lane-bg').boundingBox();
  const c = await designer.centre(designer.blockBody('dimm1'));
  expect(c.y).toBeGreaterThan(lane!.y);
  expect((await designer.settled()).devices.find((d) => d.id === 'dimm1')?.addr).toBe('0x1180400000');

  await page.getByTestId('remove-selected').click();
  await expect(designer.block('dimm1')).toHaveCount(0);
  expect((await designer.doc()).options.some((o) => o.id === 'dimm1-mem')).toBe(false);
  await page.keyboard.press('Control+z');
  await expect(designer.block('dimm1')).toBeVisible();
});

test('adding a NUMA node adds a lane', async ({ designer, page }) => {
  await designer.open();
  await page.getByTestId('add-node').click();
  await expect(designer.lane(4)).toBeVisible();
});

test('machine fields are checked before they apply; QEMU’s own errors show in the diagnostics', async ({ designer, page }) => {
  await designer.open();
  const maxmem = page.getByTestId('machine-maxmem');
  await maxmem.fill('lots');
  await maxmem.press('Enter');
  await expect(page.getByTestId('machine-maxmem-error')).toContainText("maxmem: 'lots' is not a size QEMU accepts");
  // a syntactically valid but too small maxmem is QEMU's to refuse: checked first, not applied, QEMU's text shown
  await maxmem.fill('8G');
  await maxmem.press('Enter');
  await expect(page.getByTestId('machine-maxmem-refusal-qemu')).toContainText('invalid value of maxmem');
  await expect(designer.diagnostics).toContainText('accepts this configuration');
  // applied anyway, it is the design's: QEMU's error is in the diagnostics
  await page.getByTestId('machine-maxmem-apply-anyway').click();
  await expect(designer.diagnostics).toContainText('invalid value of maxmem');
  await expect(page.locator('.stale-banner')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(designer.diagnostics).toContainText('accepts this configuration');
});

test('the inspector sets addr= (checked) and returns the device to automatic placement', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('dimm0').click();
  const addr = page.getByTestId('inspector-addr');
  await addr.fill('4G');
  await addr.press('Enter');
  await expect(page.getByTestId('inspector-addr-error')).toContainText("Address (addr=): '4G' is not an address");
  // the free space after hbm2: 0x1080400000 + 1 GiB, aligned to 2 MiB
  await addr.fill('0x10c0400000');
  await addr.press('Enter');
  await expect.poll(async () => (await designer.device('dimm0')).addr).toBe('0x10c0400000');
  expect((await designer.settled()).devices.find((d) => d.id === 'dimm0')?.addr).toBe('0x10c0400000');
  // an address QEMU refuses (not 2 MiB aligned) is not applied: the field says why, with QEMU's message; applied
  // anyway, QEMU's message shows in the diagnostics
  await addr.fill('0x10c0401000');
  await addr.press('Enter');
  await expect(page.getByTestId('inspector-addr-refusal-words')).toContainText('dimm0 at 0x10c0401000 would not be aligned to 0x200000');
  await expect(page.getByTestId('inspector-addr-refusal-qemu')).toContainText('address must be aligned to 0x200000 bytes');
  expect((await designer.device('dimm0')).addr).toBe('0x10c0400000');
  await page.getByTestId('inspector-addr-apply-anyway').click();
  await expect(designer.diagnostics).toContainText('address must be aligned to 0x200000 bytes');
  await page.getByTestId('inspector-auto').click();
  await expect(designer.diagnostics).toContainText('accepts this configuration');
  expect((await designer.device('dimm0')).addr).toBeUndefined();
});

test('blocks are reached with Tab and carry a label', async ({ designer, page }) => {
  await designer.open();
  await page.getByRole('button', { name: 'Fit whole address space' }).focus();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-testid', /^block-/);
  await expect(focused).toHaveAttribute('aria-label', /sp-mem hbm0, 16 GiB at 0x480000000, node 1/);
});
