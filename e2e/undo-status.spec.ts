/** The status line says what an undo or redo did. */
import { expect, test } from './fixtures.ts';

test('after a move, Ctrl+Z says "Undid the change to sp-mem \'hbm0\'" and Ctrl+Shift+Z "Redid …"', async ({ designer, page }) => {
  await designer.open();
  await designer.blockBody('hbm0').click();
  const node = (await designer.device('hbm0')).node;
  await designer.block('hbm0').press('ArrowDown');
  await expect.poll(async () => (await designer.device('hbm0')).node).not.toBe(node);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('notice')).toHaveText("Undid the change to sp-mem 'hbm0'");
  expect((await designer.device('hbm0')).node).toBe(node);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('notice')).toHaveText("Redid the change to sp-mem 'hbm0'");
  expect((await designer.device('hbm0')).node).not.toBe(node);
});
