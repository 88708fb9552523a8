/**
 * The hotplug-window inspector, the guest view, the SPM/RESERVED/RAM comparison and the tour. Expected values are
 * computed by hand from QEMU's rules and the kernel's formats (shared/docs/qemu-memory.md, sp-mem.md,
 * linux-guest-view.md), never read back from the page.
 *
 * The 'fragmented' example: `-machine q35 -m 4G,slots=4,maxmem=40G`, node 0 with the RAM and the CPUs, node 1
 * empty, then -device pc-dimm dimm0 (2G), sp-mem hbm0 (8G, node 1), pc-dimm dimm1 (2G).
 *  - q35 with 4 GiB of RAM (≥ 2.75 GiB) keeps 2 GiB below 4 GiB and puts 2 GiB above: RAM above 4 GiB ends at
 *    6 GiB, so the hotplug window starts at 6 GiB = 0x180000000 (aligned to 1 GiB) and is
 *    (maxmem − RAM) + slots × 1 GiB = 36 + 4 = 40 GiB long: [0x180000000, 0xb80000000).
 *  - first fit in -device order: dimm0 [6G, 8G), hbm0 [8G, 16G) = [0x200000000, 0x400000000), dimm1 [16G, 18G).
 *  - free: [18G, 46G) = 28 GiB = 0x700000000, one range. The hotpluggable area (window minus sp-mem) is
 *    [6G, 8G) + [16G, 46G): largest 30 GiB = 0x780000000; the SRAT spends 3 entries (gap, hbm0, gap).
 *  - sp-mem first and DIMMs on top: hbm0 [6G, 14G), dimm0 [14G, 16G), dimm1 [16G, 18G): the hotpluggable area is
 *    [14G, 46G) = 32 GiB = 0x800000000 in 2 SRAT entries; the free range is still [18G, 46G) = 0x700000000.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DesignerPage } from './fixtures.ts';

const GiB = 1n << 30n;
const hex = (v: bigint) => '0x' + v.toString(16);

async function openFragmented(designer: DesignerPage, page: Page, tab: 'window' | 'guest' | 'learn') {
  await designer.open();
  await designer.choosePreset('fragmented');
  await page.getByTestId(`deck-tab-${tab}`).click();
}

/** Set addr= of a device through the inspector, as a user would. */
async function pin(designer: DesignerPage, page: Page, id: string, addr: string) {
  await designer.blockBody(id).click();
  const field = page.getByTestId('inspector-addr');
  await field.fill(addr);
  await field.press('Enter');
  await expect.poll(async () => (await designer.device(id)).addr).toBe(addr);
  await designer.settled();
}

test('window inspector: the figures of the fragmented example, and the advisor applied and undone', async ({ designer, page }) => {
  await openFragmented(designer, page, 'window');
  const inspector = page.getByTestId('window-inspector');
  await expect(inspector).toBeVisible();

  const base = 6n * GiB;
  const size = 40n * GiB;
  await expect(page.getByTestId('window-size')).toContainText(`[${hex(base)}, ${hex(base + size)})`);
  await expect(page.getByTestId('window-largest-free')).toHaveText(hex(28n * GiB));
  await expect(page.getByTestId('window-largest-hotpluggable')).toHaveText(hex(30n * GiB));
  await expect(page.getByTestId('window-srat-count')).toHaveText('3');
  // the fragmentation definition is on screen, next to its figure
  await expect(inspector).toContainText('1 − (largest free range ÷ total free space in the window)');
  // the parts, each with its SRAT entry under it
  await expect(page.getByTestId('window-part-hbm0')).toBeVisible();
  await expect(page.getByTestId('window-srat-entry')).toHaveCount(3);

  await page.getByTestId('window-advise').click();
  const advice = page.getByTestId('window-advice');
  await expect(advice).toContainText(`grows from ${hex(30n * GiB)} to ${hex(32n * GiB)}`);
  const revision = await designer.revision();
  await page.getByTestId('window-apply-advice').click();
  await expect(page.getByTestId('window-largest-hotpluggable')).toHaveText(hex(32n * GiB));
  await expect(page.getByTestId('window-srat-count')).toHaveText('2');
  await expect(page.getByTestId('window-largest-free')).toHaveText(hex(28n * GiB));
  // one step: the revision moved by one and hbm0 now comes first
  expect(await designer.revision()).toBe(revision + 1);
  const devices = (await designer.settled()).devices;
  expect(devices.find((d) => d.id === 'hbm0')?.addr).toBe(hex(6n * GiB));
  expect(devices.find((d) => d.id === 'dimm0')?.addr).toBe(hex(14n * GiB));

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('window-largest-hotpluggable')).toHaveText(hex(30n * GiB));
  await expect(page.getByTestId('window-srat-count')).toHaveText('3');
  expect((await designer.settled()).devices.find((d) => d.id === 'hbm0')?.addr).toBe(hex(8n * GiB));
});

