/**
 * What a Linux guest makes of the SLIT, the HMAT and the SRAT's generic initiators: `numactl -H` (nodes, CPUs,
 * sizes, distances) while every sp-mem is device-dax and once kmem has onlined them, the memory tier of every
 * memory node (/sys/devices/virtual/memory_tiering), and the dmesg lines of hmat.c and memory-tiers.c. Follows the
 * kernel sources named in each line's sources and was checked against Linux 6.1 and 7.2 guests (OBSERVED.hmat61,
 * hmat72). Pure: no DOM, no I/O.
 */
import type { MachineLayout } from '../machine/index.ts';
import type { HmatStructure } from '../tables/index.ts';
import { OBSERVED, SRC, type Confidence, type SourceRef, type Statement } from './guest-sources.ts';
import type { GuestKernel, SpMemFate } from './guest-sp-mem.ts';

export interface NumaLine {
  text: string;
  confidence: Confidence;
  sources: SourceRef[];
  /** a figure in it is close to, not equal to, what a guest prints */
  approximate?: boolean;
  note?: string;
}

export interface NumaState {
  /** online Linux node ids */
  online: number[];
  numactl: NumaLine[];
  /** `grep . /sys/devices/virtual/memory_tiering/memory_tier*\/nodelist` */
  tiers: NumaLine[];
}

export interface NodeTier {
  node: number;
  pxm: number;
  adistance: number;
  tier: number;
  /** how the abstract distance was reached */
  why: Statement;
}

export interface GuestNuma {
  /** the state the kernel's default leaves (device-dax before 6.3, kmem after) */
  defaultState: 'devdax' | 'kmem';
  devdax: NumaState;
  kmem: NumaState;
  /** the memory nodes once kmem onlined sp-mem, with their abstract distance */
  nodeTiers: NodeTier[];
  /** dmesg: SLIT, HMAT and memory-tiers lines */
  dmesg: NumaLine[];
  statements: Statement[];
}

/** include/linux/memory-tiers.h */
export const MEMTIER_CHUNK_BITS = 7;
export const MEMTIER_ADISTANCE_DRAM = 4 * (1 << MEMTIER_CHUNK_BITS) + ((1 << MEMTIER_CHUNK_BITS) >> 1);
/** drivers/dax/kmem.c: the abstract distance kmem gives a node the platform says nothing about */
export const MEMTIER_DEFAULT_DAX_ADISTANCE = MEMTIER_ADISTANCE_DRAM * 5;

export interface AccessCoordinate {
  readLatency: number;
  writeLatency: number;
  readBandwidth: number;
  writeBandwidth: number;
}

/** mt_perf_to_adistance(): in C's integer order, 64-bit. */
export function perfToAdistance(p: AccessCoordinate, dram: AccessCoordinate): number {
  const B = BigInt;
  const a =
    ((((B(MEMTIER_ADISTANCE_DRAM) * B(p.readLatency + p.writeLatency)) / B(dram.readLatency + dram.writeLatency)) *
      B(dram.readBandwidth + dram.writeBandwidth)) /
    B(p.readBandwidth + p.writeBandwidth));
  return Number(a);
}

/** find_create_memory_tier(): memory_tier<round_down(adist, 128) >> 7>. */
export const memoryTierOf = (adist: number): number => adist >> MEMTIER_CHUNK_BITS;

/** `%*pbl`: 0-2,5 */
export function nodeList(ids: readonly number[]): string {
  const s = [...new Set(ids)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    out.push(j > i ? `${s[i]}-${s[j]}` : `${s[i]}`);
    i = j + 1;
  }
  return out.join(',');
}

// ---- HMAT as hmat.c reads it (revision 2) ----

type Locality = Extract<HmatStructure, { type: 'locality' }>;
const isLatency = (dataType: number) => dataType <= 2;
const DATA_TYPE = ['Access Latency', 'Read Latency', 'Write Latency', 'Access Bandwidth', 'Read Bandwidth', 'Write Bandwidth'];

