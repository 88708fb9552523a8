/**
 * virtio-mem-pci and virtio-pmem-pci in the hotplug window. Expected values are those real QEMU 7.2.22 and 11.1.3
 * reported for the same command lines (query-memory-devices and error text, captured with the harness of
 * src/cli/qemu, `-M q35 -m 2G,slots=4,maxmem=16G`: window [0x100000000, +0x480000000)), each also worked out in
 * the comments from the memory-device rules (qemu-memory.md §3).
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { formatQemuError } from '../base/index.ts';
import { decodeSrat } from '../tables/index.ts';
import { computeMachine, memoryDevicesToJson, type QemuVersion } from './index.ts';
import { computeDesign } from '../designer/index.ts';

const W = '-M q35 -m 2G,slots=4,maxmem=16G';
const G = 1n << 30n;
const M = 1n << 20n;

function run(line: string, version: QemuVersion = '11.1') {
  const p = parseQemuArgs(line.trim().split(/\s+/));
  if (!p.ok) throw new Error('parse failed: ' + formatQemuError(p.error));
  return computeMachine(p.doc, { qemuVersion: version });
}

function accepted(line: string, version: QemuVersion = '11.1') {
  const r = run(line, version);
  if (r.error) throw new Error('rejected: ' + formatQemuError(r.error));
  return r.layout!;
}

function refusal(line: string, version: QemuVersion = '11.1'): string {
  const r = run(line, version);
  expect(r.layout).toBeNull();
  return r.error!.message;
}

describe('virtio-mem-pci placement', () => {
  it('takes its memdev size between two DIMMs, moving the one after it (both releases)', () => {
    // d0 1G at the base 0x100000000; v0 (2G, block 2M) first fit at 0x140000000; d1 1G after it at 0x1c0000000
    for (const v of ['7.2', '11.1'] as const) {
      const l = accepted(
        `${W} -object memory-backend-ram,id=m0,size=1G -device pc-dimm,id=d0,memdev=m0 -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=vm0,memdev=m1,requested-size=0 -object memory-backend-ram,id=m2,size=1G -device pc-dimm,id=d1,memdev=m2`,
        v,
      );
      expect(l.devices.map((d) => [d.id, d.addr, d.size, d.slot])).toEqual([
        ['d0', 0x100000000n, G, 0],
        ['vm0', 0x140000000n, 2n * G, null],
        // virtio-mem takes no slot: d1 gets slot 1 after d0's 0
        ['d1', 0x1c0000000n, G, 1],
      ]);
      // QEMU: {"type":"virtio-mem","data":{"memdev":"/objects/m1","memaddr":5368709120,"block-size":2097152,"size":0,
      //   "node":0,"max-size":2147483648,"requested-size":0,"id":"vm0"}}
      const info = JSON.parse(memoryDevicesToJson(l.memoryDevices)) as Array<{ type: string; data: Record<string, unknown> }>;
      expect(info[1]).toEqual({
        type: 'virtio-mem',
        data: { memdev: '/objects/m1', memaddr: 5368709120, 'block-size': 2097152, size: 0, node: 0, 'max-size': 2147483648, 'requested-size': 0, id: 'vm0' },
      });
    }
  });

  it('aligns to a 1 GiB block size: after a 2 MiB DIMM it starts at the next GiB', () => {
    // d at 0x100000000 (2M); v needs align 1G → round_up(0x100200000, 1G) = 0x140000000 (QEMU: memaddr 5368709120)
    const l = accepted(`${W} -object memory-backend-ram,id=m2,size=2M -device pc-dimm,id=d,memdev=m2 -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,block-size=1G`);
    expect(l.devices[1]!.addr).toBe(0x140000000n);
    expect(l.devices[1]!.align).toBe(G);
    expect(l.devices[1]!.virtioMem).toEqual({ blockSize: G, requestedSize: 0n });
  });

  it('honours memaddr= and fills the space before it (QEMU: d at 0x100000000, v at 0x140000000)', () => {
    const l = accepted(`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,memaddr=0x140000000 -object memory-backend-ram,id=m2,size=1G -device pc-dimm,id=d,memdev=m2`);
    expect(l.devices.map((d) => [d.id, d.addr, d.explicitAddr])).toEqual([
      ['v', 0x140000000n, true],
      ['d', 0x100000000n, false],
    ]);
  });

  it('reads the last of a repeated memaddr (QEMU: 0x100400000)', () => {
    const l = accepted(`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,memaddr=0x100200000,memaddr=0x100400000`);
    expect(l.devices[0]!.addr).toBe(0x100400000n);
  });

  it('accepts a requested-size above the memdev size at start (QEMU reports it as given)', () => {
    const l = accepted(`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,requested-size=4G`);
    expect(l.devices[0]!.size).toBe(2n * G);
    expect(l.devices[0]!.virtioMem!.requestedSize).toBe(4n * G);
  });

  it('warns, as QEMU does, about a block size below the default', () => {
    const r = run(`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,block-size=1M`);
    expect(r.error).toBeNull();
    expect(r.diagnostics.map((d) => d.message)).toContain("'block-size' property is smaller than the default block size (2 MiB)");
    expect(r.layout!.devices[0]!.virtioMem!.blockSize).toBe(M);
  });

  it('is read from libvirt-style JSON too', () => {
    const p = parseQemuArgs([
      ...`${W} -object memory-backend-ram,id=m1,size=2G`.split(' '),
      '-device',
      '{"driver":"virtio-mem-pci","node":0,"block-size":2097152,"requested-size":536870912,"memdev":"m1","id":"vj"}',
    ]);
    if (!p.ok) throw new Error('parse');
    const l = computeMachine(p.doc).layout!;
    expect(l.devices[0]).toMatchObject({ id: 'vj', driver: 'virtio-mem-pci', addr: 0x100000000n, virtioMem: { blockSize: 2n * M, requestedSize: 512n * M } });
  });

  it('has no SRAT entry or E820 entry of its own: the tables equal those of the window alone', () => {
    const withDevice = accepted(`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1`);
    const without = accepted(W);
    expect(withDevice.srat!.bytes).toEqual(without.srat!.bytes);
    expect(withDevice.e820Bytes).toEqual(without.e820Bytes);
    // the umbrella covers the window: [0x100000000, +0x480000000), hotpluggable|enabled
    const d = decodeSrat(withDevice.srat!.bytes)!;
    const hotplug = d.entries.filter((e) => e.type === 'memory' && e.flags === 3);
    expect(hotplug.map((e) => (e.type === 'memory' ? [e.baseAddress, e.length] : null))).toEqual([[0x100000000n, 0x480000000n]]);
  });
});

describe('virtio-pmem-pci placement', () => {
  it('aligns to its region only: a 1 MiB file backend (4 KiB pages) lets the next DIMM start right after it', () => {
    // QEMU: p at 0x100000000 (size 1048576); d rounds 0x100100000 up to 2 MiB: 0x100200000 (4297064448)
    const l = accepted(
      `${W} -object memory-backend-file,id=f1,size=1M,mem-path=/tmp/mmd-mem -object memory-backend-ram,id=m2,size=1G -device virtio-pmem-pci,id=p,memdev=f1 -device pc-dimm,id=d,memdev=m2`,
    );
    expect(l.devices.map((d) => [d.id, d.addr])).toEqual([
      ['p', 0x100000000n],
      ['d', 0x100200000n],
    ]);
    const info = JSON.parse(memoryDevicesToJson(l.memoryDevices)) as unknown[];
    expect(info[0]).toEqual({ type: 'virtio-pmem', data: { memdev: '/objects/f1', memaddr: 4294967296, size: 1048576, id: 'p' } });
  });
});

describe('info memory-devices (HMP)', () => {
  it('prints the virtio devices as QEMU 7.2 and 11.1 do', () => {
    const l = accepted(
      `${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,requested-size=2M -object memory-backend-file,id=f,size=1G,mem-path=/tmp/mmd-mem -device virtio-pmem-pci,id=p,memdev=f`,
    );
    // real QEMU's `info memory-devices` for this command line (both releases print the same)
    expect(l.infoMemoryDevices).toBe(
      [
        'Memory device [virtio-mem]: "v"',
        '  memaddr: 0x100000000',
        '  node: 0',
        '  requested-size: 2097152',
        '  size: 0',
        '  max-size: 2147483648',
        '  block-size: 2097152',
        '  memdev: /objects/m1',
        'Memory device [virtio-pmem]: "p"',
        '  memaddr: 0x180000000',
        '  size: 1073741824',
        '  memdev: /objects/f',
        '',
      ].join('\n'),
    );
  });
});

describe('the designer', () => {
  it('no longer lists a virtio-mem-pci among the options it does not model', () => {
    const p = parseQemuArgs(`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1 -display none`.split(' '));
    if (!p.ok) throw new Error('parse');
    const messages = computeDesign(p.doc).diagnostics.map((d) => d.message);
    expect(messages).toContain('1 option the designer does not model is kept as written and exported in place: -display none.');
    expect(messages.some((m) => m.includes('virtio-mem'))).toBe(false);
  });
});

describe('refusals, with QEMU text', () => {
  const cases: Array<[string, string, QemuVersion[]]> = [
    [`${W} -device virtio-mem-pci,id=v`, "'memdev' property must be set", ['7.2', '11.1']],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=nope`, "Device 'nope' not found", ['7.2', '11.1']],
    [
      `-M q35 -m 2G -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1`,
      'the configuration is not prepared for memory devices (e.g., for memory hotplug), consider specifying the maxmem option',
      ['11.1'],
    ],
    [
      `-M q35 -m 2G -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1`,
      'memory devices (e.g. for memory hotplug) are not enabled, please specify the maxmem option',
      ['7.2'],
    ],
    // placement (pre-plug) comes before realize's busy memdev check: the second device on m1 reports the space
    [
      `-M q35 -m 2G,maxmem=4G -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1 -device virtio-mem-pci,memdev=m1`,
      'not enough space, currently 0x80000000 in use of total space for memory devices 0x80000000',
      ['7.2', '11.1'],
    ],
    [
      `${W} -object memory-backend-ram,id=r0,size=2G -numa node,memdev=r0 -device virtio-mem-pci,id=v,memdev=r0`,
      "'memdev' property specifies a busy memdev: r0",
      ['7.2', '11.1'],
    ],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1 -device pc-dimm,id=d,memdev=m1`,
      "can't use already busy memdev: m1",
      ['7.2', '11.1'],
    ],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,node=1`, "'node' property has value '1', which exceedsthe number of numa nodes: 1", ['7.2', '11.1']],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,requested-size=1M`,
      "'requested-size' property has to be multiples of 'block-size' (0x200000)",
      ['7.2', '11.1'],
    ],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,block-size=512K`, "'block-size' property has to be at least 0x100000", ['7.2', '11.1']],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,block-size=3M`, "'block-size' property has to be a power of two", ['7.2', '11.1']],
    // 7.2 checks the size against max(block, region) when placing; 11.1 against the region, then at realize
    [`${W} -object memory-backend-ram,id=m1,size=1536M -device virtio-mem-pci,id=v,memdev=m1,block-size=1G`, 'backend memory size must be multiple of 0x40000000', ['7.2']],
    [
      `${W} -object memory-backend-ram,id=m1,size=1536M -device virtio-mem-pci,id=v,memdev=m1,block-size=1G`,
      "'memdev' property memdev size has to be multiples of'block-size' (0x40000000)",
      ['11.1'],
    ],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,memaddr=0x100100000`, 'address must be aligned to 0x200000 bytes', ['7.2', '11.1']],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,memaddr=0x100200000,block-size=1G`,
      'address must be aligned to 0x40000000 bytes',
      ['7.2', '11.1'],
    ],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,memaddr=0x40000000`,
      "can't add memory device [0x40000000:0x80000000], usable range for memory devices [0x100000000:0x480000000]",
      ['7.2', '11.1'],
    ],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G -object memory-backend-ram,id=m2,size=1G -device pc-dimm,id=d,memdev=m2 -device virtio-mem-pci,id=v,memdev=m1,memaddr=0x120000000`,
      "address range conflicts with memory device id='d'",
      ['7.2', '11.1'],
    ],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G,prealloc=on -device virtio-mem-pci,id=v,memdev=m1`,
      "'memdev' property specifies a memdev with preallocation enabled: m1. Instead, specify 'prealloc=on' for the virtio-mem device. ",
      ['11.1'],
    ],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,dynamic-memslots=on,unplugged-inaccessible=off`,
      "'dynamic-memslots' property set to 'on' requires 'unplugged-inaccessible' to be 'on'",
      ['11.1'],
    ],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,requested-size=x`, "Parameter 'requested-size' expects size", ['7.2', '11.1']],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,memaddr=x`, "Parameter 'memaddr' expects integer", ['7.2', '11.1']],
    [
      `${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,unplugged-inaccessible=maybe`,
      "Parameter 'unplugged-inaccessible' does not accept value 'maybe'",
      ['7.2', '11.1'],
    ],
    [`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,memdev=m1,size=1G`, "Property 'virtio-mem.size' is not writable", ['7.2', '11.1']],
    [`${W} -device virtio-pmem-pci,id=p`, "'memdev' property must be set", ['7.2', '11.1']],
    [
      `${W} -object memory-backend-file,id=f1,size=1G,mem-path=/tmp/mmd-mem,share=on -device virtio-pmem-pci,id=p,memdev=f1 -device virtio-pmem-pci,id=q,memdev=f1`,
      "can't use already busy memdev: f1",
      ['7.2', '11.1'],
    ],
  ];
  for (const [line, message, versions] of cases) {
    for (const v of versions) {
      it(`${v}: ${message}`, () => {
        expect(refusal(line, v)).toBe(message);
      });
    }
  }

  it('7.2 accepts a preallocated memdev that 11.1 refuses', () => {
    expect(run(`${W} -object memory-backend-ram,id=m1,size=2G,prealloc=on -device virtio-mem-pci,id=v,memdev=m1`, '7.2').error).toBeNull();
  });

  it('names memaddr as the field of a placement refusal', () => {
    const r = run(`${W} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,memaddr=0x100100000`);
    expect(r.error!.field).toBe('memaddr');
  });
});
