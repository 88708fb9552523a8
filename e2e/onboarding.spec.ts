/**
 * A first visit: the example's story in one line, a prompt offering the tour (dismissable, remembered), an app bar
 * without the designer's internals, and a dark theme when the system asks for one — its text still readable.
 */
import { auditA11y, formatViolations } from './a11y.ts';
import { expect, test } from './fixtures.ts';

/** WCAG relative luminance of a computed `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((x) => {
    const s = Number(x) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

test('the example tells its story in one line, marked edited after an edit, gone for another example', async ({ designer, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await designer.open();
  const story = page.getByTestId('example-story');
  await expect(story).toContainText('The example:');
  await expect(story).toContainText('three 16 GiB sp-mem in NUMA nodes 1–3');
  // one line: no taller than one line of its text
  const box = await story.boundingBox();
  const lineHeight = await story.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  const padding = await story.evaluate((el) => parseFloat(getComputedStyle(el).paddingTop) + parseFloat(getComputedStyle(el).paddingBottom) + 1);
  expect(box!.height).toBeLessThanOrEqual(lineHeight + padding + 0.5);

  // dimm0 to the free space after hbm2 (0x1080400000 + 1 GiB, 2 MiB aligned), an address QEMU accepts
  await designer.blockBody('dimm0').click();
  await page.getByTestId('inspector-addr').fill('0x10c0400000');
  await page.getByTestId('inspector-addr').press('Enter');
  await expect(story).toContainText('The example (edited):');

  await designer.choosePreset('two-nodes-dimm');
  await expect(story).toHaveCount(0);
});

test('a first-time visitor is offered the tour once: dismissing it is remembered', async ({ designer, page }) => {
  // the prompt stays out of the way of automated browsers unless they look like a person's
  await page.addInitScript(() => Object.defineProperty(navigator, 'webdriver', { get: () => false }));
  await designer.open();
  const prompt = page.getByTestId('welcome-prompt');
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('New here?');
  // an offer, not the tour itself; the page stays usable under it
  await expect(page.getByTestId('tour')).toHaveCount(0);
  await designer.blockBody('hbm1').click();
  await expect(page.getByTestId('inspector-addr')).toBeVisible();
  const r = await auditA11y(page, '[data-testid="welcome-prompt"]');
  expect(r.violations, formatViolations(r)).toEqual([]);

  await page.getByTestId('welcome-dismiss').click();
  await expect(prompt).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('mmd.tour.seen'))).toBe('1');
  await page.reload();
  await expect(page.getByTestId('srat-row').first()).toBeVisible();
  await page.waitForTimeout(500);
  await expect(prompt).toHaveCount(0);
  // the Tour button still starts it
  await page.getByTestId('tour-start').click();
  await expect(page.getByTestId('tour')).toBeVisible();
});

test('taking the tour from the prompt opens it at its first step', async ({ designer, page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'webdriver', { get: () => false }));
  await designer.open();
  await page.getByTestId('welcome-tour').click();
  await expect(page.getByTestId('welcome-prompt')).toHaveCount(0);
  await expect(page.getByTestId('tour')).toHaveAttribute('data-target', 'block-hbm0');
  await expect(page.getByTestId('tour-step')).toHaveText(/^1 \/ \d+$/);
});

test('the app bar speaks of the design, not of where the designer computes it', async ({ designer, page }) => {
  await designer.open();
  const bar = page.locator('.app-header');
  await expect(bar).toContainText('QEMU accepts');
  await expect(bar).not.toContainText(/core:|worker|main thread/i);
  await expect(page.getByTestId('engine')).toBeHidden();
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'worker');
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('follows prefers-color-scheme: dark surfaces, light text, contrast still at least 4.5:1', async ({ designer, page }) => {
    await designer.open();
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    const colours = await page.evaluate(() => {
      const cs = (sel: string) => getComputedStyle(document.querySelector(sel)!);
      return {
        body: cs('body').backgroundColor,
        text: cs('body').color,
        panel: cs('.table-panel').backgroundColor,
        scheme: cs(':root').colorScheme,
      };
    });
    // a dark page: background luminance under 0.05 (white is 1), text over 0.6
    expect(luminance(colours.body)).toBeLessThan(0.05);
    expect(luminance(colours.panel)).toBeLessThan(0.05);
    expect(luminance(colours.text)).toBeGreaterThan(0.6);
    expect(colours.scheme).toBe('dark');
    const r = await auditA11y(page);
    expect(r.violations.filter((v) => v.rule === 'color-contrast'), formatViolations(r)).toEqual([]);
    expect(r.lowest!.ratio).toBeGreaterThanOrEqual(4.5);
  });

  test('the light theme stays light without the dark preference', async ({ designer, page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await designer.open();
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(luminance(body)).toBeGreaterThan(0.8);
  });
});
