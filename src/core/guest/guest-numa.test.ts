/**
 * numactl -H, memory tiers and the HMAT dmesg lines, against hand computations from the kernel's formulas
 * (mm/memory-tiers.c, drivers/acpi/numa/hmat.c, drivers/acpi/numa/srat.c) and numactl's print format.
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import { guestView } from './guest-view.ts';
import type { GuestKernel } from './guest-sp-mem.ts';
import { hmatNormalize, memoryTierOf, nodeList, perfToAdistance, MEMTIER_ADISTANCE_DRAM, MEMTIER_DEFAULT_DAX_ADISTANCE } from './guest-numa.ts';

const view = (line: string, kernel: GuestKernel = '7.x') => {
  const p = parseQemuArgs(line.split(/\s+/));
  if (!p.ok) throw new Error('parse');
  const r = computeMachine(p.doc);
  if (!r.layout) throw new Error(JSON.stringify(r.error));
  return guestView(r.layout, { firmware: 'ovmf', kernel });
};
const lb = (i: number, t: number, kind: 'latency' | 'bandwidth', v: string) =>
  `-numa hmat-lb,initiator=${i},target=${t},hierarchy=memory,data-type=access-${kind},${kind}=${v}`;
/** node 0: CPUs + 1 GiB; node 1: an sp-mem HBM (512 MiB), memory only; node 2: an accelerator as generic initiator */
const HBM = (lat: string, bw: string, dist = '-numa dist,src=0,dst=1,val=17 -numa dist,src=0,dst=2,val=20 -numa dist,src=1,dst=2,val=15') =>
  [
    '-nodefaults -machine q35,hmat=on -smp 2 -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m0,size=1G -object memory-backend-ram,id=hbm,size=512M',
    '-numa node,nodeid=0,memdev=m0,cpus=0-1 -numa node,nodeid=1,initiator=0 -numa node,nodeid=2 -device sp-mem,id=hbm0,memdev=hbm,node=1',
    '-device virtio-net-pci,id=acc0 -object acpi-generic-initiator,id=gi0,pci-dev=acc0,node=2',
    dist,
    lb(0, 0, 'latency', '100'), lb(0, 1, 'latency', lat), lb(2, 1, 'latency', '50'),
    lb(0, 0, 'bandwidth', '20G'), lb(0, 1, 'bandwidth', bw), lb(2, 1, 'bandwidth', '400G'),
  ].join(' ');

describe('the kernel formulas', () => {
  it('MEMTIER_ADISTANCE_DRAM = 4 × 128 + 128/2, kmem default = 5 ×; tiers are adistance >> 7', () => {
    expect(MEMTIER_ADISTANCE_DRAM).toBe(576);
    expect(MEMTIER_DEFAULT_DAX_ADISTANCE).toBe(2880);
    expect(memoryTierOf(576)).toBe(4); // 576 = 4 × 128 + 64
    expect(memoryTierOf(2880)).toBe(22); // 2880 = 22 × 128 + 64
  });
  it('HBM at 150 ns / 100 GiB/s against DRAM at 100 ns / 20 GiB/s', () => {
    // 576 × (150+150) / (100+100) = 864; 864 × (20480+20480) / (102400+102400) = 172.8 → 172; 172 >> 7 = 1
    const a = perfToAdistance({ readLatency: 150, writeLatency: 150, readBandwidth: 102400, writeBandwidth: 102400 }, { readLatency: 100, writeLatency: 100, readBandwidth: 20480, writeBandwidth: 20480 });
    expect(a).toBe(172);
    expect(memoryTierOf(a)).toBe(1);
  });
  it('entries: revision 2 latency in ps rounded up to ns; 0xffff and overflow read as 0', () => {
    expect(hmatNormalize(10, 10000n, 0)).toBe(100); // 10 × 10000 ps = 100 ns
    expect(hmatNormalize(3, 333n, 1)).toBe(1); // 999 ps → 1 ns
    expect(hmatNormalize(10, 2048n, 3)).toBe(20480);
    expect(hmatNormalize(0xffff, 1n, 3)).toBe(0);
    expect(hmatNormalize(2, 0x80000000n, 3)).toBe(0); // 2^32 > UINT_MAX
  });
  it('node lists as %*pbl prints them', () => expect(nodeList([3, 0, 1, 5, 6])).toBe('0-1,3,5-6'));
});

