/**
 * Nothing lost, nothing hidden: a design opened from a share link, a file, an import or the autosave lists every
 * option the designer does not model, and flags the ones that reach the host when QEMU runs it (here `-incoming
 * exec:…`, which runs a host command); the diagnostics warn about them; the exports keep them as written and say
 * which they are; a file export of such a design waits, flagged, in the Export panel for its Download.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { downloadOf, importText, exportDownload } from './io-helpers.ts';

const linkFragment = (doc: unknown) => '#d=' + Buffer.from(JSON.stringify(doc), 'utf8').toString('base64url');

const COMMAND = 'cat /tmp/vm.state';

/** A small design with one NUMA node (so the SRAT has rows), an option that runs a host command and a harmless one. */
const SHARED = {
  format: 'memory-map-designer',
  version: 1,
  name: 'shared-vm',
  options: [
    { kind: 'machine', type: 'q35' },
    { kind: 'memory', size: '1G' },
    { kind: 'object', qomType: 'memory-backend-ram', id: 'ram0', size: '1G' },
    { kind: 'numa-node', nodeid: '0', memdev: 'ram0' },
    { kind: 'raw', args: ['-incoming', `exec:${COMMAND}`] },
    { kind: 'raw', args: ['-nographic'] },
  ],
};

test('a share link carrying -incoming exec: opens with a notice that names it and flags it', async ({ designer, page }) => {
  await designer.open(linkFragment(SHARED));
  const notice = page.getByTestId('unmodelled-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-flagged', '1');
  await expect(notice).toContainText('2 options the designer does not model');
  const items = notice.getByTestId('unmodelled-option');
  await expect(items).toHaveCount(2);
  // the command, as written, flagged as one
  const incoming = items.filter({ hasText: '-incoming' });
  await expect(incoming).toContainText(`-incoming exec:${COMMAND}`);
  await expect(incoming).toHaveAttribute('data-host-access', 'command');
  await expect(incoming.getByTestId('host-access-flag')).toHaveText('runs a host command');
  await expect(incoming).toContainText(`runs this host command`);
  // the harmless one listed, not flagged
  const nographic = items.filter({ hasText: '-nographic' });
  await expect(nographic.getByTestId('host-access-flag')).toHaveCount(0);
  // and the diagnostics say it too
  await expect(designer.diagnostics).toContainText('Reaches the host when QEMU runs');
  await expect(designer.diagnostics).toContainText('kept as written and exported in place: -incoming exec:cat /tmp/vm.state, -nographic');
});

test('every export keeps the option as written and says which options reach the host; a file export waits for its Download', async ({ designer, page }) => {
  await designer.open(linkFragment(SHARED));
  await expect(page.getByTestId('unmodelled-notice')).toBeVisible();
  let downloads = 0;
  page.on('download', () => downloads++);

  const out = page.getByTestId('export-output');
  const flag = page.getByTestId('export-host-access');
  await page.getByTestId('export-qemu').click();
  await expect(out).toHaveAttribute('data-format', 'qemu');
  await expect(out).toContainText(`-incoming 'exec:${COMMAND}'`);
  await expect(flag).toContainText(`-incoming exec:${COMMAND}`);
  await expect(flag).toContainText('runs this host command');

  await page.getByTestId('export-argv').click();
  await expect(out).toHaveAttribute('data-format', 'argv');
  expect(JSON.parse(await out.innerText())).toContain(`exec:${COMMAND}`);
  await expect(flag.getByTestId('export-host-access-item')).toHaveCount(1);

  // libvirt: the option passes through <qemu:commandline>; the file is not downloaded by the toolbar button
  await page.getByTestId('export-libvirt').click();
  await expect(out).toHaveAttribute('data-format', 'libvirt');
  await expect(out).toContainText(`<qemu:arg value='exec:${COMMAND}'/>`);
  await expect(flag).toContainText(`-incoming exec:${COMMAND}`);
  await expect(flag.getByTestId('export-host-access-download')).toHaveText('Download shared-vm.xml');

  // JSON: the same, and the flag's Download saves the design as written
  await page.getByTestId('export-json').click();
  await expect(out).toHaveAttribute('data-format', 'json');
  await expect(flag).toContainText(`-incoming exec:${COMMAND}`);
  await page.waitForTimeout(300);
  expect(downloads).toBe(0);
  const saved = await downloadOf(page, flag.getByTestId('export-host-access-download'));
  expect(saved.download.suggestedFilename()).toBe('shared-vm.json');
  const doc = JSON.parse(saved.bytes.toString('utf8')) as { options: Array<{ kind: string; args?: string[] }> };
  expect(doc.options.filter((o) => o.kind === 'raw').map((o) => o.args)).toEqual([['-incoming', `exec:${COMMAND}`], ['-nographic']]);

  // the tables carry no options: they download at once, unflagged
  const e820 = await exportDownload(page, 'e820');
  expect(e820.download.suggestedFilename()).toBe('e820.bin');
  await expect(flag).toHaveCount(0);
});

