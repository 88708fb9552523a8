/**
 * Data for the "SPM vs RESERVED vs RAM" teaching panel: for a selected range, the three ways to give it to a
 * guest, each with its E820 type, its SRAT entry, its /proc/iomem line, who may use the memory, what the kernel
 * does by default, and the command-line fragment that yields it; every statement carries its sources
 * (shared/docs/linux-guest-view.md §1.1–1.5, shared/docs/sp-mem.md, seeds 003 and 004). Where the designer can,
 * the alternatives are computed on a variant of the document, so the addresses shown are the ones QEMU would use.
 *
 * Plus a guided tour of the example machine: steps with a title, a text and the test id of the UI element they
 * point at.
 */
import { cloneDocument, type BackendObject, type ConfigDocument, type MemoryDeviceOption, type MemoryOption, type NumaNodeOption } from '../document/index.ts';
import { E820_RAM, E820_RESERVED, E820_SOFT_RESERVED, SRAT_MEM_ENABLED, SRAT_MEM_HOTPLUGGABLE, type MachineLayout } from '../machine/index.ts';
import { computeMachine } from '../machine/index.ts';
import { exampleDocument } from '../designer/index.ts';
import { formatSize, GiB, KiB, MiB, parseQemuSize } from '../base/index.ts';
import { SRC, OBSERVED, type SourceRef, type Statement } from '../guest/index.ts';
import { formatE820Line, formatIomemLine, formatSratLine, guestView, linuxPxmToNode, type GuestKernel } from '../guest/index.ts';
import { inspectWindow } from '../designer/index.ts';
import { LINUX_MEMORY_BLOCK } from '../guest/index.ts';

export interface LearnSelection {
  base: bigint;
  size: bigint;
  /** QEMU node (SRAT proximity domain) */
  node: number;
  /** a name for the fragments (`hbm0`); default `spm0` */
  id?: string;
}

export type DeliveryWay = 'spm' | 'reserved' | 'ram';

/** A statement plus the exact lines a guest prints for it. */
export interface LineFact extends Statement {
  lines: string[];
}

export interface CommandFragment {
  /** QEMU arguments */
  qemu: string[];
  /** guest kernel command-line parameter, if any */
  guestKernel: string | null;
  note?: string;
}

export interface WayFacts {
  way: DeliveryWay;
  title: string;
  /** the range this way puts the memory at (QEMU may choose another address than the selection) */
  range: { base: bigint; size: bigint } | null;
  e820: LineFact;
  srat: LineFact;
  iomem: LineFact;
  whoMayUse: Statement;
  kernelDefault: Statement;
  caveats: Statement[];
  cmdline: CommandFragment;
}

export interface LearnRange {
  selection: LearnSelection;
  kernel: GuestKernel;
  ways: [WayFacts, WayFacts, WayFacts];
  /** one-line summary of the difference, with its source */
  summary: Statement;
}

/** A size as QEMU takes it: `16G`, `512M`, or bytes. */
export function qemuSizeText(v: bigint): string {
  if (v > 0n && v % GiB === 0n) return `${v / GiB}G`;
  if (v > 0n && v % MiB === 0n) return `${v / MiB}M`;
  if (v > 0n && v % KiB === 0n) return `${v / KiB}K`;
  return `${v}`;
}

/** A size as the kernel's memparse takes it (memmap=): `16G`, `512M`, `64K` or bytes. */
function kernelSize(v: bigint): string {
  return qemuSizeText(v);
}

const hex = (v: bigint) => '0x' + v.toString(16);

/** The selection of an sp-mem (or any memory device) of a layout. */
export function selectionOfDevice(layout: MachineLayout, optionIndex: number): LearnSelection | null {
  const d = layout.devices.find((x) => x.optionIndex === optionIndex);
  if (!d) return null;
  const s: LearnSelection = { base: d.addr, size: d.size, node: d.node };
  if (d.id !== null) s.id = d.id;
  return s;
}

