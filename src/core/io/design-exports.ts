/**
 * What each export button produces for a document and its computed result: the text shown, notes, and the file
 * downloaded (if any). Pure: no DOM, so it runs in unit tests and gives the page and the tests the same answer.
 *
 * `argv` and `json` export what was written whether QEMU accepts it or not (nothing is lost). `qemu`, `libvirt`,
 * `srat` and `e820` follow the CLI: when QEMU refuses the design they give QEMU's message instead of an export.
 */
import { formatQemuError } from '../base/index.ts';
import type { ConfigDocument } from '../document/index.ts';
import { serializeDocument } from './document-io.ts';
import { E820_RECORD_LEN, e820TypeName, e820TypeNumber } from '../tables/index.ts';
import { exportLibvirtXml } from './export-libvirt.ts';
import { exportQemuJson, exportQemuShell, formatShellCommand, optionWordGroups } from './export-qemu.ts';
import type { E820Entry, MachineResult } from '../machine/index.ts';
import { formatHmatText, formatSlitText, formatSratText } from '../tables/index.ts';
import { EXPORT_INFO, type ExportFormat, type ExportOutcome } from './export-formats.ts';
import { describeHostAccess, hostAccess } from '../designer/index.ts';

export { EXPORT_FORMATS, EXPORT_INFO, type ExportFile, type ExportFormat, type ExportOutcome } from './export-formats.ts';

/** Characters no file system or browser download accepts in a file name. */
const UNSAFE_FILE_CHARS = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;

/** `<name>.<ext>`, the document name made safe to be a file name (unchanged for ordinary names). */
export function documentFileName(name: string, ext: string): string {
  let base = name.replace(UNSAFE_FILE_CHARS, '_').trim();
  // a leading dot would hide the file on Unix; browsers strip it anyway
  base = base.replace(/^\.+/, '');
  if (base === '') base = 'design';
  if (base.length > 120) base = base.slice(0, 120);
  return `${base}.${ext}`;
}

/** QEMU's etc/e820 as a listing, in QEMU's order, with each record's byte offset in e820.bin. */
export function formatE820Listing(entries: readonly E820Entry[]): string {
  // hex columns as wide as the widest value, so that they line up and stay short
  let digits = 1;
  for (const e of entries) {
    const end = e.length > 0n ? e.address + e.length - 1n : e.address;
    digits = Math.max(digits, e.address.toString(16).length, end.toString(16).length, e.length.toString(16).length);
  }
  const h = (v: bigint) => '0x' + v.toString(16).padStart(digits, '0');
  const w = digits + 2;
  const lines = [
    `# etc/e820 (fw_cfg): ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${entries.length * E820_RECORD_LEN} bytes, in the order QEMU added them`,
    '# each record: u64 address, u64 length, u32 type, little endian',
    '#',
    `# off  ${'address'.padEnd(w)}  ${'last byte'.padEnd(w)}  ${'length'.padEnd(w)}  type`,
  ];
  entries.forEach((e, i) => {
    const last = e.length > 0n ? h(e.address + e.length - 1n) : '-'.padEnd(w);
    const off = '0x' + (i * E820_RECORD_LEN).toString(16).padStart(3, '0');
    lines.push(`${off.padEnd(7)}${h(e.address)}  ${last}  ${h(e.length)}  ${e820TypeNumber(e.type)} ${e820TypeName(e.type)}`);
  });
  return lines.join('\n') + '\n';
}

function refusal(format: ExportFormat, result: MachineResult): ExportOutcome | null {
  if (!EXPORT_INFO[format].needsLayout) return null;
  if (result.error) return { ok: false, format, message: formatQemuError(result.error), refusedByQemu: true };
  if (!result.layout) return { ok: false, format, message: 'the design has no layout', refusedByQemu: false };
  return null;
}

/** The designer's command line tool, run from a clone of the project: `verify` and the QEMU arguments follow. */
export const VERIFY_COMMAND = ['npm', 'run', '--silent', 'cli', '--', 'verify', '--'] as const;

/**
 * The shell command that runs the user's own qemu-system-x86_64 on the design's arguments and compares what it
 * builds (SRAT, SLIT, HMAT, etc/e820, query-memory-devices) with the designer's (src/cli/verify-command.ts):
 * the verify command on its first line, then the options as the QEMU export writes them.
 */
export function exportVerifyShell(doc: ConfigDocument): string {
  const [program, ...args] = VERIFY_COMMAND;
  // (one line for the command: the first continuation is joined back)
  return formatShellCommand(program, [args, ...optionWordGroups(doc)]).replace(' \\\n  ', ' ');
}

