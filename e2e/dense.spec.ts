/**
 * A dense design (48 memory devices of sizes from 256 MiB to 16 GiB on 4 NUMA nodes) stays readable and workable
 * from the keyboard: the blocks' labels never overlap one another or another block (inside a block, abbreviated,
 * or beside it), each block's full name is in its accessible name and its hover and focus card; "Go to" zooms to
 * a device and selects it, and says when there is none; the blocks are one Tab stop, entered at the selected
 * block, with Ctrl+arrows between blocks while the plain arrows still move the block; "Skip to the map" is the
 * page's first Tab stop.
 */
import { parseQemuArgs } from '../src/core/syntax/index.ts';
import type { ConfigDocument } from '../src/core/document/index.ts';
import type { Page } from '@playwright/test';
import { auditA11y, formatViolations } from './a11y.ts';
import { expect, test, type DesignerPage, type ResultSummary } from './fixtures.ts';

const SIZES = ['16G', '1G', '256M', '4G'];

/** 32 sp-mem (hbm0…hbm31, sizes 16G, 1G, 256M, 4G in turn) and 16 pc-dimm (dimm0…dimm15, 1G) on nodes i % 4. */
function denseDocument(): ConfigDocument {
  const args = ['-machine', 'q35', '-smp', '4,sockets=4', '-m', '4G,slots=16,maxmem=200G'];
  for (let n = 0; n < 4; n++) args.push('-object', `memory-backend-ram,id=ram${n},size=1G`, '-numa', `node,nodeid=${n},memdev=ram${n},cpus=${n}`);
  for (let i = 0; i < 32; i++) args.push('-object', `memory-backend-ram,id=hbm${i}-m,size=${SIZES[i % 4]}`, '-device', `sp-mem,id=hbm${i},memdev=hbm${i}-m,node=${i % 4}`);
  for (let i = 0; i < 16; i++) args.push('-object', `memory-backend-ram,id=dimm${i}-m,size=1G`, '-device', `pc-dimm,id=dimm${i},memdev=dimm${i}-m,node=${i % 4}`);
  const r = parseQemuArgs(args, 'dense');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

async function openDense(designer: DesignerPage, page: Page): Promise<ResultSummary> {
  await designer.open();
  await page.evaluate((d) => (window as unknown as { __mmdTestApi: { replaceDocument(x: unknown): number } }).__mmdTestApi.replaceDocument(d), denseDocument() as unknown);
  const summary = await designer.settled();
  expect(summary.error).toBeNull();
  expect(summary.devices).toHaveLength(48);
  await expect(page.locator('g.blocks > g.block')).toHaveCount(48);
  return summary;
}

interface Box {
  key: string;
  text: string;
  outside: boolean;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Every label's box and every block body's box on screen, and the plot's. */
async function boxes(page: Page): Promise<{ labels: Box[]; bodies: Box[]; plot: DOMRect }> {
  return page.evaluate(() => {
    const box = (el: Element, key: string): Box => {
      const r = el.getBoundingClientRect();
      return { key, text: el.textContent ?? '', outside: el.classList.contains('outside'), x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
    };
    const blocks = [...document.querySelectorAll('g.blocks > g.block')];
    const labels = blocks.flatMap((b) => [...b.querySelectorAll('text.block-label')].map((t) => box(t, b.getAttribute('data-block-key')!)));
    const bodies = blocks.map((b) => box(b.querySelector('rect.block-body')!, b.getAttribute('data-block-key')!));
    return { labels, bodies, plot: document.querySelector('rect.plot-bg')!.getBoundingClientRect().toJSON() as DOMRect };
  });
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;

/** No two labels overlap; no label covers another block; each is in the plot and shows its block's name or a part of it. */
async function expectReadableLabels(page: Page, sizes: Map<string, string>): Promise<Box[]> {
  const { labels, bodies, plot } = await boxes(page);
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) expect(overlaps(a, b), `labels ${a.key} "${a.text}" and ${b.key} "${b.text}" overlap`).toBe(false);
    for (const b of bodies) if (b.key !== a.key) expect(overlaps(a, b), `label of ${a.key} covers block ${b.key}`).toBe(false);
    // inside its own block, or right beside it (3 px away)
    const own = bodies.find((b) => b.key === a.key)!;
    if (a.outside) expect(Math.min(Math.abs(a.x0 - own.x1), Math.abs(own.x0 - a.x1)), `label of ${a.key} beside it`).toBeLessThan(5);
    else expect(a.x0 >= own.x0 && a.x1 <= own.x1 + 0.5, `label of ${a.key} inside it`).toBe(true);
    expect(a.x0).toBeGreaterThanOrEqual(plot.left - 0.5);
    expect(a.x1).toBeLessThanOrEqual(plot.right + 0.5);
    // the name and size, the name, or the name's head cut short with its trailing number kept ("h…12", "…12")
    const name = a.key;
    const short = /^(.*)…(\d*)$/.exec(a.text);
    const ok = a.text === `${name} · ${sizes.get(name)}` || a.text === name || Boolean(short && name.startsWith(short[1]!) && name.endsWith(short[2]!));
    expect(ok, `label "${a.text}" of ${name}`).toBe(true);
  }
  return labels;
}

test.describe.configure({ timeout: 120_000 });

test('48 devices: labels inside, abbreviated or beside the block, never overlapping; the full name on hover and in the accessible name', async ({ designer, page }) => {
  const summary = await openDense(designer, page);
  const GIVEN: Record<string, string> = { '0x400000000': '16 GiB', '0x40000000': '1 GiB', '0x10000000': '256 MiB', '0x100000000': '4 GiB' };
  const sizes = new Map(summary.devices.map((d) => [d.id!, GIVEN[d.size]!]));

  // at the overview, then zoomed in twice (the labels are placed again as the blocks widen)
  const overview = await expectReadableLabels(page, sizes);
  expect(overview.length).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.getByTestId('view-range')).toContainText('×4');
  await expectReadableLabels(page, sizes);
  await page.getByRole('button', { name: 'Fit whole address space' }).click();

  // at 1024×768 the 256 MiB blocks are slivers: some labels are abbreviated or beside their block, some blocks have none
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect.poll(async () => (await boxes(page)).plot.width).toBeLessThan(900);
  const small = await expectReadableLabels(page, sizes);
  expect(small.some((l) => l.outside || l.text.includes('…'))).toBe(true);
  const unlabelled = summary.devices.map((d) => d.id!).filter((id) => !small.some((l) => l.key === id && l.text.startsWith(id)));
  expect(unlabelled.length).toBeGreaterThan(0);

  // every block, labelled or not, has its full name in its accessible name
  for (const d of summary.devices) {
    await expect(designer.block(d.id!)).toHaveAttribute('aria-label', new RegExp(`^${d.driver} ${d.id}, .* at ${d.addr}, node ${d.node}`));
  }
  // and on hover: a block without its name on screen, wide enough to point at
  const { bodies } = await boxes(page);
  const target = bodies.find((b) => unlabelled.includes(b.key) && b.x1 - b.x0 >= 3)!;
  expect(target, 'an unlabelled block at least 3 px wide').toBeTruthy();
  await page.mouse.move((target.x0 + target.x1) / 2, (target.y0 + target.y1) / 2);
  await expect(page.getByTestId('map-tooltip')).toContainText(target.key);

  const a11y = await auditA11y(page, '.map-panel');
  expect(a11y.violations, formatViolations(a11y)).toEqual([]);
});

test('"Go to" zooms to the device and selects it; a part of an id matching several lists them; an unknown id says so', async ({ designer, page }) => {
  const summary = await openDense(designer, page);
  const box = page.getByTestId('go-to');
  const said = page.getByTestId('go-to-result');
  const hbm30 = summary.devices.find((d) => d.id === 'hbm30')!;
  // hbm30: 256M (30 % 4 = 2), node 2
  expect(hbm30.size).toBe('0x10000000');
  const before = await designer.blockBody('hbm30').boundingBox();
  expect(before!.width).toBeLessThan(20);

  await box.fill('HBM30');
  await box.press('Enter');
  await expect(said).toHaveText(`hbm30: sp-mem, 256 MiB at ${hbm30.addr}, node 2`);
  await expect(designer.block('hbm30')).toHaveAttribute('aria-pressed', 'true');
  // zoomed so that the block spans most of the plot (zoomTo leaves 8 % on each side: about 84 %)
  const plotW = (await page.locator('rect.plot-bg').boundingBox())!.width;
  await expect.poll(async () => (await designer.blockBody('hbm30').boundingBox())!.width / plotW).toBeGreaterThan(0.7);
  const range = (await page.getByTestId('view-range').locator('.mono').allTextContents()).map((t) => BigInt(t));
  expect(range[0]! <= BigInt(hbm30.addr) && BigInt(hbm30.addr) + 0x10000000n <= range[1]!).toBe(true);
  await expect(designer.block('hbm30').locator('text.block-label')).toHaveText('hbm30 · 256 MiB');

  // "bm1" is part of hbm1 and hbm10 … hbm19: eleven devices
  await box.fill('bm1');
  await box.press('Enter');
  await expect(said).toHaveText('11 devices match “bm1”: hbm1, hbm10, hbm11, hbm12, …');
  await expect(designer.block('hbm30')).toHaveAttribute('aria-pressed', 'true');

  await box.fill('nvdimm7');
  await box.press('Enter');
  await expect(said).toHaveText('No device “nvdimm7” in this design.');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(designer.block('hbm30')).toHaveAttribute('aria-pressed', 'true');
});

test('the blocks are one Tab stop entered at the selected block; Ctrl+arrows move the focus, plain arrows still move the block', async ({ designer, page }) => {
  const summary = await openDense(designer, page);
  const focusedKey = () => page.evaluate(() => document.activeElement?.getAttribute('data-block-key') ?? null);
  const byAddr = (node: number) => summary.devices.filter((d) => d.node === node).sort((a, b) => (BigInt(a.addr) < BigInt(b.addr) ? -1 : 1)).map((d) => d.id!);
  const lane1 = byAddr(1);

  // select hbm5 (node 1) with "Go to"; the focus goes elsewhere; Tab comes back to it
  await page.getByTestId('go-to').fill('hbm5');
  await page.getByTestId('go-to').press('Enter');
  await expect(designer.block('hbm5')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('g.blocks > g.block[tabindex="0"]')).toHaveCount(1);
  await expect(page.locator('g.blocks > g.block[tabindex="0"]')).toHaveAttribute('data-block-key', 'hbm5');
  await page.getByRole('button', { name: 'Fit whole address space' }).click();
  await page.keyboard.press('Tab');
  expect(await focusedKey()).toBe('hbm5');
  // the focus card: the full name
  await expect(page.getByTestId('map-tooltip')).toContainText('sp-mem hbm5');

  // Ctrl+→ / Ctrl+←: the next and previous block of the lane in address order; Home / End its ends
  const i = lane1.indexOf('hbm5');
  await page.keyboard.press('Control+ArrowRight');
  await expect.poll(focusedKey).toBe(lane1[i + 1]);
  await expect(designer.block(lane1[i + 1]!)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('map-tooltip')).toContainText(`sp-mem ${lane1[i + 1]}`);
  await page.keyboard.press('Control+ArrowLeft');
  await page.keyboard.press('Control+ArrowLeft');
  await expect.poll(focusedKey).toBe(lane1[i - 1]);
  await page.keyboard.press('End');
  await expect.poll(focusedKey).toBe(lane1[lane1.length - 1]);
  await page.keyboard.press('Home');
  await expect.poll(focusedKey).toBe(lane1[0]);
  // Alt+arrows do the same (for keyboards where Ctrl+arrows belong to the system)
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(focusedKey).toBe(lane1[1]);

  // Ctrl+↓: the block of node 2's lane whose centre is nearest on screen
  const centreOf = async (id: string) => {
    const b = (await designer.blockBody(id).boundingBox())!;
    return b.x + b.width / 2;
  };
  const from = await centreOf(lane1[1]!);
  const lane2 = byAddr(2);
  const dist = await Promise.all(lane2.map(async (id) => Math.abs((await centreOf(id)) - from)));
  const nearest = lane2[dist.indexOf(Math.min(...dist))]!;
  await page.keyboard.press('Control+ArrowDown');
  await expect.poll(focusedKey).toBe(nearest);
  await page.keyboard.press('Control+ArrowUp');
  expect(byAddr(1)).toContain(await focusedKey());

  // one Tab stop: Tab leaves the map, Shift+Tab comes back to the block the focus left
  const here = (await focusedKey())!;
  await page.keyboard.press('Tab');
  expect(await focusedKey()).toBeNull();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedKey()).toBe(here);

  // the plain arrows still move the focused block: ↓ to the next node (a design change, one undo step)
  const rev = await designer.revision();
  const node = summary.devices.find((d) => d.id === here)!.node;
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => designer.revision()).toBeGreaterThan(rev);
  await expect.poll(async () => (await designer.device(here)).node).toBe(String(node + 1));
  expect(await focusedKey()).toBe(here);
});