/** The -device option of an sp-mem covering exactly the selection, if any. */
function spMemAt(layout: MachineLayout, sel: LearnSelection): number | null {
  const d = layout.devices.find((x) => x.driver === 'sp-mem' && x.addr === sel.base && x.size === sel.size);
  return d ? d.optionIndex : null;
}

/** The range as a node's boot RAM: where QEMU lays that RAM, on which layout, from which backend. */
interface NodeRamVariant {
  ranges: Array<{ base: bigint; size: bigint }>;
  layout: MachineLayout;
  memdev: string;
}

/**
 * Variant 1 (RESERVED and boot RAM): the range as node `node`'s boot RAM. The sp-mem at the selection (if any) is
 * removed and its backend becomes the node's memdev; -m (and maxmem) grow by the size. Returns where QEMU lays the
 * node's RAM, or why not.
 */
function asNodeRam(doc: ConfigDocument, layout: MachineLayout, sel: LearnSelection): NodeRamVariant | string {
  const next = cloneDocument(doc);
  const sp = spMemAt(layout, sel);
  let memdev: string;
  if (sp !== null) {
    memdev = (next.options[sp] as MemoryDeviceOption).memdev!;
    next.options.splice(sp, 1);
  } else {
    memdev = `${sel.id ?? 'spm0'}-mem`;
    const o: BackendObject = { kind: 'object', qomType: 'memory-backend-ram', id: memdev, size: qemuSizeText(sel.size) };
    next.options.push(o);
  }
  const numa = next.options.filter((o): o is NumaNodeOption => o.kind === 'numa-node');
  if (numa.length === 0) return 'the machine has no -numa options: give the range its own -numa node first';
  const target = numa.find((o, i) => (o.nodeid !== undefined ? parseQemuSize(o.nodeid) === BigInt(sel.node) : i === sel.node));
  if (!target) return `no -numa node with nodeid=${sel.node}`;
  if (target.memdev !== undefined) return `node ${sel.node} already has RAM (memdev=${target.memdev}); stock QEMU allows one memdev per node: give the range its own node`;
  target.memdev = memdev;
  delete target.text;
  const mem = next.options.find((o): o is MemoryOption => o.kind === 'memory');
  if (!mem) return 'no -m option';
  const ram = layout.ram.ramSize + sel.size;
  mem.size = ram % MiB === 0n ? `${ram / MiB}M` : `${ram}B`;
  if (mem.maxmem !== undefined) {
    const maxmem = layout.ram.maxmem + sel.size;
    mem.maxmem = maxmem % MiB === 0n ? `${maxmem / MiB}M` : `${maxmem}`;
  }
  delete mem.text;
  const r = computeMachine(next);
  if (!r.layout) return `QEMU would reject that variant: ${r.error?.message ?? ''}`;
  const ranges = r.layout.ramRanges.filter((x) => x.node === sel.node).map((x) => ({ base: x.base, size: x.size }));
  return { ranges, layout: r.layout, memdev };
}

/** Variant 2 (RAM as a DIMM): the sp-mem at the selection becomes a pc-dimm at the same address. */
function asDimm(doc: ConfigDocument, layout: MachineLayout, sel: LearnSelection): MachineLayout | string {
  const next = cloneDocument(doc);
  const sp = spMemAt(layout, sel);
  if (sp === null) return 'no sp-mem at the selection';
  const o = next.options[sp] as MemoryDeviceOption;
  o.driver = 'pc-dimm';
  o.addr = hex(sel.base);
  delete o.text;
  const r = computeMachine(next);
  return r.layout ?? `QEMU would reject it: ${r.error?.message ?? ''}`;
}

function sratLineFor(layout: MachineLayout, base: bigint): string | null {
  if (!layout.srat) return null;
  const map = linuxPxmToNode(layout.srat.entries, layout.srat.genericAffinity);
  for (const e of layout.srat.entries) {
    if (e.type !== 'memory' || !(e.flags & SRAT_MEM_ENABLED)) continue;
    if (e.baseAddress <= base && base < e.baseAddress + e.length) {
      return formatSratLine(map.get(e.proximityDomain)!, e.proximityDomain, e.baseAddress, e.baseAddress + e.length, (e.flags & SRAT_MEM_HOTPLUGGABLE) !== 0, (e.flags & 4) !== 0);
    }
  }
  return null;
}

