/**
 * One rule for designs QEMU refuses: an edit made with the designer's own controls (the + buttons, an Inspector
 * field) is checked first and, when QEMU would refuse it, not committed — the control keeps what was typed, says
 * why in plain words with QEMU's text, marks what is concerned, and offers "Apply anyway" (Esc goes back). A design
 * that arrives refused (an import) is kept as it is, and the page says plainly that the tables show the last
 * design QEMU accepted.
 *
 * The example machine: -m 16G,slots=4,maxmem=96G; sp-mem hbm0 (16G, addr=0x480000000), hbm1 (16G,
 * addr=0x880200000), hbm2 (16G, addr=0xc80400000); pc-dimm dimm0 (4G, placed after hbm2). QEMU's texts below are
 * what real QEMU 11.1.3 printed for the same command lines (the example's, with the change made).
 */
import { expect, test } from './fixtures.ts';
import { exportedArgv, importText } from './io-helpers.ts';

const STALE = 'QEMU refuses this design — the tables show the last design it accepted';
const HEADER_STALE = 'QEMU refuses this design — the map and the tables show the last design it accepted';

test('a + that QEMU would refuse adds nothing and says why; Esc goes back; Add anyway adds it and the header then says QEMU refuses', async ({ designer, page }) => {
  await designer.open();
  const before = await designer.doc();
  const rev = await designer.revision();
  await page.getByTestId('palette-size').fill('64G');
  await page.getByTestId('add-sp-mem').click();
  const note = page.getByTestId('palette-refusal');
  await expect(note).toBeVisible();
  // by hand: memory devices get maxmem − RAM = 96 − 16 = 80 GiB; in use 3 × 16 + 4 = 52 GiB; 28 GiB free
  await expect(page.getByTestId('palette-refusal-words')).toContainText('Not added: QEMU would refuse this');
  await expect(page.getByTestId('palette-refusal-words')).toContainText('does not fit: memory devices get 80 GiB (maxmem less the RAM), of which 28 GiB is free');
  // real QEMU 11.1: 52 GiB = 0xd00000000 in use of 80 GiB = 0x1400000000
  await expect(page.getByTestId('palette-refusal-qemu')).toContainText(
    'qemu-system-x86_64: -device sp-mem,id=spm0,memdev=spm0-mem,node=0: not enough space, currently 0xd00000000 in use of total space for memory devices 0x1400000000',
  );
  await expect(page.getByTestId('notice')).toContainText("Not added: QEMU would refuse it — the new sp-mem 'spm0' (64G on node 0) does not fit");
  // nothing was committed, and what was typed stays
  expect(await designer.revision()).toBe(rev);
  expect((await designer.doc()).options.length).toBe(before.options.length);
  await expect(page.getByTestId('palette-size')).toHaveValue('64G');
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');

  // Esc goes back
  await page.getByTestId('add-sp-mem').focus();
  await page.keyboard.press('Escape');
  await expect(note).toBeHidden();
  expect(await designer.revision()).toBe(rev);

  // Add anyway: the user chose so
  await page.getByTestId('add-sp-mem').click();
  await page.getByTestId('palette-apply-anyway').click();
  await expect(note).toBeHidden();
  await expect(page.getByTestId('verdict')).toHaveText('QEMU refuses');
  await expect(page.getByTestId('header-summary')).toHaveText(HEADER_STALE);
  await expect(page.getByTestId('stale-design')).toContainText(STALE);
  await expect(page.getByTestId('stale-design-qemu')).toContainText('not enough space, currently 0xd00000000 in use of total space for memory devices 0x1400000000');
  const added = (await designer.doc()).options.find((o) => o.kind === 'device' && o.id === 'spm0');
  expect(added).toMatchObject({ driver: 'sp-mem', memdev: 'spm0-mem', node: '0' });
  // one undo step brings back the design QEMU accepts
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');
  await expect(page.getByTestId('stale-design')).toHaveCount(0);
});

