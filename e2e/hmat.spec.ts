/**
 * The NUMA · HMAT deck tab: the HBM accelerator example loaded, the latency grid and the distance matrix edited
 * in place, and the HMAT and SLIT seen to change, decoded and as bytes. Expected values are computed by hand from
 * QEMU's rules (hw/acpi/hmat.c, hw/acpi/aml-build.c build_slit, hw/core/numa.c); the example's tables before any
 * edit are what real QEMU 11.1 builds for its command line (checked byte for byte against a capture).
 *
 * The example: node 0 has the CPUs and RAM, nodes 1–2 are memory-only HBM (sp-mem), node 3 is the accelerator
 * (acpi-generic-initiator on virtio-gpu-pci at addr=0x4). HMAT layout: 40 bytes of header, one 40-byte proximity
 * domain structure (only node 0 has memory of its own), then the access-latency structure at offset 80: 8 bytes of
 * structure header, flags and data type, initiator and target counts at 92 and 96, the entry base unit (u64, ps)
 * at 104, initiators [0, 3] at 112, targets [0..3] at 120, then 2 × 4 u16 entries at 136.
 * Latencies 100, 250, 250 | 300, 120, 120 ns: the largest power of ten dividing all is 10 ns (base unit 10000 ps,
 * 0x2710), entries 10, 25, 25, 0 | 30, 12, 12, 0.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DesignerPage } from './fixtures.ts';

async function openNuma(designer: DesignerPage, page: Page) {
  await designer.open();
  await page.getByTestId('deck-tab-numa').click();
  await expect(page.getByTestId('numa-panel')).toBeVisible();
}

async function loadExample(designer: DesignerPage, page: Page) {
  await openNuma(designer, page);
  await page.getByTestId('load-hbm-preset').click();
  await expect.poll(async () => (await designer.doc()).name).toBe('hbm-hmat');
  await designer.settled();
}

/** Open a table's byte dump and return its text. */
async function bytes(page: Page, testId: string): Promise<string> {
  const pre = page.getByTestId(testId);
  await pre.locator('xpath=..').locator('summary').click();
  await expect(pre).not.toBeEmpty();
  return (await pre.textContent()) ?? '';
}

async function setCell(page: Page, testId: string, value: string) {
  const cell = page.getByTestId(testId);
  await cell.fill(value);
  await cell.press('Enter');
}

test('the HBM accelerator example: its title, the generic initiator in the SRAT, the HMAT QEMU builds', async ({ designer, page }) => {
  await loadExample(designer, page);
  await expect(page.getByLabel('Example machine').locator('option:checked')).toHaveText('Accelerator as generic initiator, HBM with HMAT');
  await expect(page.getByTestId('hmat-on')).toBeChecked();
  // node 3's generic initiator: PCI segment 0, bus 0, device 4, function 0
  const gi = page.getByTestId('srat-generic-row');
  await expect(gi).toHaveCount(1);
  await expect(gi.locator('td[data-col="pxm"]')).toHaveText('3');
  await expect(gi.locator('td[data-col="base"]')).toHaveText('PCI 0000:00:04.0');
  // the grid: rows are QEMU's initiators (the CPU node and the accelerator), columns every node
  await expect(page.getByTestId('hmat-grid').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('hmat-3-1')).toHaveValue('120');
  await expect(page.getByTestId('hmat-entry-1-3-1')).toHaveText('12 = 120 ns');
  const hex = await bytes(page, 'hmat-hex');
  expect(hex).toContain('0060  04 00 00 00 00 00 00 00  10 27 00 00 00 00 00 00');
  expect(hex).toContain('0080  02 00 00 00 03 00 00 00  0a 00 19 00 19 00 00 00');
  expect(hex).toContain('0090  1e 00 0c 00 0c 00 00 00');
});