test('window inspector: with addresses pinned, the advice makes the largest free range grow; undo brings it back', async ({ designer, page }) => {
  await openFragmented(designer, page, 'window');
  // pin hbm0 at 10 GiB and dimm1 at 20 GiB: dimm0 still lands at 6 GiB (first fit), so
  //   dimm0 [6G, 8G)  free [8G, 10G)  hbm0 [10G, 18G)  free [18G, 20G)  dimm1 [20G, 22G)  free [22G, 46G)
  // largest free = 24 GiB = 0x600000000.
  await pin(designer, page, 'hbm0', hex(10n * GiB));
  await pin(designer, page, 'dimm1', hex(20n * GiB));
  const largest = page.getByTestId('window-largest-free');
  await expect(largest).toHaveText(hex(24n * GiB));

  // the advice drops both addr= and puts hbm0 first: hbm0 [6G, 14G), dimm0 [14G, 16G), dimm1 [16G, 18G),
  // free [18G, 46G) = 28 GiB = 0x700000000
  await page.getByTestId('window-advise').click();
  await expect(page.getByTestId('window-before-after')).toContainText(hex(28n * GiB));
  await page.getByTestId('window-apply-advice').click();
  await expect(largest).toHaveText(hex(28n * GiB));
  expect((await designer.device('hbm0')).addr).toBeUndefined();

  await page.keyboard.press('Control+z');
  await expect(largest).toHaveText(hex(24n * GiB));
  expect((await designer.device('hbm0')).addr).toBe(hex(10n * GiB));
});

test('guest view: OVMF shows the soft reserved range, SeaBIOS drops it', async ({ designer, page }) => {
  await openFragmented(designer, page, 'guest');
  const dmesg = page.getByTestId('guest-dmesg');
  const iomem = page.getByTestId('guest-iomem');
  // hbm0 = [0x200000000, 0x400000000): e820__print_table prints %016llx with an inclusive end;
  // the SRAT line prints %#010Lx, and an ENABLED-only entry has no " hotplug" suffix; PXM 1 is Linux node 1
  const softReserved = 'BIOS-e820: [mem 0x0000000200000000-0x00000003ffffffff] soft reserved';
  const sratLine = 'ACPI: SRAT: Node 1 PXM 1 [mem 0x200000000-0x3ffffffff]';

  await page.getByTestId('guest-firmware').selectOption('seabios');
  await expect(dmesg).toContainText(sratLine);
  await expect(dmesg).not.toContainText('soft reserved');
  await expect(iomem).not.toContainText('Soft Reserved');
  await expect(page.getByTestId('guest-warnings')).toContainText('SeaBIOS drops SOFT_RESERVED');
  await expect(page.getByTestId('guest-fate-hbm0')).toContainText('not seen by the guest');

  await page.getByTestId('guest-firmware').selectOption('ovmf');
  await expect(dmesg).toContainText(softReserved);
  await expect(dmesg).toContainText(sratLine);
  // r_show(): no 0x, inclusive end
  await expect(iomem).toContainText('200000000-3ffffffff : Soft Reserved');
  // since Linux 6.3 kmem hot-adds it; before, device-dax keeps it as /dev/dax0.0
  await expect(page.getByTestId('guest-fate-hbm0')).toContainText('System RAM (kmem)');
  await page.getByTestId('guest-kernel').selectOption('pre-6.3');
  await expect(page.getByTestId('guest-fate-hbm0')).toContainText('/dev/dax0.0');

  await page.getByTestId('guest-firmware').selectOption('seabios');
  await expect(dmesg).not.toContainText('soft reserved');

  // QEMU's own view, in address order: dimm0 (6 GiB), hbm0, dimm1 — HMP prints size in decimal bytes
  const info = page.getByTestId('guest-info-memory-devices');
  await expect(info).toContainText(`Memory device [sp-mem]: "hbm0"\n  addr: ${hex(8n * GiB)}\n  node: 1\n  size: ${8n * GiB}`);

  // a click on a line says where it comes from
  await dmesg.getByText(sratLine).click();
  await expect(page.getByTestId('guest-line-details')).toContainText('drivers/acpi/numa/srat.c');
});

test('learn panel: the E820 type follows the mode (soft reserved, reserved, usable), with sources a click away', async ({ designer, page }) => {
  await openFragmented(designer, page, 'learn');
  const panel = page.getByTestId('learn-panel');
  await expect(panel).toContainText('hbm0');
  const type = page.getByTestId('learn-e820-type');
  const mode = page.getByTestId('learn-mode');
  // linux-guest-view.md §1.1: the words e820_print_type() prints for SOFT_RESERVED, RESERVED and RAM
  await mode.selectOption('spm');
  await expect(type).toHaveText('soft reserved');
  await mode.selectOption('reserved');
  await expect(type).toHaveText('reserved');
  await mode.selectOption('ram');
  await expect(type).toHaveText('usable');
  await mode.selectOption('spm');
  await expect(type).toHaveText('soft reserved');

  // the SPM /proc/iomem line for hbm0, and its sources behind one click
  await expect(panel).toContainText('200000000-3ffffffff : Soft Reserved');
  const first = panel.getByRole('button', { name: /sources/ }).first();
  await first.click();
  await expect(panel.locator('.source-list').first()).toBeVisible();

  // selecting another block on the map changes the range
  await designer.blockBody('dimm1').click();
  await expect(panel).toContainText(`2 GiB at ${hex(16n * GiB)}`);
});

test('tour: steps over the example, Next/Back/Close, remembered as seen', async ({ designer, page }) => {
  await designer.open();
  await page.getByTestId('tour-start').click();
  const card = page.getByTestId('tour');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-target', 'block-hbm0');
  await expect(page.getByTestId('tour-step')).toHaveText(/^1 \/ \d+$/);
  await page.getByTestId('tour-next').click();
  await expect(card).toHaveAttribute('data-target', 'srat-table');
  await page.getByTestId('tour-next').click();
  await expect(card).toHaveAttribute('data-target', 'window-inspector');
  await expect(page.getByTestId('window-inspector')).toBeInViewport();
  await page.getByTestId('tour-back').click();
  await expect(card).toHaveAttribute('data-target', 'srat-table');
  await page.getByTestId('tour-close').click();
  await expect(card).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('mmd.tour.seen'))).toBe('1');
});
