/**
 * The core on a command line as the unit tests of QEMU's phases run it: parsed for a release, computed with that
 * release's name lists (read from disk, as the CLI reads them), with QEMU's stderr line for a refusal and QEMU's
 * warning lines (`-option text: message` when a warning names its option) in order.
 */
import { formatQemuError } from '../core/base/index.ts';
import { computeMachine, type QemuVersion } from '../core/machine/index.ts';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { qemuCatalog } from '../cli/qemu-catalog.ts';

export function runCmdline(cmdline: string, version: QemuVersion = '11.1') {
  const p = parseQemuArgs(cmdline.trim().split(/\s+/), 'test', { qemuVersion: version });
  if (!p.ok) throw new Error(`parse: ${p.error.message}`);
  const r = computeMachine(p.doc, { qemuVersion: version, catalog: qemuCatalog(version) });
  const warnings = r.diagnostics.filter((d) => d.kind === 'qemu/warning').map((d) => (d.option ? `${d.option.flag} ${d.option.text}: ` : '') + d.message);
  return { r, stderr: r.error ? formatQemuError(r.error) : null, warnings };
}
