/**
 * "+ sp-mem" keeps the new range apart from the sp-mem before it. QEMU puts a device without addr= at the first
 * free spot, right after the last device, and Linux merges SOFT_RESERVED ranges that touch into one: the palette
 * then gives the new device an addr= one 2 MiB step further (the alignment of a RAM backend), so the guest keeps
 * two ranges, two dax devices.
 */
import { expect, test } from './fixtures.ts';

const MiB2 = 2n << 20n;

test('a new sp-mem after the last sp-mem gets addr= 2 MiB past it, and E820 keeps two SOFT_RESERVED ranges', async ({ designer, page }) => {
  await designer.open();
  // the example's pc-dimm sits after its last sp-mem: without it, QEMU's own spot for a new device touches that sp-mem
  await designer.blockBody('dimm0').click();
  await page.getByTestId('remove-selected').click();
  await expect(designer.block('dimm0')).toHaveCount(0);
  const before = await designer.settled();
  const spmem = before.devices.filter((d) => d.driver === 'sp-mem');
  const last = spmem.reduce((a, d) => (BigInt(d.addr) > BigInt(a.addr) ? d : a));
  const lastEnd = BigInt(last.addr) + BigInt(last.size);
  expect(before.devices.every((d) => BigInt(d.addr) + BigInt(d.size) <= lastEnd)).toBe(true);

  await page.getByTestId('add-sp-mem').click();
  await expect(page.getByTestId('notice')).toContainText('2 MiB or more away from the sp-mem before it');
  const after = await designer.settled();
  expect(after.error).toBeNull();
  const added = after.devices.find((d) => !before.devices.some((b) => b.id === d.id))!;
  expect(added.driver).toBe('sp-mem');
  expect(added.explicitAddr).toBe(true);
  expect(BigInt(added.addr)).toBe(lastEnd + MiB2);

  const soft = after.e820.filter((e) => e.type === 0xefffffff).map((e) => [BigInt(e.address), BigInt(e.length)] as const);
  expect(soft).toContainEqual([lastEnd + MiB2, 1n << 30n]);
  // no SOFT_RESERVED entry runs into another
  const sorted = [...soft].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0] > sorted[i - 1]![0] + sorted[i - 1]![1]).toBe(true);
});

test('a new sp-mem whose spot already keeps the gap gets no addr=', async ({ designer, page }) => {
  await designer.open();
  const before = await designer.settled();
  await designer.blockBody('dimm0').click();
  // (each + is checked with the core before it is added: wait for each to be added)
  await page.getByTestId('add-pc-dimm').click();
  await expect(page.getByTestId('notice')).toContainText('Added pc-dimm');
  await designer.settled();
  await page.getByTestId('add-sp-mem').click();
  await expect(page.getByTestId('notice')).toContainText('Added sp-mem');
  const after = await designer.settled();
  const added = after.devices.filter((d) => !before.devices.some((b) => b.id === d.id)).find((d) => d.driver === 'sp-mem')!;
  // QEMU's first fit puts it after the new pc-dimm, which is no sp-mem: nothing to keep apart
  expect(added.explicitAddr).toBe(false);
});
