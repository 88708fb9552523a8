/**
 * What a selection concerns, across the map and the tables: select a block and its SRAT entries, E820 entries
 * and diagnostics light up; pick a table row and the blocks it covers light up. Entries made for one device
 * carry its option index (sp-mem, nvdimm); diagnostics carry the option they name; everything else is linked by
 * address overlap.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import type { MachineLayoutView as MachineLayout, MachineResultView as MachineResult, SratEntry } from '../core/machine/index.ts';
import { formatQemuError } from '../core/base/index.ts';
import type { Selection } from '../state/store.ts';
import { numaNodeIds } from '../state/doc-edits.ts';

export interface Links {
  /** option indices of memory devices */
  devices: Set<number>;
  /** indices into layout.ramRanges */
  ramRanges: Set<number>;
  /** node ids */
  lanes: Set<number>;
  srat: Set<number>;
  e820: Set<number>;
  /** indices into diagnosticItems() */
  diagnostics: Set<number>;
}

export interface DiagnosticItem {
  severity: 'error' | 'warning' | 'info';
  source: 'qemu' | 'designer';
  /** the line as shown: QEMU's stderr text for QEMU's own messages */
  text: string;
  optionIndex: number | null;
  field: string | null;
}

/** QEMU's error first, then QEMU's warnings, then the designer's advice. */
export function diagnosticItems(result: MachineResult | null): DiagnosticItem[] {
  if (!result) return [];
  const out: DiagnosticItem[] = [];
  if (result.error) {
    out.push({
      severity: 'error',
      source: 'qemu',
      text: formatQemuError(result.error),
      optionIndex: result.error.option?.index ?? null,
      field: result.error.field ?? null,
    });
  }
  const ordered = [...result.diagnostics].sort((a, b) => (a.source === b.source ? 0 : a.source === 'qemu' ? -1 : 1));
  for (const d of ordered) {
    out.push({
      severity: d.severity,
      source: d.source,
      text: d.source === 'qemu' ? formatQemuError(d) : d.message,
      optionIndex: d.option?.index ?? null,
      field: d.field ?? null,
    });
  }
  return out;
}

export function emptyLinks(): Links {
  return { devices: new Set(), ramRanges: new Set(), lanes: new Set(), srat: new Set(), e820: new Set(), diagnostics: new Set() };
}

const overlaps = (a0: bigint, a1: bigint, b0: bigint, b1: bigint): boolean => a0 < b1 && b0 < a1;

function memRange(e: SratEntry): [bigint, bigint] | null {
  return e.type === 'memory' && e.length > 0n ? [e.baseAddress, e.baseAddress + e.length] : null;
}

export function computeLinks(
  selection: Selection,
  doc: ConfigDocument,
  layout: MachineLayout | null,
  diagnostics: readonly DiagnosticItem[],
): Links {
  const links = emptyLinks();
  if (!selection) return links;
  const srat = layout?.srat?.entries ?? [];
  const e820 = layout?.e820 ?? [];

  const linkRange = (start: bigint, end: bigint, node: number | null): void => {
    layout?.ramRanges.forEach((r, i) => {
      if ((node === null || r.node === node) && overlaps(r.base, r.base + r.size, start, end)) links.ramRanges.add(i);
    });
    layout?.devices.forEach((d) => {
      if ((node === null || d.node === node) && overlaps(d.addr, d.addr + d.size, start, end)) links.devices.add(d.optionIndex);
    });
  };

  if (selection.kind === 'range') {
    const { start, end } = selection;
    if (selection.source === 'srat') links.srat.add(selection.row);
    else links.e820.add(selection.row);
    linkRange(start, end, selection.node);
    if (selection.node !== null) links.lanes.add(selection.node);
    if (selection.source === 'srat') {
      e820.forEach((e, i) => {
        if (overlaps(e.address, e.address + e.length, start, end)) links.e820.add(i);
      });
    } else {
      srat.forEach((e, i) => {
        const r = memRange(e);
        if (r && overlaps(r[0], r[1], start, end)) links.srat.add(i);
      });
    }
    return links;
  }

  const index = selection.index;
  const opt = doc.options[index];
  diagnostics.forEach((d, i) => {
    if (d.optionIndex === index) links.diagnostics.add(i);
  });
  if (!opt) return links;

  const linkNode = (nodeId: number): void => {
    links.lanes.add(nodeId);
    layout?.ramRanges.forEach((r, i) => {
      if (r.node === nodeId) links.ramRanges.add(i);
    });
    srat.forEach((e, i) => {
      if (e.type === 'memory' ? e.role === 'ram' && e.proximityDomain === nodeId : e.proximityDomain === nodeId) links.srat.add(i);
    });
  };

  const linkDevice = (optionIndex: number): void => {
    links.devices.add(optionIndex);
    const d = layout?.devices.find((x) => x.optionIndex === optionIndex);
    srat.forEach((e, i) => {
      if (e.type !== 'memory') return;
      if (e.optionIndex === optionIndex) links.srat.add(i);
      else if (d && d.driver === 'pc-dimm' && e.role === 'hotplug' && overlaps(e.baseAddress, e.baseAddress + e.length, d.addr, d.addr + d.size)) {
        links.srat.add(i);
      }
    });
    e820.forEach((e, i) => {
      if (e.optionIndex === optionIndex) links.e820.add(i);
    });
  };

  switch (opt.kind) {
    case 'device':
      linkDevice(index);
      break;
    case 'numa-node': {
      const id = numaNodeIds(doc).find((n) => n.index === index)?.id;
      if (id !== undefined) linkNode(id);
      break;
    }
    case 'object': {
      doc.options.forEach((o, i) => {
        if (o.kind === 'device' && o.memdev === opt.id) linkDevice(i);
      });
      const nodes = numaNodeIds(doc);
      for (const n of nodes) {
        const o = doc.options[n.index];
        if (o?.kind === 'numa-node' && o.memdev === opt.id) linkNode(n.id);
      }
      break;
    }
    default:
      break;
  }
  return links;
}

/** The selection a click on SRAT row `row` makes. */
export function selectionForSratRow(doc: ConfigDocument, entry: SratEntry, row: number): Selection {
  if (entry.type !== 'memory') {
    const i = numaNodeIds(doc).find((n) => n.id === entry.proximityDomain)?.index;
    return i === undefined ? null : { kind: 'option', index: i };
  }
  if (entry.optionIndex !== undefined) return { kind: 'option', index: entry.optionIndex };
  if (entry.role === 'padding') return null;
  return {
    kind: 'range',
    start: entry.baseAddress,
    end: entry.baseAddress + entry.length,
    node: entry.role === 'ram' ? entry.proximityDomain : null,
    source: 'srat',
    row,
  };
}
