/**
 * Helpers for the import/export/persistence tests: the CLI run on its own (the independent reference for table
 * bytes), downloads read back from disk, and a small SRAT reader for hand-computed checks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `npm run --silent cli -- <args>` in the repository; stdout. Throws with stderr when the CLI fails. */
export function runCli(args: readonly string[]): string {
  return execFileSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

/** The CLI's `tables` for QEMU arguments (without the program): SRAT.bin (null when none) and e820.bin. */
export function cliTables(qemuArgs: readonly string[]): { srat: Buffer | null; e820: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'mmd-cli-'));
  runCli(['tables', '--out', dir, '--', ...qemuArgs]);
  let srat: Buffer | null = null;
  try {
    srat = readFileSync(join(dir, 'SRAT.bin'));
  } catch {
    srat = null;
  }
  return { srat, e820: readFileSync(join(dir, 'e820.bin')) };
}

/** Click `trigger` and return the download it starts, with its bytes. */
export async function downloadOf(page: Page, trigger: Locator): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

/** Show `format` with its toolbar button (a preview: nothing is downloaded), then download it with the Export panel's Download. */
export async function exportDownload(page: Page, format: string): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByTestId(`export-${format}`).click();
  const out = page.getByTestId('export-output');
  await expect(out).toHaveAttribute('data-format', format);
  await expect(out).toHaveAttribute('data-state', 'ok');
  return downloadOf(page, page.getByTestId('export-download'));
}

/** SRAT memory affinity structures (type 1), read from the table bytes as ACPI 6.5 §5.2.16.2 lays them out. */
export function sratMemoryEntries(b: Buffer): Array<{ pxm: number; base: bigint; length: bigint; flags: number }> {
  const out: Array<{ pxm: number; base: bigint; length: bigint; flags: number }> = [];
  expect(b.subarray(0, 4).toString('latin1')).toBe('SRAT');
  expect(b.readUInt32LE(4)).toBe(b.length);
  // 36-byte ACPI header, then 4 reserved bytes (value 1) and 8 reserved bytes
  for (let o = 48; o < b.length; ) {
    const type = b[o]!;
    const len = b[o + 1]!;
    if (len === 0) throw new Error(`zero-length SRAT structure at ${o}`);
    if (type === 1) {
      out.push({ pxm: b.readUInt32LE(o + 2), base: b.readBigUInt64LE(o + 8), length: b.readBigUInt64LE(o + 16), flags: b.readUInt32LE(o + 28) });
    }
    o += len;
  }
  return out;
}

/** The argv shown by export-argv (program first). */
export async function exportedArgv(page: Page): Promise<string[]> {
  await page.getByTestId('export-argv').click();
  const out = page.getByTestId('export-output');
  await expect(out).toHaveAttribute('data-format', 'argv');
  return JSON.parse(await out.innerText()) as string[];
}

/** Paste `text` into the import dialog and apply it. */
export async function importText(page: Page, text: string): Promise<void> {
  await page.getByTestId('import-qemu').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-apply').click();
}

/** The current document as the page holds it (through the test hook). */
export async function pageDocument(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __mmdTestApi: { document: unknown } }).__mmdTestApi.document);
}

export const hex = (v: bigint) => '0x' + v.toString(16);
