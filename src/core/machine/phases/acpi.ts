/**
 * The firmware tables of the finished machine: the sp-mem entries QEMU adds to `etc/e820`, and the NUMA tables in
 * hw/i386/acpi-build.c's order (encoded by src/core/tables), all only with NUMA nodes: the SRAT as `build_srat`
 * lays it out (CPUs, each node's RAM, the NVDIMMs in QOM child-walk order, padding, the generic initiator and port
 * structures, then the hotplug window split around the sp-mem ranges), the SLIT when some -numa dist was given,
 * the HMAT with -machine hmat=on.
 */
import type { ConfigDocument } from '../../document/index.ts';
import { splitOptValue } from '../../syntax/index.ts';
import { buildHmat, buildSrat, encodeSlit, walkNodeRam, type HmatTable, type SlitTable } from '../../tables/index.ts';
import type { MachineFamily } from '../results.ts';
import { buildGenericAffinity } from './generic-affinity.ts';
import { hmatCacheList } from './hmat.ts';
import type { Ctx } from './context.ts';
import { numaOptionsOf } from './numa.ts';
import { E820_SOFT_RESERVED, type E820Entry, type HotplugWindow, type NumaNode, type PlacedDevice, type PossibleCpu, type RamRange, type SratTable } from '../results.ts';
import { gHashIterationOrder } from '../../base/index.ts';

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
  /** the SRAT's generic initiator and port structures, in QEMU's order */
  genericAffinity?: ReturnType<typeof buildGenericAffinity>;
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
    ...(input.genericAffinity?.length ? { genericAffinity: input.genericAffinity } : {}),
  });
  return { ramRanges, srat };
}

export interface NumaTables {
  ramRanges: RamRange[];
  srat: SratTable | null;
  slit: SlitTable | null;
  hmat: HmatTable | null;
}

/** acpi_build's NUMA tables: SRAT (with the generic affinity structures), SLIT, HMAT; none without NUMA nodes. */
export function acpiBuildNumaTables(ctx: Ctx, input: SratInputs & { family: MachineFamily }): NumaTables {
  const numNodes = input.nodes.length;
  if (numNodes === 0) return { ramRanges: [], srat: null, slit: null, hmat: null };
  const numa = numaOptionsOf(ctx);
  const genericAffinity = numa ? buildGenericAffinity(ctx, numa.generic, numNodes, input.family) : [];
  const { ramRanges, srat } = acpiBuildSrat({ ...input, genericAffinity });
  const slit = numa?.slit ? { matrix: numa.slit, bytes: encodeSlit(numa.slit) } : null;
  let hmat: HmatTable | null = null;
  if (numa?.hmat.enabled) {
    const h = numa.hmat;
    hmat = buildHmat({
      nodes: input.nodes.map((n) => {
        const initiator = h.initiator.get(n.id);
        return {
          hasMemory: ctx.release.hmatProximityForEveryNode || n.size > 0n,
          initiator: initiator === undefined ? null : initiator,
          isInitiator: h.hasCpu.has(n.id) || h.hasGi.has(n.id),
        };
      }),
      lb: h.lb,
      caches: hmatCacheList(h),
    });
  }
  return { ramRanges, srat, slit, hmat };
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
