/**
 * What a Linux guest makes of QEMU's SRAT: the NUMA node numbering (acpi_numa_init: node ids in the order the
 * proximity domains first appear) and the `ACPI: SRAT:` lines of dmesg (acpi_numa_memory_affinity_init), in the
 * format of shared/docs/linux-guest-view.md §1.2. Pure: no DOM, no I/O.
 */
import { SRAT_MEM_ENABLED, SRAT_MEM_HOTPLUGGABLE, SRAT_MEM_NON_VOLATILE, type MachineLayout, type SratEntry } from '../machine/index.ts';
import type { SratGenericAffinity } from '../tables/index.ts';

export interface GuestSratLine {
  /** index in layout.srat.entries */
  entryIndex: number;
  pxm: number;
  /** Linux node id (acpi_map_pxm_to_node) */
  node: number;
  start: bigint;
  /** exclusive */
  end: bigint;
  hotplug: boolean;
  nonVolatile: boolean;
  role: Extract<SratEntry, { type: 'memory' }>['role'];
  optionIndex?: number;
  text: string;
}

/** `%#010Lx`: 0x plus at least 8 hex digits. */
const sratHex = (v: bigint): string => '0x' + v.toString(16).padStart(8, '0');

/** `acpi_numa_memory_affinity_init()`'s line, with an exclusive `end`. */
export function formatSratLine(node: number, pxm: number, start: bigint, end: bigint, hotplug: boolean, nonVolatile: boolean): string {
  return `ACPI: SRAT: Node ${node} PXM ${pxm} [mem ${sratHex(start)}-${sratHex(end - 1n)}]${hotplug ? ' hotplug' : ''}${nonVolatile ? ' non-volatile' : ''}`;
}

/**
 * PXM → node in order of first appearance (acpi_numa_init): one pass over the CPU and Generic Initiator affinity
 * structures in table order (QEMU puts every generic initiator after the CPUs), then the memory entries. A
 * generic-initiator node therefore takes a lower id than a memory-only node (seen on Linux 6.1 and 7.2).
 */
export function linuxPxmToNode(entries: readonly SratEntry[], generic: readonly SratGenericAffinity[] = []): Map<number, number> {
  const map = new Map<number, number>();
  const see = (pxm: number) => {
    if (!map.has(pxm)) map.set(pxm, map.size);
  };
  for (const e of entries) if ((e.type === 'lapic' || e.type === 'x2apic') && e.flags & 1) see(e.proximityDomain);
  for (const g of generic) if (g.type === 'generic-initiator' && g.flags & 1) see(g.proximityDomain);
  for (const e of entries) if (e.type === 'memory' && e.flags & SRAT_MEM_ENABLED) see(e.proximityDomain);
  return map;
}

/** The `ACPI: SRAT:` lines dmesg prints (one per ENABLED memory entry), and the PXM → node map they use. */
export function guestSratLines(layout: MachineLayout): { lines: GuestSratLine[]; map: Map<number, number> } {
  if (!layout.srat) return { lines: [], map: new Map() };
  const map = linuxPxmToNode(layout.srat.entries, layout.srat.genericAffinity);
  const lines: GuestSratLine[] = [];
  layout.srat.entries.forEach((e, entryIndex) => {
    if (e.type !== 'memory' || !(e.flags & SRAT_MEM_ENABLED)) return;
    const n = map.get(e.proximityDomain)!;
    const hotplug = (e.flags & SRAT_MEM_HOTPLUGGABLE) !== 0;
    const nonVolatile = (e.flags & SRAT_MEM_NON_VOLATILE) !== 0;
    const l: GuestSratLine = {
      entryIndex,
      pxm: e.proximityDomain,
      node: n,
      start: e.baseAddress,
      end: e.baseAddress + e.length,
      hotplug,
      nonVolatile,
      role: e.role,
      text: formatSratLine(n, e.proximityDomain, e.baseAddress, e.baseAddress + e.length, hotplug, nonVolatile),
    };
    if (e.optionIndex !== undefined) l.optionIndex = e.optionIndex;
    lines.push(l);
  });
  return { lines, map };
}

/** The Linux node of an address per SRAT (the first ENABLED memory entry covering it), or null. */
export function linuxNodeOfAddress(layout: MachineLayout, map: Map<number, number>, addr: bigint): number | null {
  for (const e of layout.srat?.entries ?? []) {
    if (e.type === 'memory' && e.flags & SRAT_MEM_ENABLED && e.baseAddress <= addr && addr < e.baseAddress + e.length) {
      return map.get(e.proximityDomain) ?? null;
    }
  }
  return null;
}