describe('an HBM accelerator machine', () => {
  it('Linux numbers the generic initiator before the memory-only HBM node', () => {
    const v = view(HBM('150', '100G'));
    expect(v.pxmToNode).toEqual([{ pxm: 0, node: 0 }, { pxm: 2, node: 1 }, { pxm: 1, node: 2 }]);
    expect(v.dmesgSrat[2]).toBe('ACPI: SRAT: Node 2 PXM 1 [mem 0x100000000-0x11fffffff]');
  });
  it('numactl -H: the distances of the SLIT by PXM, the HBM node only once kmem onlined it', () => {
    const v = view(HBM('150', '100G'));
    const t = (l: { text: string }[]) => l.map((x) => x.text);
    expect(t(v.numa.devdax.numactl).slice(-4)).toEqual(['node distances:', 'node   0   1 ', '  0:  10  20 ', '  1:  20  10 ']);
    // node 1 = PXM 2, node 2 = PXM 1: d(0,1) = dist(0,2) = 20, d(0,2) = dist(0,1) = 17, d(1,2) = dist(2,1) = 15
    expect(t(v.numa.kmem.numactl).slice(-5)).toEqual(['node distances:', 'node   0   1   2 ', '  0:  10  20  17 ', '  1:  20  10  15 ', '  2:  17  15  10 ']);
    expect(t(v.numa.kmem.numactl)).toContain('node 2 size: 512 MB');
    expect(t(v.numa.kmem.numactl)[0]).toBe('available: 3 nodes (0-2)');
  });
  it('tiers: HMAT places the HBM above DRAM on 7.x; Linux 6.1 uses kmem\'s default', () => {
    expect(view(HBM('150', '100G')).numa.kmem.tiers.map((l) => l.text)).toEqual([
      '/sys/devices/virtual/memory_tiering/memory_tier1/nodelist:2',
      '/sys/devices/virtual/memory_tiering/memory_tier4/nodelist:0',
    ]);
    expect(view(HBM('150', '100G'), 'pre-6.3').numa.kmem.tiers.map((l) => l.text)).toEqual([
      '/sys/devices/virtual/memory_tiering/memory_tier22/nodelist:2',
      '/sys/devices/virtual/memory_tiering/memory_tier4/nodelist:0',
    ]);
    // slower than DRAM: 576 × 800/200 = 2304; 2304 × 40960 / (2 × 5120) = 9216 → tier 72
    expect(view(HBM('400', '5G')).numa.nodeTiers.find((n) => n.node === 2)).toMatchObject({ adistance: 9216, tier: 72 });
  });
  it('without -numa dist numactl shows 10 / 20; a remote distance of 10 makes Linux drop the SLIT', () => {
    const none = view(HBM('150', '100G', ''));
    expect(none.numa.kmem.numactl.slice(-3).map((l) => l.text)).toEqual(['  0:  10  20  20 ', '  1:  20  10  20 ', '  2:  20  20  10 ']);
    const bad = view(HBM('150', '100G', '-numa dist,src=0,dst=1,val=10 -numa dist,src=0,dst=2,val=20 -numa dist,src=1,dst=2,val=15'));
    expect(bad.numa.dmesg[0]!.text).toBe('ACPI: SLIT table looks invalid. Not used.');
    expect(bad.numa.kmem.numactl.at(-1)!.text).toBe('  2:  20  20  10 ');
  });
  it('without HMAT, kmem\'s default tier; the HMAT dmesg lines per kernel', () => {
    const plain = view(HBM('150', '100G').replace('hmat=on', 'hmat=off').replace(',initiator=0', '').replace(/-numa hmat-lb\S+/g, ''));
    expect(plain.numa.nodeTiers.map((n) => [n.node, n.tier])).toEqual([[0, 4], [2, 22]]);
    expect(plain.numa.dmesg).toEqual([]);
    expect(view(HBM('150', '100G')).numa.dmesg.map((l) => l.text)).toEqual(['acpi/hmat: Memory Flags:0001 Processor Domain:0 Memory Domain:0']);
    expect(view(HBM('150', '100G'), 'pre-6.3').numa.dmesg.length).toBe(1 + 2 * (1 + 6));
  });
});
