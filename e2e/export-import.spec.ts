/**
 * Import a command line, change it with the mouse, export it; the downloaded tables must equal what the CLI
 * writes for the exported command line (run on its own, here), and agree with a hand computation.
 *
 * The design, by QEMU's rules (shared/docs/qemu-memory.md §2–§3): q35 with -m 4G puts 2 GiB below 4 GiB
 * (RAM ≥ 0xb0000000) and 2 GiB above, so RAM above 4 GiB ends at 0x180000000, which is already 1 GiB aligned:
 * the hotplug window starts there and is (12G − 4G) + 2 slots × 1 GiB = 10 GiB long. sp0 (2 GiB) is placed
 * first fit at the window base. SRAT: sp0's range at its node, ENABLED; the rest of the window
 * (0x200000000, 8 GiB) hotpluggable at the last node (2). E820: one SOFT_RESERVED entry for sp0.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { cliTables, exportedArgv, hex, importText, pageDocument, runCli, sratMemoryEntries, exportDownload } from './io-helpers.ts';

const LINE = `qemu-system-x86_64 \\
  -machine q35 -smp 2 \\
  -m 4G,slots=2,maxmem=12G \\
  -object memory-backend-ram,id=ram0,size=2G -numa node,nodeid=0,memdev=ram0,cpus=0 \\
  -object memory-backend-ram,id=ram1,size=2G -numa node,nodeid=1,memdev=ram1,cpus=1 \\
  -numa node,nodeid=2 \\
  -object memory-backend-ram,id=spm0,size=2G -device sp-mem,id=sp0,memdev=spm0,node=2 \\
  -nographic
`;

const GiB = 1n << 30n;
const WINDOW_BASE = 6n * GiB; // 0x180000000
const SP0_SIZE = 2n * GiB;
const REST_BASE = WINDOW_BASE + SP0_SIZE; // 0x200000000
const REST_SIZE = 10n * GiB - SP0_SIZE; // 0x200000000
const SOFT_RESERVED = 0xefffffff;

test('a pasted command line, moved with the mouse, exports tables byte-identical to the CLI’s', async ({ designer, page }) => {
  await designer.open();
  await importText(page, LINE);
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  // the note names the option kept without being modelled
  await expect(page.getByTestId('import-notes')).toContainText('-nographic');
  await designer.settled();

  for (const n of [0, 1, 2]) await expect(designer.lane(n)).toBeVisible();
  await expect(designer.lane(3)).toHaveCount(0);
  await expect(designer.block('sp0')).toBeVisible();
  const sp0Row = designer.sratRowAt(hex(WINDOW_BASE));
  await expect(sp0Row.locator('td[data-col="pxm"]')).toHaveText('2');
  await expect(sp0Row.locator('td[data-col="length"]')).toHaveText(hex(SP0_SIZE));
  await expect(sp0Row.locator('td[data-col="flags"]')).toHaveText('ENABLED');
  const rest = designer.sratRowAt(hex(REST_BASE));
  await expect(rest.locator('td[data-col="length"]')).toHaveText(hex(REST_SIZE));
  await expect(rest.locator('td[data-col="flags"]')).toHaveText('ENABLED | HOTPLUGGABLE');
  await expect(designer.e820Rows.filter({ hasText: 'SOFT_RESERVED' }).locator('td[data-col="address"]')).toHaveText(hex(WINDOW_BASE));
  // the import is one undo step
  await expect(page.getByTestId('undo')).toBeEnabled();

  // drag sp0 from node 2's lane onto node 1's
  const from = await designer.centre(designer.blockBody('sp0'));
  const lane1 = await designer.lane(1).locator('rect.lane-bg').boundingBox();
  await designer.drag(from, 0, Math.round(lane1!.y + lane1!.height / 2) - from.y);
  await expect(sp0Row.locator('td[data-col="pxm"]')).toHaveText('1');
  expect((await designer.device('sp0')).node).toBe('1');

  // the command line as shell text: one option per line, continued with a backslash
  await page.getByTestId('export-qemu').click();
  const out = page.getByTestId('export-output');
  await expect(out).toHaveAttribute('data-format', 'qemu');
  const shell = await out.innerText();
  const lines = shell.trimEnd().split('\n');
  expect(lines[0]).toBe('qemu-system-x86_64 \\');
  expect(lines).toContain('  -device sp-mem,id=sp0,memdev=spm0,node=1 \\');
  expect(lines.at(-1)).toBe('  -nographic');

  const argv = await exportedArgv(page);
  expect(argv[0]).toBe('qemu-system-x86_64');
  expect(argv).toContain('sp-mem,id=sp0,memdev=spm0,node=1');
  expect(argv.at(-1)).toBe('-nographic');

  const srat = await exportDownload(page, 'srat');
  expect(srat.download.suggestedFilename()).toBe('SRAT.bin');
  await expect(out).toHaveAttribute('data-format', 'srat');
  await expect(out).toContainText('[System Resource Affinity Table]');
  const e820 = await exportDownload(page, 'e820');
  expect(e820.download.suggestedFilename()).toBe('e820.bin');
  await expect(out).toHaveAttribute('data-format', 'e820');

  // the CLI, run on its own on the exported arguments
  const cli = cliTables(argv.slice(1));
  expect(cli.srat).not.toBeNull();
  expect(srat.bytes.length).toBe(cli.srat!.length);
  expect(srat.bytes.equals(cli.srat!)).toBe(true);
  expect(e820.bytes.equals(cli.e820)).toBe(true);

  // and by hand: sp0 now at node 1, the rest of the window hotpluggable at node 2
  const mem = sratMemoryEntries(srat.bytes);
  expect(mem).toContainEqual({ pxm: 1, base: WINDOW_BASE, length: SP0_SIZE, flags: 1 });
  expect(mem).toContainEqual({ pxm: 2, base: REST_BASE, length: REST_SIZE, flags: 3 });
  expect(e820.bytes.length % 20).toBe(0);
  const records = Array.from({ length: e820.bytes.length / 20 }, (_, i) => ({
    address: e820.bytes.readBigUInt64LE(i * 20),
    length: e820.bytes.readBigUInt64LE(i * 20 + 8),
    type: e820.bytes.readUInt32LE(i * 20 + 16),
  }));
  expect(records.filter((r) => r.type === SOFT_RESERVED)).toEqual([{ address: WINDOW_BASE, length: SP0_SIZE, type: SOFT_RESERVED }]);
});

test('libvirt XML and the saved design download under the design’s name and match the CLI', async ({ designer, page }) => {
  await designer.open();
  await importText(page, LINE);
  await expect(designer.block('sp0')).toBeVisible();
  const name = page.getByTestId('doc-name');
  await name.fill('hbm-lab');
  await name.press('Enter');
  await expect.poll(async () => ((await pageDocument(page)) as { name: string }).name).toBe('hbm-lab');
  const argv = await exportedArgv(page);

  const xml = await exportDownload(page, 'libvirt');
  expect(xml.download.suggestedFilename()).toBe('hbm-lab.xml');
  expect(xml.bytes.toString('utf8')).toBe(runCli(['export', '--format', 'libvirt', '--name', 'hbm-lab', '--', ...argv.slice(1)]));
  await expect(page.getByTestId('export-output')).toContainText("<qemu:arg value='sp-mem,id=sp0,memdev=spm0,node=2'/>");
  await expect(page.getByTestId('export-notes')).toContainText('qemu:commandline');

  const json = await exportDownload(page, 'json');
  expect(json.download.suggestedFilename()).toBe('hbm-lab.json');
  const saved = JSON.parse(json.bytes.toString('utf8')) as { format: string; version: number; name: string };
  expect(saved).toMatchObject({ format: 'memory-map-designer', version: 1, name: 'hbm-lab' });
  // the saved file read back by the CLI gives the same tables as the command line
  const dir = mkdtempSync(join(tmpdir(), 'mmd-json-'));
  writeFileSync(join(dir, 'design.json'), json.bytes);
  runCli(['tables', '--from-json', join(dir, 'design.json'), '--out', join(dir, 'out')]);
  const fromLine = cliTables(argv.slice(1));
  expect(readFileSync(join(dir, 'out', 'SRAT.bin')).equals(fromLine.srat!)).toBe(true);
  expect(readFileSync(join(dir, 'out', 'e820.bin')).equals(fromLine.e820)).toBe(true);
});

test('when QEMU refuses the design, the table exports give its message and download nothing', async ({ designer, page }) => {
  await designer.open();
  // maxmem below -m: QEMU refuses (hw/core/machine.c)
  await importText(page, 'qemu-system-x86_64 -machine q35 -m 1G,slots=2,maxmem=512M');
  await expect(page.getByText('QEMU refuses', { exact: true })).toBeVisible();
  let downloads = 0;
  page.on('download', () => downloads++);
  const out = page.getByTestId('export-output');
  for (const id of ['export-srat', 'export-e820', 'export-qemu', 'export-libvirt']) {
    await page.getByTestId(id).click();
    await expect(out).toHaveAttribute('data-state', 'refused');
    await expect(out).toContainText('maximum memory size (0x20000000) must be at least the initial memory size (0x40000000)');
  }
  // what was written still exports
  await page.getByTestId('export-argv').click();
  await expect(out).toHaveAttribute('data-state', 'ok');
  expect(JSON.parse(await out.innerText())).toEqual(['qemu-system-x86_64', '-machine', 'q35', '-m', '1G,slots=2,maxmem=512M']);
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);
});

test('an export button previews only: the file is downloaded by the Export panel’s Download, and the wide view reads it whole', async ({ designer, page }) => {
  await designer.open();
  let downloads = 0;
  page.on('download', () => downloads++);
  const out = page.getByTestId('export-output');
  // (the example has no SLIT or HMAT: QEMU builds them only when asked)
  for (const f of ['srat', 'e820', 'libvirt', 'json', 'qemu']) {
    await page.getByTestId(`export-${f}`).click();
    await expect(out).toHaveAttribute('data-format', f);
    await expect(out).toHaveAttribute('data-state', 'ok');
  }
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);
  await page.getByTestId('export-srat').click();
  await page.getByTestId('export-expand').click();
  const wide = page.getByTestId('export-output-wide');
  await expect(wide).toContainText('[System Resource Affinity Table]');
  // wide enough for iasl's lines (about 80 characters) without wrapping
  const width = await wide.evaluate((e) => e.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(640);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-wide-download').click()]);
  expect(download.suggestedFilename()).toBe('SRAT.bin');
});

test('a refused import names the option and its place, and leaves the design exactly as it was', async ({ designer, page }) => {
  await designer.open();
  const before = JSON.stringify(await pageDocument(page));
  const revision = await designer.revision();

  await page.getByTestId('import-qemu').click();
  const text = page.getByTestId('import-text');
  await text.fill('qemu-system-x86_64 \\\n  -machine q35 \\\n  -m $MEM \\\n  -smp 2\n');
  await page.getByTestId('import-apply').click();
  const error = page.getByTestId('import-error');
  // `$MEM` starts at line 3, column 6
  await expect(error).toContainText('$MEM');
  await expect(error).toContainText('-m');
  await expect(error).toContainText('line 3, column 6');
  // the caret is put on the offending word
  expect(await text.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))).toBe('$MEM');

  // a saved design with a bad field is refused naming the field
  await text.fill('{"format":"memory-map-designer","version":1,"name":"x","options":[{"kind":"memory","size":4}]}');
  await page.getByTestId('import-apply').click();
  await expect(error).toContainText('options[0].size');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  expect(await designer.revision()).toBe(revision);
  expect(JSON.stringify(await pageDocument(page))).toBe(before);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('an accepted import is one undo step', async ({ designer, page }) => {
  await designer.open();
  const before = JSON.stringify(await pageDocument(page));
  await importText(page, '["qemu-system-x86_64", "-machine", "pc", "-m", "1G"]');
  await expect(designer.lane(1)).toHaveCount(0);
  expect(((await pageDocument(page)) as { options: unknown[] }).options).toHaveLength(2);
  await page.getByTestId('undo').click();
  await expect(designer.lane(3)).toBeVisible();
  expect(JSON.stringify(await pageDocument(page))).toBe(before);
});

test('nothing from a document is rendered as HTML', async ({ designer, page }) => {
  await designer.open();
  const name = '<img src=x onerror="window.__pwned=1">';
  const doc = {
    format: 'memory-map-designer',
    version: 1,
    name,
    options: [
      { kind: 'machine', type: 'q35' },
      { kind: 'memory', size: '1G' },
      { kind: 'raw', args: ['-name', '<script>window.__pwned=2</script><b>x</b>'] },
    ],
  };
  await importText(page, JSON.stringify(doc));
  await expect(page.getByTestId('doc-name')).toHaveValue(name);
  await expect(page.getByTestId('import-notes')).toContainText(name);
  await page.getByTestId('export-qemu').click();
  await expect(page.getByTestId('export-output')).toContainText("'<script>window.__pwned=2</script><b>x</b>'");
  await page.getByTestId('export-libvirt').click();
  await expect(page.getByTestId('export-output')).toContainText('&lt;img src=x');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script', { hasText: '__pwned' }).count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a saved design dropped onto the text area, or opened with Open…, replaces the design', async ({ designer, page }) => {
  await designer.open();
  const saved = JSON.stringify({
    format: 'memory-map-designer',
    version: 1,
    name: 'dropped',
    options: [
      { kind: 'machine', type: 'q35' },
      { kind: 'memory', size: '2G', slots: '1', maxmem: '4G' },
    ],
  });
  await page.getByTestId('import-qemu').click();
  const area = page.getByTestId('import-text');
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, saved);
  await area.dispatchEvent('dragover', { dataTransfer: transfer });
  await area.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(area).toHaveValue(saved);
  await expect(page.getByTestId('import-kind')).toContainText('saved design');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('doc-name')).toHaveValue('dropped');
  // q35 -m 2G, maxmem 4G, one slot: the window starts at 4 GiB (all RAM below it) and is 2G + 1 GiB long
  expect((await designer.settled()).window).toEqual({ base: '0x100000000', size: '0xc0000000' });

  // Open…: a file that cannot be read opens the dialog on it, with the error; the design stays
  await page.getByTestId('open-file-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
  await expect(page.getByTestId('import-error')).toContainText('bad.json');
  await expect(page.getByTestId('import-error')).toContainText('format');
  await expect(page.getByTestId('import-text')).toHaveValue('{"format":"nope"}');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(page.getByTestId('doc-name')).toHaveValue('dropped');

  // and one that can is opened at once
  await page
    .getByTestId('open-file-input')
    .setInputFiles({ name: 'line.txt', mimeType: 'text/plain', buffer: Buffer.from('qemu-system-x86_64 -machine pc -m 3G -name opened\n') });
  await expect(page.getByTestId('doc-name')).toHaveValue('opened');
  await expect(page.getByTestId('import-notes')).toContainText('line.txt');
});
