/**
 * The export formats and what an export gives, without the code that builds them (that lives in exports.ts,
 * loaded on first use: it pulls in the core's layout computation).
 */
export const EXPORT_FORMATS = ['qemu', 'argv', 'libvirt', 'srat', 'slit', 'hmat', 'e820', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  /** button label */
  label: string;
  /** what the output is, for the panel header and tooltips */
  title: string;
  /** whether the format needs QEMU to accept the design */
  needsLayout: boolean;
}

export const EXPORT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  qemu: { label: 'QEMU', title: 'QEMU command line (shell)', needsLayout: true },
  argv: { label: 'argv', title: 'QEMU command line (JSON argv)', needsLayout: false },
  libvirt: { label: 'libvirt', title: 'libvirt domain XML', needsLayout: true },
  srat: { label: 'SRAT', title: 'ACPI SRAT (iasl -d style)', needsLayout: true },
  slit: { label: 'SLIT', title: 'ACPI SLIT (iasl -d style)', needsLayout: true },
  hmat: { label: 'HMAT', title: 'ACPI HMAT (iasl -d style)', needsLayout: true },
  e820: { label: 'E820', title: 'QEMU etc/e820', needsLayout: true },
  json: { label: 'JSON', title: 'Saved design (versioned JSON)', needsLayout: false },
};

export interface ExportFile {
  name: string;
  mime: string;
  data: Uint8Array | string;
}

export type ExportOutcome =
  | {
      ok: true;
      format: ExportFormat;
      text: string;
      notes: string[];
      file: ExportFile | null;
      /** the command line formats: the shell command that checks the design against the user's own QEMU */
      verify?: string;
    }
  | {
      ok: false;
      format: ExportFormat;
      message: string;
      /** the message is QEMU's own refusal of the design */
      refusedByQemu: boolean;
    };

