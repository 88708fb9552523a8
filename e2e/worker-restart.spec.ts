/**
 * A core worker that dies is noticed: killed through the test hook (terminated without an event, as a crashed
 * worker is), the next edit's result still arrives — computed by a restarted worker — the app bar says what
 * happened, and it never keeps showing a stale "QEMU accepts" while the result of the design has not come.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DocumentLike, type ResultSummary } from './fixtures.ts';

interface Api {
  document: DocumentLike;
  killWorker(): void;
  replaceDocument(doc: DocumentLike): number;
  settled(ms: number): Promise<ResultSummary>;
}
const api = (page: Page) => page.evaluateHandle(() => (window as unknown as { __mmdTestApi: Api }).__mmdTestApi);

test('a dead worker is restarted, the user is told, and the results are computed again', async ({ page, designer }) => {
  await designer.open();
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'worker');
  const before = await designer.settled();
  const addr = BigInt(before.devices.find((d) => d.id === 'hbm2')!.addr);
  const moved = '0x' + (addr + (2n << 20n)).toString(16);

  // the worker dies; at once, an edit: hbm2 one 2 MiB step up (addr=)
  const revision = await (await api(page)).evaluate((a, to) => {
    a.killWorker();
    const doc = structuredClone(a.document);
    const dev = doc.options.find((o) => o.kind === 'device' && o.id === 'hbm2')!;
    dev.addr = to;
    return a.replaceDocument(doc);
  }, moved);

  // until a worker answers, the verdict is not the old one
  await expect(page.getByTestId('verdict')).toHaveText('QEMU: computing…');
  // then the status line says what happened, and the result of the edit is there
  await expect(page.getByTestId('app-status-core')).toContainText('The core worker stopped answering', { timeout: 15_000 });
  await expect(page.getByTestId('app-status-core')).toContainText('was restarted; the results were computed again');
  const after = await (await api(page)).evaluate((a) => a.settled(15_000));
  expect(after.revision).toBe(revision);
  expect(after.devices.find((d) => d.id === 'hbm2')!.addr).toBe(moved);
  await expect(page.getByTestId('verdict')).toHaveText('QEMU accepts');
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'worker');
  await expect(designer.sratRowAt(moved)).toHaveCount(1);

  // and it keeps working: an edit through the map
  await designer.blockBody('hbm2').click();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await designer.settled()).devices.find((d) => d.id === 'hbm2')!.addr).toBe('0x' + (addr + (4n << 20n)).toString(16));
});