export interface LearnOptions {
  /** the document the layout came from: lets the panel compute the alternatives on variants of it */
  doc?: ConfigDocument;
  kernel?: GuestKernel;
}

/** What the three ways share: the selection, the guest kernel, the names and size of the command-line fragments. */
interface WayContext {
  sel: LearnSelection;
  kernel: GuestKernel;
  /** the device id of the fragments */
  id: string;
  /** the backend id of the fragments */
  mem: string;
  /** the end of the selection (exclusive) */
  end: bigint;
  /** the size as QEMU takes it */
  size: string;
  /** the Linux node of the selection's PXM (the PXM itself when the SRAT does not map it) */
  linuxNode: number;
}

/** The names, sizes and node the three ways' fragments use. */
function wayContext(layout: MachineLayout, sel: LearnSelection, kernel: GuestKernel): WayContext {
  const id = sel.id ?? 'spm0';
  const pxmMap = layout.srat ? linuxPxmToNode(layout.srat.entries, layout.srat.genericAffinity) : new Map<number, number>();
  return { sel, kernel, id, mem: `${id}-mem`, end: sel.base + sel.size, size: qemuSizeText(sel.size), linuxNode: pxmMap.get(sel.node) ?? sel.node };
}

/** The three ways to give the selected range to a guest, side by side. */
export function learnRange(layout: MachineLayout, sel: LearnSelection, opts: LearnOptions = {}): LearnRange {
  const kernel = opts.kernel ?? '6.3+';
  const c = wayContext(layout, sel, kernel);
  const spm = spmWay(layout, c);
  const nodeRam = opts.doc ? asNodeRam(opts.doc, layout, sel) : 'no document given';
  const nodeFragment = nodeRamFragment(c, nodeRam);
  const reserved = reservedWay(c, nodeRam, nodeFragment);
  const dimm = opts.doc ? asDimm(opts.doc, layout, sel) : 'no document given';
  const ram = ramWay(c, nodeRam, dimm, nodeFragment);
  return {
    selection: sel,
    kernel,
    ways: [spm, reserved, ram],
    summary: {
      text: 'SPM is a hint that guest policy decides (device-dax by default before 6.3, System RAM via kmem since); RESERVED is not general memory at all and needs a driver that knows the range; RAM is general-purpose memory from the start.',
      confidence: 'documented',
      sources: [SRC.seedSpmVsReserved, SRC.docGuestView],
    },
  };
}

// ---- SPM

/** The /proc/iomem lines of a soft-reserved range claimed by dax_hmem: under hmem.K (before 6.3) or kmem (since). */
function spmIomemLines(kernel: GuestKernel, guestRange: { start: bigint; end: bigint }, k: number, dax: string): string[] {
  return kernel === 'pre-6.3'
    ? [
        formatIomemLine(0, guestRange.start, guestRange.end - 1n, `hmem.${k}`),
        formatIomemLine(1, guestRange.start, guestRange.end - 1n, 'Soft Reserved'),
        formatIomemLine(2, guestRange.start, guestRange.end - 1n, dax),
      ]
    : [
        formatIomemLine(0, guestRange.start, guestRange.end - 1n, 'Soft Reserved'),
        formatIomemLine(1, guestRange.start, guestRange.end - 1n, dax),
        formatIomemLine(2, guestRange.start, guestRange.end - 1n, 'System RAM (kmem)'),
      ];
}

