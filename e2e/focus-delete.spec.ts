/**
 * Removing a device moves the focus to a neighbouring block — the next in the map's reading order (lane by lane,
 * top to bottom, each lane in address order), else the previous one, else the map — and the status says what was
 * removed; undo gives the restored device the selection and the focus back.
 *
 * The example's blocks in that order: dimm0 (node 0), hbm0 (node 1), hbm1 (node 2), hbm2 (node 3).
 */
import { expect, test } from './fixtures.ts';

test('Delete on a block moves the focus to the next block; undo brings the removed one back, focused and selected', async ({ designer, page }) => {
  await designer.open();
  await designer.block('hbm1').focus();
  await expect(designer.block('hbm1')).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(designer.block('hbm1')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText("Removed sp-mem 'hbm1'");
  await expect(designer.block('hbm2')).toBeFocused();
  await expect(designer.block('hbm2')).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('Control+z');
  await expect(designer.block('hbm1')).toBeVisible();
  await expect(designer.block('hbm1')).toBeFocused();
  await expect(designer.block('hbm1')).toHaveAttribute('aria-pressed', 'true');
  await expect(designer.block('hbm2')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('inspector').getByRole('group', { name: "Edit sp-mem 'hbm1'" })).toBeVisible();
});

test('removing the last block in order focuses the previous one, and with no block left the map', async ({ designer, page }) => {
  await designer.open();
  await designer.block('hbm2').focus();
  await page.keyboard.press('Delete');
  await expect(designer.block('hbm2')).toHaveCount(0);
  await expect(designer.block('hbm1')).toBeFocused();
  // the rest in turn: each time the focus lands on a block Delete can remove next
  for (const [gone, next] of [
    ['hbm1', 'hbm0'],
    ['hbm0', 'dimm0'],
  ] as const) {
    await page.keyboard.press('Delete');
    await expect(designer.block(gone)).toHaveCount(0);
    await expect(designer.block(next)).toBeFocused();
  }
  await page.keyboard.press('Delete');
  await expect(designer.block('dimm0')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText("Removed pc-dimm 'dimm0'");
  await expect(page.locator('.map-svg')).toBeFocused();
});

test('the Inspector’s Remove moves the focus to the neighbouring block; Undo gives it back to the restored device', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('dimm0').click();
  await page.getByRole('button', { name: "Remove pc-dimm 'dimm0'" }).click();
  await expect(designer.block('dimm0')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText("Removed pc-dimm 'dimm0'");
  await expect(designer.block('hbm0')).toBeFocused();
  await expect(designer.block('hbm0')).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('undo').click();
  await expect(designer.block('dimm0')).toBeFocused();
  await expect(designer.block('dimm0')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('inspector').getByRole('group', { name: "Edit pc-dimm 'dimm0'" })).toBeVisible();
});
