/**
 * The core as the worker offers it: plain functions over plain data (bigint and typed arrays cross postMessage by
 * structured clone). Errors travel as data: `computeMachine` never throws on bad input, and a thrown value would
 * lose everything but its message on the way through Comlink.
 */
import { computeMachine, type ComputeOptions } from '../core/machine/index.ts';
import { computeDesign, presetDocument, unmodelledOptions, type OptionHostAccess } from '../core/designer/index.ts';
import { formatQemuArgs } from '../core/syntax/index.ts';
import { formatQemuError, type CoreError } from '../core/base/index.ts';
import { moveDevice, type ConfigDocument, type DeviceMove } from '../core/document/index.ts';
import type { MachineLayoutView, MachineResultView, QemuVersion } from '../core/machine/index.ts';
import { guestApi } from './guest-api.ts';
// the release catalogs: every computation gets its release's, loaded the first time one is needed
import { loadQemuCatalog, withQemuCatalogs } from './qemu-catalog.ts';
import { internDocument } from './intern.ts';
import { buildExport } from '../core/io/index.ts';
// the import dialog's reader: pure, and with it QEMU's option parser and messages stay in the worker
import { importAnyTextAsync, type AnyImportResult } from '../ui/io/import-any.ts';
import type { ExportFormat, ExportOutcome } from '../core/io/index.ts';

/** derive() leaves out QEMU's device listings: the guest view asks for them, and the round trip stays short */
export type DerivedLayout = MachineLayoutView;
export type DerivedResult = MachineResultView;

/** A drag step: where the dragged device is proposed to go (null: leave that property as it is). */
export type { DeviceMove };

export interface Derived {
  result: DerivedResult;
  /** the document as QEMU arguments */
  args: string[];
}

/** Where a memory device lands in a candidate configuration. */
export interface CandidatePlacement {
  optionIndex: number;
  addr: bigint;
  size: bigint;
  node: number;
}

/** The verdict on a candidate document: QEMU's error, or where every memory device lands. */
export interface CheckResult {
  error: CoreError | null;
  /** QEMU's stderr line for the error (without the program name) */
  message: string | null;
  placements: CandidatePlacement[];
}

/** The document drag steps are checked against (set once per drag, so each step sends only the move). */
let moveBase: ConfigDocument | null = null;

function checkDocument(doc: ConfigDocument, opts: ComputeOptions): CheckResult {
  // a drag step needs QEMU's verdict and the placements only
  const r = computeMachine(doc, { ...opts, deviceListings: false });
  return {
    error: r.error,
    message: r.error ? formatQemuError(r.error) : null,
    placements: r.layout ? r.layout.devices.map((d) => ({ optionIndex: d.optionIndex, addr: d.addr, size: d.size, node: d.node })) : [],
  };
}

export const api = withQemuCatalogs({
  /** Everything the designer shows for a document. */
  derive(doc: ConfigDocument, opts: ComputeOptions = {}): Derived {
    const d = internDocument(doc);
    const r = computeDesign(d, { ...opts, deviceListings: false });
    let layout: DerivedLayout | null = null;
    if (r.layout) {
      // copy every field but the device listings, without reading those (they are built on first read)
      const rest: Record<string, unknown> = {};
      for (const k of Object.keys(r.layout)) if (k !== 'memoryDevices' && k !== 'infoMemoryDevices') rest[k] = (r.layout as unknown as Record<string, unknown>)[k];
      layout = rest as unknown as DerivedLayout;
    }
    return { result: { ...r, layout }, args: formatQemuArgs(d) };
  },
  /** Whether QEMU would accept a candidate document (used while dragging): small answer, no tables. */
  check(doc: ConfigDocument, opts: ComputeOptions = {}): CheckResult {
    return checkDocument(internDocument(doc), opts);
  },
  /** Set the document that the following checkMove calls start from (at the start of a drag). */
  setMoveBase(doc: ConfigDocument): void {
    moveBase = internDocument(doc);
  },
  /** One of the designer's exports of a document (text, notes, and the file to download). */
  exportDesign(doc: ConfigDocument, format: ExportFormat, opts: ComputeOptions = {}): ExportOutcome {
    const d = internDocument(doc);
    return buildExport(format, d, computeDesign(d, opts));
  },
  /** check() of the move base with one device moved: a drag step sends a few numbers, not the document. */
  checkMove(move: DeviceMove, opts: ComputeOptions = {}): CheckResult {
    if (!moveBase) return { error: null, message: 'no drag in progress', placements: [] };
    return checkDocument(moveDevice(moveBase, move), opts);
  },
  ping(): 'pong' {
    return 'pong';
  },
  /**
   * Once a release's name lists are at hand (read on first use; see qemu-catalog.ts): true then, false when they
   * cannot be read. A result with `catalogPending` is computed again after this says true.
   */
  async catalogReady(version?: QemuVersion): Promise<boolean> {
    return (await loadQemuCatalog(version)) !== null;
  },
  /** A built-in example's document: what the importer makes of its command line (the page parses none). */
  presetDocument(id: string): ConfigDocument | null {
    return presetDocument(id);
  },
  /** The options of a design the designer keeps without modelling them, or that reach the host (host-access.ts). */
  unmodelledOptions(doc: ConfigDocument): OptionHostAccess[] {
    return unmodelledOptions(doc);
  },
  /**
   * Pasted or dropped text read as a design (ui/io/import-any.ts): a command line, argv, saved design or link.
   * (Checking options against QEMU's help lists, src/core/syntax/qemu-help/qemu-*.json, would belong on this
   * path: load them here with a dynamic `import()`, once, never with a static import.)
   */
  importText(text: string): Promise<AnyImportResult> {
    return importAnyTextAsync(text);
  },
  /** hotplug window, guest view, SPM/RESERVED/RAM teaching, tour (guest-api.ts) */
  ...guestApi,
});

export type CoreApi = typeof api;