test('editing the latency grid writes -numa hmat-lb and changes the HMAT', async ({ designer, page }) => {
  await loadExample(designer, page);
  // 75 ns is not a multiple of 10: the base becomes 1 ns (1000 ps = 0x3e8) and every entry is the latency itself
  await setCell(page, 'hmat-3-1', '75');
  await expect
    .poll(async () => (await designer.doc()).options.filter((o) => o.kind === 'numa-hmat-lb' && (o as { latency?: string }).latency === '75').length)
    .toBe(1);
  await designer.settled();
  await expect(page.getByTestId('hmat-entry-1-3-1')).toHaveText('75 = 75 ns');
  await expect(page.getByTestId('hmat-entry-1-0-1')).toHaveText('250 = 250 ns');
  const hex = await bytes(page, 'hmat-hex');
  expect(hex).toContain('0060  04 00 00 00 00 00 00 00  e8 03 00 00 00 00 00 00');
  // entries 100, 250, 250, 0 | 300 (0x12c), 75 (0x4b), 120 (0x78), 0
  expect(hex).toContain('0080  02 00 00 00 03 00 00 00  64 00 fa 00 fa 00 00 00');
  expect(hex).toContain('0090  2c 01 4b 00 78 00 00 00');

  // a cell not given yet: the accelerator to its own (memory-less) node, in a data type of its own
  await page.getByTestId('hmat-data-type').selectOption('read-latency');
  await expect(page.getByTestId('hmat-3-1')).toHaveValue('');
  await setCell(page, 'hmat-3-1', '90');
  await designer.settled();
  // a third locality structure, read latency (data type 1): base 10 ns, entry 9 for 3 → 1, 0 elsewhere
  await expect(page.getByTestId('hmat-structure')).toHaveCount(4);
  await expect(page.getByTestId('hmat-entry-2-3-1')).toHaveText('9 = 90 ns');
  await expect(page.getByTestId('hmat-entry-2-0-0')).toHaveText('0 = 0 ns');

  // hmat=off: QEMU would refuse the first hmat option, node 1's initiator=, with its own words; checked first,
  // the switch stays on and says why, until applied anyway
  const HMAT_OFF =
    'qemu-system-x86_64: -numa node,nodeid=1,initiator=0: ACPI Heterogeneous Memory Attribute Table (HMAT) is disabled, enable it with -machine hmat=on before using any of hmat specific options';
  await page.getByTestId('hmat-on').click();
  await expect(page.getByTestId('numa-edit-refusal-qemu')).toHaveText(HMAT_OFF);
  await expect(page.getByTestId('hmat-on')).toBeChecked();
  await expect(page.getByTestId('numa-refusal')).toHaveCount(0);
  await page.getByTestId('numa-edit-apply-anyway').click();
  await expect(page.getByTestId('numa-refusal')).toHaveText(HMAT_OFF);
  await expect(page.getByTestId('hmat-on')).not.toBeChecked();
  // (the switch follows the design, which the edit changes once it is checked: a click, then the state)
  await page.getByTestId('hmat-on').click();
  await expect(page.getByTestId('hmat-on')).toBeChecked();
  await expect(page.getByTestId('numa-refusal')).toHaveCount(0);
});

test('editing the distance matrix writes -numa dist and changes the SLIT; clearing a pair is refused as QEMU does', async ({ designer, page }) => {
  await loadExample(designer, page);
  // given: 1 → 2 = 20; 2 → 1 is QEMU's default, the same value, shown as a default
  await expect(page.getByTestId('dist-1-2')).toHaveValue('20');
  await expect(page.getByTestId('dist-2-1')).toHaveValue('');
  await expect(page.getByTestId('dist-2-1')).toHaveAttribute('placeholder', '20');
  await setCell(page, 'dist-1-2', '25');
  const dist = async () => (await designer.doc()).options.filter((o) => o.kind === 'numa-dist') as Array<{ src?: string; dst?: string; val?: string }>;
  await expect.poll(async () => (await dist()).find((o) => o.src === '1' && o.dst === '2')?.val).toBe('25');
  expect(await dist()).toHaveLength(6);
  await designer.settled();
  await expect(page.getByTestId('dist-2-1')).toHaveAttribute('placeholder', '25');
  // SLIT: 36-byte header (creator revision 1 at 32), 8 bytes of locality count, then rows of 4 bytes: row 1 at 48, row 2 at 52, row 3 at 56
  const rows = page.getByTestId('slit-table').getByTestId('slit-row');
  await expect(rows.nth(1).locator('td')).toHaveText(['30', '10', '25', '15']);
  await expect(rows.nth(2).locator('td')).toHaveText(['30', '25', '10', '15']);
  const hex = await bytes(page, 'slit-hex');
  expect(hex).toContain('0020  01 00 00 00 04 00 00 00  00 00 00 00 0a 1e 1e 1e');
  expect(hex).toContain('0030  1e 0a 19 0f 1e 19 0a 0f  1e 0f 0f 0a');

  // clearing 1 → 2 would leave the pair with no distance at all: held, the cell outlined, QEMU's words shown
  const MISSING = 'qemu-system-x86_64: The distance between node 1 and 2 is missing, at least one distance value between each nodes should be provided.';
  await setCell(page, 'dist-1-2', '');
  await expect(page.getByTestId('numa-edit-refusal-qemu')).toHaveText(MISSING);
  await expect(page.getByTestId('dist-1-2')).toHaveClass(/refused/);
  expect(await dist()).toHaveLength(6);
  // applied anyway, the design is QEMU's to refuse
  await page.getByTestId('numa-edit-apply-anyway').click();
  await expect(page.getByTestId('numa-refusal')).toHaveText(MISSING);
  expect(await dist()).toHaveLength(5);
});