test('a block the focus moves to off screen is brought into view', async ({ designer, page }) => {
  const summary = await openDense(designer, page);
  const lane0 = summary.devices.filter((d) => d.node === 0).sort((a, b) => (BigInt(a.addr) < BigInt(b.addr) ? -1 : 1)).map((d) => d.id!);
  // zoomed to the lane's first block: its last is off the plot
  await page.getByTestId('go-to').fill(lane0[0]!);
  await page.getByTestId('go-to').press('Enter');
  await designer.block(lane0[0]!).focus();
  const plot = (await page.locator('rect.plot-bg').boundingBox())!;
  const last = designer.blockBody(lane0[lane0.length - 1]!);
  expect((await last.boundingBox())!.x).toBeGreaterThan(plot.x + plot.width);
  await page.keyboard.press('End');
  await expect.poll(async () => {
    const b = (await last.boundingBox())!;
    return b.x + b.width / 2 > plot.x && b.x + b.width / 2 < plot.x + plot.width;
  }).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-block-key'))).toBe(lane0[lane0.length - 1]);
});

test('"Skip to the map" is the first Tab stop and lands on the map', async ({ designer, page }) => {
  await openDense(designer, page);
  const url = page.url();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the map' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  // the blocks' Tab stop (nothing selected: the first block)
  const first = await page.locator('g.blocks > g.block').first().getAttribute('data-block-key');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-block-key') ?? null)).toBe(first);
  expect(page.url()).toBe(url);
});
