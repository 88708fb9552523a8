/**
 * Where the core runs on the main thread (no Worker), QEMU's name lists arrive by fetch after the first result.
 * Until they are there, the designer says it is still checking names; once they arrive the design is computed
 * again by itself, and a device model QEMU does not have is refused in QEMU's words, without another edit.
 */
import { expect, test } from './fixtures.ts';
import { importText } from './io-helpers.ts';

test('without a worker, a name QEMU lacks is refused as soon as the name lists arrive, with no further edit', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'Worker', { value: undefined, configurable: true });
  });
  // the name lists held back until the design is in
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/catalog-11\.1[^/]*\.json$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'main-thread');
  await importText(page, 'qemu-system-x86_64 -machine q35 -m 2G -device spmem,id=x');
  await expect(page.getByTestId('diagnostics')).toContainText('Checking names against QEMU 11.1');
  await expect(page.getByTestId('verdict')).not.toHaveText(/QEMU refuses/);
  release();
  await expect(page.getByTestId('verdict')).toHaveText(/QEMU refuses/, { timeout: 15_000 });
  // QEMU 11.1's text (qdev_get_device_class: "'%s' is not a valid device model name")
  await expect(page.getByText("'spmem' is not a valid device model name").first()).toBeVisible();
  await expect(page.getByTestId('diagnostics')).not.toContainText('Checking names');
});
