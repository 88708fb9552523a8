/**
 * sp-mem hand computations from shared/docs/sp-mem.md and shared/docs/qemu-memory.md. Every expected address
 * and entry below is worked out in the comments from the documented rules, not taken from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeDesign } from '../designer/index.ts';
import { formatQemuError } from '../base/index.ts';
import { decodeSrat } from '../tables/index.ts';
import { decodeE820 } from '../tables/index.ts';
import type { MachineResult, SratEntry } from './results.ts';

const E820_SOFT_RESERVED = 0xefffffff;
const AMD_HT = { address: 0xfd00000000n, length: 0x300000000n, type: 2 };

function run(line: string): MachineResult {
  const p = parseQemuArgs(line.trim().split(/\s+/));
  if (!p.ok) throw new Error('parse failed: ' + formatQemuError(p.error));
  return computeDesign(p.doc);
}

function accepted(line: string) {
  const r = run(line);
  if (r.error) throw new Error('rejected: ' + formatQemuError(r.error));
  return r.layout!;
}

function rejected(line: string): string {
  const r = run(line);
  expect(r.layout).toBeNull();
  return formatQemuError(r.error!);
}

type Mem = [pxm: number, base: bigint, length: bigint, flags: number];

/** The memory-affinity entries of the SRAT as the guest would decode its bytes. */
function memEntries(bytes: Uint8Array): Mem[] {
  const d = decodeSrat(bytes)!;
  expect(d.checksumOk).toBe(true);
  return d.entries
    .filter((e): e is Extract<SratEntry, { type: 'memory' }> => e.type === 'memory')
    .map((e) => [e.proximityDomain, e.baseAddress, e.length, e.flags]);
}

const PAD: Mem = [0, 0n, 0n, 0];

describe('sp-mem: the upstream qtest configuration', () => {
  // q35, 256 MiB RAM (< 2.75 GiB: all below 4 GiB), window base = round_up(4 GiB, 1 GiB) = 0x1_0000_0000,
  // window size = (2 GiB − 256 MiB) + 2 slots × 1 GiB = 0x7000_0000 + 0x8000_0000 = 0xf000_0000.
  const line = `-machine q35 -m 256M,slots=2,maxmem=2G -object memory-backend-ram,id=ram0,size=256M
    -numa node,nodeid=0,memdev=ram0 -object memory-backend-ram,id=spm0,size=128M
    -device sp-mem,id=sp0,memdev=spm0,node=0`;

  it('places the device at the window base and adds one SOFT_RESERVED entry after QEMU’s own', () => {
    const l = accepted(line);
    expect(l.window).toMatchObject({ base: 0x100000000n, size: 0xf0000000n });
    expect(l.devices.map((d) => [d.id, d.addr, d.size])).toEqual([['sp0', 0x100000000n, 0x8000000n]]);
    expect(decodeE820(l.e820Bytes)).toEqual([
      AMD_HT,
      { address: 0n, length: 0x10000000n, type: 1 },
      { address: 0x100000000n, length: 0x8000000n, type: E820_SOFT_RESERVED },
    ]);
  });

  it('splits the umbrella around the sp-mem range (no leading gap: it sits at the base)', () => {
    const l = accepted(line);
    // node 0 RAM cut at 640K; 2 RAM entries < 1 node + 2 → one padding entry; then the sp-mem entry at its
    // node with flags ENABLED, then the trailing gap [0x1_0800_0000, window end) HOTPLUGGABLE|ENABLED at PXM 0.
    expect(memEntries(l.srat!.bytes)).toEqual([
      [0, 0n, 0xa0000n, 1],
      [0, 0x100000n, 0xff00000n, 1],
      PAD,
      [0, 0x100000000n, 0x8000000n, 1],
      [0, 0x108000000n, 0xf0000000n - 0x8000000n, 3],
    ]);
    // 48-byte header + 1 LAPIC (16) + 5 memory entries (40 each)
    expect(l.srat!.bytes.length).toBe(48 + 16 + 5 * 40);
  });

  it('reports the device through query-memory-devices with kind sp-mem', () => {
    const l = accepted(line);
    expect(l.memoryDevices).toEqual([
      { type: 'sp-mem', data: { id: 'sp0', addr: 0x100000000n, size: 0x8000000n, node: 0, memdev: '/objects/spm0' } },
    ]);
    expect(l.infoMemoryDevices).toBe(
      'Memory device [sp-mem]: "sp0"\n  addr: 0x100000000\n  node: 0\n  size: 134217728\n  memdev: /objects/spm0\n',
    );
  });
});