/** hmat_normalize() for HMAT revision 2: entry × base, latency from ps to ns rounded up; 0 when invalid or too big. */
export function hmatNormalize(entry: number, base: bigint, dataType: number): number {
  if (entry === 0xffff || entry === 0 || base > BigInt(0xffffffff) / BigInt(entry)) return 0;
  const v = Number(base) * entry;
  return isLatency(dataType) ? Math.ceil(v / 1000) : v;
}

function perfOf(loc: Locality, init: number, target: number): number {
  const i = loc.initiators.indexOf(init);
  const t = loc.targets.indexOf(target);
  return i < 0 || t < 0 ? 0 : hmatNormalize(loc.entries[i * loc.targets.length + t]!, loc.entryBaseUnit, loc.dataType);
}

function setAccess(c: AccessCoordinate, dataType: number, v: number): void {
  if (dataType === 0 || dataType === 1) c.readLatency = v;
  if (dataType === 0 || dataType === 2) c.writeLatency = v;
  if (dataType === 3 || dataType === 4) c.readBandwidth = v;
  if (dataType === 3 || dataType === 5) c.writeBandwidth = v;
}

/**
 * The CPU access coordinate (access1) of a memory target: from its attached initiator when that node has CPUs
 * (hmat_update_target at parse time), else the best CPU initiator per locality type (hmat_update_target_attrs).
 */
export function cpuAccess(structures: readonly HmatStructure[], target: number, hasCpu: (pxm: number) => boolean, mapped: (pxm: number) => boolean): AccessCoordinate {
  const c: AccessCoordinate = { readLatency: 0, writeLatency: 0, readBandwidth: 0, writeBandwidth: 0 };
  const locs = structures.filter((s): s is Locality => s.type === 'locality' && s.hierarchy === 0);
  let attached: number | null = null;
  for (const s of structures) if (s.type === 'proximity-domain' && s.memory === target && s.flags & 1 && mapped(s.initiator)) attached = s.initiator;
  if (attached !== null && hasCpu(attached)) {
    for (const l of locs) if (l.initiators.includes(attached) && l.targets.includes(target)) setAccess(c, l.dataType, perfOf(l, attached, target));
    return c;
  }
  // localities_types[]: WRITE_LATENCY, READ_LATENCY, WRITE_BANDWIDTH, READ_BANDWIDTH, the last structure of each
  const slots: Array<Locality | undefined> = [undefined, undefined, undefined, undefined];
  for (const l of locs) {
    const d = l.dataType;
    if (d === 0 || d === 2) slots[0] = l;
    if (d === 0 || d === 1) slots[1] = l;
    if (d === 3 || d === 5) slots[2] = l;
    if (d === 3 || d === 4) slots[3] = l;
  }
  const inits = [...new Set(locs.flatMap((l) => l.initiators))].filter(mapped).sort((a, b) => a - b);
  const p = new Set(inits);
  for (const loc of slots) {
    if (!loc) continue;
    let best = 0;
    for (const i of inits) {
      if (!hasCpu(i)) {
        p.delete(i);
        continue;
      }
      if (!p.has(i)) continue;
      const v = perfOf(loc, i, target);
      const better = v !== 0 && (best === 0 || (isLatency(loc.dataType) ? v < best : v > best));
      if (better) {
        best = v;
        for (const x of [...p]) if (x < i) p.delete(x);
      }
      if (v !== best) p.delete(i);
    }
    if (best) setAccess(c, loc.dataType, best);
  }
  return c;
}

// ---- the view ----

const line = (text: string, confidence: Confidence, sources: SourceRef[], extra: Partial<NumaLine> = {}): NumaLine => ({ text, confidence, sources, ...extra });
const pad3 = (v: number) => String(v).padStart(3, ' ');

interface LNode {
  node: number;
  pxm: number;
  cpus: number[];
  gi: boolean;
  /** boot memory: RAM of its own and pc-dimms, MiB */
  bootMiB: number;
  /** sp-mem onlined by kmem, MiB */
  kmemMiB: number;
}

