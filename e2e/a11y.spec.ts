/**
 * Accessibility of the designer's main states, in the light and the dark theme: no serious or critical violation
 * of the rules e2e/a11y.ts checks (text contrast at least 4.5:1, block labels included; every control named; no
 * duplicate ids; valid ARIA). The checker itself is tested first on a page whose answers are computed by hand.
 */
import { auditA11y, formatViolations, type A11yReport } from './a11y.ts';
import { expect, test, type DesignerPage } from './fixtures.ts';
import { importText } from './io-helpers.ts';
import type { Page } from '@playwright/test';

async function expectClean(page: Page, state: string): Promise<A11yReport> {
  const r = await auditA11y(page);
  expect(r.violations, `${state}:\n${formatViolations(r)}`).toEqual([]);
  // the check saw the page's text (not an empty or hidden page)
  expect(r.textsChecked, state).toBeGreaterThan(20);
  return r;
}

async function mainStates(page: Page, designer: DesignerPage): Promise<void> {
  await designer.open();
  await expectClean(page, 'the example');

  // every deck panel and every side panel, each in turn
  for (const tab of ['window', 'guest', 'numa', 'learn']) {
    await page.getByTestId(`deck-tab-${tab}`).click();
    await expect(page.locator('.deck-body')).not.toContainText('Loading…');
    await expectClean(page, `deck panel ${tab}`);
  }
  for (const name of ['Inspector', 'Command line', 'Export']) {
    await page.getByRole('tab', { name, exact: true }).click();
    await expect(page.locator('.tab-body')).not.toContainText('Loading…');
    await expectClean(page, `side panel ${name}`);
  }

  // a selected block: the Inspector's fields
  await page.getByRole('tab', { name: 'Inspector', exact: true }).click();
  await designer.blockBody('hbm0').click();
  await expectClean(page, 'hbm0 selected');

  // the tour's card
  await page.getByTestId('tour-start').click();
  await expect(page.getByTestId('tour')).toBeVisible();
  await expectClean(page, 'the tour');
  await page.getByTestId('tour-close').click();

  // another example: the rows and the command line that changed are marked
  await designer.choosePreset('upstream-qtest');
  await expect(page.getByTestId('row-mark').first()).toBeVisible();
  await expect(page.getByTestId('cmdline-change')).toBeVisible();
  await expectClean(page, 'what changed');

  // the import dialog, empty and then with a command line it refuses
  await page.getByTestId('import-qemu').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await expectClean(page, 'the import dialog');
  await page.getByTestId('import-text').fill('qemu-system-x86_64 -m "1G');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expectClean(page, 'the import dialog, refused');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  // a design QEMU refuses: maxmem below -m (hw/core/machine.c)
  await importText(page, 'qemu-system-x86_64 -machine q35 -m 1G,slots=2,maxmem=512M');
  await expect(page.getByText('QEMU refuses', { exact: true })).toBeVisible();
  await expectClean(page, 'a refused design');
}

test('the main states have no serious or critical accessibility violation (light theme)', async ({ page, designer }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await mainStates(page, designer);
});

test('the main states have no serious or critical accessibility violation (dark theme)', async ({ page, designer }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await mainStates(page, designer);
});

test('the checker finds what it should, with ratios computed by hand', async ({ page }) => {
  // #777 on white: L(#777) = ((0x77/255 + 0.055)/1.055)^2.4 = 0.18447; (1.05)/(0.23447) = 4.478 — fails 4.5
  // #767676 on white: L = 0.18116; 1.05/0.23116 = 4.542 — passes
  // white on #e07b1a: L = 0.2126·0.7453 + 0.7152·0.1981 + 0.0722·0.0103 = 0.3009; 1.05/0.3509 = 2.99 — fails
  await page.setContent(`<!doctype html><html lang="en"><head><title>t</title></head><body style="background:#fff">
    <p id="a" style="color:#777">grey 777</p>
    <p id="b" style="color:#767676">grey 767676</p>
    <div style="background:#000"><p style="color:rgba(255,255,255,0.5)">half white on black</p></div>
    <svg width="200" height="40"><rect width="200" height="40" fill="#e07b1a"/><text x="10" y="25" fill="#fff">on orange</text></svg>
    <svg width="200" height="40"><rect width="200" height="40" fill="#e07b1a"/><text x="10" y="25" fill="#fff" stroke="#000" stroke-width="3" paint-order="stroke">halo</text></svg>
    <button></button><button aria-label="named">×</button>
    <input id="dup"><input id="dup" aria-label="second">
    <select><option>x</option></select>
    <svg role="img" width="10" height="10"></svg>
    <div aria-bogus="1" role="tab">t</div>
    <span aria-label="x">generic</span>
    <button aria-pressed="maybe">p</button>
  </body></html>`);
  const r = await auditA11y(page);
  const rules = r.violations.map((v) => `${v.rule} ${v.target}`);
  // contrast: #777 and white on orange fail; #767676, half white on black (L 0.216 on 0: 5.3:1) and the halo pass
  expect(rules.filter((x) => x.startsWith('color-contrast'))).toEqual([
    expect.stringContaining('grey 777'),
    expect.stringContaining('on orange'),
  ]);
  const ratio777 = r.violations.find((v) => v.target.includes('grey 777'))!.detail;
  expect(ratio777).toContain('4.48:1');
  expect(r.violations.find((v) => v.target.includes('on orange'))!.detail).toContain(' 2.99:1');
  expect(rules).toContainEqual(expect.stringMatching(/^button-name <button>/));
  expect(rules.filter((x) => x.startsWith('button-name'))).toHaveLength(1);
  expect(rules).toContainEqual(expect.stringMatching(/^label <input#dup>/));
  expect(rules).toContainEqual(expect.stringMatching(/^duplicate-id /));
  expect(rules).toContainEqual(expect.stringMatching(/^select-name <select>/));
  expect(rules).toContainEqual(expect.stringMatching(/^svg-img-alt <svg>/));
  expect(rules).toContainEqual(expect.stringMatching(/^aria-valid-attr <div>/));
  expect(rules).toContainEqual(expect.stringMatching(/^aria-required-parent <div>/));
  expect(rules).toContainEqual(expect.stringMatching(/^aria-prohibited-attr <span>/));
  expect(rules).toContainEqual(expect.stringMatching(/^aria-valid-attr-value <button>/));
});
