/**
 * Differential cases for virtio-mem-pci and virtio-pmem-pci in the hotplug window: placement in -device order
 * with pc-dimm, nvdimm and sp-mem (virtio-mem aligned to its block size), memaddr=, the accounting against maxmem,
 * query-memory-devices, the SRAT umbrella (sp-mem's partition leaves them inside the hotpluggable gaps), and
 * QEMU's refusals with its own text (realize checks after placement).
 */

/** the shape of qemu-diff-cases.ts's DiffCase (kept here so that the two files do not import each other) */
interface DiffCase {
  name: string;
  args: string[];
  versions?: QemuVersionTag[];
}
type QemuVersionTag = '7.2' | '11.1';

const MEM_DIR = '/tmp/mmd-mem';
const ONLY_11 = ['11.1'] as QemuVersionTag[];

function a(s: string): string[] {
  return s.trim().split(/\s+/);
}

const W = '-M q35 -m 2G,slots=4,maxmem=16G';
const ram = (id: string, size: string, extra = '') => `-object memory-backend-ram,id=${id},size=${size}${extra ? ',' + extra : ''}`;
const file = (id: string, size: string, extra = '') => `-object memory-backend-file,id=${id},size=${size},mem-path=${MEM_DIR}${extra ? ',' + extra : ''}`;
const vmem = (id: string, memdev: string, extra = '') => `-device virtio-mem-pci,id=${id},memdev=${memdev}${extra ? ',' + extra : ''}`;
const vpmem = (id: string, memdev: string, extra = '') => `-device virtio-pmem-pci,id=${id},memdev=${memdev}${extra ? ',' + extra : ''}`;
const dimm = (id: string, memdev: string, extra = '') => `-device pc-dimm,id=${id},memdev=${memdev}${extra ? ',' + extra : ''}`;
const twoNodes = `${ram('r0', '1G')} ${ram('r1', '1G')} -numa node,memdev=r0 -numa node,memdev=r1`;