describe('sp-mem: two devices on two nodes', () => {
  // q35 4 GiB: ≥ 2.75 GiB → 2 GiB below, 2 GiB above at 4 GiB; above end 6 GiB = window base 0x1_8000_0000.
  // window size = (24 − 4) GiB + 2 × 1 GiB = 22 GiB = 0x5_8000_0000; end = 0x7_0000_0000.
  // Three nodes: node 0 = 4 GiB RAM, nodes 1 and 2 memory-less; hotplug PXM = 3 − 1 = 2.
  const line = `-machine q35 -smp 2 -m 4G,slots=2,maxmem=24G -object memory-backend-ram,id=ram0,size=4G
    -numa node,nodeid=0,memdev=ram0 -numa node,nodeid=1 -numa node,nodeid=2
    -object memory-backend-ram,id=h1,size=4G -device sp-mem,id=hbm1,memdev=h1,node=1
    -object memory-backend-ram,id=h2,size=2G -device sp-mem,id=hbm2,memdev=h2,node=2`;

  it('places them first-fit one after the other', () => {
    const l = accepted(line);
    // hbm1 at the base 0x1_8000_0000 (4 GiB → ends 0x2_8000_0000), hbm2 right after.
    expect(l.devices.map((d) => [d.id, d.addr, d.node])).toEqual([
      ['hbm1', 0x180000000n, 1],
      ['hbm2', 0x280000000n, 2],
    ]);
  });

  it('lists one SOFT_RESERVED entry per device, in -device order, after RAM', () => {
    const l = accepted(line);
    expect(decodeE820(l.e820Bytes)).toEqual([
      AMD_HT,
      { address: 0n, length: 0x80000000n, type: 1 },
      { address: 0x100000000n, length: 0x80000000n, type: 1 },
      { address: 0x180000000n, length: 0x100000000n, type: E820_SOFT_RESERVED },
      { address: 0x280000000n, length: 0x80000000n, type: E820_SOFT_RESERVED },
    ]);
  });

  it('gives each range its node and keeps the gap at PXM nodes−1', () => {
    const l = accepted(line);
    // node 0: [0,640K) [1M,2G) [4G,6G); 3 RAM entries < 3 + 2 → 2 padding; then hbm1 (PXM 1), hbm2 (PXM 2),
    // trailing gap [0x3_0000_0000, 0x7_0000_0000) = 16 GiB at PXM 2 flags 3.
    expect(memEntries(l.srat!.bytes)).toEqual([
      [0, 0n, 0xa0000n, 1],
      [0, 0x100000n, 0x7ff00000n, 1],
      [0, 0x100000000n, 0x80000000n, 1],
      PAD,
      PAD,
      [1, 0x180000000n, 0x100000000n, 1],
      [2, 0x280000000n, 0x80000000n, 1],
      [2, 0x300000000n, 0x400000000n, 3],
    ]);
  });
});

describe('sp-mem at an explicit address between two DIMMs', () => {
  // q35 2 GiB (< 2.75 GiB: all below); window base 4 GiB; size = (16 − 2) + 4 slots = 18 GiB → end 0x5_8000_0000.
  // d0 (1 GiB) auto → 0x1_0000_0000; sp0 addr=0x1_8000_0000 (1 GiB); d1 (1 GiB) auto: first fit after d0
  // is 0x1_4000_0000, which is free ([0x1_4000_0000, 0x1_8000_0000) does not overlap sp0).
  const line = `-machine q35 -m 2G,slots=4,maxmem=16G
    -object memory-backend-ram,id=m0,size=1G -device pc-dimm,id=d0,memdev=m0
    -object memory-backend-ram,id=s0,size=1G -device sp-mem,id=sp0,memdev=s0,addr=0x180000000
    -object memory-backend-ram,id=m1,size=1G -device pc-dimm,id=d1,memdev=m1`;

  it('keeps the explicit address and fills the gap below it first-fit', () => {
    const l = accepted(line);
    expect(l.devices.map((d) => [d.id, d.addr, d.slot])).toEqual([
      ['d0', 0x100000000n, 0],
      ['sp0', 0x180000000n, null],
      ['d1', 0x140000000n, 1],
    ]);
  });

  it('splits the umbrella into a leading gap, the sp-mem range and a trailing gap; DIMMs stay inside the gaps', () => {
    const l = accepted(line);
    // implicit node 0 (slots > 0), hotplug PXM 0; RAM [0,640K) [1M,2G); 2 entries < 1 + 2 → 1 padding.
    expect(memEntries(l.srat!.bytes)).toEqual([
      [0, 0n, 0xa0000n, 1],
      [0, 0x100000n, 0x7ff00000n, 1],
      PAD,
      [0, 0x100000000n, 0x80000000n, 3],
      [0, 0x180000000n, 0x40000000n, 1],
      [0, 0x1c0000000n, 0x580000000n - 0x1c0000000n, 3],
    ]);
  });

  it('warns that the sp-mem fragments the window, without refusing it', () => {
    const r = run(line);
    expect(r.error).toBeNull();
    expect(r.diagnostics.some((d) => d.kind === 'spm/fragments-window')).toBe(true);
  });
});

