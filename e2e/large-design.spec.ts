/**
 * A design of ~5,000 memory devices stays workable: the SRAT and E820 tables render the rows in view (thousands
 * of entries, a screenful of rows in the page) and still reach every entry by scrolling; selecting a device brings
 * its SRAT entry into view; the map draws the blocks' slivers as a few elements per pixel (not 5,000 blocks) and an
 * edit redraws only what it changes; the axis draws one tick per pixel column, not one per boundary. The main thread's time per edit is measured by e2e/bench-edit.ts.
 */
import { parseQemuArgs } from '../src/core/syntax/index.ts';
import type { ConfigDocument } from '../src/core/document/index.ts';
import type { Page } from '@playwright/test';
import { expect, test, type ResultSummary } from './fixtures.ts';

/** Wait (up to `ms`) for the result of the current revision: a design this large takes a while to load. */
function settled(page: Page, ms: number): Promise<ResultSummary> {
  return page.evaluate((t) => (window as unknown as { __mmdTestApi: { settled(ms: number): Promise<ResultSummary> } }).__mmdTestApi.settled(t), ms);
}

/** 4,994 devices (the most a design's 10,000 options hold): 4,866 sp-mem and 128 pc-dimm on 4 NUMA nodes. */
function largeDocument(): ConfigDocument {
  const nodes = 4;
  const dimms = 128;
  const devices = Math.floor((10_000 - 4 - 2 * nodes) / 2);
  const args = ['-machine', 'q35', '-cpu', 'qemu64,phys-bits=48', '-smp', `${nodes},sockets=${nodes}`, '-m', `${nodes}G,slots=${dimms},maxmem=${nodes + devices + 8}G`];
  for (let n = 0; n < nodes; n++) args.push('-object', `memory-backend-ram,id=ram${n},size=1G`, '-numa', `node,nodeid=${n},memdev=ram${n},cpus=${n}`);
  for (let i = 0; i < devices - dimms; i++) args.push('-object', `memory-backend-ram,id=s${i}-mem,size=1G`, '-device', `sp-mem,id=s${i},memdev=s${i}-mem,node=${i % nodes}`);
  for (let i = 0; i < dimms; i++) args.push('-object', `memory-backend-ram,id=d${i}-mem,size=1G`, '-device', `pc-dimm,id=d${i},memdev=d${i}-mem,node=${i % nodes}`);
  const r = parseQemuArgs(args, 'large');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

test.describe.configure({ timeout: 240_000 });

test('thousands of SRAT and E820 entries: a screenful of rows rendered, every entry reachable, the selection brought into view', async ({ designer, page }) => {
  await designer.open();
  const doc = largeDocument();
  await page.evaluate((d) => (window as unknown as { __mmdTestApi: { replaceDocument(x: unknown): number } }).__mmdTestApi.replaceDocument(d), doc as unknown);
  const summary = await settled(page, 180_000);
  expect(summary.devices).toHaveLength(4994);

  const srat = page.getByTestId('srat-table');
  const entries = summary.srat.length;
  expect(entries).toBeGreaterThan(4800);
  await expect(srat).toHaveAttribute('aria-rowcount', String(entries + 1));
  const rendered = await designer.sratRows.count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(200);
  const e820Rows = await designer.e820Rows.count();
  expect(summary.e820.length).toBeGreaterThan(4800);
  expect(e820Rows).toBeLessThan(200);

  // scrolled to the end, the last entry is there, with its index
  await srat.locator('xpath=..').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(srat.locator(`tr[data-row="${entries - 1}"] td:first-child`)).toHaveText(String(entries - 1));

  // selecting a device far down the list brings its SRAT entry into view (the last sp-mem block of lane 3)
  const far = page.locator('g.blocks > g.block-sp-mem[data-node="3"]').last();
  const id = (await far.getAttribute('data-block-key'))!;
  expect(Number(id.slice(1))).toBeGreaterThan(4000);
  await far.focus();
  await page.keyboard.press('Enter');
  const linked = srat.locator('tr.linked');
  await expect(linked).toHaveCount(1);
  await expect(linked.locator('td[data-col="for"]')).toHaveText(`sp-mem ${id}`);
  await expect(linked).toBeInViewport();
});

test('the map draws a few elements per pixel, not 5,000 blocks; an edit redraws only what it changes', async ({ designer, page }) => {
  await designer.open();
  const doc = largeDocument();
  await page.evaluate((d) => (window as unknown as { __mmdTestApi: { replaceDocument(x: unknown): number } }).__mmdTestApi.replaceDocument(d), doc as unknown);
  await settled(page, 180_000);

  const ticks = await page.locator('.axis line.tick-boundary').count();
  const plotWidth = await page.locator('rect.plot-bg').evaluate((r) => Number(r.getAttribute('width')));
  expect(ticks).toBeLessThanOrEqual(plotWidth + 1);
  // the slivers of 4,994 blocks over the plot, drawn as one element per few pixels of each of the 4 lanes
  const drawn = await page.locator('g.blocks > g.block').count();
  expect(drawn).toBeLessThan(4 * plotWidth);
  expect(drawn).toBeLessThan(2500);

  // count the blocks whose elements change while one device moves to the next lane
  await page.evaluate(() => {
    const w = window as unknown as { __touched: Set<string>; __observer: MutationObserver };
    w.__touched = new Set();
    w.__observer = new MutationObserver((records) => {
      for (const r of records) {
        const block = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest('[data-block-key]');
        if (block) w.__touched.add(block.getAttribute('data-block-key')!);
      }
    });
    w.__observer.observe(document.querySelector('g.blocks')!, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  const before = await designer.revision();
  const key = (await page.locator('g.blocks > g.block-sp-mem[data-node="0"]').first().getAttribute('data-block-key'))!;
  await page.getByTestId(`block-${key}`).focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => designer.revision(), { timeout: 60_000 }).toBeGreaterThan(before);
  const after = await settled(page, 60_000);
  expect(after.devices.find((d) => d.id === key)!.node).toBe(1);
  await expect(page.getByTestId(`block-${key}`)).toHaveAttribute('data-node', '1');
  const touched = await page.evaluate(() => {
    const w = window as unknown as { __touched: Set<string>; __observer: MutationObserver };
    w.__observer.disconnect();
    return [...w.__touched];
  });
  expect(touched).toContain(key);
  // the moved block and the few slivers of the two lanes' runs around it, not the thousands
  expect(touched.length).toBeLessThanOrEqual(20);
});
