/**
 * What becomes of each sp-mem device in a Linux guest: whether the firmware passes its SOFT_RESERVED entry on, the
 * soft-reserved range it ends up in (touching ranges merge), and the driver chain that claims it — dax_hmem, then
 * device-dax (before Linux 6.3) or kmem (6.3 and later) — step by step with sources (linux-guest-view.md §1.3,
 * checked against real guests: guest-sources.ts OBSERVED). Pure: no DOM, no I/O.
 */
import { E820_SOFT_RESERVED, type MachineLayout, type PlacedDevice } from '../machine/index.ts';
import type { GuestFirmware, OvmfBuild } from './guest-firmware.ts';
import type { IomemNode } from './guest-iomem-tree.ts';
import { OBSERVED, SRC, type Statement } from './guest-sources.ts';
import { linuxNodeOfAddress } from './guest-srat.ts';

/**
 * The guest kernel: before 6.3 (device-dax by default; modelled on Linux 6.1), 6.3 to 6.x (kmem by default) or 7.x
 * (kmem, and the reworded E820 dump with gap lines; modelled on Linux 7.2).
 */
export type GuestKernel = 'pre-6.3' | '6.3+' | '7.x';

/** What becomes of one sp-mem device in the guest. */
export interface SpMemFate {
  optionIndex: number;
  id: string | null;
  addr: bigint;
  size: bigint;
  /** the QEMU node / SRAT proximity domain */
  pxm: number;
  /** does the firmware pass the range to the guest? */
  firmwareSees: boolean;
  /** E820 type in the guest's map, or null when the range is absent */
  e820Type: number | null;
  e820Word: string | null;
  /** other sp-mem devices whose ranges touch this one: Linux merges them into one soft-reserved range */
  mergedWith: Array<{ optionIndex: number; id: string | null }>;
  /** the guest range the device ends up in (merged), or null */
  guestRange: { start: bigint; end: bigint } | null;
  /** the top-level /proc/iomem name, or null when the range is absent */
  iomemName: string | null;
  /** the /proc/iomem names from the top level down to the innermost */
  iomemPath: string[];
  /** `dax0.0`, or null */
  daxDevice: string | null;
  /** `/dev/dax0.0` while in devdax mode, else null */
  devPath: string | null;
  mode: 'devdax' | 'system-ram' | 'absent';
  /** the Linux node the memory belongs to (phys_to_target_node of the merged range's start), or null */
  targetNode: number | null;
  /** node has no CPUs and no other memory: kmem makes it a memory-only node */
  memoryOnlyNode: boolean;
  /** driver chain, step by step, each with its sources */
  chain: Statement[];
  warnings: Statement[];
}

/** The firmware that drops SOFT_RESERVED entries, as the messages name it, or null when it passes them on. */
export function spHidingFirmware(firmware: GuestFirmware, ovmfBuild: OvmfBuild | null): string | null {
  return firmware === 'seabios' ? 'SeaBIOS' : ovmfBuild === 'edk2-2022.11' ? 'OVMF edk2 2022.11' : null;
}

/** A line of the guest's E820 map, as much of it as the fates need (a GuestE820Line). */
export interface SpMemE820Line {
  start: bigint;
  /** exclusive */
  end: bigint;
  type: number;
  /** the word dmesg prints for the type */
  word: string;
}

/** What decides the fates: the machine, the guest's firmware and kernel, and what the view computed before them. */
export interface SpMemFateInput {
  layout: MachineLayout;
  firmware: GuestFirmware;
  /** null unless OVMF */
  ovmfBuild: OvmfBuild | null;
  kernel: GuestKernel;
  /** the guest's E820 map, after Linux's merge */
  e820: readonly SpMemE820Line[];
  /** the Soft Reserved nodes of /proc/iomem, in address order: the k of hmem.k and daxk.0 */
  spNodes: readonly IomemNode[];
  /** PXM → Linux node */
  pxmMap: Map<number, number>;
}