/** What Linux does with the machine's SLIT, HMAT and generic initiators. */
export function guestNuma(layout: MachineLayout, pxmMap: Map<number, number>, kernel: GuestKernel, fates: readonly SpMemFate[]): GuestNuma {
  const obs = kernel === 'pre-6.3' ? OBSERVED.hmat61 : OBSERVED.hmat72;
  const sure: Confidence = kernel === '6.3+' ? 'inferred' : 'observed';
  const present = layout.topology.cpus;
  const gis = new Set((layout.srat?.genericAffinity ?? []).filter((g) => g.type === 'generic-initiator' && g.flags & 1).map((g) => g.proximityDomain));
  const nodes: LNode[] = [...pxmMap.entries()]
    .map(([pxm, node]) => ({
      node,
      pxm,
      cpus: layout.possibleCpus.filter((c) => c.index < present && c.node === pxm).map((c) => c.index),
      gi: gis.has(pxm),
      bootMiB: Number(((layout.nodes[pxm]?.size ?? 0n) + layout.devices.filter((d) => d.driver === 'pc-dimm' && d.node === pxm).reduce((a, d) => a + d.size, 0n)) >> 20n),
      kmemMiB: 0,
    }))
    .sort((a, b) => a.node - b.node);
  const byNode = new Map(nodes.map((n) => [n.node, n]));
  const seen = new Set<bigint>();
  for (const f of fates) {
    if (!f.guestRange || f.targetNode === null || seen.has(f.guestRange.start)) continue;
    seen.add(f.guestRange.start);
    const n = byNode.get(f.targetNode);
    if (n) n.kmemMiB += Number((f.guestRange.end - f.guestRange.start) >> 20n);
  }

  // distances: the SLIT when Linux accepts it, else 10 / 20
  const m = layout.slit?.matrix ?? null;
  const slitOk = m !== null && m.every((row, i) => row.every((v, j) => (i === j ? v === 10 : v > 10)));
  const dist = (a: LNode, b: LNode) => (slitOk ? m![a.pxm]![b.pxm]! : a === b ? 10 : 20);
  const distSrc = slitOk ? [SRC.slitParse, SRC.numactl, obs] : [SRC.numaDefaultDistance, SRC.numactl];

  const numactl = (online: LNode[], kmem: boolean): NumaLine[] => {
    const ids = online.map((n) => n.node);
    const holes = ids.length > 0 && ids[ids.length - 1]! + 1 !== ids.length;
    const out = [line(`available: ${ids.length} nodes (${nodeList(ids)})`, holes ? 'inferred' : sure, [SRC.numactl, obs], holes ? { note: 'node ids with a hole: numactl 2.0.16 was seen only with contiguous ids' } : {})];
    for (const n of online) {
      const mib = n.bootMiB + (kmem ? n.kmemMiB : 0);
      const approx = n.bootMiB > 0;
      const note = approx ? 'MemTotal of the node: its RAM less what firmware and kernel keep (seen 893–902 MB for 1 GiB)' : undefined;
      out.push(line(`node ${n.node} cpus:${n.cpus.map((c) => ` ${c}`).join('')}`, sure, [SRC.numactl, obs], { note: `PXM ${n.pxm}${n.gi ? ', generic initiator' : ''}` }));
      out.push(line(`node ${n.node} size: ${mib} MB`, sure, [SRC.numactl, obs], approx ? { approximate: true, note: note! } : {}));
      out.push(line(`node ${n.node} free: ${mib} MB`, sure, [SRC.numactl, obs], mib ? { approximate: true, note: 'whatever is not in use; at most the size' } : {}));
    }
    out.push(line('node distances:', sure, distSrc));
    out.push(line(`node ${online.map((n) => `${pad3(n.node)} `).join('')}`, sure, distSrc));
    for (const a of online) out.push(line(`${pad3(a.node)}: ${online.map((b) => `${pad3(dist(a, b))} `).join('')}`, slitOk ? sure : 'documented', distSrc));
    return out;
  };

  // abstract distances (memory-tiers.c, hmat.c)
  const hmat = layout.hmat?.structures ?? [];
  const hasCpu = (pxm: number) => nodes.some((n) => n.pxm === pxm && n.cpus.length > 0);
  const mapped = (pxm: number) => pxmMap.has(pxm);
  const dmesg: NumaLine[] = [];
  let dram: AccessCoordinate | null = null;
  if (kernel !== 'pre-6.3' && hmat.length) {
    for (const n of nodes.filter((x) => x.bootMiB > 0 && x.cpus.length > 0)) {
      const c = cpuAccess(hmat, n.pxm, hasCpu, mapped);
      if (c.readLatency + c.writeLatency === 0 || c.readBandwidth + c.writeBandwidth === 0) {
        dram = null;
        break;
      }
      if (!dram) {
        dram = c;
        continue;
      }
      const off = (k: keyof AccessCoordinate) => Math.abs(c[k] - dram![k]) * 10 > dram![k];
      if (off('readLatency') || off('writeLatency') || off('readBandwidth') || off('writeBandwidth')) {
        const ref = nodes.find((x) => x.bootMiB > 0 && x.cpus.length > 0)!.node;
        const dump = (x: AccessCoordinate) => `    read_latency: ${x.readLatency}, write_latency: ${x.writeLatency}, read_bandwidth: ${x.readBandwidth}, write_bandwidth: ${x.writeBandwidth}`;
        for (const t of [
          `memory-tiers: the performance of DRAM node ${n.node} mismatches that of the reference`,
          `DRAM node ${ref}.`,
          `  performance of reference DRAM node ${ref}:`,
          dump(dram),
          `  performance of DRAM node ${n.node}:`,
          dump(c),
          '  disable default DRAM node performance based abstract distance algorithm.',
        ])
          dmesg.push(line(t, 'documented', [SRC.memtierDram]));
        dram = null;
        break;
      }
    }
  }
  const tierOf = (n: LNode, viaKmem: boolean): NodeTier => {
    const start = viaKmem ? MEMTIER_DEFAULT_DAX_ADISTANCE : MEMTIER_ADISTANCE_DRAM;
    const base = viaKmem ? `kmem's default ${start} (5 × ${MEMTIER_ADISTANCE_DRAM})` : `the DRAM default ${start}`;
    const c = dram ? cpuAccess(hmat, n.pxm, hasCpu, mapped) : null;
    const usable = c && c.readLatency + c.writeLatency > 0 && c.readBandwidth + c.writeBandwidth > 0;
    const adistance = usable ? perfToAdistance(c, dram!) : start;
    const text = usable
      ? `Node ${n.node}: abstract distance ${MEMTIER_ADISTANCE_DRAM} × (${c.readLatency} + ${c.writeLatency}) / (${dram!.readLatency} + ${dram!.writeLatency}) × (${dram!.readBandwidth} + ${dram!.writeBandwidth}) / (${c.readBandwidth} + ${c.writeBandwidth}) = ${adistance} (HMAT latency in ns and bandwidth in MB/s of its best CPU initiator against the CPU nodes') → memory_tier${memoryTierOf(adistance)}.`
      : `Node ${n.node}: abstract distance ${base}${kernel === 'pre-6.3' ? ' (Linux before 6.7 does not use the HMAT for tiers)' : hmat.length ? ' (no usable HMAT performance for it or for the CPU nodes)' : ' (no HMAT)'} → memory_tier${memoryTierOf(adistance)}.`;
    return {
      node: n.node,
      pxm: n.pxm,
      adistance,
      tier: memoryTierOf(adistance),
      why: { text, confidence: kernel === '6.3+' ? 'inferred' : 'observed', sources: [SRC.memtierAdist, ...(viaKmem ? [SRC.kmemAdist] : []), ...(usable ? [SRC.hmatPerf, SRC.memtierDram] : []), obs] },
    };
  };
  const memNodes = (kmem: boolean) => nodes.filter((n) => n.bootMiB > 0 || (kmem && n.kmemMiB > 0));
  const nodeTiers = memNodes(true).map((n) => tierOf(n, n.bootMiB === 0));
  const tiers = (kmem: boolean): NumaLine[] => {
    const byTier = new Map<number, number[]>();
    for (const n of memNodes(kmem)) {
      const t = nodeTiers.find((x) => x.node === n.node)!.tier;
      byTier.set(t, [...(byTier.get(t) ?? []), n.node]);
    }
    return [...byTier.entries()]
      .map(([t, ids]) => `/sys/devices/virtual/memory_tiering/memory_tier${t}/nodelist:${nodeList(ids)}`)
      .sort()
      .map((t) => line(t, sure, [SRC.memtierAdist, obs]));
  };
  const state = (kmem: boolean): NumaState => {
    const online = nodes.filter((n) => n.cpus.length || n.gi || n.bootMiB || (kmem && n.kmemMiB));
    return { online: online.map((n) => n.node), numactl: numactl(online, kmem), tiers: tiers(kmem) };
  };

  // dmesg
  const hmatLines: NumaLine[] = [];
  const loud = kernel === 'pre-6.3';
  for (const s of hmat) {
    if (s.type === 'proximity-domain') {
      hmatLines.push(line(`acpi/hmat: Memory Flags:${s.flags.toString(16).padStart(4, '0')} Processor Domain:${s.initiator} Memory Domain:${s.memory}`, sure, [SRC.hmatPrint, obs]));
    } else if (loud && s.type === 'locality') {
      hmatLines.push(line(`acpi/hmat: Locality: Flags:${s.hierarchy.toString(16).padStart(2, '0')} Type:${DATA_TYPE[s.dataType] ?? 'Reserved'} Initiator Domains:${s.initiators.length} Target Domains:${s.targets.length} Base:${s.entryBaseUnit}`, 'observed', [SRC.hmatPrint, obs]));
      s.initiators.forEach((i, a) =>
        s.targets.forEach((t, b) =>
          hmatLines.push(line(`acpi/hmat:   Initiator-Target[${i}-${t}]:${hmatNormalize(s.entries[a * s.targets.length + b]!, s.entryBaseUnit, s.dataType)}${isLatency(s.dataType) ? ' nsec' : ' MB/s'}`, 'observed', [SRC.hmatPrint, obs])),
        ),
      );
    } else if (loud && s.type === 'cache') {
      hmatLines.push(line(`acpi/hmat: Cache: Domain:${s.memory} Size:${s.size} Attrs:${(s.attributes >>> 0).toString(16).padStart(8, '0')} SMBIOS Handles:${s.smbiosHandles.length}`, 'documented', [SRC.hmatPrint]));
    }
  }
  // hmat_init() walks the structures type by type
  const order = (t: string) => (t.includes('Memory Flags') ? 0 : t.includes('Cache:') ? 2 : 1);
  dmesg.unshift(...hmatLines.map((l, i) => [l, i] as const).sort((a, b) => order(a[0].text) - order(b[0].text) || a[1] - b[1]).map((x) => x[0]));
  // the SLIT is read at NUMA init, long before the HMAT
  if (m && !slitOk) dmesg.unshift(line('ACPI: SLIT table looks invalid. Not used.', 'documented', [SRC.slitParse], { note: 'a remote distance of 10 (or a local one other than 10): Linux falls back to 10 / 20' }));

  const statements: Statement[] = [];
  if (!loud && hmat.some((s) => s.type !== 'proximity-domain')) {
    statements.push({ text: 'Linux 6.9 and later print the HMAT Locality, Initiator-Target and Cache lines at debug level only (6.3–6.8 and 6.1 print them); the values are in /sys/devices/system/node/nodeN/access0 and access1.', confidence: 'documented', sources: [SRC.hmatDebug, obs] });
  }
  for (const n of nodes.filter((x) => x.gi)) {
    statements.push({
      text: `Node ${n.node} (PXM ${n.pxm}) is a generic-initiator node: online with no CPUs and no memory (has_generic_initiator: ${nodeList(nodes.filter((x) => x.gi).map((x) => x.node))}); numactl lists it with size 0. Linux prints no line for the SRAT structure (pr_debug).`,
      confidence: 'observed',
      sources: [SRC.giParse, SRC.giOnline, obs],
    });
  }
  if (!m) statements.push({ text: 'QEMU builds no SLIT without -numa dist: Linux uses 10 for a node to itself and 20 between nodes.', confidence: 'documented', sources: [SRC.numaDefaultDistance] });
  return { defaultState: kernel === 'pre-6.3' ? 'devdax' : 'kmem', devdax: state(false), kmem: state(true), nodeTiers, dmesg, statements };
}

/** The `numactl -H` and tier text of one state. */
export function guestNumaText(s: NumaState): string {
  return [...s.numactl, ...s.tiers].map((l) => l.text).join('\n') + '\n';
}