/** The range as an sp-mem device, seen by a guest booted with OVMF (the firmware that passes it on). */
function spmWay(layout: MachineLayout, c: WayContext): WayFacts {
  const { sel, kernel, id, mem, end, size, linuxNode } = c;
  const ovmf = guestView(layout, { firmware: 'ovmf', kernel });
  const fate = ovmf.fates.find((f) => f.addr === sel.base && f.size === sel.size) ?? null;
  const k = fate?.daxDevice ? Number(/^dax(\d+)/.exec(fate.daxDevice)![1]) : 0;
  const dax = `dax${k}.0`;
  const guestRange = fate?.guestRange ?? { start: sel.base, end };
  return {
    way: 'spm',
    title: 'SPM — Specific Purpose Memory (sp-mem)',
    range: { base: sel.base, size: sel.size },
    e820: {
      text: 'QEMU puts a SOFT_RESERVED (0xefffffff) entry in etc/e820. OVMF with EFI_MEMORY_SP support passes it on and Linux prints it as "soft reserved"; SeaBIOS (and OVMF edk2 2022.11) drop it, leaving a hole.',
      confidence: 'observed',
      sources: [SRC.qemuSpMemE820, SRC.ovmfSp, SRC.efiStubSp, SRC.e820Print, SRC.seabiosQemu, OBSERVED.ovmf61, OBSERVED.seabios61],
      lines: [formatE820Line(guestRange.start, guestRange.end, E820_SOFT_RESERVED)],
    },
    srat: {
      text: `An ENABLED-only memory-affinity entry (flags 1, no HOTPLUGGABLE) at PXM ${sel.node}, carved out of the hotplug umbrella.`,
      confidence: 'observed',
      sources: [SRC.qemuSpMemE820, SRC.qemuUmbrella, SRC.sratPrint, OBSERVED.seabios61],
      lines: [formatSratLine(linuxNode, sel.node, sel.base, end, false, false)],
    },
    iomem: {
      text:
        kernel === 'pre-6.3'
          ? `"Soft Reserved" under the hmem.${k} platform device, with the device-dax ${dax} inside (seen on Linux 6.1).`
          : `"Soft Reserved", with ${dax} claimed by kmem and "System RAM (kmem)" inside (inferred; Linux 7.2 was seen without the Soft Reserved level).`,
      confidence: kernel === 'pre-6.3' ? 'observed' : 'inferred',
      sources: kernel === 'pre-6.3' ? [SRC.hmemDevice, SRC.devDax, OBSERVED.ovmf61] : [SRC.kmem, OBSERVED.ovmf72],
      lines: spmIomemLines(kernel, guestRange, k, dax),
    },
    whoMayUse: {
      text: `Never the page allocator at boot. dax_hmem hands it to device-dax (/dev/${dax}, mmap'ed by applications or the accelerator's stack); kmem can turn it into System RAM on a memory-only node. A driver that knows the range may claim it (not marked busy).`,
      confidence: 'documented',
      sources: [SRC.e820Memblock, SRC.e820Busy, SRC.hmemProbe, SRC.devDax, SRC.kmem],
    },
    kernelDefault: {
      text:
        kernel === 'pre-6.3'
          ? `Before Linux 6.3: device-dax mode, /dev/${dax}; the node stays memory-less.`
          : `Since Linux 6.3: kmem hot-adds it as System RAM on node ${fate?.targetNode ?? linuxNode}, which becomes a memory-only node in a slower tier unless HMAT says otherwise.`,
      confidence: 'observed',
      sources: kernel === 'pre-6.3' ? [SRC.devDax, OBSERVED.ovmf61] : [SRC.kmemDefault, SRC.kmem, SRC.memoryTiers, OBSERVED.ovmf72],
    },
    caveats: [
      {
        text: 'A hint that guest policy decides: it may end up as general-purpose memory (kmem, efi=nosoftreserve).',
        confidence: 'documented',
        sources: [SRC.seedSpmVsReserved, SRC.efiSoftReserve],
      },
      {
        text: 'Adjacent sp-mem ranges merge into one soft-reserved range and one dax device on the first range\'s node.',
        confidence: 'observed',
        sources: [SRC.e820Sanitize, OBSERVED.ovmf61],
      },
    ],
    cmdline: {
      qemu: ['-object', `memory-backend-ram,id=${mem},size=${size}`, '-numa', `node,nodeid=${sel.node}`, '-device', `sp-mem,id=${id},memdev=${mem},node=${sel.node},addr=${hex(sel.base)}`],
      guestKernel: null,
      note: 'needs -m …,maxmem= with room for it (it lives in the hotplug window and counts against maxmem; it takes no slot) and an OVMF that passes EFI_MEMORY_SP',
    },
  };
}