describe('sp-mem on the last node', () => {
  // pc 4 GiB: ≥ 3.5 GiB → 3 GiB below, 1 GiB above; window base 5 GiB; size (8−4) + 1 = 5 GiB → end 10 GiB.
  // Two nodes: node 0 all RAM, node 1 memory-less holding the sp-mem; hotplug PXM = 1, the same node.
  const line = `-machine pc -m 4G,slots=1,maxmem=8G -object memory-backend-ram,id=ram0,size=4G
    -numa node,memdev=ram0 -numa node -object memory-backend-ram,id=s,size=2G
    -device sp-mem,id=hbm,memdev=s,node=1`;

  it('emits the sp-mem entry and the gap both at PXM 1, differing only in flags', () => {
    const l = accepted(line);
    expect(memEntries(l.srat!.bytes)).toEqual([
      [0, 0n, 0xa0000n, 1],
      [0, 0x100000n, 0xbff00000n, 1],
      [0, 0x100000000n, 0x40000000n, 1],
      PAD,
      [1, 0x140000000n, 0x80000000n, 1],
      [1, 0x1c0000000n, 0xc0000000n, 3],
    ]);
  });
});

describe('a window with no sp-mem keeps the single stock umbrella', () => {
  it('pc 4G,slots=2,maxmem=8G (golden G2 of qemu-memory.md)', () => {
    const l = accepted('-machine pc -m 4G,slots=2,maxmem=8G');
    expect(memEntries(l.srat!.bytes).at(-1)).toEqual([0, 0x140000000n, 0x180000000n, 3]);
  });
});

describe('sp-mem errors (QEMU 11.1 wording, sp-mem.md)', () => {
  const base = '-machine q35 -m 2G,slots=2,maxmem=8G -object memory-backend-ram,id=r0,size=2G -numa node,memdev=r0';

  it('refuses a missing memdev', () => {
    expect(rejected(`${base} -device sp-mem,id=d0`)).toBe("-device sp-mem,id=d0: 'memdev' property must be set");
  });

  it('refuses a backend already used by a NUMA node', () => {
    expect(rejected(`${base} -device sp-mem,id=d0,memdev=r0`)).toBe(
      "-device sp-mem,id=d0,memdev=r0: memory backend 'r0' is already in use",
    );
  });

  it('refuses a backend already used by another device', () => {
    expect(
      rejected(`${base} -object memory-backend-ram,id=s,size=1G -device sp-mem,id=a,memdev=s -device sp-mem,id=b,memdev=s`),
    ).toBe("-device sp-mem,id=b,memdev=s: memory backend 's' is already in use");
  });

  it('refuses a node beyond the NUMA nodes, counting 0 nodes when there is no NUMA', () => {
    expect(rejected(`${base} -object memory-backend-ram,id=s,size=1G -device sp-mem,id=d0,memdev=s,node=1`)).toBe(
      "-device sp-mem,id=d0,memdev=s,node=1: 'node' property value 1 exceeds the number of NUMA nodes (1)",
    );
    expect(rejected('-machine q35 -m 2G -object memory-backend-ram,id=s,size=1G -device sp-mem,id=d0,memdev=s,node=3')).toBe(
      "-device sp-mem,id=d0,memdev=s,node=3: 'node' property value 3 exceeds the number of NUMA nodes (0)",
    );
  });

  it('refuses a machine without a hotplug window with the generic message', () => {
    expect(
      rejected('-machine q35 -m 2G -object memory-backend-ram,id=r0,size=2G -numa node,memdev=r0 -object memory-backend-ram,id=s,size=1G -device sp-mem,id=d0,memdev=s'),
    ).toBe(
      '-device sp-mem,id=d0,memdev=s: the configuration is not prepared for memory devices (e.g., for memory hotplug), consider specifying the maxmem option',
    );
  });

  it('refuses an address off the 2 MiB RAM-backend alignment, and an overlap', () => {
    expect(rejected(`${base} -object memory-backend-ram,id=s,size=1G -device sp-mem,id=d0,memdev=s,addr=0x100100000`)).toBe(
      '-device sp-mem,id=d0,memdev=s,addr=0x100100000: address must be aligned to 0x200000 bytes',
    );
    expect(
      rejected(
        `${base} -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d1,memdev=m -object memory-backend-ram,id=s,size=1G -device sp-mem,id=d2,memdev=s,addr=0x120000000`,
      ),
    ).toBe("-device sp-mem,id=d2,memdev=s,addr=0x120000000: address range conflicts with memory device id='d1'");
  });

  it('counts its size against maxmem − mem like a DIMM', () => {
    // 8 GiB − 2 GiB = 6 GiB of room; a 4 GiB sp-mem then a 4 GiB one: 4 GiB in use of 6 GiB
    expect(
      rejected(
        `${base} -object memory-backend-ram,id=a,size=4G -device sp-mem,id=x,memdev=a -object memory-backend-ram,id=b,size=4G -device sp-mem,id=y,memdev=b`,
      ),
    ).toBe('-device sp-mem,id=y,memdev=b: not enough space, currently 0x100000000 in use of total space for memory devices 0x180000000');
  });

  it('takes no slot: slots=1 accepts a pc-dimm and an sp-mem', () => {
    const l = accepted(
      '-machine q35 -m 2G,slots=1,maxmem=8G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m -object memory-backend-ram,id=s,size=1G -device sp-mem,id=p,memdev=s',
    );
    expect(l.devices.map((d) => [d.id, d.slot])).toEqual([
      ['d', 0],
      ['p', null],
    ]);
  });
});