test('an Inspector edit QEMU would refuse is not applied: the field keeps it, the blocks are marked, Esc restores, Apply anyway commits', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('dimm0').click();
  const rev = await designer.revision();
  const addr = page.getByTestId('inspector-addr');
  await addr.fill('0xc80400000');
  await addr.press('Enter');
  const words = page.getByTestId('inspector-addr-refusal-words');
  // by hand: dimm0 is 4 GiB (0x100000000) from 0xc80400000; hbm2 is 16 GiB (0x400000000) from 0xc80400000
  await expect(words).toContainText('Not applied: QEMU would refuse this — dimm0 [0xc80400000–0xd803fffff] would overlap hbm2 [0xc80400000–0x10803fffff]');
  await expect(page.getByTestId('inspector-addr-refusal-qemu')).toHaveText(
    "qemu-system-x86_64: -device pc-dimm,id=dimm0,memdev=dimm0-mem,node=0,addr=0xc80400000: address range conflicts with memory device id='hbm2'",
  );
  await expect(addr).toHaveValue('0xc80400000');
  await expect(addr).toHaveAttribute('aria-invalid', 'true');
  await expect(designer.block('dimm0')).toHaveAttribute('data-refused-edit', '');
  await expect(designer.block('hbm2')).toHaveAttribute('data-refused-edit', '');
  await expect(designer.block('hbm1')).not.toHaveAttribute('data-refused-edit', '');
  expect(await designer.revision()).toBe(rev);
  expect((await designer.device('dimm0')).addr).toBeUndefined();
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');

  // Esc: back to the document's value, the marks gone
  await addr.press('Escape');
  await expect(addr).toHaveValue('');
  await expect(words).toHaveCount(0);
  await expect(page.locator('[data-refused-edit]')).toHaveCount(0);
  expect(await designer.revision()).toBe(rev);

  // Apply anyway: committed as typed, and the page says the tables are the last accepted design's
  await addr.fill('0xc80400000');
  await addr.press('Enter');
  await page.getByTestId('inspector-addr-apply-anyway').click();
  await expect.poll(async () => (await designer.device('dimm0')).addr).toBe('0xc80400000');
  await expect(page.getByTestId('verdict')).toHaveText('QEMU refuses');
  await expect(page.getByTestId('header-summary')).toHaveText(HEADER_STALE);
  await expect(page.getByTestId('stale-design')).toContainText(STALE);
  await expect(page.getByTestId('inspector-placed')).toContainText('In the last design QEMU accepted: at 0x1080400000');
  await expect(page.locator('[data-refused-edit]')).toHaveCount(0);
});

test('a backend size that would make QEMU refuse the design is not applied and names both devices', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('hbm0').click();
  const rev = await designer.revision();
  const size = page.getByTestId('inspector-size');
  await size.fill('17G');
  await size.press('Enter');
  // by hand: 17 GiB = 0x440000000 from 0x480000000 ends at 0x8bfffffff, past hbm1's start 0x880200000 (16 GiB, to 0xc801fffff)
  await expect(page.getByTestId('inspector-size-refusal-words')).toContainText('hbm0 [0x480000000–0x8bfffffff] would overlap hbm1 [0x880200000–0xc801fffff]');
  // real QEMU 11.1 names the device placed second
  await expect(page.getByTestId('inspector-size-refusal-qemu')).toHaveText(
    "qemu-system-x86_64: -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2,addr=0x880200000: address range conflicts with memory device id='hbm0'",
  );
  await expect(designer.block('hbm0')).toHaveAttribute('data-refused-edit', '');
  await expect(designer.block('hbm1')).toHaveAttribute('data-refused-edit', '');
  await expect(size).toHaveValue('17G');
  expect(await designer.revision()).toBe(rev);
  // fixing it applies at once
  await size.fill('8G');
  await size.press('Enter');
  await expect(page.getByTestId('inspector-size-refusal')).toHaveCount(0);
  await expect.poll(async () => (await designer.doc()).options.find((o) => o.id === 'hbm0-mem')?.size).toBe('8G');
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');
});

