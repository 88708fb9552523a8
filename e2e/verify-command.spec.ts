/**
 * The command the Export panel offers under the command line formats checks the design against the user's own
 * QEMU: run as shown (in a shell, from the project's folder, with qemu-system-x86_64 on PATH being real QEMU
 * 11.1.3), it says the design and QEMU are identical and exits 0. The argv export offers the same command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { REPO_ROOT } from './io-helpers.ts';

/** QEMU 11.1.3 (the Debian sid chroot .ci/qemu-sid.sh sets up), the release the example designs follow */
const QEMU_11_1 = '/var/cache/mmd-sid-qemu/qemu-system-x86_64';

/** Run shell text as a user would paste it, with QEMU 11.1.3 first on PATH. */
function runShell(text: string): { status: number | null; stdout: string; stderr: string } {
  const bin = mkdtempSync(join(tmpdir(), 'mmd-verify-bin-'));
  symlinkSync(QEMU_11_1, join(bin, 'qemu-system-x86_64'));
  const r = spawnSync('sh', ['-c', text], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the verify command under the QEMU export, run as shown, finds the design identical to real QEMU', async ({ designer, page }) => {
  test.setTimeout(180_000);
  await designer.open();
  await page.getByTestId('export-qemu').click();
  await expect(page.getByTestId('export-output')).toHaveAttribute('data-state', 'ok');
  const verify = page.getByTestId('export-verify');
  await verify.locator('summary').click();
  const text = (await page.getByTestId('export-verify-command').textContent()) ?? '';
  expect(text.startsWith('npm run --silent cli -- verify -- \\\n')).toBe(true);
  // the same options as the command line shown above it
  const shown = (await page.getByTestId('export-output').textContent()) ?? '';
  expect(text.slice(text.indexOf('\n'))).toBe(shown.slice(shown.indexOf('\n')));
  const r = runShell(text);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('QEMU 11.1.3');
  expect(r.stdout).toMatch(/^identical: SRAT \(\d+ bytes\), etc\/e820 \(\d+ entries\), query-memory-devices \(\d+\)/m);
  expect(r.status).toBe(0);
  // the argv export offers it too
  await page.getByTestId('export-view-argv').click();
  await expect(page.getByTestId('export-output')).toHaveAttribute('data-format', 'argv');
  await expect(page.getByTestId('export-verify-command')).toHaveText(text);
});