// ---- RESERVED and boot RAM: the range as node memory

/** The QEMU arguments that make the range node `sel.node`'s boot RAM. */
function nodeRamFragment(c: WayContext, nodeRam: NodeRamVariant | string): string[] {
  const memdevOf = typeof nodeRam === 'string' ? c.mem : nodeRam.memdev;
  return ['-object', `memory-backend-ram,id=${memdevOf},size=${c.size}`, '-numa', `node,nodeid=${c.sel.node},memdev=${memdevOf}`];
}

/** Where QEMU lays the node's RAM compared with the selection, or why the variant could not be computed. */
function nodeRamNote(sel: LearnSelection, nodeRam: NodeRamVariant | string): string {
  if (typeof nodeRam === 'string') return `The address is QEMU's choice (node RAM is laid out contiguously in node order): ${nodeRam}.`;
  const resBase = nodeRam.ranges[0]?.base ?? null;
  return nodeRam.ranges.length > 1
    ? `QEMU splits node ${sel.node}'s RAM around the PCI hole (${nodeRam.ranges.map((r) => `${hex(r.base)}+${hex(r.size)}`).join(', ')}); one memmap= per part.`
    : resBase === sel.base
      ? `QEMU lays node ${sel.node}'s RAM at ${hex(resBase)}, the selection's own address (node RAM is contiguous in node order).`
      : `QEMU lays node ${sel.node}'s RAM at ${hex(resBase!)} (node RAM is contiguous in node order), not at ${hex(sel.base)}.`;
}

/** The range as the node's boot RAM, reserved by the guest kernel's memmap=nn$ss. */
function reservedWay(c: WayContext, nodeRam: NodeRamVariant | string, nodeFragment: string[]): WayFacts {
  const { sel, size } = c;
  const r0 = typeof nodeRam === 'string' ? null : nodeRam.ranges[0] ?? null;
  const resBase = r0?.base ?? null;
  const resSize = r0?.size ?? sel.size;
  const memmapParts = typeof nodeRam === 'string' ? [] : nodeRam.ranges.map((r) => `memmap=${kernelSize(r.size)}$${hex(r.base)}`);
  const nodeSratLines = typeof nodeRam === 'string' ? [] : nodeRam.ranges.map((r) => sratLineFor(nodeRam.layout, r.base)).filter((x): x is string => x !== null);
  return {
    way: 'reserved',
    title: 'RESERVED — memmap=nn$ss on stock QEMU',
    range: resBase !== null ? { base: resBase, size: resSize } : null,
    e820: {
      text: 'The firmware reports the range as RAM; the guest kernel\'s memmap=nn$ss turns it into RESERVED (type 2) and prints a "user-defined physical RAM map:" with user: lines.',
      confidence: 'documented',
      sources: [SRC.e820Memmap, SRC.docAlternatives],
      lines:
        typeof nodeRam === 'string'
          ? []
          : ['user-defined physical RAM map:', ...nodeRam.ranges.map((r) => formatE820Line(r.base, r.base + r.size, E820_RESERVED, 'user'))],
    },
    srat: {
      text: `An ordinary ENABLED memory entry of node ${sel.node} (its boot RAM). Linux finds no memory of the node in memblock, moves the range to the reserved NUMA info, and the node stays memory-less.`,
      confidence: 'inferred',
      sources: [SRC.sratPrint, SRC.numaReserved],
      lines: nodeSratLines,
    },
    iomem: {
      text: '"Reserved" at the top level (not busy above 1 MiB: a driver that knows the range may request it).',
      confidence: 'documented',
      sources: [SRC.e820Names, SRC.e820Busy],
      lines: typeof nodeRam === 'string' ? [] : nodeRam.ranges.map((r) => formatIomemLine(0, r.base, r.base + r.size - 1n, 'Reserved')),
    },
    whoMayUse: {
      text: 'Only a driver that already knows the range — through a DSDT _CRS (e.g. a PNP0C02 motherboard resource), a BAR or a platform table. No generic driver picks it up; the page allocator never sees it.',
      confidence: 'documented',
      sources: [SRC.docGuestView, SRC.seedSpmVsReserved],
    },
    kernelDefault: {
      text: 'Nothing: the memory is left alone.',
      confidence: 'documented',
      sources: [SRC.e820Memblock, SRC.docGuestView],
    },
    caveats: [
      {
        text: 'Reserved is for memory only suitable for non-general use; tying it to its driver needs DSDT entries, which stock QEMU does not emit.',
        confidence: 'documented',
        sources: [SRC.seedSpmVsReserved],
      },
      {
        text: 'Reserved blocks later generic claimants: QEMU once marked CXL windows reserved in E820 and `cxl create-region` then always failed.',
        confidence: 'documented',
        sources: [SRC.docGuestView],
      },
      {
        text: 'In GRUB the $ must be escaped (memmap=…\\$…).',
        confidence: 'documented',
        sources: [SRC.docAlternatives],
      },
      { text: nodeRamNote(sel, nodeRam), confidence: typeof nodeRam === 'string' ? 'inferred' : 'documented', sources: [SRC.docAlternatives] },
    ],
    cmdline: {
      qemu: nodeFragment,
      guestKernel: memmapParts.length ? memmapParts.join(' ') : `memmap=${kernelSize(sel.size)}$<address of node ${sel.node}'s RAM>`,
      note: `-m (and maxmem) grow by ${size}; the range is node ${sel.node}'s boot RAM, so the kernel parameter must name where QEMU put it`,
    },
  };
}

