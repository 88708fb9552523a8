/**
 * Errors and warnings. A configuration QEMU rejects yields one `CoreError` carrying QEMU's message text
 * (QEMU 11.1 wording unless a target version says otherwise) and the option and field it concerns, so the UI can
 * point at it. Configurations QEMU accepts but that are likely mistakes yield `Diagnostic`s with severity
 * `warning`. Nothing in the core throws on bad input.
 */

/** The option a message concerns: its index in `doc.options` and its text as QEMU would quote it. */
export interface OptionRef {
  index: number;
  /** `-device` */
  flag: string;
  /** `pc-dimm,id=d0,memdev=m0` */
  text: string;
}

export type ErrorKind =
  | 'cmdline/invalid-option'
  | 'cmdline/missing-argument'
  | 'cmdline/invalid-parameter'
  | 'cmdline/invalid-value'
  | 'cmdline/unsupported'
  | 'machine/unsupported-type'
  | 'machine/property'
  | 'cpu/property'
  | 'smp/invalid'
  | 'memory/ram-size'
  | 'memory/maxmem'
  | 'memory/slots'
  | 'memory/phys-bits'
  | 'object/invalid'
  | 'object/duplicate-id'
  | 'numa/invalid'
  | 'numa/memdev'
  | 'numa/size-mismatch'
  | 'device/invalid'
  | 'device/memdev'
  | 'device/node'
  | 'device/slot'
  | 'placement/no-window'
  | 'placement/not-enough-space'
  | 'placement/misaligned'
  | 'placement/size-multiple'
  | 'placement/out-of-range'
  | 'placement/overlap'
  | 'placement/fragmented'
  | 'placement/too-big';

export interface CoreError {
  kind: ErrorKind;
  /** QEMU's message, without the `qemu-system-x86_64: ` prefix and without the option text */
  message: string;
  /** the option QEMU names in front of the message, when it does */
  option: OptionRef | null;
  /** the offending field of that option (`addr`, `size`, `node`, `memdev`, ...) */
  field?: string;
}

export type DiagnosticSeverity = 'warning' | 'info';

export type DiagnosticKind =
  | 'qemu/warning'
  | 'spm/mixed-node'
  | 'spm/fragments-window'
  | 'spm/adjacent-merge'
  | 'spm/seabios-hides'
  | 'spm/info-numa-abort'
  | 'spm/kmem-tier'
  | 'numa/cpus-unassigned'
  | 'numa/guest-renumbered'
  | 'designer/unmodelled';

export interface Diagnostic {
  kind: DiagnosticKind;
  severity: DiagnosticSeverity;
  /** `qemu`: QEMU itself prints it (exact text); `designer`: the designer's advice */
  source: 'qemu' | 'designer';
  message: string;
  option: OptionRef | null;
  field?: string;
}

/** The line QEMU prints on stderr, after its `qemu-system-x86_64: ` prefix. */
export function formatQemuError(error: Pick<CoreError, 'message' | 'option'>): string {
  if (!error.option) return error.message;
  const where = error.option.text === '' ? error.option.flag : `${error.option.flag} ${error.option.text}`;
  return `${where}: ${error.message}`;
}