/** Formats that carry the design's options (and so what they make QEMU do to the host). */
const CARRIES_OPTIONS: ReadonlySet<ExportFormat> = new Set(['qemu', 'argv', 'libvirt', 'json']);

/** The prefix of an export note about an option that reaches the host (`host access: -incoming exec:… — …`). */
export const HOST_ACCESS_NOTE = 'host access: ';

/**
 * One note for each option that reaches the host when QEMU runs the design (runs a command, opens a file, socket
 * or device, exposes a monitor, changes the QEMU process), first: the export keeps it as written.
 */
export function hostAccessNotes(doc: ConfigDocument): string[] {
  return hostAccess(doc).map((o) => HOST_ACCESS_NOTE + describeHostAccess(o));
}

/**
 * The export of `doc` in `format`. `result` must be the core's result for this very document (it decides
 * whether QEMU accepts it, and holds the table bytes). The formats that carry options (qemu, argv, libvirt, json)
 * list first, in their notes, every option that reaches the host.
 */
export function buildExport(format: ExportFormat, doc: ConfigDocument, result: MachineResult): ExportOutcome {
  const out = buildExportOnly(format, doc, result);
  if (!out.ok || !CARRIES_OPTIONS.has(format)) return out;
  const host = hostAccessNotes(doc);
  return host.length ? { ...out, notes: [...host, ...out.notes] } : out;
}

function buildExportOnly(format: ExportFormat, doc: ConfigDocument, result: MachineResult): ExportOutcome {
  const refused = refusal(format, result);
  if (refused) return refused;
  // formats that need a layout have one here (refusal() answered otherwise)
  const layout = result.layout;
  switch (format) {
    case 'qemu':
      return { ok: true, format, text: exportQemuShell(doc), notes: [], file: null, verify: exportVerifyShell(doc) };
    case 'argv':
      return {
        ok: true,
        format,
        text: exportQemuJson(doc) + '\n',
        notes: result.error ? [`QEMU refuses this design: ${formatQemuError(result.error)}`] : [],
        file: null,
        verify: exportVerifyShell(doc),
      };
    case 'libvirt': {
      const r = exportLibvirtXml(doc);
      if (!r.ok) return { ok: false, format, message: r.message, refusedByQemu: Boolean(r.error) };
      return { ok: true, format, text: r.xml, notes: r.notes, file: { name: documentFileName(doc.name, 'xml'), mime: 'application/xml', data: r.xml } };
    }
    case 'srat': {
      if (!layout?.srat) {
        return {
          ok: false,
          format,
          message: 'QEMU builds no SRAT for this design: it has no NUMA nodes (add -numa node options to get one)',
          refusedByQemu: false,
        };
      }
      const bytes = layout.srat.bytes;
      return {
        ok: true,
        format,
        text: formatSratText(bytes),
        notes: [],
        file: { name: 'SRAT.bin', mime: 'application/octet-stream', data: bytes },
      };
    }
    case 'slit':
    case 'hmat': {
      const table = format === 'slit' ? layout?.slit : layout?.hmat;
      if (!table) {
        return {
          ok: false,
          format,
          message:
            format === 'slit'
              ? 'QEMU builds no SLIT for this design: it needs NUMA nodes and at least one -numa dist option'
              : 'QEMU builds no HMAT for this design: it needs NUMA nodes and -machine hmat=on',
          refusedByQemu: false,
        };
      }
      return {
        ok: true,
        format,
        text: format === 'slit' ? formatSlitText(table.bytes) : formatHmatText(table.bytes),
        notes: [],
        file: { name: format === 'slit' ? 'SLIT.bin' : 'HMAT.bin', mime: 'application/octet-stream', data: table.bytes },
      };
    }
    case 'e820': {
      if (!layout) return { ok: false, format, message: 'the design has no layout', refusedByQemu: false };
      const bytes = layout.e820Bytes;
      return {
        ok: true,
        format,
        text: formatE820Listing(layout.e820),
        notes: [],
        file: { name: 'e820.bin', mime: 'application/octet-stream', data: bytes },
      };
    }
    case 'json': {
      const text = serializeDocument(doc);
      return {
        ok: true,
        format,
        text,
        notes: result.error ? [`saved as written; QEMU refuses it: ${formatQemuError(result.error)}`] : [],
        file: { name: documentFileName(doc.name, 'json'), mime: 'application/json', data: text },
      };
    }
  }
}
