/**
 * The teaching data: the three ways for a selected range, with lines written by hand from the formats of
 * shared/docs/linux-guest-view.md, and the guided tour of the example design.
 */
import { describe, expect, it } from 'vitest';
import { computeMachine } from '../machine/index.ts';
import { presetDocument } from '../designer/index.ts';
import { guidedTour, learnRange, qemuSizeText, selectionOfDevice, TOUR_TARGETS } from './learn.ts';

describe('SPM vs RESERVED vs RAM for hbm0 of the example design', () => {
  // The example: window [0x480000000, 0x1980000000). hbm0 16G at 0x480000000 on node 1 -> [0x480000000, 0x880000000);
  // hbm1 at 0x880200000 and hbm2 at 0xc80400000 (16G each, 2 MiB apart), dimm0 4G at 0x1080400000.
  // SRAT partition in table order: hbm0 PXM 1, gap [0x880000000, 0x880200000) PXM 3, hbm1 PXM 2,
  // gap [0xc80200000, 0xc80400000) PXM 3, hbm2 PXM 3, gap [0x1080400000, 0x1980000000) PXM 3.
  const doc = presetDocument('accelerator')!;
  const layout = computeMachine(doc).layout!;
  const hbm0 = layout.devices.find((d) => d.id === 'hbm0')!;
  const sel = selectionOfDevice(layout, hbm0.optionIndex)!;
  const r = learnRange(layout, sel, { doc, kernel: '6.3+' });
  const [spm, reserved, ram] = r.ways;
  it('selection', () => {
    expect(sel).toEqual({ base: 0x480000000n, size: 0x400000000n, node: 1, id: 'hbm0' });
  });
  it('SPM', () => {
    // hbm1 starts 2 MiB after hbm0 ends: no merge, the guest line is hbm0 alone, 0x480000000 + 0x400000000 - 1 = 0x87fffffff;
    // the lowest soft-reserved range is dax0.0
    expect(spm.e820.lines).toEqual(['BIOS-e820: [mem 0x0000000480000000-0x000000087fffffff] soft reserved']);
    expect(spm.srat.lines).toEqual(['ACPI: SRAT: Node 1 PXM 1 [mem 0x480000000-0x87fffffff]']);
    expect(spm.iomem.lines).toEqual([
      '480000000-87fffffff : Soft Reserved',
      '  480000000-87fffffff : dax0.0',
      '    480000000-87fffffff : System RAM (kmem)',
    ]);
    expect(spm.iomem.confidence).toBe('inferred');
    expect(spm.cmdline.qemu.join(' ')).toBe(
      '-object memory-backend-ram,id=hbm0-mem,size=16G -numa node,nodeid=1 -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1,addr=0x480000000',
    );
  });
  it('RESERVED: node 1 boot RAM, then memmap=', () => {
    // as node 1's RAM: -m 32G -> below 0x80000000, above 30G; node 0 = [0,2G) + [4G, 0x480000000), node 1 = [0x480000000, 0x880000000)
    expect(reserved.range).toEqual({ base: 0x480000000n, size: 0x400000000n });
    expect(reserved.cmdline.guestKernel).toBe('memmap=16G$0x480000000');
    expect(reserved.cmdline.qemu.join(' ')).toBe('-object memory-backend-ram,id=hbm0-mem,size=16G -numa node,nodeid=1,memdev=hbm0-mem');
    expect(reserved.e820.lines).toEqual(['user-defined physical RAM map:', 'user: [mem 0x0000000480000000-0x000000087fffffff] reserved']);
    expect(reserved.srat.lines).toEqual(['ACPI: SRAT: Node 1 PXM 1 [mem 0x480000000-0x87fffffff]']);
    expect(reserved.iomem.lines).toEqual(['480000000-87fffffff : Reserved']);
    expect(reserved.caveats.some((c) => c.sources.some((s) => s.ref === '004_00342f7c2cfe9e98.txt'))).toBe(true);
  });
  it('RAM: a pc-dimm at the same address', () => {
    // as a DIMM, hbm0's range [0x480000000, 0x880000000) joins the 2 MiB gap after it: one hotpluggable entry
    // [0x480000000, 0x880200000) at PXM 3, inclusive end 0x8801fffff; in table order it is the first memory entry
    // after node 0's RAM and PXM 1 no longer appears, so Linux numbers PXM 3 node 1
    expect(ram.srat.lines).toEqual(['ACPI: SRAT: Node 1 PXM 3 [mem 0x480000000-0x8801fffff] hotplug']);
    expect(ram.iomem.lines).toEqual(['480000000-87fffffff : System RAM']);
    expect(ram.cmdline.qemu.join(' ')).toBe('-object memory-backend-ram,id=hbm0-mem,size=16G -device pc-dimm,id=hbm0,memdev=hbm0-mem,node=1,addr=0x480000000');
  });
  it('every statement has a source', () => {
    for (const w of r.ways) {
      for (const s of [w.e820, w.srat, w.iomem, w.whoMayUse, w.kernelDefault, ...w.caveats]) expect(s.sources.length, s.text).toBeGreaterThan(0);
    }
  });
  it('before 6.3: device-dax', () => {
    const old = learnRange(layout, sel, { doc, kernel: 'pre-6.3' });
    // hbm0 alone: [0x480000000, 0x87fffffff]
    expect(old.ways[0].iomem.lines).toEqual([
      '480000000-87fffffff : hmem.0',
      '  480000000-87fffffff : Soft Reserved',
      '    480000000-87fffffff : dax0.0',
    ]);
    expect(old.ways[0].kernelDefault.text).toContain('/dev/dax0.0');
  });
});

