/**
 * Defence in depth: the built page carries a Content-Security-Policy under which the whole app runs — worker,
 * lazy chunks and their styles, import, exports, share links, the main-thread fallback — without one violation;
 * and the test hook `window.__mmdTestApi` is in the e2e build these tests use, never in `npm run build`'s.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { DesignerPage, expect, test } from './fixtures.ts';
import { REPO_ROOT, importText } from './io-helpers.ts';

/** Collect CSP violations (the event, and Chromium's console report) from the start of every page. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__mmdCspViolation', (s: string) => seen.push(s));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const what = ` ${e.blockedURI}`;
      (window as unknown as { __mmdCspViolation: (s: string) => void }).__mmdCspViolation(`${e.violatedDirective}${what} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return seen;
}

test('the built app runs under its Content-Security-Policy without a violation', async ({ page, designer }) => {
  const violations = await watchCsp(page);
  const response = await page.goto('/');
  expect(response?.ok()).toBe(true);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  await expect(designer.sratRows.first()).toBeVisible();
  await designer.settled();
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'worker');

  // a lazy chunk with its own stylesheet (the import dialog), an import, exports, a share link
  await importText(page, 'qemu-system-x86_64 -machine q35 -m 2G,slots=2,maxmem=8G -object memory-backend-ram,id=m0,size=1G -device sp-mem,id=s0,memdev=m0,node=0');
  await expect(designer.block('s0')).toBeVisible();
  for (const f of ['argv', 'json', 'libvirt', 'srat']) {
    await page.getByTestId(`export-${f}`).click();
    await expect(page.getByTestId('export-output')).toBeVisible();
  }
  await page.getByTestId('share-link').click();
  await expect(page).toHaveURL(/#z=/);
  // a drag moves styles through d3 and React (CSSOM, allowed)
  await designer.blockBody('s0').click();
  await page.keyboard.press('ArrowRight');
  await designer.settled();

  expect(violations).toEqual([]);

  // the main-thread fallback loads the worker's file as a module, and runs under the policy too. (The core's
  // table writers try to compile code first — src/core/tables/fields.ts, `new Function` — and fall back to
  // interpreting when the page forbids it: that attempt is reported as a blocked eval, and nothing else is.)
  await page.goto('/?engine=main');
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'main-thread');
  await expect(page.getByTestId('engine')).toHaveText('Slower mode');
  const main = await new DesignerPage(page).settled();
  expect(main.error).toBeNull();
  expect(main.srat.length).toBeGreaterThan(0);
  expect(violations.filter((v) => !/^script-src eval \S+\/assets\/[\w-]+\.js:\d+$/.test(v))).toEqual([]);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('the test hook is in the e2e build only: `npm run build` output holds no __mmdTestApi', async ({ page }) => {
  test.setTimeout(180_000);
  // the e2e build these tests run against has it
  await page.goto('/');
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { __mmdTestApi?: unknown }).__mmdTestApi)).toBe('object');

  // the production build (`vite build`, what `npm run build` runs), into a directory of its own
  const outDir = mkdtempSync(join(tmpdir(), 'mmd-prod-build-'));
  await build({ root: REPO_ROOT, mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const files = filesUnder(outDir);
  expect(files.some((f) => f.endsWith('.js'))).toBe(true);
  const holding = files.filter((f) => readFileSync(f, 'latin1').includes('__mmdTestApi'));
  expect(holding).toEqual([]);
  expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('http-equiv="Content-Security-Policy"');
});