interface FateContext extends SpMemFateInput {
  spDevices: readonly PlacedDevice[];
  hiddenBy: string | null;
  hasNvdimm: boolean;
}

const nodeHasCpus = (layout: MachineLayout, qemuNode: number): boolean => (layout.nodes[qemuNode]?.cpus.length ?? 0) > 0;

const nodeHasOtherMemory = (layout: MachineLayout, qemuNode: number): boolean =>
  (layout.nodes[qemuNode]?.size ?? 0n) > 0n || layout.devices.some((o) => o.node === qemuNode && o.driver !== 'sp-mem');

/** What becomes of every sp-mem device, in device order. */
export function spMemFates(input: SpMemFateInput): SpMemFate[] {
  const ctx: FateContext = {
    ...input,
    spDevices: input.layout.devices.filter((d) => d.driver === 'sp-mem'),
    hiddenBy: spHidingFirmware(input.firmware, input.ovmfBuild),
    hasNvdimm: input.layout.devices.some((d) => d.driver === 'nvdimm'),
  };
  return ctx.spDevices.map((d) => spMemFate(d, ctx));
}

function spMemFate(d: PlacedDevice, ctx: FateContext): SpMemFate {
  const guestLine = ctx.e820.find((l) => l.type === E820_SOFT_RESERVED && l.start <= d.addr && d.addr < l.end) ?? null;
  const qemuAdds: Statement = {
    text: `QEMU adds a SOFT_RESERVED (0xefffffff) entry [0x${d.addr.toString(16)}, +0x${d.size.toString(16)}) to etc/e820 and an ENABLED-only SRAT entry for PXM ${d.node}.`,
    confidence: 'documented',
    sources: [SRC.qemuSpMemE820, SRC.seedCover],
  };
  const fate = guestLine ? claimedFate(d, guestLine, qemuAdds, ctx) : absentFate(d, qemuAdds, ctx);
  if (nodeHasOtherMemory(ctx.layout, d.node)) {
    fate.warnings.push({
      text: `Node ${d.node} also holds ordinary memory (RAM or a DIMM): a node should hold one memory type; drivers that find their memory by proximity domain can mis-discover it.`,
      confidence: 'documented',
      sources: [{ kind: 'doc', ref: 'shared/docs/sp-mem.md', detail: 'The device: warn when a node mixes SPM with ordinary RAM' }],
    });
  }
  return fate;
}

/** The firmware drops the entry: a hole in the guest's E820, a memory-less node. */
function absentFate(d: PlacedDevice, qemuAdds: Statement, ctx: FateContext): SpMemFate {
  const { firmware } = ctx;
  const hiddenBy = ctx.hiddenBy;
  const linuxNodeOfDevice = ctx.pxmMap.get(d.node) ?? null;
  const name = d.id ?? '(unnamed)';
  const chain: Statement[] = [
    qemuAdds,
    {
      text: `${hiddenBy ?? 'The firmware'} does not pass the entry on: the guest's E820 has a hole there and no driver sees the memory.`,
      confidence: 'observed',
      sources: firmware === 'seabios' ? [SRC.seabiosQemu, OBSERVED.seabios61] : [OBSERVED.ovmf2022],
    },
    {
      text: `The SRAT entry still maps the range to node ${linuxNodeOfDevice ?? '?'}; with no memory there the node stays memory-less.`,
      confidence: 'observed',
      sources: [SRC.sratPrint, SRC.numaReserved, OBSERVED.seabios61],
    },
  ];
  const warnings: Statement[] = [
    {
      text: `${hiddenBy ?? 'The firmware'} hides sp-mem ${name}: the guest never sees it. Boot OVMF with EFI_MEMORY_SP support (edk2 2026.08 was seen working) to give it to the guest.`,
      confidence: 'observed',
      sources: [SRC.seabiosQemu, SRC.ovmfSp, firmware === 'seabios' ? OBSERVED.seabios61 : OBSERVED.ovmf2022],
    },
  ];
  return {
    optionIndex: d.optionIndex,
    id: d.id,
    addr: d.addr,
    size: d.size,
    pxm: d.node,
    firmwareSees: false,
    e820Type: null,
    e820Word: null,
    mergedWith: [],
    guestRange: null,
    iomemName: null,
    iomemPath: [],
    daxDevice: null,
    devPath: null,
    mode: 'absent',
    targetNode: null,
    memoryOnlyNode: false,
    chain,
    warnings,
  };
}

