/**
 * Test support for the ACPI table tests: the real-QEMU captures under src/core/testdata/qemu-hmat, and `iasl -d`
 * (acpica-tools) as an independent reader of the tables the core builds. Node only; never shipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HMAT_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../core/testdata/qemu-hmat');

/** A captured file of one case, or null when QEMU did not build it. */
export function hmatFixture(dir: string, file: string): Uint8Array | null {
  const p = join(HMAT_FIXTURES, dir, file);
  return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
}

/** What QEMU printed when it refused the case. */
export function hmatFixtureError(dir: string): string {
  return readFileSync(join(HMAT_FIXTURES, dir, 'error.txt'), 'utf8').trimEnd();
}

/** `iasl -d` on the bytes: its console output and the .dsl it wrote. */
export function iasl(bytes: Uint8Array, sig: string): { output: string; dsl: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'mmd-iasl-'));
  writeFileSync(join(dir, `${sig}.bin`), bytes);
  const r = spawnSync('iasl', ['-d', `${sig}.bin`], { cwd: dir, encoding: 'utf8' });
  const dsl = join(dir, `${sig}.dsl`);
  return { output: (r.stdout ?? '') + (r.stderr ?? ''), dsl: existsSync(dsl) ? readFileSync(dsl, 'utf8') : '', status: r.status };
}

/** A .dsl file's table text: its header comment dropped, trailing blanks trimmed. */
export function dslBody(text: string): string {
  return text
    .slice(text.indexOf('*/') + 2)
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}
