/**
 * The designer's layout at the window sizes people use, measured on the page (bounding boxes, scroll sizes):
 *  - 1920×1080, 1440×900, 1280×720: the map, the SRAT, the E820 and the Inspector are all inside the window at
 *    once; the page itself does not scroll, and no element that scrolls sits inside another that scrolls; every
 *    column of the SRAT and E820 is shown (no table is wider than its box); the analysis deck (hotplug window,
 *    guest view, SPM · RESERVED · RAM) stays in view while a block is dragged.
 *  - 1024×768, and 1440×900 and 1280×720 at 150 % zoom (Chromium lays those out in 960×600 and 853×480 CSS
 *    pixels, each drawn with 1.5 device pixels per CSS pixel): the map comes first, at the top of the page.
 *  - at every size the app bar is one line: its items share one line box, and its height is that of its tallest
 *    item plus its padding.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DesignerPage } from './fixtures.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const WIDE = [
  { width: 1920, height: 1080 },
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** A screen size at a browser zoom: the CSS pixels Chromium lays out, drawn at `zoom` device pixels each. */
const NARROW = [
  { name: '1024×768', width: 1024, height: 768, zoom: 1 },
  { name: '1440×900 at 150 %', width: 960, height: 600, zoom: 1.5 },
  { name: '1280×720 at 150 %', width: 853, height: 480, zoom: 1.5 },
];

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector}: not rendered`);
  return b;
}

function expectInside(b: Box, w: number, h: number, what: string): void {
  expect(b.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${what}: right edge`).toBeLessThanOrEqual(w + 0.5);
  expect(b.y + b.height, `${what}: bottom edge`).toBeLessThanOrEqual(h + 0.5);
}

/**
 * Every element that scrolls vertically (overflow auto or scroll, content taller than its box) and has an
 * ancestor that scrolls too; the page counts as an ancestor when it scrolls.
 */
function nestedScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrolls = (el: Element) => {
      if (el === document.documentElement) return el.scrollHeight > window.innerHeight;
      const o = getComputedStyle(el).overflowY;
      return (o === 'auto' || o === 'scroll') && el.scrollHeight > el.clientHeight + 1;
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`;
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (!scrolls(el)) continue;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (scrolls(a)) {
          out.push(`${name(el)} inside ${name(a)}`);
          break;
        }
      }
    }
    return out;
  });
}

/** The SRAT's and E820's columns: each header cell inside its scroll box, and no table wider than its box. */
async function expectAllColumnsShown(page: Page): Promise<void> {
  const hidden = await page.evaluate(() => {
    const out: string[] = [];
    for (const id of ['srat-table', 'e820-table']) {
      const table = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
      const scroll = table.closest<HTMLElement>('.table-scroll')!;
      if (scroll.scrollWidth > scroll.clientWidth + 1) out.push(`${id}: ${scroll.scrollWidth} px wide in a box of ${scroll.clientWidth}`);
      const r = scroll.getBoundingClientRect();
      for (const th of table.querySelectorAll('th')) {
        const c = th.getBoundingClientRect();
        if (c.width < 8 || c.left < r.left - 1 || c.right > r.right + 1) out.push(`${id}: column “${th.textContent}” at ${c.left}–${c.right}, box ${r.left}–${r.right}`);
      }
    }
    return out;
  });
  expect(hidden).toEqual([]);
}

/** The app bar's items share one line, and the bar is as tall as its tallest item plus its padding. */
async function expectAppBarOneLine(page: Page): Promise<void> {
  const bar = await page.evaluate(() => {
    const header = document.querySelector<HTMLElement>('.app-header')!;
    const cs = getComputedStyle(header);
    const items = [...header.children].filter((c) => (c as HTMLElement).offsetHeight > 0) as HTMLElement[];
    return {
      height: header.getBoundingClientRect().height,
      padding: parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth),
      items: items.map((i) => ({ name: i.className, top: i.offsetTop, height: i.offsetHeight })),
    };
  });
  expect(bar.items.length).toBeGreaterThanOrEqual(3);
  const tallest = Math.max(...bar.items.map((i) => i.height));
  // one line box: every item starts above the bottom of every other
  const lowestTop = Math.max(...bar.items.map((i) => i.top));
  for (const i of bar.items) expect(lowestTop, `${i.name} on the same line`).toBeLessThan(i.top + i.height);
  expect(Math.abs(bar.height - (tallest + bar.padding)), `app bar ${bar.height} px for items of ${tallest} px`).toBeLessThanOrEqual(1);
}

async function openAt(designer: DesignerPage, page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await designer.open();
  // the deck's first panel has loaded (it is lazy)
  await expect(page.getByTestId('window-inspector')).toBeVisible();
}

for (const size of WIDE) {
  for (const scheme of ['light', 'dark'] as const) {
    // the dark theme once, at the size most people use
    if (scheme === 'dark' && size.width !== 1440) continue;
    test(`${size.width}×${size.height} (${scheme}): map, SRAT, E820 and Inspector in view together, one scroller at a time, every column shown`, async ({ designer, page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openAt(designer, page, size);
      const { width: W, height: H } = size;

      expectInside(await box(page, 'section.map-panel'), W, H, 'map');
      expectInside(await box(page, 'section[aria-label="SRAT"]'), W, H, 'SRAT');
      expectInside(await box(page, 'section[aria-label="E820"]'), W, H, 'E820');
      expectInside(await box(page, '#tabpanel-inspector'), W, H, 'Inspector');
      expectInside(await box(page, 'section[aria-label="Diagnostics"]'), W, H, 'Diagnostics');
      expectInside(await box(page, 'section.deck'), W, H, 'deck');
      // the tables show rows, not only their heads: the first two rows of each are inside its scroll box
      for (const [table, row] of [
        ['srat-table', 'srat-row'],
        ['e820-table', 'e820-row'],
      ] as const) {
        const scroll = await box(page, `.table-scroll:has([data-testid="${table}"])`);
        const second = (await page.getByTestId(table).getByTestId(row).nth(1).boundingBox())!;
        expect(second.y + second.height, `${table}: second row inside the box`).toBeLessThanOrEqual(scroll.y + scroll.height + 0.5);
      }
      // the page does not scroll, and nothing scrolls inside something that scrolls
      const page_ = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
      expect(page_.w).toBeLessThanOrEqual(W);
      expect(page_.h).toBeLessThanOrEqual(H);
      expect(await nestedScrollers(page)).toEqual([]);
      await expectAllColumnsShown(page);
      await expectAppBarOneLine(page);
      // the theme is in force: the panels' background follows the scheme (dark: luminance below that of grey)
      const bg = await page.locator('section[aria-label="SRAT"]').evaluate((el) => getComputedStyle(el).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g)!.map(Number) as [number, number, number];
      if (scheme === 'dark') expect(r + g + b).toBeLessThan(3 * 128);
      else expect(r + g + b).toBeGreaterThan(3 * 128);
    });
  }

  test(`${size.width}×${size.height}: the hotplug window, the guest view and the SPM panel stay in view while a block is dragged`, async ({ designer, page }) => {
    await openAt(designer, page, size);
    const { width: W, height: H } = size;
    const addr = (await designer.device('hbm1')).addr;
    for (const [tab, panel] of [
      ['window', 'window-inspector'],
      ['guest', 'guest-view'],
      ['learn', 'learn-panel'],
    ] as const) {
      await page.getByTestId(`deck-tab-${tab}`).click();
      await expect(page.getByTestId(panel)).toBeVisible();
      const from = await designer.centre(designer.blockBody('hbm1'));
      const m = page.mouse;
      await m.move(from.x, from.y);
      await m.down();
      await m.move(from.x + 2, from.y);
      await m.move(from.x + 60, from.y, { steps: 6 });
      // the drag is on (its status line speaks), and the panel's head is inside the window, the map too
      await expect(designer.dragStatus).toBeVisible();
      expectInside(await box(page, 'section.map-panel'), W, H, 'map while dragging');
      const p = (await page.getByTestId(panel).boundingBox())!;
      expect(p.x, `${panel} while dragging`).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width).toBeLessThanOrEqual(W + 0.5);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y + 40, `${panel}: its head in view while dragging`).toBeLessThanOrEqual(H);
      await expect(page.getByTestId(panel)).toBeInViewport();
      // cancelled: the design is left as it was
      await page.keyboard.press('Escape');
      await m.up();
    }
    expect((await designer.device('hbm1')).addr).toBe(addr);
  });
}

for (const size of NARROW) {
  test.describe(size.name, () => {
    test.use({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.zoom });
    test(`${size.name}: the map comes first, the app bar is one line, nothing scrolls inside the page`, async ({ designer, page }) => {
      await designer.open();
      const map = await box(page, 'section.map-panel');
      // first: above the tables, the design column, the Inspector and the deck, and its top inside the window
      for (const other of ['section[aria-label="SRAT"]', 'section[aria-label="E820"]', 'section[aria-label="Diagnostics"]', 'aside.col-left', 'aside.col-panels', 'section.deck']) {
        const b = await box(page, other);
        expect(map.y + map.height, `map above ${other}`).toBeLessThanOrEqual(b.y + 0.5);
      }
      expect(map.y).toBeLessThan(size.height / 2);
      expect(map.x + map.width).toBeLessThanOrEqual(size.width + 0.5);
      // the map takes the page's width (less its padding): nothing beside it
      expect(map.width).toBeGreaterThan(size.width - 40);
      expect(await page.evaluate(() => window.devicePixelRatio)).toBe(size.zoom);
      await expectAppBarOneLine(page);
      expect(await nestedScrollers(page)).toEqual([]);
      await expectAllColumnsShown(page);
    });
  });
}