// ---- RAM: a pc-dimm at the same address (boot RAM as the alternative)

/** The range as general-purpose RAM: a pc-dimm at the same address, or the node's boot RAM. */
function ramWay(c: WayContext, nodeRam: NodeRamVariant | string, dimm: MachineLayout | string, nodeFragment: string[]): WayFacts {
  const { sel, id, mem, end, size, linuxNode } = c;
  const dimmSrat = typeof dimm === 'string' ? null : sratLineFor(dimm, sel.base);
  return {
    way: 'ram',
    title: 'RAM — a pc-dimm (or the node\'s boot RAM)',
    range: { base: sel.base, size: sel.size },
    e820: {
      text: 'A pc-dimm is not in E820 (QEMU lists memory devices only in ACPI, as PNP0C80 memory devices). As boot RAM of the node it would be "usable".',
      confidence: 'documented',
      sources: [SRC.qemuDimmNoE820, SRC.e820Print],
      lines: typeof nodeRam === 'string' ? [] : nodeRam.ranges.map((r) => formatE820Line(r.base, r.base + r.size, E820_RAM)),
    },
    srat: {
      text: `No entry of its own: the DIMM lies inside a HOTPLUGGABLE entry of the window (PXM of the last node); its node ${sel.node} comes from the DSDT _PXM of its memory device.`,
      confidence: 'documented',
      sources: [SRC.qemuDimmNoE820, SRC.qemuUmbrella],
      lines: dimmSrat ? [dimmSrat] : [],
    },
    iomem: {
      text: '"System RAM", added at boot by the ACPI memory-hotplug driver (seen on Linux 6.1).',
      confidence: 'observed',
      sources: [SRC.acpiMemhotplug, OBSERVED.seabios61],
      lines: [formatIomemLine(0, sel.base, end - 1n, 'System RAM')],
    },
    whoMayUse: {
      text: 'Everyone: the page allocator hands it to any process and the kernel. It can be unplugged later (device_del) if it was onlined movable.',
      confidence: 'documented',
      sources: [SRC.acpiMemhotplug, SRC.memhpOnline],
    },
    kernelDefault: {
      text: `Hot-added at boot on node ${linuxNode}; it comes online per memhp_default_state / CONFIG_MHP_DEFAULT_ONLINE_TYPE.`,
      confidence: 'documented',
      sources: [SRC.acpiMemhotplug, SRC.memhpOnline],
    },
    caveats: [
      {
        text: 'General-purpose memory: nothing keeps the kernel from using it, so an accelerator driver cannot count on it being free.',
        confidence: 'documented',
        sources: [SRC.seedCover],
      },
      ...(typeof dimm === 'string' ? [{ text: `As a DIMM here: ${dimm}.`, confidence: 'inferred' as const, sources: [SRC.qemuSlots] }] : []),
    ],
    cmdline: {
      qemu: ['-object', `memory-backend-ram,id=${mem},size=${size}`, '-device', `pc-dimm,id=${id},memdev=${mem},node=${sel.node},addr=${hex(sel.base)}`],
      guestKernel: null,
      note: 'needs a free slot (slots=) and room in maxmem; or, as boot RAM: ' + nodeFragment.join(' '),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the guided tour

export interface TourStep {
  id: string;
  title: string;
  text: string;
  /** the test id of the UI element the step points at */
  target: string;
  sources: SourceRef[];
}

/** Test ids the tour points at (the UI gives these elements these data-testid values). */
export const TOUR_TARGETS = ['block-hbm0', 'srat-table', 'window-inspector', 'guest-view', 'learn-panel'] as const;

/** The tour of a machine with sp-mem (by default the example design). Texts quote the machine's own figures. */
export function guidedTour(layout?: MachineLayout): TourStep[] {
  let l = layout;
  if (!l) {
    const r = computeMachine(exampleDocument());
    l = r.layout!;
  }
  const spm = l.devices.filter((d) => d.driver === 'sp-mem');
  const first = spm[0];
  const target = first ? `block-${first.id ?? `#${first.optionIndex}`}` : 'block-hbm0';
  const entries = (l.srat?.entries ?? []).filter((e) => e.type === 'memory' && (e.role === 'sp-mem' || e.role === 'hotplug'));
  const gaps = entries.filter((e) => e.type === 'memory' && e.role === 'hotplug').length;
  const insp = inspectWindow(l);
  const view = guestView(l, { firmware: 'ovmf', kernel: '6.3+' });
  const merged = view.fates.filter((f) => f.mergedWith.length > 0);
  const gib = (v: bigint) => (v % GiB === 0n ? `${v / GiB} GiB` : formatSize(v));
  // hotpluggable ranges below one Linux memory block (e.g. the gaps that keep sp-mem ranges from touching)
  const small = (insp.figures?.hotpluggableRanges ?? []).filter((r) => r.size < LINUX_MEMORY_BLOCK);
  const smallText = small.length
    ? ` The ${small.length === 1 ? 'other hotpluggable range' : `other ${small.length} hotpluggable ranges`} (${formatSize(small.reduce((t, r) => t + r.size, 0n))}${small.length === 1 ? '' : ' in all'}) ${small.length === 1 ? 'is' : 'are'} smaller than Linux's 128 MiB memory block: too small to hot-add memory into, so ${small.length === 1 ? 'it does' : 'they do'} not count.`
    : '';
  // one dax device per sp-mem when nothing merges; Linux numbers its nodes in the order the PXMs first appear in
  // the SRAT, so a node id can differ from QEMU's
  const daxFates = merged.length ? [] : view.fates.filter((f) => f.daxDevice !== null && f.targetNode !== null);
  const renumbered = [...new Map(daxFates.filter((f) => f.targetNode !== f.pxm).map((f) => [f.pxm, f.targetNode!])).entries()];
  const daxText = daxFates.length
    ? ` Here ${daxFates.map((f, i) => `${i === 0 ? '' : i === daxFates.length - 1 ? ' and ' : ', '}${f.id ?? 'an sp-mem'} becomes ${f.daxDevice} on node ${f.targetNode}`).join('')}.` +
      (renumbered.length
        ? ` Linux numbers its nodes in the order their proximity domains first appear in the SRAT (the hotpluggable gaps carry the last node's PXM), so they need not match QEMU's: ${renumbered.map(([pxm, node]) => `PXM ${pxm} is node ${node}`).join(', ')}.`
        : '')
    : '';
  const steps: TourStep[] = [
    {
      id: 'what-is-sp-mem',
      title: 'What sp-mem is',
      text: first
        ? `${first.id ?? 'This device'} is ${gib(first.size)} of accelerator memory (HBM) given to the guest as Specific Purpose Memory: an sp-mem device on NUMA node ${first.node}, at ${hex(first.addr)} inside the hotplug window. QEMU marks it SOFT_RESERVED in E820 and gives it its own SRAT affinity entry, so the CPU can address it while the kernel keeps its allocator off it. It is boot-time only, takes no DIMM slot, and counts against maxmem.`
        : 'An sp-mem device gives the guest Specific Purpose Memory: QEMU marks its range SOFT_RESERVED in E820 and gives it its own SRAT affinity entry.',
      target,
      sources: [SRC.seedCover, SRC.qemuSpMemE820],
    },
    {
      id: 'umbrella-split',
      title: 'Why the SRAT umbrella is split',
      text: `Stock QEMU covers the whole hotplug window with one HOTPLUGGABLE entry (Windows needs it for memory hotplug, Linux for SWIOTLB below 4 GiB). An sp-mem inside that umbrella would be claimed by the umbrella's node, so the window is partitioned: each sp-mem gets an ENABLED-only entry at its own node, and the gaps stay HOTPLUGGABLE at the last node. Here that is ${spm.length} sp-mem entr${spm.length === 1 ? 'y' : 'ies'} and ${gaps} hotpluggable gap${gaps === 1 ? '' : 's'} instead of 1 umbrella.`,
      target: 'srat-table',
      sources: [SRC.qemuUmbrella, SRC.seedFragment],
    },
    {
      id: 'order-matters',
      title: 'sp-mem first, DIMMs on top',
      text: insp.fragmentedBySpMem
        ? `An sp-mem sits between hotpluggable ranges here: the largest range memory can be hot-added into is ${gib(insp.figures!.largestHotpluggable?.size ?? 0n)}. The inspector proposes the reviewer's fix: sp-mem devices first, DIMMs on top.`
        : `Here the sp-mem devices sit at the bottom of the window and the DIMMs above them, as the reviewer advised: the hotpluggable area stays one range of ${gib(insp.figures?.largestHotpluggable?.size ?? 0n)}.${smallText}`,
      target: 'window-inspector',
      sources: [SRC.seedFragment],
    },
    {
      id: 'guest-sees',
      title: 'What the guest sees',
      text: `It depends on the firmware. SeaBIOS copies only RAM and RESERVED entries, so the range vanishes. OVMF with EFI_MEMORY_SP support passes it on: Linux prints "soft reserved", keeps it from the allocator, and dax_hmem creates a dax device; since Linux 6.3 kmem then hot-adds it as System RAM on a memory-only node.${daxText}`,
      target: 'guest-view',
      sources: [SRC.seabiosQemu, SRC.ovmfSp, SRC.hmemProbe, SRC.kmemDefault, OBSERVED.ovmf72, ...(renumbered.length ? [SRC.pxmToNode, SRC.sratParseOrder] : [])],
    },
  ];
  if (merged.length) {
    const f = merged[0]!;
    steps.push({
      id: 'adjacent-merge',
      title: 'Adjacent ranges merge in the guest',
      text: `The HBM ranges here touch each other. Linux merges adjacent entries of one E820 type, so the guest gets one soft-reserved range and one ${f.daxDevice} on node ${f.targetNode}; the other nodes get no memory. A gap between the ranges (explicit addr=) keeps them apart, at the price of a small hotpluggable gap in the SRAT.`,
      target: 'guest-view',
      sources: [SRC.e820Sanitize, SRC.hmemDevice, OBSERVED.ovmf61, OBSERVED.ovmf72],
    });
  }
  steps.push({
    id: 'spm-vs-reserved',
    title: 'SPM, RESERVED or RAM?',
    text: 'SPM is a hint that guest policy decides; RESERVED is not general memory at all and needs a driver that knows the range; RAM is for everyone. The panel shows what each looks like in E820, SRAT and /proc/iomem, and the command line for each.',
    target: 'learn-panel',
    sources: [SRC.seedSpmVsReserved, SRC.docAlternatives],
  });
  return steps;
}
