import { describe, expect, it } from 'vitest';
import { computeMapModel, computeRegions, freeRanges } from './map-model.ts';
import { computeMachine } from '../../core/machine/index.ts';
import { parseQemuArgs } from '../../core/syntax/index.ts';

const GiB = 1n << 30n;

function layoutOf(args: string) {
  const p = parseQemuArgs(args.trim().split(/\s+/));
  if (!p.ok) throw new Error('parse');
  const r = computeMachine(p.doc);
  if (!r.layout) throw new Error(r.error?.message);
  return r.layout;
}

describe('map model', () => {
  it('cuts free ranges around used ones', () => {
    expect(freeRanges(0n, 100n, [{ start: 10n, end: 20n }, { start: 50n, end: 60n }])).toEqual([
      { start: 0n, end: 10n },
      { start: 20n, end: 50n },
      { start: 60n, end: 100n },
    ]);
    expect(freeRanges(0n, 10n, [{ start: 0n, end: 10n }])).toEqual([]);
  });

  it('lays out the regions of the example machine (q35, 16 GiB, maxmem 96 GiB, 4 slots, AMD CPU)', () => {
    const regions = computeRegions(layoutOf(`
      -machine q35 -cpu EPYC -smp 8,sockets=1,cores=8 -m 16G,slots=4,maxmem=96G
      -object memory-backend-ram,id=ram0,size=16G -numa node,nodeid=0,memdev=ram0,cpus=0-7`));
    // q35 with RAM ≥ 2.75 GiB: 2 GiB below 4G, 14 GiB above; window at 18 GiB, (96-16) + 4×1 = 84 GiB long;
    // 64-bit PCI hole at 102 GiB, 32 GiB (q35); AMD CPU with phys-bits 40: the HT hole 1012 GiB – 1 TiB
    const summary = regions.map((r) => [r.kind, r.start, r.end]);
    expect(summary).toEqual([
      ['ram', 0n, 0xa0000n],
      ['hole-640k', 0xa0000n, 0x100000n],
      ['ram', 0x100000n, 2n * GiB],
      ['pci-hole', 2n * GiB, 4n * GiB],
      ['ram', 4n * GiB, 18n * GiB],
      ['window', 18n * GiB, 102n * GiB],
      ['pci-hole64', 102n * GiB, 134n * GiB],
      ['unused', 134n * GiB, 1012n * GiB],
      ['amd-ht', 1012n * GiB, 1024n * GiB],
    ]);
  });

  it('places the devices and the free window, and breaks the axis at every boundary', () => {
    const m = computeMapModel(
      layoutOf(`
      -machine q35 -cpu EPYC -smp 8,sockets=1,cores=8 -m 16G,slots=4,maxmem=96G
      -object memory-backend-ram,id=ram0,size=16G
      -numa node,nodeid=0,memdev=ram0,cpus=0-7 -numa node,nodeid=1 -numa node,nodeid=2 -numa node,nodeid=3
      -object memory-backend-ram,id=hbm0-mem,size=16G -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1
      -object memory-backend-ram,id=hbm1-mem,size=16G -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2
      -object memory-backend-ram,id=hbm2-mem,size=16G -device sp-mem,id=hbm2,memdev=hbm2-mem,node=3
      -object memory-backend-ram,id=dimm0-mem,size=4G -device pc-dimm,id=dimm0,memdev=dimm0-mem,node=0`),
    );
    // hbm0..2 (16 GiB sp-mem) first-fit from the window base, then the 4 GiB dimm
    expect(m.devices.map((d) => [d.key, d.driver, d.node, d.start])).toEqual([
      ['hbm0', 'sp-mem', 1, 18n * GiB],
      ['hbm1', 'sp-mem', 2, 34n * GiB],
      ['hbm2', 'sp-mem', 3, 50n * GiB],
      ['dimm0', 'pc-dimm', 0, 66n * GiB],
    ]);
    expect(m.windowFree).toEqual([{ start: 70n * GiB, end: 102n * GiB }]);
    expect(m.nodeIds).toEqual([0, 1, 2, 3]);
    for (const p of [0xa0000n, 0x100000n, 2n * GiB, 4n * GiB, 18n * GiB, 34n * GiB, 70n * GiB, 1024n * GiB]) {
      expect(m.breakpoints).toContain(p);
    }
    expect(m.domainEnd).toBe(1024n * GiB);
  });

  it('draws RAM relocated above 1 TiB', () => {
    const regions = computeRegions(layoutOf('-machine q35 -cpu qemu64,phys-bits=48 -m 4G,slots=1,maxmem=1010G'));
    const ramAbove = regions.find((r) => r.kind === 'ram' && r.start >= 4n * GiB)!;
    expect(ramAbove.start).toBe(1024n * GiB);
    expect(ramAbove.label).toBe('RAM above 1 TiB');
    expect(regions.find((r) => r.kind === 'window')!.label).toContain('above 1 TiB');
  });
});

describe('map model across results', () => {
  it('keeps the block of every unchanged device (the client keeps their objects), so only changed blocks redraw', () => {
    const layout = layoutOf(`-machine q35 -m 2G,slots=4,maxmem=16G
      -object memory-backend-ram,id=r0,size=1G -numa node,nodeid=0,memdev=r0 -object memory-backend-ram,id=r1,size=1G -numa node,nodeid=1,memdev=r1
      -object memory-backend-ram,id=a,size=1G -device sp-mem,id=a0,memdev=a,node=0
      -object memory-backend-ram,id=b,size=1G -device pc-dimm,id=b0,memdev=b,node=1`);
    const first = computeMapModel(layout);
    // the next result as the client rebuilds it: the same objects for unchanged devices, a new one for b0
    const moved = { ...layout.devices[1]!, node: 0 };
    const next = computeMapModel({ ...layout, devices: [layout.devices[0]!, moved] });
    expect(next.devices[0]).toBe(first.devices[0]);
    expect(next.devices[1]).not.toBe(first.devices[1]);
    expect(next.devices[1]).toEqual({ ...first.devices[1], node: 0 });
  });
});