describe('designer warnings around sp-mem', () => {
  // q35 2G: window base 4 GiB. Two 1 GiB sp-mem on nodes 1 and 2, auto-placed: 0x1_0000_0000 and 0x1_4000_0000 —
  // the first ends exactly where the second starts.
  const touching = `-machine q35 -m 2G,slots=2,maxmem=16G -object memory-backend-ram,id=r,size=2G -numa node,memdev=r
    -numa node -numa node -object memory-backend-ram,id=a,size=1G -device sp-mem,id=s1,memdev=a,node=1
    -object memory-backend-ram,id=b,size=1G -device sp-mem,id=s2,memdev=b,node=2`;

  it('warns when two sp-mem ranges on different nodes touch (Linux merges them)', () => {
    const r = run(touching);
    const w = r.diagnostics.filter((d) => d.kind === 'spm/adjacent-merge');
    expect(w.length).toBe(1);
    expect(w[0]!.message).toContain('0x140000000');
  });

  it('does not warn once a 2 MiB gap separates them, and a gap smaller than a memory block does not fragment', () => {
    const r = run(touching.replace('node=2', 'node=2,addr=0x140200000'));
    expect(r.error).toBeNull();
    expect(r.diagnostics.some((d) => d.kind === 'spm/adjacent-merge')).toBe(false);
    expect(r.diagnostics.some((d) => d.kind === 'spm/fragments-window')).toBe(false);
  });

  it('the example machine is free of both warnings', () => {
    const r = run(
      `-machine q35 -cpu EPYC -smp 8,sockets=1,cores=8 -m 16G,slots=4,maxmem=96G -object memory-backend-ram,id=ram0,size=16G
      -numa node,nodeid=0,memdev=ram0,cpus=0-7 -numa node,nodeid=1 -numa node,nodeid=2 -numa node,nodeid=3
      -object memory-backend-ram,id=h0,size=16G -device sp-mem,id=hbm0,memdev=h0,node=1,addr=0x480000000
      -object memory-backend-ram,id=h1,size=16G -device sp-mem,id=hbm1,memdev=h1,node=2,addr=0x880200000
      -object memory-backend-ram,id=h2,size=16G -device sp-mem,id=hbm2,memdev=h2,node=3,addr=0xc80400000
      -object memory-backend-ram,id=d,size=4G -device pc-dimm,id=dimm0,memdev=d,node=0`,
    );
    expect(r.error).toBeNull();
    expect(r.diagnostics.filter((d) => d.kind === 'spm/adjacent-merge' || d.kind === 'spm/fragments-window')).toEqual([]);
    // PXMs in SRAT order: CPUs 0, RAM 0, hbm0 1, gap 3 (hotplug PXM = 4 nodes − 1), hbm1 2, gap 3, hbm2 3, gap 3:
    // first appearances 0, 1, 3, 2 → Linux node 2 is PXM 3 and node 3 is PXM 2
    const renumber = r.diagnostics.find((d) => d.kind === 'numa/guest-renumbered');
    expect(renumber?.message).toContain('QEMU node 3 → Linux node 2, QEMU node 2 → Linux node 3');
  });
});
