/**
 * `verify`: the design against the user's own QEMU. The QEMU arguments run on the user's qemu-system-x86_64
 * (`--qemu PATH`, else the one on PATH) the way the differential test runs real QEMU (src/cli/qemu/capture.ts:
 * paused, no guest, no display, QMP and qtest sockets in a private directory), and what it builds — the SRAT,
 * SLIT and HMAT, etc/e820 and query-memory-devices — is compared with what the designer computes for the same
 * arguments, following the release the binary says it is.
 *
 *   exit 0: identical; 1: different (or the command was used wrongly); 2: QEMU refused the arguments
 */
import { execFileSync } from 'node:child_process';
import { accelOf, computeMachine, memoryDevicesToJson, type MachineLayout, type QemuVersion } from '../core/machine/index.ts';
import { formatQemuArgs } from '../core/syntax/index.ts';
import { formatQemuError } from '../core/base/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { captureQemu, type CaptureResult } from './qemu/capture.ts';
import { bytesEqual, decodeE820, diffE820, diffMemoryDevices, diffSrat, formatE820, summarizeSrat } from './qemu/decode.ts';
import { DOCUMENT_OPTIONS, computeFor, defineCommand, loadDocument } from './load.ts';
import { qemuCatalog } from './qemu-catalog.ts';
import { oneLine, qemuMessage } from './terminal.ts';

export const VERIFY_USAGE = `  verify [--qemu PATH] -- <QEMU arguments>
      run your own qemu-system-x86_64 (PATH, else the one on $PATH) on the arguments, paused, without a guest,
      read its SRAT, SLIT, HMAT, etc/e820 and query-memory-devices, and print how they differ from the design
      (which follows the release the binary reports: 7.2, 10.2 or 11.1, whatever --qemu-version says);
      exit 0 identical, 1 different, 2 QEMU refused the arguments (its message, and whether the design agrees)
  verify [--qemu PATH] --from-json FILE | --args-file FILE
      the same for a saved design or a command line in a file (--host-cpu as for tables)
`;

/** The release the designer follows for a `qemu-system-x86_64 --version` line; null: none it follows. */
export function releaseOfVersionLine(line: string): { version: QemuVersion; full: string } | null {
  const m = /QEMU emulator version (\d+)\.(\d+)(?:\.(\d+))?/.exec(line);
  if (!m) return null;
  const full = `${m[1]}.${m[2]}${m[3] !== undefined ? `.${m[3]}` : ''}`;
  const mm = `${m[1]}.${m[2]}`;
  if (mm === '7.2' || mm === '10.2' || mm === '11.1') return { version: mm, full };
  return null;
}

/** What the designer says about the arguments: its tables or QEMU's message as it predicts it. */
type Design = { ok: true; layout: MachineLayout } | { ok: false; message: string };

/** The lines that say how QEMU's capture and the design differ; [] when they are the same. */
export function compareWithQemu(real: Extract<CaptureResult, { accepted: true }>, layout: MachineLayout): string[] {
  const out: string[] = [];
  out.push(...diffSrat(real.srat, layout.srat?.bytes ?? null));
  for (const [sig, mine] of [['SLIT', layout.slit?.bytes ?? null], ['HMAT', layout.hmat?.bytes ?? null]] as const) {
    const theirs = real.tables?.find((t) => t.signature === sig)?.bytes ?? null;
    if (!theirs && !mine) continue;
    if (!theirs) out.push(`  ${sig}: QEMU builds none, the design has ${mine!.length} bytes`);
    else if (!mine) out.push(`  ${sig}: QEMU builds one (${theirs.length} bytes), the design has none`);
    else if (!bytesEqual(theirs, mine)) out.push(`  ${sig}: the bytes differ (QEMU ${theirs.length}, the design ${mine.length})`);
  }
  out.push(...diffE820(real.e820, layout.e820Bytes));
  out.push(...diffMemoryDevices(real.memoryDevices, JSON.parse(memoryDevicesToJson(layout.memoryDevices)) as unknown[]));
  return out;
}