export const VIRTIO_CASES: DiffCase[] = [
  // placement among DIMMs: each takes its memdev's size, in -device order
  { name: 'virtio-mem-between-dimms', args: a(`${W} ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('m1', '2G')} ${vmem('v0', 'm1', 'requested-size=0')} ${ram('m2', '1G')} ${dimm('d1', 'm2')}`) },
  { name: 'virtio-mem-first-then-dimm', args: a(`${W} ${ram('m1', '2G')} ${vmem('v0', 'm1', 'requested-size=512M')} ${ram('m2', '1G')} ${dimm('d1', 'm2')}`) },
  { name: 'virtio-mem-maxmem-no-slots', args: a(`-M q35 -m 2G,maxmem=16G ${ram('m1', '2G')} ${vmem('v0', 'm1', 'requested-size=512M')}`) },
  { name: 'virtio-mem-pc', args: a(`-M pc -m 2G,slots=4,maxmem=16G ${ram('m1', '2G')} ${vmem('v0', 'm1', 'addr=0x5')} ${ram('m2', '1G')} ${dimm('d1', 'm2')}`) },
  { name: 'virtio-mem-pc-acpi-off', args: a(`-M pc,acpi=off -m 2G,slots=4,maxmem=16G ${ram('m1', '2G')} ${vmem('v0', 'm1')}`) },
  { name: 'virtio-mem-unnamed', args: a(`${W} ${ram('m1', '1G')} -device virtio-mem-pci,memdev=m1 ${ram('m2', '1G')} ${dimm('d1', 'm2')}`) },
  // block size: the alignment of the region; 1 GiB after a 2 MiB DIMM moves it to the next GiB
  { name: 'virtio-mem-block-1G-after-dimm', args: a(`${W} ${ram('m2', '2M')} ${dimm('d', 'm2')} ${ram('m1', '2G')} ${vmem('v', 'm1', 'block-size=1G')}`) },
  { name: 'virtio-mem-block-1G-then-dimm', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'block-size=1G')} ${ram('m2', '2M')} ${dimm('d', 'm2')}`) },
  { name: 'virtio-mem-block-1M', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'block-size=1M')}`) },
  { name: 'virtio-mem-file-backend', args: a(`${W} ${file('f1', '1G', 'share=on')} ${vmem('v', 'f1')} ${ram('m2', '1G')} ${dimm('d', 'm2')}`) },
  { name: 'virtio-mem-requested-above-size', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'requested-size=4G')}`) },
  { name: 'virtio-mem-node1', args: a(`${W} ${twoNodes} ${ram('m1', '2G')} ${vmem('v', 'm1', 'node=1')} ${ram('m2', '1G')} ${dimm('d', 'm2', 'node=0')}`) },
  { name: 'virtio-mem-prealloc-device', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'prealloc=on')}`) },
  { name: 'virtio-mem-inaccessible-off', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'unplugged-inaccessible=off')}`) },
  { name: 'virtio-mem-dynamic-memslots', versions: ONLY_11, args: a(`${W} ${ram('m1', '4G')} ${vmem('v', 'm1', 'dynamic-memslots=on')} ${ram('m2', '1G')} ${dimm('d', 'm2')}`) },
  { name: 'virtio-mem-json', args: [...a(`${W} ${ram('m1', '2G')}`), '-device', '{"driver":"virtio-mem-pci","node":0,"block-size":2097152,"requested-size":536870912,"memdev":"m1","id":"vj"}', ...a(`${ram('m2', '1G')} ${dimm('d', 'm2')}`)] },
  // memaddr
  { name: 'virtio-mem-memaddr', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'memaddr=0x140000000')} ${ram('m2', '1G')} ${dimm('d', 'm2')} ${ram('m3', '1G')} ${dimm('d3', 'm3')}`) },
  { name: 'virtio-mem-memaddr-repeated', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'memaddr=0x100200000,memaddr=0x100400000')}`) },
  { name: 'virtio-mem-memaddr-misaligned', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'memaddr=0x100100000')}`) },
  { name: 'virtio-mem-memaddr-misaligned-block', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'memaddr=0x100200000,block-size=1G')}`) },
  { name: 'virtio-mem-memaddr-out-of-window', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'memaddr=0x40000000')}`) },
  { name: 'virtio-mem-memaddr-conflict-dimm', args: a(`${W} ${ram('m1', '2G')} ${ram('m2', '1G')} ${dimm('d', 'm2')} ${vmem('v', 'm1', 'memaddr=0x120000000')}`) },
  { name: 'virtio-mem-dimm-conflict-virtio', args: a(`${W} ${ram('m1', '2G')} ${ram('m2', '1G')} ${vmem('v', 'm1', 'memaddr=0x140000000')} ${dimm('d', 'm2', 'addr=0x180000000')}`) },
  { name: 'virtio-mem-memaddr-bad', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'memaddr=x')}`) },
  // refusals
  { name: 'virtio-mem-no-memdev', args: a(`${W} -device virtio-mem-pci,id=v`) },
  { name: 'virtio-mem-unknown-memdev', args: a(`${W} ${vmem('v', 'nope')}`) },
  { name: 'virtio-mem-no-maxmem', args: a(`-M q35 -m 2G ${ram('m1', '2G')} ${vmem('v', 'm1')}`) },
  { name: 'virtio-mem-not-enough-space', args: a(`-M q35 -m 2G,maxmem=3G ${ram('m1', '2G')} ${vmem('v', 'm1')}`) },
  { name: 'virtio-mem-same-memdev-twice', args: a(`-M q35 -m 2G,maxmem=6G ${ram('m1', '2G')} ${vmem('v', 'm1')} -device virtio-mem-pci,memdev=m1`) },
  { name: 'virtio-mem-memdev-of-node', args: a(`${W} ${ram('r0', '2G')} -numa node,memdev=r0 ${vmem('v', 'r0')}`) },
  { name: 'virtio-mem-memdev-of-dimm', args: a(`${W} ${ram('m1', '2G')} ${dimm('d', 'm1')} ${vmem('v', 'm1')}`) },
  { name: 'virtio-mem-dimm-takes-its-memdev', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1')} ${dimm('d', 'm1')}`) },
  { name: 'virtio-mem-node-no-numa', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'node=1')}`) },
  { name: 'virtio-mem-node-too-big', args: a(`${W} ${twoNodes} ${ram('m1', '2G')} ${vmem('v', 'm1', 'node=5')}`) },
  { name: 'virtio-mem-requested-not-multiple', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'requested-size=1M')}`) },
  { name: 'virtio-mem-requested-bad', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'requested-size=x')}`) },
  { name: 'virtio-mem-block-too-small', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'block-size=512K')}`) },
  { name: 'virtio-mem-block-not-pow2', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'block-size=3M')}`) },
  { name: 'virtio-mem-size-not-block-multiple', args: a(`${W} ${ram('m1', '1536M')} ${vmem('v', 'm1', 'block-size=1G')}`) },
  { name: 'virtio-mem-size-not-2M-multiple', args: a(`${W} ${ram('m1', '3M')} ${vmem('v', 'm1')}`) },
  { name: 'virtio-mem-prealloc-memdev', args: a(`${W} ${ram('m1', '2G', 'prealloc=on')} ${vmem('v', 'm1')}`) },
  { name: 'virtio-mem-dynamic-memslots-inaccessible-off', versions: ONLY_11, args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'dynamic-memslots=on,unplugged-inaccessible=off')}`) },
  { name: 'virtio-mem-dynamic-memslots-7.2', versions: ['7.2'], args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'dynamic-memslots=on')}`) },
  { name: 'virtio-mem-inaccessible-bad', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'unplugged-inaccessible=maybe')}`) },
  { name: 'virtio-mem-prealloc-bad', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'prealloc=maybe')}`) },
  { name: 'virtio-mem-size-not-writable', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'size=1G')}`) },
  { name: 'virtio-mem-slot-unknown', args: a(`${W} ${ram('m1', '2G')} ${vmem('v', 'm1', 'slot=0')}`) },
  // virtio-pmem: the region's own alignment, no node
  { name: 'virtio-pmem-then-dimm', args: a(`${W} ${file('f1', '1G', 'share=on')} ${vpmem('p', 'f1')} ${ram('m2', '1G')} ${dimm('d', 'm2')}`) },
  { name: 'virtio-pmem-ram-backend', args: a(`${W} ${ram('m1', '1G')} ${vpmem('p', 'm1')}`) },
  { name: 'virtio-pmem-1M-file-then-dimm', args: a(`${W} ${file('f1', '1M')} ${ram('m2', '1G')} ${vpmem('p', 'f1')} ${dimm('d', 'm2')}`) },
  { name: 'virtio-pmem-two-1M', args: a(`${W} ${file('f1', '1M')} ${file('f2', '1M')} ${vpmem('p', 'f1')} ${vpmem('p2', 'f2')}`) },
  { name: 'virtio-pmem-memaddr-4K', args: a(`${W} ${file('f1', '1M')} ${vpmem('p', 'f1', 'memaddr=0x100001000')}`) },
  { name: 'virtio-pmem-memaddr', args: a(`${W} ${file('f1', '1G', 'share=on')} ${vpmem('p', 'f1', 'memaddr=0x200000000')} ${ram('m2', '1G')} ${dimm('d', 'm2')}`) },
  { name: 'virtio-pmem-align-1G-small', args: a(`${W} ${file('f1', '1M', 'align=1G')} ${vpmem('p', 'f1')}`) },
  { name: 'virtio-pmem-no-memdev', args: a(`${W} -device virtio-pmem-pci,id=p`) },
  { name: 'virtio-pmem-busy', args: a(`${W} ${file('f1', '1G', 'share=on')} ${vpmem('p', 'f1')} ${vpmem('q', 'f1')}`) },
  { name: 'virtio-pmem-memdev-of-dimm', args: a(`${W} ${file('f1', '1G', 'share=on')} ${dimm('d', 'f1')} ${vpmem('q', 'f1')}`) },
  { name: 'virtio-pmem-no-maxmem', args: a(`-M q35 -m 2G ${file('f1', '1G', 'share=on')} ${vpmem('p', 'f1')}`) },
  { name: 'virtio-pmem-node-unknown', args: a(`${W} ${file('f1', '1G', 'share=on')} ${vpmem('p', 'f1', 'node=0')}`) },
  // with sp-mem (11.1): the partitioned umbrella keeps virtio ranges inside its hotpluggable gaps
  {
    name: 'virtio-sp-mem-umbrella',
    versions: ONLY_11,
    args: a(
      `-M q35 -m 2G,slots=2,maxmem=8G ${twoNodes} ${ram('s', '1G')} -device sp-mem,id=sp,memdev=s,node=1,addr=0x140000000 ${ram('m1', '512M')} ${vmem('v', 'm1', 'node=0')} ${file('f1', '1G', 'share=on')} ${vpmem('p', 'f1')} ${ram('m2', '1G')} ${dimm('d', 'm2', 'node=1')}`,
    ),
  },
  {
    name: 'virtio-sp-mem-after-virtio',
    versions: ONLY_11,
    args: a(`-M q35 -m 2G,slots=2,maxmem=8G ${twoNodes} ${ram('m1', '1G')} ${vmem('v', 'm1', 'node=1')} ${ram('s', '1G')} -device sp-mem,id=sp,memdev=s,node=1`),
  },
];