/** The firmware passes the entry on as soft reserved: dax_hmem claims the (merged) range. */
function claimedFate(d: PlacedDevice, guestLine: SpMemE820Line, qemuAdds: Statement, ctx: FateContext): SpMemFate {
  const { layout, spDevices, kernel } = ctx;
  const k = ctx.spNodes.findIndex((n) => n.start === guestLine.start);
  const dax = `dax${k}.0`;
  const name = d.id ?? '(unnamed)';
  const mergedWith = spDevices
    .filter((o) => o !== d && guestLine.start <= o.addr && o.addr < guestLine.end)
    .map((o) => ({ optionIndex: o.optionIndex, id: o.id }));
  const targetNode = linuxNodeOfAddress(layout, ctx.pxmMap, guestLine.start);
  // the memory lands on the node of the merged range's first device
  const firstInRange = spDevices.find((o) => o.addr === guestLine.start) ?? d;
  const memoryOnlyNode = !nodeHasCpus(layout, firstInRange.node) && !nodeHasOtherMemory(layout, firstInRange.node);
  const chain: Statement[] = [qemuAdds, ...softReservedChain(k, targetNode)];
  const warnings: Statement[] = [];
  if (kernel === 'pre-6.3') chain.push(...devdaxChain(dax, k));
  else {
    chain.push(...kmemChain(dax, targetNode));
    if (memoryOnlyNode) {
      chain.push({
        text: `Node ${targetNode ?? '?'} becomes a memory-only NUMA node. Without HMAT data kmem gives it a 5x-DRAM abstract distance: a slower memory tier, a demotion target for DRAM nodes.`,
        confidence: 'observed',
        sources: [SRC.kmem, SRC.memoryTiers, OBSERVED.ovmf72],
      });
      warnings.push({
        text: `sp-mem ${name} lands in a lower memory tier (demotion target) unless HMAT describes it; for HBM that is backwards. Keep it in devdax mode or provide HMAT data.`,
        confidence: 'documented',
        sources: [SRC.kmem, SRC.memoryTiers, SRC.docGuestView],
      });
    }
  }
  if (mergedWith.length) warnings.push(mergeWarning(d, mergedWith, spDevices, dax, targetNode));
  if (ctx.hasNvdimm) {
    warnings.push({
      text: 'With NVDIMM regions present the hmem/dax numbering may differ: both take ids from the same memregion allocator.',
      confidence: 'inferred',
      sources: [SRC.memregion],
    });
  }
  return {
    optionIndex: d.optionIndex,
    id: d.id,
    addr: d.addr,
    size: d.size,
    pxm: d.node,
    firmwareSees: true,
    e820Type: E820_SOFT_RESERVED,
    e820Word: guestLine.word,
    mergedWith,
    guestRange: { start: guestLine.start, end: guestLine.end },
    iomemName: 'Soft Reserved',
    iomemPath: kernel === 'pre-6.3' ? [`hmem.${k}`, 'Soft Reserved', dax] : ['Soft Reserved', dax, 'System RAM (kmem)'],
    daxDevice: dax,
    devPath: kernel === 'pre-6.3' ? `/dev/${dax}` : null,
    mode: kernel === 'pre-6.3' ? 'devdax' : 'system-ram',
    targetNode,
    memoryOnlyNode,
    chain,
    warnings,
  };
}

