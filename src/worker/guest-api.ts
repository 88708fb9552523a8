/**
 * The hotplug-window inspector, the guest's view and the SPM/RESERVED/RAM teaching data, as the worker offers them:
 * each call takes the document, computes the machine and answers with plain data (errors as text, never thrown).
 */
import { computeMachine, type ComputeOptions } from '../core/machine/index.ts';
import { formatQemuError } from '../core/base/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { guestDmesgText, guestIomemText, guestView, guestViewDefaults, e820Word, type GuestFirmware, type GuestKernel, type GuestView, type OvmfBuild } from '../core/guest/index.ts';
import { SRC, type SourceRef } from '../core/guest/index.ts';
import { guidedTour, learnRange, selectionOfDevice, type DeliveryWay, type LearnRange, type LearnSelection, type TourStep } from '../core/teach/index.ts';
import { memoryDevicesToJson } from '../core/machine/index.ts';
import { E820_RAM, E820_RESERVED, E820_SOFT_RESERVED, type MachineLayout } from '../core/machine/index.ts';
import { inspectWindow, proposeWindowLayout, type LayoutProposal, type WindowInspection } from '../core/designer/index.ts';

export interface WindowReport {
  /** QEMU's error when it refuses the document */
  error: string | null;
  inspection: WindowInspection | null;
}

export interface GuestRequest {
  /** null: the firmware the command line boots */
  firmware: GuestFirmware | null;
  kernel: GuestKernel;
  /** which OVMF when the firmware is OVMF (default edk2-2026.08) */
  ovmfBuild: OvmfBuild | null;
}

export interface GuestReport {
  error: string | null;
  /** what the command line itself implies */
  defaults: { firmware: GuestFirmware; ovmfBuild: OvmfBuild } | null;
  view: GuestView | null;
  dmesgText: string;
  iomemText: string;
  /** the QMP `query-memory-devices` return value as JSON */
  queryMemoryDevices: string;
  /** the references the guest view panel cites for its rows (sent along, so the panel ships without the list) */
  sources: GuestViewSources;
}

export type GuestViewSources = Record<GuestViewSourceName, SourceRef>;
type GuestViewSourceName = 'e820Print' | 'docGuestView' | 'sratPrint' | 'pxmToNode' | 'sratParseOrder' | 'qemuUmbrella' | 'iomemFormat';

const GUEST_VIEW_SOURCES: GuestViewSources = {
  e820Print: SRC.e820Print,
  docGuestView: SRC.docGuestView,
  sratPrint: SRC.sratPrint,
  pxmToNode: SRC.pxmToNode,
  sratParseOrder: SRC.sratParseOrder,
  qemuUmbrella: SRC.qemuUmbrella,
  iomemFormat: SRC.iomemFormat,
};

/** What the teaching panel is about: a memory device of the document, or an address range picked in a table. */
export type LearnTarget = { kind: 'device'; optionIndex: number } | { kind: 'range'; base: bigint; size: bigint; node: number };

export interface E820TypeLabel {
  type: number;
  /** the name in Linux's enum (`SOFT_RESERVED`) */
  name: string;
  /** the word dmesg prints (`soft reserved`) */
  word: string;
}

export interface LearnReport {
  error: string | null;
  selection: LearnSelection | null;
  /** the device the selection stands for, if any */
  optionIndex: number | null;
  learn: LearnRange | null;
  /** the E820 type each way gives the range */
  e820: Record<DeliveryWay, E820TypeLabel>;
}

function layoutOf(doc: ConfigDocument, opts: ComputeOptions): { layout: MachineLayout | null; error: string | null } {
  const r = computeMachine(doc, opts);
  return { layout: r.layout, error: r.error ? formatQemuError(r.error) : r.layout ? null : 'no layout' };
}

const label = (type: number, name: string): E820TypeLabel => ({ type, name, word: e820Word(type) });

const E820_OF_WAY: Record<DeliveryWay, E820TypeLabel> = {
  spm: label(E820_SOFT_RESERVED, 'SOFT_RESERVED'),
  reserved: label(E820_RESERVED, 'RESERVED'),
  ram: label(E820_RAM, 'RAM'),
};

export const guestApi = {
  /** The hotplug window on its own: parts, SRAT entries, figures. */
  inspectWindow(doc: ConfigDocument, opts: ComputeOptions = {}): WindowReport {
    const { layout, error } = layoutOf(doc, opts);
    return { error, inspection: layout ? inspectWindow(layout, opts.qemuVersion) : null };
  },
  /** The advisor: sp-mem first, DIMMs on top, as a new document with before/after figures. */
  proposeWindowLayout(doc: ConfigDocument, opts: ComputeOptions = {}): LayoutProposal {
    return proposeWindowLayout(doc, opts.qemuVersion);
  },
  /** What a Linux guest prints for the machine under the given firmware and kernel. */
  guestView(doc: ConfigDocument, req: GuestRequest, opts: ComputeOptions = {}): GuestReport {
    const { layout, error } = layoutOf(doc, opts);
    if (!layout) return { error, defaults: null, view: null, dmesgText: '', iomemText: '', queryMemoryDevices: '', sources: GUEST_VIEW_SOURCES };
    const d = guestViewDefaults(doc);
    const firmware = req.firmware ?? d.firmware;
    const view = guestView(layout, {
      firmware,
      kernel: req.kernel,
      ovmfBuild: req.ovmfBuild ?? d.ovmfBuild,
      smm: d.smm,
      hpet: d.hpet,
    });
    return {
      error: null,
      defaults: { firmware: d.firmware, ovmfBuild: d.ovmfBuild },
      view,
      dmesgText: guestDmesgText(view),
      iomemText: guestIomemText(view),
      queryMemoryDevices: memoryDevicesToJson(layout.memoryDevices),
      sources: GUEST_VIEW_SOURCES,
    };
  },
  /**
   * SPM vs RESERVED vs RAM for a target (default: the first sp-mem, else the first memory device), with the
   * alternatives computed on variants of the document.
   */
  learnRange(doc: ConfigDocument, target: LearnTarget | null, kernel: GuestKernel, opts: ComputeOptions = {}): LearnReport {
    const { layout, error } = layoutOf(doc, opts);
    const none = (e: string | null): LearnReport => ({ error: e, selection: null, optionIndex: null, learn: null, e820: E820_OF_WAY });
    if (!layout) return none(error);
    let selection: LearnSelection | null = null;
    let optionIndex: number | null = null;
    if (target?.kind === 'range') {
      selection = { base: target.base, size: target.size, node: target.node };
      const d = layout.devices.find((x) => x.addr === target.base && x.size === target.size);
      if (d) {
        optionIndex = d.optionIndex;
        if (d.id !== null) selection.id = d.id;
      }
    } else {
      const pick =
        (target ? layout.devices.find((d) => d.optionIndex === target.optionIndex) : undefined) ??
        layout.devices.find((d) => d.driver === 'sp-mem') ??
        layout.devices[0];
      if (pick) {
        selection = selectionOfDevice(layout, pick.optionIndex);
        optionIndex = pick.optionIndex;
      }
    }
    if (!selection || selection.size === 0n) return none(null);
    return { error: null, selection, optionIndex, learn: learnRange(layout, selection, { doc, kernel }), e820: E820_OF_WAY };
  },
  /** The guided tour over the machine (the example design when the document is refused). */
  guidedTour(doc: ConfigDocument, opts: ComputeOptions = {}): TourStep[] {
    const { layout } = layoutOf(doc, opts);
    return guidedTour(layout ?? undefined);
  },
};
