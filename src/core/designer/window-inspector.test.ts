/**
 * The window inspector against figures worked out by hand (in the comments), and the advisor: its proposal must
 * be accepted by computeMachine and improve the figures.
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import { presetDocument } from './presets.ts';
import { inspectWindow, proposeWindowLayout } from './window-inspector.ts';
import type { ConfigDocument } from '../document/index.ts';

const GiB = 1n << 30n;
const MiB = 1n << 20n;

function docOf(cmd: string): ConfigDocument {
  const p = parseQemuArgs(cmd.trim().split(/\s+/));
  if (!p.ok) throw new Error('parse failed');
  return p.doc;
}

function layoutOf(doc: ConfigDocument) {
  const r = computeMachine(doc);
  if (r.error) throw new Error(r.error.message);
  return r.layout!;
}

describe('the "sp-mem between two DIMMs" preset', () => {
  // q35 -m 4G: RAM ends at 0x180000000 -> window base 0x180000000, size (40G-4G) + 4 slots x 1G = 40G = 0xa00000000.
  // dimm0 2G at 0x180000000; hbm0 8G at 0x200000000; dimm1 2G: first fit skips dimm0 and hbm0 -> 0x400000000.
  // free: [0x480000000, 0xb80000000) = 28G. Hotpluggable (window minus hbm0): 2G + 30G.
  // capacity 36G, used 12G -> 24G left; 2 of 4 slots free.
  const doc = presetDocument('fragmented')!;
  const insp = inspectWindow(layoutOf(doc));
  const f = insp.figures!;
  it('parts with their SRAT entries', () => {
    expect(insp.parts.map((p) => [p.kind, p.id ?? null, p.start, p.end, p.hotpluggable])).toEqual([
      ['pc-dimm', 'dimm0', 0x180000000n, 0x200000000n, true],
      ['sp-mem', 'hbm0', 0x200000000n, 0x400000000n, false],
      ['pc-dimm', 'dimm1', 0x400000000n, 0x480000000n, true],
      ['free', null, 0x480000000n, 0xb80000000n, true],
    ]);
    // SRAT: gap [0x180000000,+2G) PXM 1 flags 3; hbm0 PXM 1 flags 1; gap [0x400000000, 0xb80000000) PXM 1 flags 3
    expect(insp.parts[0]!.sratEntries.map((e) => [e.role, e.pxm, e.base, e.length, e.flags])).toEqual([['hotplug', 1, 0x180000000n, 0x80000000n, 3]]);
    expect(insp.parts[1]!.sratEntries.map((e) => [e.role, e.pxm, e.base, e.length, e.flags])).toEqual([['sp-mem', 1, 0x200000000n, 0x200000000n, 1]]);
    expect(insp.parts[3]!.sratEntries.map((e) => [e.role, e.pxm, e.base, e.length, e.flags])).toEqual([['hotplug', 1, 0x400000000n, 0x780000000n, 3]]);
  });
  it('figures', () => {
    expect(f.base).toBe(0x180000000n);
    expect(f.size).toBe(40n * GiB);
    expect(f.capacity).toBe(36n * GiB);
    expect(f.used).toBe(12n * GiB);
    expect(f.capacityLeft).toBe(24n * GiB);
    expect(f.freeSlots).toBe(2);
    expect(f.hotpluggableFree).toBe(28n * GiB);
    expect(f.largestFree).toEqual({ start: 0x480000000n, end: 0xb80000000n, size: 0x700000000n });
    expect(f.largestFreeHex).toBe('0x700000000');
    expect(f.fragmentation).toBe(0);
    expect(f.hotpluggableRanges.map((r) => r.size)).toEqual([2n * GiB, 30n * GiB]);
    expect(f.largestHotpluggableHex).toBe('0x780000000');
    expect(f.hotplugFragmentation).toBeCloseTo(1 - 30 / 32, 6);
    expect(f.sratEntries).toBe(3);
    expect(f.sratEntriesWithoutSpMem).toBe(1);
    expect(f.definitions.fragmentation).toMatch(/largest free range/);
    expect(insp.fragmentedBySpMem).toBe(true);
  });
  it('largest DIMM: 24G at 0x480000000 for both alignments, limited by maxmem', () => {
    expect(f.largestDimm.ram2M).toMatchObject({ backendAlign: 2n * MiB, size: 24n * GiB, sizeHex: '0x600000000', addr: 0x480000000n, limitedBy: 'capacity' });
    expect(f.largestDimm.huge1G).toMatchObject({ backendAlign: GiB, size: 24n * GiB, addr: 0x480000000n, limitedBy: 'capacity' });
  });
  it('advisor: hbm0 first; hotpluggable area becomes one 32G range', () => {
    // proposal: hbm0 [0x180000000, 0x380000000), dimm0 [0x380000000, 0x400000000), dimm1 unchanged at 0x400000000
    const p = proposeWindowLayout(doc);
    expect(p.needed).toBe(true);
    expect(p.changes.map((c) => c.what)).toEqual(['move']);
    expect(computeMachine(p.doc!).error).toBeNull();
    expect(p.after!.largestHotpluggable).toEqual({ start: 0x380000000n, end: 0xb80000000n, size: 32n * GiB });
    expect(p.after!.hotplugFragmentation).toBe(0);
    expect(p.after!.sratEntries).toBe(2);
    expect(p.moves.map((m) => [m.id, m.from, m.to])).toEqual([
      ['dimm0', 0x180000000n, 0x380000000n],
      ['hbm0', 0x200000000n, 0x180000000n],
    ]);
    // the sp-mem moves with its backend, in front of the first DIMM's backend
    const args = p.args!.join(' ');
    expect(args).toContain('-object memory-backend-ram,id=hbm0-mem,size=8G -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1 -object memory-backend-ram,id=dimm0-mem,size=2G');
  });
});

describe('advisor: a fragmented design gets a larger largest-free range', () => {
  // window as above [0x180000000, 0xb80000000). dimm0 2G auto -> 0x180000000; hbm0 8G pinned at 0x280000000
  // -> [0x280000000, 0x480000000); dimm1 2G pinned at 0x500000000.
  // free: [0x200000000,0x280000000) 2G, [0x480000000,0x500000000) 2G, [0x580000000,0xb80000000) 24G: largest 24G of 28G.
  // Keeping dimm1's addr: hbm0 [0x180000000,0x380000000), dimm0 0x380000000, dimm1 0x500000000 -> largest free 24G.
  // Dropping it too: dimm1 0x400000000 -> free [0x480000000, 0xb80000000) = 28G. The advisor must pick that one.
  const doc = docOf(`-machine q35 -smp 2 -m 4G,slots=4,maxmem=40G
    -object memory-backend-ram,id=ram0,size=4G -numa node,nodeid=0,memdev=ram0,cpus=0-1 -numa node,nodeid=1
    -object memory-backend-ram,id=m0,size=2G -device pc-dimm,id=dimm0,memdev=m0,node=0
    -object memory-backend-ram,id=h0,size=8G -device sp-mem,id=hbm0,memdev=h0,node=1,addr=0x280000000
    -object memory-backend-ram,id=m1,size=2G -device pc-dimm,id=dimm1,memdev=m1,node=0,addr=0x500000000`);
  it('before', () => {
    const f = inspectWindow(layoutOf(doc)).figures!;
    expect(f.freeRanges.map((r) => [r.start, r.size])).toEqual([
      [0x200000000n, 2n * GiB],
      [0x480000000n, 2n * GiB],
      [0x580000000n, 24n * GiB],
    ]);
    expect(f.largestFreeHex).toBe('0x600000000');
    expect(f.fragmentation).toBeCloseTo(1 - 24 / 28, 5);
    expect(f.hotpluggableRanges.map((r) => [r.start, r.size])).toEqual([
      [0x180000000n, 4n * GiB],
      [0x480000000n, 28n * GiB],
    ]);
  });
  it('proposal', () => {
    const p = proposeWindowLayout(doc);
    expect(p.needed).toBe(true);
    expect(p.doc).not.toBeNull();
    const r = computeMachine(p.doc!);
    expect(r.error).toBeNull();
    expect(p.before!.largestFree!.size).toBe(24n * GiB);
    expect(p.after!.largestFree!.size).toBe(28n * GiB);
    expect(p.after!.largestFree!.size).toBeGreaterThan(p.before!.largestFree!.size);
    expect(p.after!.largestHotpluggable!.size).toBe(32n * GiB);
    expect(p.after!.fragmentation).toBe(0);
    expect(p.changes.map((c) => c.text)).toEqual([
      'drop addr=0x280000000 from -device sp-mem hbm0',
      'drop addr=0x500000000 from -device pc-dimm dimm1',
      'move -device sp-mem hbm0 before the DIMMs (sp-mem first, DIMMs on top)',
    ]);
    expect(r.layout!.devices.map((d) => [d.id, d.addr])).toEqual([
      ['hbm0', 0x180000000n],
      ['dimm0', 0x380000000n],
      ['dimm1', 0x400000000n],
    ]);
    expect(p.warnings[0]).toMatch(/Guest-physical addresses change/);
  });
});

describe('largest DIMM: alignment and slots', () => {
  // q35 -m 2G: window base 0x100000000, size (20G-2G) + 2x1G = 20G -> end 0x600000000.
  // d0 514M (0x20200000) at 0x100000000 -> ends 0x120200000; hbm0 1G pinned at 0x3c0000000.
  // free: [0x120200000, 0x3c0000000) = 0x29fe00000 (10750M), [0x400000000, 0x600000000) = 8G. capacity 18G - 1538M.
  // 2M: 0x29fe00000 at 0x120200000. 1G: first 1G boundary 0x140000000 .. 0x3c0000000 = 10G at 0x140000000.
  const cmd = `-machine q35 -m 2G,slots=2,maxmem=20G
    -object memory-backend-ram,id=r0,size=2G -numa node,nodeid=0,memdev=r0 -numa node,nodeid=1
    -object memory-backend-ram,id=m0,size=514M -device pc-dimm,id=d0,memdev=m0
    -object memory-backend-ram,id=h0,size=1G -device sp-mem,id=hbm0,memdev=h0,node=1,addr=0x3c0000000`;
  const f = inspectWindow(layoutOf(docOf(cmd))).figures!;
  it('2 MiB and 1 GiB differ', () => {
    expect(f.largestDimm.ram2M).toMatchObject({ size: 0x29fe00000n, addr: 0x120200000n, limitedBy: 'space' });
    expect(f.largestDimm.huge1G).toMatchObject({ size: 10n * GiB, addr: 0x140000000n, limitedBy: 'space' });
    expect(f.capacityLeft).toBe(18n * GiB - 1538n * MiB);
    expect(f.fragmentation).toBeCloseTo(1 - 10750 / 18942, 5);
  });
  it('no free slot, no DIMM', () => {
    const full = inspectWindow(layoutOf(docOf(cmd.replace('slots=2', 'slots=1').replace('maxmem=20G', 'maxmem=21G')))).figures!;
    expect(full.freeSlots).toBe(0);
    expect(full.largestDimm.ram2M).toMatchObject({ size: 0n, addr: null, limitedBy: 'slots' });
  });
});

describe('no window, no sp-mem', () => {
  it('no window', () => {
    const i = inspectWindow(layoutOf(docOf('-machine q35 -m 4G')));
    expect(i.figures).toBeNull();
    expect(proposeWindowLayout(docOf('-machine q35 -m 4G')).needed).toBe(false);
  });
  it('sp-mem already first: nothing to propose', () => {
    // The example: window [0x480000000, 0x1980000000). hbm0 [0x480000000, 0x880000000), hbm1 [0x880200000,
    // 0xc80200000), hbm2 [0xc80400000, 0x1080400000), each 16G. Hotpluggable = window minus sp-mem:
    // [0x880000000, 0x880200000) 2M, [0xc80200000, 0xc80400000) 2M, [0x1080400000, 0x1980000000) =
    // 0x8ffc00000 = 36G - 4M (dimm0 included). The 2 MiB gaps are below a 128 MiB memory block: not a split.
    const p = proposeWindowLayout(presetDocument('accelerator')!);
    expect(p.needed).toBe(false);
    expect(p.doc).toBeNull();
    expect(p.reason).toContain('the 2 ranges smaller than that cannot take hot-added memory');
    expect(p.before!.hotpluggableRanges.map((r) => [r.start, r.size])).toEqual([
      [0x880000000n, 2n * MiB],
      [0xc80200000n, 2n * MiB],
      [0x1080400000n, 36n * GiB - 4n * MiB],
    ]);
    // 1 - (36G - 4M) / 36G = 4M / 36G = 4 / 36864
    expect(p.before!.hotplugFragmentation).toBeCloseTo(4 / 36864, 5);
    expect(inspectWindow(layoutOf(presetDocument('accelerator')!)).fragmentedBySpMem).toBe(false);
  });
});

describe('a gap smaller than a Linux memory block does not split the hotpluggable area', () => {
  // q35 -m 2G: all RAM below 4G -> window base 0x100000000, size (16G-2G) + 2 slots x 1G = 16G -> end 0x500000000.
  // s1 1G auto-placed at 0x100000000, ends 0x140000000; s2 1G at 0x140000000 + gap.
  const cmd = (gap: bigint) => `-machine q35 -m 2G,slots=2,maxmem=16G -object memory-backend-ram,id=r,size=2G -numa node,memdev=r
    -numa node -numa node -object memory-backend-ram,id=a,size=1G -device sp-mem,id=s1,memdev=a,node=1
    -object memory-backend-ram,id=b,size=1G -device sp-mem,id=s2,memdev=b,node=2,addr=0x${(0x140000000n + gap).toString(16)}`;
  it('126 MiB: not fragmented, nothing to propose', () => {
    // s2 at 0x147e00000: hotpluggable [0x140000000, 0x147e00000) 126M and [0x187e00000, 0x500000000) = 0x378200000
    const doc = docOf(cmd(126n * MiB));
    const i = inspectWindow(layoutOf(doc));
    expect(i.figures!.hotpluggableRanges.map((r) => [r.start, r.size])).toEqual([
      [0x140000000n, 126n * MiB],
      [0x187e00000n, 0x378200000n],
    ]);
    expect(i.fragmentedBySpMem).toBe(false);
    const p = proposeWindowLayout(doc);
    expect(p.needed).toBe(false);
    expect(p.reason).toContain('the 1 range smaller than that');
  });
  it('128 MiB: one memory block fits below s2, so s2 splits the area', () => {
    // s2 at 0x148000000: hotpluggable [0x140000000, 0x148000000) 128M and [0x188000000, 0x500000000) = 0x378000000
    const i = inspectWindow(layoutOf(docOf(cmd(128n * MiB))));
    expect(i.figures!.hotpluggableRanges.map((r) => [r.start, r.size])).toEqual([
      [0x140000000n, 128n * MiB],
      [0x188000000n, 0x378000000n],
    ]);
    expect(i.fragmentedBySpMem).toBe(true);
  });
});