/** From OVMF's EFI_MEMORY_SP to dax_hmem's hmem.K, whatever the kernel's default. */
function softReservedChain(k: number, targetNode: number | null): Statement[] {
  return [
    {
      text: 'OVMF passes it as EFI conventional memory with EFI_MEMORY_SP; the EFI stub turns that into an E820 soft-reserved entry (CONFIG_EFI_SOFT_RESERVE=y, unless booted with efi=nosoftreserve).',
      confidence: 'observed',
      sources: [SRC.ovmfSp, SRC.efiStubSp, SRC.efiSoftReserve, OBSERVED.ovmf61],
    },
    {
      text: 'Linux never gives soft-reserved memory to the page allocator at boot (memblock_reserve only) and does not mark it busy, so a driver may claim it.',
      confidence: 'documented',
      sources: [SRC.e820Memblock, SRC.e820Busy],
    },
    {
      text: `dax_hmem registers the range as hmem.${k} with target node ${targetNode ?? '?'} (phys_to_target_node of its start; the SRAT entry maps it, the node is memory-less at boot).`,
      confidence: 'observed',
      sources: [SRC.hmemDevice, SRC.hmemProbe, SRC.numaReserved, OBSERVED.ovmf61],
    },
  ];
}

/** Before Linux 6.3: device-dax keeps the range as /dev/daxK.0. */
function devdaxChain(dax: string, k: number): Statement[] {
  return [
    {
      text: `dax_hmem_probe creates dax region ${k} and device ${dax}; device_dax binds it: /dev/${dax} (devdax mode). The memory stays out of the page allocator; applications mmap /dev/${dax}.`,
      confidence: 'observed',
      sources: [SRC.hmemProbe, SRC.devDax, OBSERVED.ovmf61],
    },
    {
      text: `To use it as System RAM: daxctl reconfigure-device --mode=system-ram ${dax} (kmem), or boot with efi=nosoftreserve.`,
      confidence: 'documented',
      sources: [SRC.kmem, SRC.efiSoftReserve, SRC.docGuestView],
    },
  ];
}

/** Linux 6.3 and later: kmem hot-adds the range as System RAM. */
function kmemChain(dax: string, targetNode: number | null): Statement[] {
  return [
    {
      text: `dax_hmem_probe creates ${dax}; since Linux 6.3 hmem regions default to kmem, which hot-adds the range as "System RAM (kmem)" on node ${targetNode ?? '?'}; it comes online per memhp_default_state / CONFIG_MHP_DEFAULT_ONLINE_TYPE (Debian's kernel onlined it).`,
      confidence: 'observed',
      sources: [SRC.kmemDefault, SRC.kmem, SRC.memhpOnline, OBSERVED.ovmf72],
    },
    {
      text: `To keep a /dev/${dax} instead: boot with memory offline and run daxctl reconfigure-device ${dax} -m devdax -f (or dax_hmem.region_idle=1).`,
      confidence: 'documented',
      sources: [SRC.docGuestView],
    },
  ];
}

/** Touching sp-mem ranges: one soft-reserved range, one dax device, on the first range's node. */
function mergeWarning(
  d: PlacedDevice,
  mergedWith: SpMemFate['mergedWith'],
  spDevices: readonly PlacedDevice[],
  dax: string,
  targetNode: number | null,
): Statement {
  const name = d.id ?? '(unnamed)';
  const others = mergedWith.map((o) => o.id ?? '(unnamed)').join(', ');
  const nodes = [d, ...spDevices.filter((o) => mergedWith.some((m) => m.optionIndex === o.optionIndex))].map((o) => o.node);
  return {
    text: `sp-mem ${name} touches ${others}: Linux merges adjacent soft-reserved entries into one range, so the guest gets a single ${dax} covering all of them, on node ${targetNode ?? '?'} (the node of the first range). SRAT nodes ${[...new Set(nodes)].join(', ')} collapse into one dax device.`,
    confidence: 'observed',
    sources: [SRC.e820Sanitize, SRC.hmemDevice, OBSERVED.ovmf61, OBSERVED.ovmf72],
  };
}
