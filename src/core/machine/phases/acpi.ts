/**
 * The firmware tables of the finished machine: the sp-mem entries QEMU adds to `etc/e820`, and the SRAT as
 * hw/i386/acpi-build.c `build_srat` lays it out (encoded by src/core/tables): CPUs, each node's RAM, the NVDIMMs
 * in QOM child-walk order, padding, then the hotplug window split around the sp-mem ranges.
 */
import type { ConfigDocument } from '../../document/index.ts';
import { splitOptValue } from '../../syntax/index.ts';
import { buildSrat, walkNodeRam } from '../../tables/index.ts';
import { E820_SOFT_RESERVED, type E820Entry, type HotplugWindow, type NumaNode, type PlacedDevice, type PossibleCpu, type RamRange, type SratTable } from '../results.ts';
import { gHashIterationOrder } from '../glib-hash.ts';

/** etc/e820 gains one SOFT_RESERVED entry per sp-mem, in -device order. */
export function addSpMemE820Entries(e820: E820Entry[], placed: readonly PlacedDevice[]): void {
  for (const d of placed) {
    if (d.driver === 'sp-mem') e820.push({ address: d.addr, length: d.size, type: E820_SOFT_RESERVED, optionIndex: d.optionIndex });
  }
}

export interface SratInputs {
  doc: ConfigDocument;
  possibleCpus: readonly PossibleCpu[];
  nodes: readonly NumaNode[];
  below4g: bigint;
  above4gStart: bigint;
  window: HotplugWindow | null;
  placed: readonly PlacedDevice[];
}

/** build_srat: the node RAM ranges and the SRAT; none without NUMA nodes (QEMU then builds no SRAT). */
export function acpiBuildSrat(input: SratInputs): { ramRanges: RamRange[]; srat: SratTable | null } {
  const numNodes = input.nodes.length;
  if (numNodes === 0) return { ramRanges: [], srat: null };
  const ramRanges = walkNodeRam(input.nodes.map((n) => n.size), input.below4g, input.above4gStart);
  const nvdimms: PlacedDevice[] = [];
  const spMems: PlacedDevice[] = [];
  for (const d of input.placed) {
    if (d.driver === 'nvdimm') nvdimms.push(d);
    else if (d.driver === 'sp-mem') spMems.push(d);
  }
  // a placed device is the region the SRAT needs (addr, size, node, optionIndex)
  const srat = buildSrat({
    possibleCpus: input.possibleCpus,
    numNodes,
    ramRanges,
    nvdimms: nvdimmWalkOrder(input.doc, nvdimms),
    window: input.window,
    spMems,
  });
  return { ramRanges, srat };
}

/**
 * NVDIMMs in the order of QEMU's QOM child walk, which decides their SRAT order: devices with an id (children of
 * /machine/peripheral, keyed by id) before anonymous ones (/machine/peripheral-anon, keyed device[N]), each group
 * in GLib hash-table order of the keys of all -device options.
 */
function nvdimmWalkOrder(doc: ConfigDocument, nv: PlacedDevice[]): PlacedDevice[] {
  if (nv.length < 2) return nv;
  const named: string[] = [];
  const anonKeyOf = new Map<number, string>();
  const anon: string[] = [];
  doc.options.forEach((o, index) => {
    let id: string | undefined;
    if (o.kind === 'device') id = o.id;
    else if (o.kind === 'raw' && /^--?device$/.test(o.args[0] ?? '') && o.args[1] !== undefined) {
      id = splitOptValue(o.args[1], 'driver').filter((p) => p.key === 'id').pop()?.value ?? undefined;
    } else return;
    if (id !== undefined) named.push(id);
    else {
      const key = `device[${anon.length}]`;
      anon.push(key);
      anonKeyOf.set(index, key);
    }
  });
  const rank = new Map<string, number>();
  gHashIterationOrder(named).forEach((k, i) => rank.set(`id:${k}`, i));
  gHashIterationOrder(anon).forEach((k, i) => rank.set(`anon:${k}`, named.length + i));
  const key = (d: PlacedDevice) => (d.id !== null ? `id:${d.id}` : `anon:${anonKeyOf.get(d.optionIndex)}`);
  return nv.sort((a, b) => rank.get(key(a))! - rank.get(key(b))!);
}