describe('a node that already has RAM', () => {
  it('RESERVED cannot reuse node 0: the panel says so', () => {
    const doc = presetDocument('upstream-qtest')!;
    const layout = computeMachine(doc).layout!;
    const sp0 = layout.devices[0]!;
    const r = learnRange(layout, selectionOfDevice(layout, sp0.optionIndex)!, { doc });
    expect(r.ways[1].range).toBeNull();
    expect(r.ways[1].cmdline.guestKernel).toBe("memmap=128M$<address of node 0's RAM>");
    expect(r.ways[1].caveats.at(-1)!.text).toContain('node 0 already has RAM');
    // as a DIMM: the whole window is one hotpluggable entry again (PXM 0), window [0x100000000, 0x1f0000000)
    expect(r.ways[2].srat.lines).toEqual(['ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0x1efffffff] hotplug']);
  });
  it('sizes as QEMU takes them', () => {
    expect(qemuSizeText(16n << 30n)).toBe('16G');
    expect(qemuSizeText(514n << 20n)).toBe('514M');
    expect(qemuSizeText(3000n)).toBe('3000');
  });
});

describe('guided tour', () => {
  const steps = guidedTour();
  it('points at known test ids, in order', () => {
    // no sp-mem ranges touch in the example: no 'adjacent-merge' step
    expect(steps.map((s) => s.id)).not.toContain('adjacent-merge');
    expect(steps.map((s) => s.target)).toEqual(['block-hbm0', 'srat-table', 'window-inspector', 'guest-view', 'learn-panel']);
    for (const s of steps) {
      expect((TOUR_TARGETS as readonly string[]).includes(s.target)).toBe(true);
      expect(s.sources.length).toBeGreaterThan(0);
    }
  });
  it('quotes the example\'s own figures', () => {
    expect(steps[0]!.text).toContain('16 GiB');
    expect(steps[0]!.text).toContain('0x480000000');
    // SRAT partition of the window: hbm0, gap, hbm1, gap, hbm2, trailing gap
    expect(steps[1]!.text).toContain('3 sp-mem entries and 3 hotpluggable gaps');
    // trailing gap [0x1080400000, 0x1980000000) = 0x8ffc00000 = 36G - 4M = 36860 MiB; the two 2 MiB gaps are 4 MiB
    expect(steps[2]!.text).toContain('sit at the bottom of the window');
    expect(steps[2]!.text).toContain('one range of 36860 MiB');
    expect(steps[2]!.text).toContain('other 2 hotpluggable ranges (4 MiB in all)');
    // one dax device per sp-mem, in address order. Linux node ids in order of first appearance: PXM 0 (CPUs, RAM) 0,
    // PXM 1 (hbm0) 1, PXM 3 (the gap after hbm0) 2, PXM 2 (hbm1) 3
    expect(steps[3]!.text).toContain('hbm0 becomes dax0.0 on node 1, hbm1 becomes dax1.0 on node 3 and hbm2 becomes dax2.0 on node 2');
    expect(steps[3]!.text).toContain('PXM 2 is node 3, PXM 3 is node 2');
  });
});