/** Whether the arguments choose an accelerator themselves (else QEMU's default, TCG, is what the harness asks for). */
function choosesAccel(doc: ConfigDocument): boolean {
  return doc.options.some(
    (o) =>
      (o.kind === 'raw' && /^--?(accel|enable-kvm)$/.test(o.args[0] ?? '')) ||
      (o.kind === 'machine' && (o.extra ?? []).some(([k]) => k === 'accel')),
  );
}

export const verifyCommand = defineCommand({
  name: 'verify',
  usage: VERIFY_USAGE,
  options: { qemu: { type: 'string' }, ...DOCUMENT_OPTIONS },
  async run(input, io) {
    const binary = input.values.qemu ?? 'qemu-system-x86_64';
    let versionLine: string;
    try {
      versionLine = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]!;
    } catch (e) {
      io.stderr(oneLine(`cannot run ${binary} --version: ${(e as Error).message}`) + '\n');
      return 1;
    }
    const release = releaseOfVersionLine(versionLine);
    if (!release) {
      io.stderr(oneLine(`${binary} is '${versionLine}': the designer follows QEMU 7.2, 10.2 and 11.1`) + '\n');
      return 1;
    }
    const qemuVersion = release.version;
    if (input.qemuVersion !== qemuVersion && input.qemuVersion !== '11.1') {
      io.stderr(`note: --qemu-version ${input.qemuVersion} is not used: verify follows the binary's release, ${qemuVersion}\n`);
    }
    const loaded = loadDocument({ ...input, qemuVersion });
    if (typeof loaded === 'string') {
      io.stderr(oneLine(loaded) + '\n');
      return 1;
    }
    const doc = 'qemuError' in loaded ? null : computeFor(loaded);
    // a command line the designer's parser refuses still runs on QEMU: its verdict is the point
    const args = doc ? formatQemuArgs(doc) : (input.qemuArgs ?? []);
    let design: Design;
    if (!doc) design = { ok: false, message: (loaded as { qemuError: string }).qemuError };
    else {
      const r = computeMachine(doc, { qemuVersion, catalog: qemuCatalog(qemuVersion) });
      design = r.error || !r.layout ? { ok: false, message: formatQemuError(r.error!) } : { ok: true, layout: r.layout };
    }
    io.stdout(`QEMU ${release.full} (${binary}); the design follows QEMU ${qemuVersion}\n`);
    const accel = doc && choosesAccel(doc) ? 'as-given' : 'tcg';
    if (doc && accel === 'as-given' && accelOf(doc.options, undefined) === 'kvm') io.stdout(`under KVM, on this host's CPU\n`);
    const real = await captureQemu(binary, args, { accel, allTables: true, nodefaults: false, timeoutMs: 60_000 });
    if (!real.accepted) {
      const theirs = real.stderr.trim() ? real.stderr : real.rawStderr.trim();
      io.stdout(`QEMU refused the arguments:\n${qemuMessage(theirs)}\n`);
      if (design.ok) io.stdout('the design: accepted (it differs)\n');
      else if (design.message === theirs) io.stdout('the design: the same message\n');
      else io.stdout(`the design: a different message:\n${qemuMessage(design.message)}\n`);
      return 2;
    }
    if (!design.ok) {
      io.stdout(`QEMU accepts the arguments; the design refuses them:\n${qemuMessage(design.message)}\n`);
      return 1;
    }
    const diff = compareWithQemu(real, design.layout);
    const devices = real.memoryDevices.length;
    if (diff.length === 0) {
      const e820 = decodeE820(real.e820).entries.length;
      io.stdout(
        `identical: SRAT (${real.srat ? `${real.srat.length} bytes` : 'none'}), etc/e820 (${e820} entries), query-memory-devices (${devices})` +
          `${design.layout.slit ? ', SLIT' : ''}${design.layout.hmat ? ', HMAT' : ''}\n`,
      );
      return 0;
    }
    io.stdout(`different ("expected": your QEMU, "actual": the design):\n${diff.join('\n')}\n`);
    io.stdout(`  QEMU e820: ${decodeE820(real.e820).entries.map(formatE820).join(' ')}\n`);
    if (real.srat) io.stdout(`  QEMU SRAT: ${summarizeSrat(real.srat)}\n`);
    return 1;
  },
});
