/**
 * What changed: after a drag, an Inspector edit, an undo or a redo, the SRAT and E820 rows that changed are
 * marked for a moment, each with a word (new / changed / removed), and the command line's added and removed
 * words are shown. The expected rows come from QEMU's rules for the hotplug window (shared/docs/qemu-memory.md
 * §2–§3): an sp-mem has one ENABLED SRAT memory entry at the node it names and one SOFT_RESERVED E820 entry, and
 * the window's free parts are HOTPLUGGABLE entries at PXM nodes − 1.
 */
import { expect, test } from './fixtures.ts';

const MiB = 1n << 20n;
const hex = (v: bigint) => '0x' + v.toString(16);

test('a drag to another lane marks the one SRAT entry it changes, and the command line says node=1 → node=2; undo marks it back', async ({ designer, page }) => {
  await designer.open();
  // nothing is marked as the page opens
  await expect(page.getByTestId('row-mark')).toHaveCount(0);

  const from = await designer.centre(designer.blockBody('hbm0'));
  const target = await designer.lane(2).locator('rect.lane-bg').boundingBox();
  await designer.drag(from, 0, Math.round(target!.y + target!.height / 2) - from.y);

  // hbm0's entry (its range starts the window, 0x480000000) now says PXM 2: the only SRAT row that changed
  const row = designer.sratRowAt('0x480000000');
  await expect(row.locator('td[data-col="pxm"]')).toHaveText('2');
  await expect(row.getByTestId('row-mark')).toHaveText('changed');
  await expect(row).toHaveClass(/mark-changed/);
  await expect(page.getByTestId('srat-table').getByTestId('row-mark')).toHaveCount(1);
  await expect(page.getByTestId('srat-changes')).toHaveText('Just now: 1 changed');
  await expect(page.getByTestId('srat-changes')).toHaveAttribute('role', 'status');
  // E820 does not say which node a range belongs to: no E820 row changed
  await expect(page.getByTestId('e820-table').getByTestId('row-mark')).toHaveCount(0);
  await expect(page.getByTestId('e820-changes')).toHaveText('');

  // the command line: hbm0's -device lost node=1 and gained node=2, nothing else
  const change = page.getByTestId('cmdline-change');
  await expect(change.getByTestId('cmdline-change-option')).toHaveCount(1);
  await expect(change.getByTestId('cmdline-change-option')).toContainText('-device sp-mem,id=hbm0');
  await expect(change.getByTestId('cmdline-removed')).toHaveText(['removed − node=1']);
  await expect(change.getByTestId('cmdline-added')).toHaveText(['added + node=2']);

  // the marks go after a moment
  await expect(page.getByTestId('row-mark')).toHaveCount(0, { timeout: 12_000 });
  await expect(change).toHaveCount(0);

  // undo: the same entry changed back, and the command line the other way round
  await page.getByTestId('undo').click();
  await expect(row.locator('td[data-col="pxm"]')).toHaveText('1');
  await expect(row.getByTestId('row-mark')).toHaveText('changed');
  await expect(page.getByTestId('srat-changes')).toHaveText('Just now: 1 changed');
  await expect(change.getByTestId('cmdline-removed')).toHaveText(['removed − node=2']);
  await expect(change.getByTestId('cmdline-added')).toHaveText(['added + node=1']);
  // the Command line panel keeps the last change
  await page.getByRole('tab', { name: 'Command line', exact: true }).click();
  const kept = page.locator('.cmdline-panel').getByTestId('cmdline-change');
  await expect(kept.getByTestId('cmdline-added')).toHaveText(['added + node=1']);
});

test('an Inspector addr= edit marks the split window: a new hotplug entry, the moved ones changed, the E820 entry changed; redo after undo marks them again', async ({ designer, page }) => {
  await designer.open();
  // QEMU's sp-mem qtest machine: the window starts at 4 GiB (0x100000000), sp0 (128 MiB) first at its base, the
  // rest of the window one HOTPLUGGABLE entry from 0x108000000
  await designer.choosePreset('upstream-qtest');
  const BASE = 0x100000000n;
  const SIZE = 128n * MiB;
  await expect(page.getByTestId('row-mark')).toHaveCount(0, { timeout: 12_000 });

  await designer.blockBody('sp0').click();
  const moved = BASE + 256n * MiB; // 0x110000000, 2 MiB aligned
  const addr = page.getByTestId('inspector-addr');
  await addr.fill(hex(moved));
  await addr.press('Enter');

  // SRAT: a hotpluggable gap [BASE, moved), sp0 at moved, the rest from moved + SIZE. Paired by what they stand
  // for: sp0's entry changed (its base), the old rest entry is now the gap (changed), the new rest is new.
  const gap = designer.sratRowAt(hex(BASE));
  await expect(gap.locator('td[data-col="length"]')).toHaveText(hex(moved - BASE));
  await expect(gap.getByTestId('row-mark')).toHaveText('changed');
  await expect(designer.sratRowAt(hex(moved)).getByTestId('row-mark')).toHaveText('changed');
  await expect(designer.sratRowAt(hex(moved + SIZE)).getByTestId('row-mark')).toHaveText('new');
  await expect(page.getByTestId('srat-changes')).toHaveText('Just now: 2 changed · 1 new');
  // E820: sp0's SOFT_RESERVED entry moved
  const soft = designer.e820Rows.filter({ hasText: 'SOFT_RESERVED' });
  await expect(soft.locator('td[data-col="address"]')).toHaveText(hex(moved));
  await expect(soft.getByTestId('row-mark')).toHaveText('changed');
  await expect(page.getByTestId('e820-changes')).toHaveText('Just now: 1 changed');
  // the command line: sp0 gained addr=
  await expect(page.getByTestId('cmdline-change').getByTestId('cmdline-added')).toHaveText([`added + addr=${hex(moved)}`]);
  await expect(page.getByTestId('cmdline-change').getByTestId('cmdline-removed')).toHaveCount(0);

  // undo: the window is whole again, and the entry that is gone is shown struck through, marked removed
  await page.getByTestId('undo').click();
  await expect(designer.sratRowAt(hex(BASE)).locator('td[data-col="length"]')).toHaveText(hex(SIZE));
  const removed = page.getByTestId('srat-removed-row');
  await expect(removed).toHaveCount(1);
  await expect(removed.getByTestId('row-mark')).toHaveText('removed');
  await expect(removed).toContainText(hex(moved + SIZE));
  await expect(page.getByTestId('srat-changes')).toHaveText('Just now: 2 changed · 1 removed');
  await expect(page.getByTestId('cmdline-change').getByTestId('cmdline-removed')).toHaveText([`removed − addr=${hex(moved)}`]);
  // a removed row is not an entry of the table
  await expect(designer.sratRows.filter({ hasText: hex(moved + SIZE) })).toHaveCount(0);

  await page.getByTestId('redo').click();
  await expect(designer.sratRowAt(hex(moved + SIZE)).getByTestId('row-mark')).toHaveText('new');
  await expect(page.getByTestId('srat-removed-row')).toHaveCount(0);
});