test('an imported command line and an opened file list their unmodelled options and flag host files and sockets', async ({ designer, page }) => {
  await designer.open();
  // the built-in example opens with no notice
  await expect(page.getByTestId('unmodelled-notice')).toHaveCount(0);

  await importText(
    page,
    `qemu-system-x86_64 -machine q35 -m 2G \\
  -object memory-backend-ram,id=r0,size=2G -numa node,nodeid=0,memdev=r0 \\
  -chardev socket,id=mon0,path=/tmp/mon.sock,server=on,wait=off -mon chardev=mon0,mode=control \\
  -drive file=/etc/shadow,if=floppy -append console=ttyS0`,
  );
  const notice = page.getByTestId('unmodelled-notice');
  await expect(notice).toBeVisible();
  const items = notice.getByTestId('unmodelled-option');
  await expect(items).toHaveCount(4);
  await expect(items.filter({ hasText: '-chardev socket' })).toHaveAttribute('data-host-access', 'socket');
  await expect(items.filter({ hasText: '-mon chardev' })).toHaveAttribute('data-host-access', 'monitor');
  await expect(items.filter({ hasText: '-drive file=/etc/shadow' })).toHaveAttribute('data-host-access', 'file');
  await expect(items.filter({ hasText: '-append' }).getByTestId('host-access-flag')).toHaveCount(0);

  // dismissed, it stays away while the design is edited; a file opened with Open… brings the next one
  await notice.getByRole('button', { name: /Dismiss/ }).click();
  await expect(notice).toHaveCount(0);
  await page
    .getByTestId('open-file-input')
    .setInputFiles({ name: 'vm.args', mimeType: 'text/plain', buffer: Buffer.from('qemu-system-x86_64 -machine pc -m 1G -plugin ./libinsn.so -daemonize\n') });
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('unmodelled-option').filter({ hasText: '-plugin ./libinsn.so' })).toHaveAttribute('data-host-access', 'command');
  await expect(notice.getByTestId('unmodelled-option').filter({ hasText: '-daemonize' })).toHaveAttribute('data-host-access', 'process');
});

test('the autosaved design, reopened, lists them again; a design of modelled options only shows nothing and downloads at once', async ({ designer, page }) => {
  await designer.open();
  await importText(page, 'qemu-system-x86_64 -machine q35 -m 1G -object memory-backend-ram,id=r0,size=1G -numa node,nodeid=0,memdev=r0 -pidfile /tmp/q.pid');
  await expect(page.getByTestId('unmodelled-notice')).toBeVisible();
  await expect(page.getByTestId('autosave-status')).toContainText('Autosaved');
  await page.reload();
  await expect(page.getByTestId('srat-row').first()).toBeVisible();
  const notice = page.getByTestId('unmodelled-notice');
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('unmodelled-option').filter({ hasText: '-pidfile /tmp/q.pid' })).toHaveAttribute('data-host-access', 'file');

  await importText(page, '["qemu-system-x86_64", "-machine", "q35", "-m", "1G", "-object", "memory-backend-ram,id=r0,size=1G", "-numa", "node,nodeid=0,memdev=r0"]');
  await expect(page.getByTestId('doc-name')).toBeVisible();
  await expect(notice).toHaveCount(0);
  const json = await exportDownload(page, 'json');
  expect(json.download.suggestedFilename()).toMatch(/\.json$/);
  expect(readFileSync(await json.download.path(), 'utf8')).toContain('memory-map-designer');
  await expect(page.getByTestId('export-host-access')).toHaveCount(0);
});