test('an imported design QEMU refuses is kept as it is, and the page says the tables show the last design it accepted', async ({ designer, page }) => {
  await designer.open();
  const argv = await exportedArgv(page);
  // the example with dimm0 placed on hbm2
  const line = argv.map((a) => (a.startsWith('pc-dimm,id=dimm0,') ? `${a},addr=0xc80400000` : a)).join(' ');
  expect(line).toContain('addr=0xc80400000');
  await importText(page, line);
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(page.getByTestId('verdict')).toHaveText('QEMU refuses');
  await expect(page.getByTestId('stale-design')).toContainText(STALE);
  await expect(page.getByTestId('stale-design-qemu')).toContainText("address range conflicts with memory device id='hbm2'");
  await expect(page.getByTestId('header-summary')).toHaveText(HEADER_STALE);
  // kept as it arrived
  expect((await designer.device('dimm0')).addr).toBe('0xc80400000');
  // the tables still show the example's SRAT (the last design QEMU accepted): hbm0's entry at the window base
  await expect(designer.sratRowAt('0x480000000')).toHaveCount(1);
  // the Inspector's figures say whose they are
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await designer.blockBody('dimm0').click();
  await expect(page.getByTestId('inspector-placed')).toContainText('In the last design QEMU accepted');

  // in a design refused already, an edit is not held back: it may be the fix
  await page.getByTestId('inspector-auto').click();
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');
  await expect(page.getByTestId('stale-design')).toHaveCount(0);
  await expect(page.getByTestId('header-summary')).not.toContainText('QEMU refuses');
  expect((await designer.device('dimm0')).addr).toBeUndefined();
});

test('a choice QEMU would refuse stays chosen and marked with the reason; Esc goes back to the design’s value', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('hbm0').click();
  const rev = await designer.revision();
  const memdev = page.getByTestId('inspector-memdev');
  await expect(memdev).toHaveValue('hbm0-mem');
  await memdev.selectOption('hbm1-mem');
  await expect(page.getByTestId('inspector-memdev-refusal-words')).toContainText('hbm0 needs a memory backend of its own');
  // real QEMU 11.1, for the example with hbm0 on hbm1's backend
  await expect(page.getByTestId('inspector-memdev-refusal-qemu')).toHaveText(
    "qemu-system-x86_64: -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2,addr=0x880200000: memory backend 'hbm1-mem' is already in use",
  );
  await expect(memdev).toHaveValue('hbm1-mem');
  await expect(memdev).toHaveAttribute('aria-invalid', 'true');
  await expect(designer.block('hbm0')).toHaveAttribute('data-refused-edit', '');
  await expect(designer.block('hbm1')).toHaveAttribute('data-refused-edit', '');
  expect(await designer.revision()).toBe(rev);
  expect((await designer.device('hbm0')).memdev).toBe('hbm0-mem');
  await memdev.press('Escape');
  await expect(memdev).toHaveValue('hbm0-mem');
  await expect(page.getByTestId('inspector-memdev-refusal')).toHaveCount(0);
  await expect(page.locator('[data-refused-edit]')).toHaveCount(0);
  expect(await designer.revision()).toBe(rev);
});

test('a machine field QEMU would refuse is not applied either; Apply anyway commits, and its hint then says it is the last accepted design', async ({ designer, page }) => {
  await designer.open();
  const rev = await designer.revision();
  const maxmem = page.getByTestId('machine-maxmem');
  await maxmem.fill('40G');
  await maxmem.press('Enter');
  // by hand: memory devices get 40 − 16 = 24 GiB (0x600000000); hbm0 takes 16 GiB (0x400000000), hbm1's 16 GiB
  // do not fit. Real QEMU 11.1.3 on the example with maxmem=40G printed the line below.
  await expect(page.getByTestId('machine-maxmem-refusal-qemu')).toHaveText(
    'qemu-system-x86_64: -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2,addr=0x880200000: not enough space, currently 0x400000000 in use of total space for memory devices 0x600000000',
  );
  await expect(page.getByTestId('machine-maxmem-refusal-words')).toContainText('Not applied: QEMU would refuse this');
  await expect(maxmem).toHaveValue('40G');
  expect(await designer.revision()).toBe(rev);
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');
  // Esc goes back to the design's value
  await maxmem.press('Escape');
  await expect(maxmem).toHaveValue('96G');
  await expect(page.getByTestId('machine-maxmem-refusal-words')).toHaveCount(0);
  // again, and Apply anyway
  await maxmem.fill('40G');
  await maxmem.press('Enter');
  await page.getByTestId('machine-maxmem-apply-anyway').click();
  await expect(page.getByTestId('verdict')).toHaveText('QEMU refuses');
  await expect(page.getByTestId('stale-design')).toContainText(STALE);
  await expect(page.locator('.machine-form')).toContainText('in the last design QEMU accepted');
});
