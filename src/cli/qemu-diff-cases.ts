/**
 * Configurations for the differential test against real QEMU (`npm run test:qemu`). Each case is QEMU's
 * arguments only (no binary). Cases run on QEMU 7.2 and 11.1 unless `versions` says otherwise; sp-mem exists
 * in 11.1 only. Rejected configurations are cases like any other: the expected result is QEMU's error text.
 *
 * Files for memory-backend-file live under MEM_DIR (a directory: QEMU creates and unlinks its file there).
 */
import fc from 'fast-check';
import { PRESETS } from '../core/designer/index.ts';
import { OPTION_CASES } from './qemu-diff-cases-options.ts';
import { VIRTIO_CASES } from './qemu-diff-cases-virtio.ts';

export type QemuVersionTag = '7.2' | '11.1';

export interface DiffCase {
  name: string;
  args: string[];
  /** the QEMU versions to run it on (default: both) */
  versions?: QemuVersionTag[];
}

/** Directory used as mem-path of file backends (created by the test before QEMU runs). */
export const MEM_DIR = '/tmp/mmd-mem';

/** Split a command line written on one line; no argument here contains a space. */
function a(s: string): string[] {
  return s.trim().split(/\s+/);
}

const ONLY_11 = ['11.1'] as QemuVersionTag[];

const ram = (id: string, size: string) => `-object memory-backend-ram,id=${id},size=${size}`;
const file = (id: string, size: string, extra = '') =>
  `-object memory-backend-file,id=${id},size=${size},mem-path=${MEM_DIR},share=on${extra ? ',' + extra : ''}`;
const node = (memdev?: string) => `-numa node${memdev ? ',memdev=' + memdev : ''}`;
const dimm = (id: string, memdev: string, extra = '') => `-device pc-dimm,id=${id},memdev=${memdev}${extra ? ',' + extra : ''}`;
const nvdimm = (id: string, memdev: string, extra = '') => `-device nvdimm,id=${id},memdev=${memdev}${extra ? ',' + extra : ''}`;
const spm = (id: string, memdev: string, extra = '') => `-device sp-mem,id=${id},memdev=${memdev}${extra ? ',' + extra : ''}`;

/** Two RAM nodes of the given sizes. */
const twoNodes = (s0: string, s1: string) => `${ram('r0', s0)} ${ram('r1', s1)} ${node('r0')} ${node('r1')}`;

// ---------------------------------------------------------------------------------------------------------------
// Accepted configurations without sp-mem
// ---------------------------------------------------------------------------------------------------------------

const accepted: DiffCase[] = [
  // RAM split, pc (i440fx): 3.5 GiB limit, clamp to 3 GiB
  { name: 'pc-128M', args: a('-M pc -m 128M') },
  { name: 'pc-1G', args: a('-M pc -m 1G') },
  { name: 'pc-3583M', args: a('-M pc -m 3583M') },
  { name: 'pc-3584M', args: a('-M pc -m 3584M') },
  { name: 'pc-4G', args: a('-M pc -m 4G') },
  { name: 'pc-8G', args: a('-M pc -m 8G') },
  { name: 'pc-100001k-rounded', args: a('-M pc -m 100001k') },
  { name: 'pc-mrb4g-2G-4G', args: a('-M pc,max-ram-below-4g=2G -m 4G') },
  { name: 'pc-mrb4g-4G-3968M', args: a('-M pc,max-ram-below-4g=4G -m 3968M') },
  { name: 'pc-mrb4g-4G-8G', args: a('-M pc,max-ram-below-4g=4G -m 8G') },
  { name: 'pc-mrb4g-3328M-8G', args: a('-M pc,max-ram-below-4g=3328M -m 8G') },
  { name: 'pc-mrb4g-3400M-8G', args: a('-M pc,max-ram-below-4g=3400M -m 8G') },
  { name: 'pc-mrb4g-1G-3G', args: a('-M pc,max-ram-below-4g=1G -m 3G') },
  // RAM split, q35: 2.75 GiB threshold, 2 GiB low
  { name: 'q35-2815M', args: a('-M q35 -m 2815M') },
  { name: 'q35-2816M', args: a('-M q35 -m 2816M') },
  { name: 'q35-4G', args: a('-M q35 -m 4G') },
  { name: 'q35-mrb4g-1G-4G', args: a('-M q35,max-ram-below-4g=1G -m 4G') },
  { name: 'q35-mrb4g-2560M-2G', args: a('-M q35,max-ram-below-4g=2560M -m 2G') },
  { name: 'q35-mrb4g-1536M-2G', args: a('-M q35,max-ram-below-4g=1536M -m 2G') },
  { name: 'q35-mrb4g-1G-1G', args: a('-M q35,max-ram-below-4g=1G -m 1G') },
  // vendors and phys-bits: the AMD HyperTransport entry
  { name: 'q35-4G-intel-vendor', args: a('-M q35 -cpu qemu64,vendor=GenuineIntel -m 4G') },
  { name: 'pc-4G-skylake', args: a('-M pc -cpu Skylake-Client -m 4G') },
  { name: 'q35-4G-physbits39', args: a('-M q35 -cpu qemu64,phys-bits=39 -m 4G') },
  { name: 'q35-4G-physbits48', args: a('-M q35 -cpu qemu64,phys-bits=48 -m 4G') },
  { name: 'pc-2G-physbits44-hotplug', args: a('-M pc -cpu qemu64,phys-bits=44 -m 2G,slots=2,maxmem=64G') },
  // hotplug windows
  { name: 'pc-4G-slots4-maxmem16G', args: a('-M pc -m 4G,slots=4,maxmem=16G') },
  { name: 'q35-2G-slots2-maxmem6G', args: a('-M q35 -m 2G,slots=2,maxmem=6G') },
  { name: 'q35-2G-maxmem6G-noslots', args: a('-M q35 -m 2G,maxmem=6G') },
  { name: 'pc-1G-maxmem3G-noslots', args: a('-M pc -m 1G,maxmem=3G') },
  { name: 'pc-1G-slots256', args: a('-M pc -m 1G,slots=256,maxmem=2G') },
  { name: 'G2-pc-auto-numa', args: a('-M pc -m 4G,slots=2,maxmem=8G') },
  { name: 'G3-q35-maxmem-only', args: a('-M q35 -m 2G,maxmem=4G') },
  { name: 'q35-intel-hotplug', args: a('-M q35 -cpu Skylake-Client -m 3G,slots=3,maxmem=7G') },
  // AMD 1 TiB relocation
  { name: 'G4-q35-1T-relocation-numa', args: a(`-M q35 -cpu qemu64,phys-bits=48 -m 4G,slots=1,maxmem=1010G ${twoNodes('1G', '3G')}`) },
  { name: 'q35-1T-relocation', args: a('-M q35 -cpu qemu64,phys-bits=48 -m 4G,slots=1,maxmem=1010G') },
  { name: 'q35-1T-relocation-2G', args: a('-M q35 -cpu qemu64,phys-bits=48 -m 2G,slots=1,maxmem=1010G') },
  { name: 'q35-1T-intel-no-relocation', args: a('-M q35 -cpu qemu64,vendor=GenuineIntel,phys-bits=48 -m 2G,slots=1,maxmem=1010G') },
  { name: 'pc-1T-relocation', args: a('-M pc -cpu qemu64,phys-bits=48 -m 8G,slots=2,maxmem=1020G') },
  { name: 'q35-1T-just-below', args: a('-M q35 -cpu qemu64,phys-bits=48 -m 4G,slots=1,maxmem=974G') },
  { name: 'q35-1T-pc-q35-7.0-no-relocation', args: a('-M pc-q35-7.0 -cpu qemu64,phys-bits=48 -m 4G,slots=1,maxmem=1010G') },
  // versioned machine types
  { name: 'pc-i440fx-7.0-4G', args: a('-M pc-i440fx-7.0 -m 4G') },
  { name: 'pc-i440fx-7.1-4G', args: a('-M pc-i440fx-7.1 -m 4G') },
  { name: 'pc-q35-7.0-4G', args: a('-M pc-q35-7.0 -m 4G') },
  { name: 'pc-q35-7.2-4G-hotplug', args: a('-M pc-q35-7.2 -m 4G,slots=2,maxmem=8G') },
  { name: 'pc-i440fx-7.2-numa', args: a(`-M pc-i440fx-7.2 -m 2G ${twoNodes('1G', '1G')}`) },
  { name: 'pc-q35-5.0-maxmem-no-auto-numa', args: a('-M pc-q35-5.0 -m 2G,maxmem=4G') },
  { name: 'pc-q35-5.1-maxmem-auto-numa', args: a('-M pc-q35-5.1 -m 2G,maxmem=4G') },
  { name: 'G7-pc-i440fx-2.10-slots', args: a('-M pc-i440fx-2.10 -m 1G,slots=2,maxmem=4G') },
  { name: 'pc-i440fx-2.11-slots', args: a('-M pc-i440fx-2.11 -m 1G,slots=2,maxmem=4G') },
  // NUMA
  {
    name: 'G1-q35-2nodes-dimm',
    args: a(`-M q35 -smp 2,sockets=2 -m 4G,slots=2,maxmem=8G ${twoNodes('3G', '1G')} ${ram('m0', '1G')} ${dimm('d0', 'm0', 'node=1')}`),
  },
  { name: 'G5-q35-4nodes-one-with-memory', args: a(`-M q35 -smp 4,sockets=2,cores=2 ${ram('r0', '128M')} -numa node -numa node ${node('r0')} -numa node`) },
  { name: 'G6-pc-1G-no-srat', args: a('-M pc -m 1G') },
  { name: 'G8-pc-node0-512K', args: a(`-M pc -m 1G ${twoNodes('512K', '1048064K')}`) },
  { name: 'G9-pc-node0-768K', args: a(`-M pc -m 1G ${twoNodes('768K', '1047808K')}`) },
  { name: 'G10-pc-boundary-at-below4g', args: a(`-M pc -m 4G ${twoNodes('3G', '1G')}`) },
  { name: 'pc-node0-640K', args: a(`-M pc -m 1G ${twoNodes('640K', '1047936K')}`) },
  { name: 'pc-node0-1M', args: a(`-M pc -m 1G ${twoNodes('1M', '1023M')}`) },
  { name: 'q35-1node', args: a(`-M q35 -m 2G ${ram('r0', '2G')} ${node('r0')}`) },
  {
    name: 'q35-3nodes-across-hole',
    args: a(`-M q35 -smp 3 -m 6G ${ram('r0', '1G')} ${ram('r1', '3G')} ${ram('r2', '2G')} ${node('r0')} ${node('r1')} ${node('r2')}`),
  },
  {
    name: 'q35-8nodes',
    args: a(
      `-M q35 -smp 8,sockets=8 -m 4G ${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => ram('r' + i, '512M')).join(' ')} ${[0, 1, 2, 3, 4, 5, 6, 7]
        .map((i) => node('r' + i))
        .join(' ')}`,
    ),
  },
  {
    name: 'pc-8nodes-memoryless-mix-hotplug',
    args: a(
      `-M pc -smp 8,sockets=4,cores=2 -m 3G,slots=2,maxmem=5G ${ram('r0', '1G')} ${ram('r1', '2G')} -numa node ${node('r0')} -numa node -numa node ${node('r1')} -numa node -numa node -numa node`,
    ),
  },
  { name: 'numamem-memoryless-node0', args: a(`-M q35 ${ram('ram0', '128M')} -numa node ${node('ram0')}`) },
  { name: 'q35-memoryless-last-node-hotplug', args: a(`-M q35 -m 2G,slots=2,maxmem=4G ${ram('r0', '2G')} ${node('r0')} -numa node`) },
  {
    name: 'q35-numa-node-cpus',
    args: a(`-M q35 -smp 4 -m 2G ${ram('r0', '1G')} ${ram('r1', '1G')} -numa node,memdev=r0,cpus=0-1 -numa node,memdev=r1,cpus=2-3`),
  },
  {
    name: 'pc-numa-node-cpus-interleaved',
    args: a(`-M pc -smp 4 -m 2G ${ram('r0', '1G')} ${ram('r1', '1G')} -numa node,memdev=r0,cpus=0,cpus=2 -numa node,memdev=r1,cpus=1,cpus=3`),
  },
  {
    name: 'q35-numa-cpu-socket',
    args: a(
      `-M q35 -smp 4,sockets=4 -m 2G ${twoNodes('1G', '1G')} -numa cpu,node-id=1,socket-id=0 -numa cpu,node-id=1,socket-id=1 -numa cpu,node-id=0,socket-id=2 -numa cpu,node-id=0,socket-id=3`,
    ),
  },
  { name: 'q35-numa-dist', args: a(`-M q35 -smp 2 -m 2G ${twoNodes('1G', '1G')} -numa dist,src=0,dst=1,val=21`) },
  { name: 'q35-default-cpu-node-by-socket', args: a(`-M q35 -smp 4,sockets=2,cores=2 -m 2G ${twoNodes('512M', '1536M')}`) },
  {
    name: 'cphp-q35',
    args: a(`-M q35 -smp 2,cores=3,sockets=2,maxcpus=6 ${ram('ram0', '64M')} ${ram('ram1', '64M')} ${node('ram0')} ${node('ram1')} -numa dist,src=0,dst=1,val=21`),
  },
  // -smp topologies
  { name: 'q35-smp-dies', args: a(`-M q35 -smp 8,sockets=2,dies=2,cores=2,threads=1 -m 2G ${twoNodes('1G', '1G')}`) },
  { name: 'pc-smp-threads', args: a(`-M pc -smp 8,sockets=2,cores=2,threads=2 -m 2G ${twoNodes('1G', '1G')}`) },
  { name: 'q35-smp-maxcpus', args: a(`-M q35 -smp 2,maxcpus=8 -m 2G ${twoNodes('1G', '1G')}`) },
  { name: 'q35-smp-odd-cores', args: a(`-M q35 -smp 6,sockets=2,cores=3 -m 1G,slots=1,maxmem=2G`) },
  { name: 'pc-smp-12-dies3', args: a(`-M pc -smp 12,sockets=1,dies=3,cores=2,threads=2 -m 1G,maxmem=2G`) },
  // pc-dimm and nvdimm placement
  { name: 'q35-dimm-auto', args: a(`-M q35 -m 2G,slots=4,maxmem=16G ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('m1', '512M')} ${dimm('d1', 'm1')}`) },
  {
    name: 'q35-dimm-gap-fill',
    args: a(
      `-M q35 -m 2G,slots=4,maxmem=16G ${ram('m0', '1G')} ${dimm('d0', 'm0', 'addr=0x140000000')} ${ram('m1', '512M')} ${dimm('d1', 'm1')} ${ram('m2', '1G')} ${dimm('d2', 'm2')}`,
    ),
  },
  { name: 'pc-dimm-slot', args: a(`-M pc -m 1G,slots=3,maxmem=4G ${ram('m0', '256M')} ${dimm('d0', 'm0', 'slot=2')} ${ram('m1', '256M')} ${dimm('d1', 'm1')}`) },
  { name: 'pc-dimm-file-backend', args: a(`-M pc -m 1G,slots=2,maxmem=3G ${file('f0', '256M')} ${dimm('d0', 'f0')}`) },
  {
    name: 'q35-nvdimm-auto',
    args: a(`-M q35,nvdimm=on -m 2G,slots=4,maxmem=16G ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${file('nv0', '256M')} ${nvdimm('nv0d', 'nv0')}`),
  },
  {
    name: 'pc-nvdimm-addr-numa',
    args: a(`-M pc,nvdimm=on -m 2G,slots=2,maxmem=6G ${twoNodes('1G', '1G')} ${file('nv0', '512M')} ${nvdimm('nvd0', 'nv0', 'node=1,addr=0x180000000')}`),
  },
  { name: 'q35-nvdimm-label', args: a(`-M q35,nvdimm=on -m 1G,slots=1,maxmem=2G ${file('nv0', '256M')} ${nvdimm('nvd0', 'nv0', 'label-size=128K')}`) },
  {
    name: 'dimmpxm-pc',
    args: a(
      `-M pc,nvdimm=on,nvdimm-persistence=cpu -smp 4,sockets=4 -m 128M,slots=3,maxmem=1G ${[0, 1, 2, 3].map((i) => ram('ram' + i, '32M')).join(' ')} ${[0, 1, 2, 3]
        .map((i) => `-numa node,memdev=ram${i},nodeid=${i}`)
        .join(' ')} ${[0, 1, 2, 3].map((i) => `-numa cpu,node-id=${i},socket-id=${i}`).join(' ')} ${ram('ram4', '128M')} ${ram('nvm0', '128M')} ${dimm('dimm0', 'ram4', 'node=1')} ${nvdimm('dimm1', 'nvm0', 'node=2')}`,
    ),
  },
  // several nvdimms: their SRAT entries come in QOM child-walk order (a GLib hash-table order of the ids)
  {
    name: 'q35-nvdimm-two-d0-d1',
    args: a(`-M q35,nvdimm=on -m 1G,slots=2,maxmem=3G ${ram('b0', '64M')} ${nvdimm('d0', 'b0')} ${ram('b1', '128M')} ${nvdimm('d1', 'b1')}`),
  },
  {
    name: 'pc-nvdimm-three-abc',
    args: a(`-M pc,nvdimm=on -m 1G,slots=3,maxmem=4G ${ram('b0', '64M')} ${nvdimm('a', 'b0')} ${ram('b1', '128M')} ${nvdimm('b', 'b1')} ${ram('b2', '192M')} ${nvdimm('c', 'b2')}`),
  },
  {
    name: 'q35-nvdimm-three-anonymous',
    args: a(
      `-M q35,nvdimm=on -m 1G,slots=3,maxmem=4G ${ram('b0', '64M')} -device nvdimm,memdev=b0 ${ram('b1', '128M')} -device nvdimm,memdev=b1 ${ram('b2', '192M')} -device nvdimm,memdev=b2`,
    ),
  },
  {
    name: 'q35-nvdimm-eight-numa',
    args: a(
      `-M q35,nvdimm=on -m 2G,slots=8,maxmem=12G ${twoNodes('1G', '1G')} ${[1, 2, 3, 4, 5, 6, 7, 8]
        .map((i) => `${ram('b' + i, i * 64 + 'M')} ${nvdimm('n' + i, 'b' + i, 'node=' + (i % 2))}`)
        .join(' ')}`,
    ),
  },
  { name: 'q35-dimm-window-end', args: a(`-M q35 -m 2G,slots=1,maxmem=3G ${ram('m0', '1G')} ${dimm('d0', 'm0', 'addr=0x140000000')}`) },
];

// ---------------------------------------------------------------------------------------------------------------
// Rejected configurations without sp-mem
// ---------------------------------------------------------------------------------------------------------------

const rejected: DiffCase[] = [
  { name: 'err-slots-without-maxmem', args: a('-M q35 -m 1G,slots=2') },
  { name: 'err-maxmem-below-ram', args: a('-M pc -m 4G,maxmem=2G') },
  { name: 'err-slots-maxmem-equal-ram', args: a('-M pc -m 2G,slots=2,maxmem=2G') },
  { name: 'err-slots-257', args: a('-M q35 -m 1G,slots=257,maxmem=2G') },
  { name: 'err-maxmem-not-4k-aligned', args: a('-M q35 -m 1G,slots=1,maxmem=2097153K') },
  {
    name: 'err-overlap',
    args: a(`-M q35 -m 2G,slots=2,maxmem=6G ${ram('m1', '1G')} ${dimm('d1', 'm1', 'addr=0x100000000')} ${ram('m2', '1G')} ${dimm('d2', 'm2', 'addr=0x120000000')}`),
  },
  { name: 'err-misaligned-addr', args: a(`-M q35 -m 2G,slots=2,maxmem=6G ${ram('m0', '1G')} ${dimm('d0', 'm0', 'addr=0x100100000')}`) },
  { name: 'err-addr-below-window', args: a(`-M pc -m 2G,slots=2,maxmem=6G ${ram('m0', '1G')} ${dimm('d0', 'm0', 'addr=0x40000000')}`) },
  { name: 'err-addr-past-window', args: a(`-M pc -m 2G,slots=1,maxmem=3G ${ram('m0', '1G')} ${dimm('d0', 'm0', 'addr=0x180000000')}`) },
  { name: 'err-not-enough-space', args: a(`-M q35 -m 2G,slots=2,maxmem=3G ${ram('m0', '2G')} ${dimm('d0', 'm0')}`) },
  {
    name: 'err-not-enough-space-second',
    args: a(`-M q35 -m 2G,slots=2,maxmem=4G ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('m1', '1536M')} ${dimm('d1', 'm1')}`),
  },
  {
    name: 'err-fragmented',
    args: a(`-M q35 -m 2G,slots=2,maxmem=6146M ${ram('m0', '2M')} ${dimm('d0', 'm0', 'addr=0x100000000')} ${file('f1', '4G', 'align=4G')} ${dimm('d1', 'f1')}`),
  },
  { name: 'err-busy-memdev-two-dimms', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m0', '512M')} ${dimm('d0', 'm0')} ${dimm('d1', 'm0')}`) },
  { name: 'err-busy-memdev-numa-and-dimm', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('r0', '1G')} ${node('r0')} ${dimm('d0', 'r0')}`) },
  { name: 'err-dimm-node-out-of-range', args: a(`-M q35 -m 2G,slots=2,maxmem=4G ${twoNodes('1G', '1G')} ${ram('m0', '1G')} ${dimm('d0', 'm0', 'node=2')}`) },
  { name: 'err-dimm-node-no-numa', args: a(`-M pc-i440fx-2.10 -m 1G,slots=2,maxmem=4G ${ram('m0', '1G')} ${dimm('d0', 'm0', 'node=1')}`) },
  { name: 'err-numa-size-mismatch', args: a(`-M q35 -m 4G ${twoNodes('1G', '1G')}`) },
  { name: 'err-phys-bits-too-low', args: a('-M q35 -m 4G,slots=1,maxmem=1100G') },
  { name: 'err-phys-bits-too-low-intel', args: a('-M pc -cpu qemu64,vendor=GenuineIntel -m 4G,slots=1,maxmem=1022G') },
  { name: 'err-invalid-size-text', args: a('-M pc -m 4Q') },
  { name: 'err-invalid-maxmem-text', args: a('-M pc -m 1G,slots=1,maxmem=lots') },
  { name: 'err-unknown-option', args: a('-M pc -m 1G -frobnicate') },
  { name: 'err-no-slots-for-dimm', args: a(`-M q35 -m 1G,maxmem=2G ${ram('m0', '512M')} ${dimm('d0', 'm0')}`) },
  { name: 'err-dimm-without-hotplug', args: a(`-M pc -m 1G ${ram('m0', '512M')} ${dimm('d0', 'm0')}`) },
  { name: 'err-nvdimm-not-enabled', args: a(`-M q35 -m 1G,slots=1,maxmem=2G ${file('nv0', '256M')} ${nvdimm('nvd0', 'nv0')}`) },
  { name: 'err-mrb4g-above-4g', args: a('-M pc,max-ram-below-4g=5G -m 4G') },
  { name: 'err-backend-size-not-multiple', args: a(`-M q35 -m 1G,slots=1,maxmem=2G ${ram('m0', '3M')} ${dimm('d0', 'm0')}`) },
  { name: 'err-numa-mem-legacy', args: a('-M pc -m 1G -numa node,mem=1G') },
  { name: 'err-invalid-slot-number', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m0', '512M')} ${dimm('d0', 'm0', 'slot=5')}`) },
  {
    name: 'err-slot-busy',
    args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m0', '512M')} ${dimm('d0', 'm0', 'slot=0')} ${ram('m1', '512M')} ${dimm('d1', 'm1', 'slot=0')}`),
  },
  {
    name: 'err-no-free-slots',
    args: a(`-M pc -m 1G,slots=1,maxmem=4G ${ram('m0', '512M')} ${dimm('d0', 'm0')} ${ram('m1', '512M')} ${dimm('d1', 'm1')}`),
  },
  { name: 'err-phys-bits-30', args: a('-M q35 -cpu qemu64,phys-bits=30 -m 1G') },
  { name: 'physbits-53', args: a('-M q35 -cpu qemu64,phys-bits=53 -m 4G,slots=1,maxmem=1100G') },
  { name: 'physbits-63', args: a('-M pc -cpu qemu64,phys-bits=63 -m 1G,slots=1,maxmem=2G') },
  { name: 'err-physbits-64', args: a('-M q35 -cpu qemu64,phys-bits=64 -m 4G,slots=1,maxmem=1100G') },
  { name: 'err-physbits-200', args: a('-M q35 -cpu qemu64,phys-bits=200 -m 1G') },
  { name: 'err-numa-unknown-memdev', args: a('-M q35 -m 1G -numa node,memdev=nope') },
  { name: 'err-dimm-unknown-memdev', args: a('-M q35 -m 1G,slots=1,maxmem=2G -device pc-dimm,id=d0,memdev=nope') },
  { name: 'err-dimm-no-memdev', args: a('-M q35 -m 1G,slots=1,maxmem=2G -device pc-dimm,id=d0') },
  { name: 'err-numa-cpu-node-missing', args: a(`-M q35 -smp 2,sockets=2 -m 2G ${twoNodes('1G', '1G')} -numa cpu,node-id=3,socket-id=0`) },
  { name: 'err-duplicate-object-id', args: a(`-M q35 -m 1G ${ram('m0', '512M')} ${ram('m0', '512M')}`) },
  { name: 'err-unknown-machine', args: a('-M pc-i440fx-1.0 -m 1G') },
];

// Command-line edge cases: whatever QEMU says (accepts or the exact message) is the expectation
const edges: DiffCase[] = [
  { name: 'edge-smp-topology-mismatch', args: a('-M q35 -smp 4,sockets=3,cores=2 -m 1G') },
  { name: 'edge-smp-too-many-q35', args: a('-M q35 -smp 1,maxcpus=4097 -m 1G') },
  { name: 'edge-numa-duplicate-nodeid', args: a(`-M q35 -m 1G ${ram('r0', '512M')} ${ram('r1', '512M')} -numa node,nodeid=0,memdev=r0 -numa node,nodeid=0,memdev=r1`) },
  { name: 'edge-numa-nodeid-gap', args: a(`-M q35 -m 1G ${ram('r0', '1G')} -numa node,nodeid=1,memdev=r0`) },
  { name: 'edge-numa-dist-below-10', args: a(`-M q35 -m 2G ${twoNodes('1G', '1G')} -numa dist,src=0,dst=1,val=5`) },
  { name: 'edge-numa-dist-missing-pairs', args: a(`-M q35 -m 3G ${ram('r0', '1G')} ${ram('r1', '1G')} ${ram('r2', '1G')} ${node('r0')} ${node('r1')} ${node('r2')} -numa dist,src=0,dst=1,val=20`) },
  { name: 'edge-numa-cpus-out-of-range', args: a(`-M q35 -smp 2 -m 1G ${ram('r0', '1G')} -numa node,memdev=r0,cpus=5`) },
  { name: 'edge-numa-cpu-socket-out-of-range', args: a(`-M q35 -smp 2,sockets=2 -m 2G ${twoNodes('1G', '1G')} -numa cpu,node-id=0,socket-id=9`) },
  { name: 'edge-unknown-cpu-model', args: a('-M q35 -cpu nosuchmodel -m 1G') },
  { name: 'edge-unknown-machine-property', args: a('-M q35,frobnicate=on -m 1G') },
  { name: 'edge-unknown-m-parameter', args: a('-M q35 -m 1G,frobnicate=1') },
  { name: 'edge-backend-no-size', args: a('-M q35 -m 1G -object memory-backend-ram,id=m0') },
  { name: 'edge-backend-size-zero', args: a('-M q35 -m 1G -object memory-backend-ram,id=m0,size=0') },
  { name: 'edge-mrb4g-not-a-size', args: a('-M pc,max-ram-below-4g=abc -m 1G') },
  { name: 'edge-dimm-node-not-a-number', args: a(`-M pc -m 1G,slots=1,maxmem=2G ${ram('m0', '512M')} ${dimm('d0', 'm0', 'node=abc')}`) },
  { name: 'edge-duplicate-device-id', args: a(`-M pc -m 1G,slots=2,maxmem=3G ${ram('m0', '512M')} ${dimm('d0', 'm0')} ${ram('m1', '512M')} ${dimm('d0', 'm1')}`) },
  { name: 'edge-two-m-options', args: a('-M q35 -m 1G -m 2G') },
  { name: 'edge-two-machine-options', args: a('-M pc -m 1G -M q35') },
  { name: 'edge-m-size-key', args: a('-M q35 -m size=2G,slots=1,maxmem=3G') },
  { name: 'edge-m-plain-number-mib', args: a('-M q35 -m 1536') },
  { name: 'edge-maxmem-hex', args: a('-M q35 -m 1G,slots=1,maxmem=0x80000000') },
  { name: 'edge-dimm-addr-decimal', args: a(`-M q35 -m 1G,slots=1,maxmem=2G ${ram('m0', '512M')} ${dimm('d0', 'm0', 'addr=4294967296')}`) },
  { name: 'edge-dimm-addr-wraps', args: a(`-M q35 -m 1G,slots=1,maxmem=2G ${ram('m0', '512M')} ${dimm('d0', 'm0', 'addr=0xfffffffffff00000')}`) },
  { name: 'edge-numa-legacy-mem-old-type', args: a('-M pc-i440fx-5.0 -m 1G -numa node,mem=512M -numa node,mem=512M') },
  { name: 'edge-nvdimm-label-too-small', args: a(`-M q35,nvdimm=on -m 1G,slots=1,maxmem=2G ${file('nv0', '256M')} ${nvdimm('nvd0', 'nv0', 'label-size=64K')}`) },
  { name: 'edge-cpu-vendor-intel-skylake-amd', args: a('-M q35 -cpu Skylake-Client,vendor=AuthenticAMD -m 4G') },
  { name: 'edge-cpu-epyc', args: a('-M q35 -cpu EPYC -m 4G,slots=1,maxmem=1010G') },
  { name: 'edge-smp-modules', args: a(`-M q35 -smp 8,sockets=2,modules=2,cores=2 -m 2G ${twoNodes('1G', '1G')}`) },
];

// ---------------------------------------------------------------------------------------------------------------
// sp-mem (QEMU 11.1 only)
// ---------------------------------------------------------------------------------------------------------------

const SPM_BASE = `-M q35 -m 2G,slots=2,maxmem=10G ${twoNodes('1G', '1G')}`;

const spMem: DiffCase[] = [
  {
    name: 'spm-upstream-qtest',
    args: a(
      '-machine q35 -m 256M,slots=2,maxmem=2G -object memory-backend-ram,id=ram0,size=256M -numa node,nodeid=0,memdev=ram0 -object memory-backend-ram,id=spm0,size=128M -device sp-mem,id=sp0,memdev=spm0,node=0',
    ),
  },
  { name: 'spm-two-on-two-nodes', args: a(`${SPM_BASE} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=0')} ${ram('s1', '512M')} ${spm('sp1', 's1', 'node=1')}`) },
  {
    name: 'spm-addr-between-dimms',
    args: a(
      `${SPM_BASE} ${ram('m0', '1G')} ${dimm('d0', 'm0', 'addr=0x100000000')} ${ram('m1', '1G')} ${dimm('d1', 'm1', 'addr=0x180000000')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1,addr=0x140000000')}`,
    ),
  },
  { name: 'spm-last-node', args: a(`-M q35 -m 3G,slots=1,maxmem=6G ${ram('r0', '1G')} ${ram('r1', '1G')} ${ram('r2', '1G')} ${node('r0')} ${node('r1')} ${node('r2')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=2')}`) },
  { name: 'spm-memoryless-node', args: a(`-M q35 -m 2G,slots=1,maxmem=6G ${ram('r0', '2G')} ${node('r0')} -numa node ${ram('s0', '2G')} ${spm('sp0', 's0', 'node=1')}`) },
  {
    name: 'spm-memoryless-middle-node',
    args: a(`-M q35 -smp 3,sockets=3 -m 2G,slots=1,maxmem=6G ${ram('r0', '1G')} ${ram('r2', '1G')} ${node('r0')} -numa node ${node('r2')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1')}`),
  },
  {
    name: 'spm-first-then-dimms',
    args: a(`${SPM_BASE} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1')} ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('m1', '512M')} ${dimm('d1', 'm1', 'node=1')}`),
  },
  {
    name: 'spm-dimms-then-spm',
    args: a(`${SPM_BASE} ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('m1', '512M')} ${dimm('d1', 'm1', 'node=1')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1')}`),
  },
  {
    name: 'spm-interleaved-three',
    args: a(
      `${SPM_BASE} ${ram('s0', '256M')} ${spm('sp0', 's0', 'node=0')} ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('s1', '512M')} ${spm('sp1', 's1', 'node=1')} ${ram('s2', '256M')} ${spm('sp2', 's2', 'node=1,addr=0x300000000')}`,
    ),
  },
  {
    name: 'spm-device-order-not-address-order',
    args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1,addr=0x200000000')} ${ram('s1', '512M')} ${spm('sp1', 's1', 'node=0,addr=0x100000000')}`),
  },
  { name: 'spm-file-backend', args: a(`${SPM_BASE} ${file('s0', '1G')} ${spm('sp0', 's0', 'node=1')}`) },
  { name: 'spm-file-backend-4k-size', args: a(`${SPM_BASE} ${file('s0', '1028K')} ${spm('sp0', 's0', 'node=1')}`) },
  { name: 'spm-1T-relocation', args: a(`-M q35 -cpu qemu64,phys-bits=48 -m 4G,slots=1,maxmem=1010G ${twoNodes('1G', '3G')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1')}`) },
  {
    name: 'spm-1T-intel-no-relocation',
    args: a(`-M q35 -cpu qemu64,vendor=GenuineIntel,phys-bits=48 -m 4G,slots=1,maxmem=1010G ${twoNodes('1G', '3G')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=0')}`),
  },
  { name: 'spm-pc-machine', args: a(`-M pc -m 4G,slots=2,maxmem=8G ${twoNodes('3G', '1G')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1')}`) },
  { name: 'spm-at-window-start', args: a(`${SPM_BASE} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1,addr=0x100000000')}`) },
  { name: 'spm-at-window-end', args: a(`-M q35 -m 2G,slots=1,maxmem=4G ${twoNodes('1G', '1G')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=0,addr=0x180000000')}`) },
  {
    name: 'spm-fills-window',
    args: a(`-M q35 -m 2G,maxmem=4G ${twoNodes('1G', '1G')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=0')} ${ram('s1', '1G')} ${spm('sp1', 's1', 'node=1')}`),
  },
  {
    name: 'spm-with-nvdimm',
    args: a(`-M q35,nvdimm=on ${SPM_BASE.slice('-M q35 '.length)} ${file('nv0', '512M')} ${nvdimm('nvd0', 'nv0', 'node=0')} ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=1')}`),
  },
  {
    name: 'spm-with-two-nvdimms',
    args: a(
      `-M q35,nvdimm=on ${SPM_BASE.slice('-M q35 '.length)} ${ram('b0', '256M')} ${nvdimm('x', 'b0', 'node=0')} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1')} ${ram('b1', '128M')} ${nvdimm('y', 'b1', 'node=1')}`,
    ),
  },
  { name: 'spm-implicit-node', args: a(`-M q35 -m 2G,slots=2,maxmem=4G ${ram('s0', '512M')} ${spm('sp0', 's0')}`) },
  { name: 'spm-no-slots-maxmem-only', args: a(`-M q35 -m 2G,maxmem=4G ${ram('s0', '512M')} ${spm('sp0', 's0')}`) },
  { name: 'spm-slots1-dimm-and-spm', args: a(`-M q35 -m 2G,slots=1,maxmem=8G ${twoNodes('1G', '1G')} ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1')}`) },
  {
    name: 'spm-8nodes-several',
    args: a(
      `-M q35 -smp 8,sockets=8 -m 4G,slots=4,maxmem=12G ${[0, 1, 2, 3].map((i) => ram('r' + i, '1G')).join(' ')} ${[0, 1, 2, 3]
        .map((i) => node('r' + i))
        .join(' ')} -numa node -numa node -numa node -numa node ${ram('s0', '1G')} ${spm('sp0', 's0', 'node=4')} ${ram('s1', '1G')} ${spm('sp1', 's1', 'node=5')} ${ram('s2', '2G')} ${spm('sp2', 's2', 'node=7')}`,
    ),
  },
  { name: 'spm-no-id', args: a(`${SPM_BASE} ${ram('s0', '256M')} -device sp-mem,memdev=s0,node=1`) },
  // sp-mem errors
  { name: 'spm-err-no-memdev', args: a(`${SPM_BASE} -device sp-mem,id=sp0,node=1`) },
  { name: 'spm-err-backend-used-by-node', args: a(`${SPM_BASE} ${spm('sp0', 'r1', 'node=1')}`) },
  { name: 'spm-err-backend-used-by-spm', args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1')} ${spm('sp1', 's0', 'node=0')}`) },
  { name: 'spm-err-backend-used-by-dimm', args: a(`${SPM_BASE} ${ram('m0', '512M')} ${dimm('d0', 'm0')} ${spm('sp0', 'm0', 'node=1')}`) },
  { name: 'spm-err-dimm-on-spm-backend', args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1')} ${dimm('d0', 's0')}`) },
  { name: 'spm-err-node-out-of-range', args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=2')}`) },
  { name: 'spm-err-node-no-numa', args: a(`-M q35 -m 2G ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1')}`) },
  { name: 'spm-err-node0-no-numa', args: a(`-M q35 -m 2G ${ram('s0', '512M')} ${spm('sp0', 's0')}`) },
  { name: 'spm-err-no-maxmem', args: a(`-M q35 -m 2G ${twoNodes('1G', '1G')} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1')}`) },
  { name: 'spm-err-misaligned', args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1,addr=0x100100000')}`) },
  { name: 'spm-err-size-not-multiple', args: a(`${SPM_BASE} ${ram('s0', '3M')} ${spm('sp0', 's0', 'node=1')}`) },
  { name: 'spm-err-overlap-dimm', args: a(`${SPM_BASE} ${ram('m0', '1G')} ${dimm('d1', 'm0', 'addr=0x100000000')} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1,addr=0x120000000')}`) },
  { name: 'spm-err-dimm-overlaps-spm', args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1,addr=0x100000000')} ${ram('m0', '1G')} ${dimm('d1', 'm0', 'addr=0x100000000')}`) },
  { name: 'spm-err-not-enough-space', args: a(`-M q35 -m 2G,slots=1,maxmem=3G ${twoNodes('1G', '1G')} ${ram('s0', '2G')} ${spm('sp0', 's0', 'node=1')}`) },
  {
    name: 'spm-err-not-enough-space-after-dimm',
    args: a(`-M q35 -m 2G,slots=1,maxmem=4G ${twoNodes('1G', '1G')} ${ram('m0', '1G')} ${dimm('d0', 'm0')} ${ram('s0', '1536M')} ${spm('sp0', 's0', 'node=1')}`),
  },
  { name: 'spm-err-out-of-range-addr', args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1,addr=0x80000000')}`) },
  { name: 'spm-err-slot-property', args: a(`${SPM_BASE} ${ram('s0', '512M')} ${spm('sp0', 's0', 'node=1,slot=0')}`) },
].map((c) => ({ ...c, versions: ONLY_11 }));

// ---------------------------------------------------------------------------------------------------------------
// Property-generated configurations (fixed seed: the same list on every run)
// ---------------------------------------------------------------------------------------------------------------

interface GenDevice {
  kind: 'pc-dimm' | 'nvdimm' | 'sp-mem';
  sizeMiB: number;
  node: number;
  file: boolean;
  /** explicit addr= as an offset (MiB) from the window base, when set */
  addrOffsetMiB: number | null;
}

interface GenConfig {
  machine: 'pc' | 'q35' | 'pc-i440fx-7.0' | 'pc-q35-7.2';
  mrb4gMiB: number | null;
  ramMiB: number;
  cpu: string | null;
  smp: { sockets: number; cores: number; threads: number; extra: number };
  hotplug: null | { slots: number; extraMiB: number };
  /** node sizes in MiB (0 = memory-less); empty = no -numa */
  nodes: number[];
  /** map sockets to nodes with -numa cpu (else QEMU's default) */
  numaCpu: boolean;
  devices: GenDevice[];
}

function splitRam(ramMiB: number, parts: number[], zeros: boolean[]): number[] {
  // proportional split in 2 MiB units; the last memory node takes the remainder; keeps the sum exact
  const units = ramMiB / 2;
  const weights: number[] = parts.map((p, i) => (zeros[i] ? 0 : p));
  if (!weights.some((w) => w > 0)) weights[0] = 1;
  const total = weights.reduce((x, y) => x + y, 0);
  const out = weights.map((w) => Math.floor((units * w) / total) * 2);
  const last = weights.map((w) => w > 0).lastIndexOf(true);
  out[last] += ramMiB - out.reduce((x, y) => x + y, 0);
  return out;
}

const genDevice = (kinds: Array<GenDevice['kind']>): fc.Arbitrary<GenDevice> =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    sizeMiB: fc.constantFrom(64, 128, 256, 512, 1024),
    node: fc.nat(7),
    file: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
    addrOffsetMiB: fc.constantFrom<number | null>(null, null, null, null, null, null, null, null, 0, 256, 512, 1024, 2048),
  });

/** Random configurations. `withSpm`: 11.1-only configurations that always carry at least one sp-mem. */
export const genConfig = (withSpm: boolean): fc.Arbitrary<GenConfig> =>
  fc
    .record({
      machine: fc.constantFrom<GenConfig['machine']>('pc', 'q35', 'pc', 'q35', 'pc-i440fx-7.0', 'pc-q35-7.2'),
      mrb4gMiB: fc.constantFrom<number | null>(null, null, null, null, null, null, 1024, 2048, 2560, 3072, 3584, 4096),
      ramMiB: fc.constantFrom(256, 512, 1024, 2048, 2814, 2816, 3072, 3582, 3584, 4096, 6144),
      cpu: fc.option(fc.constantFrom('qemu64,vendor=GenuineIntel', 'Skylake-Client', 'qemu64,phys-bits=39', 'qemu64,phys-bits=42', 'max'), {
        nil: null,
        freq: 2,
      }),
      smp: fc.record({
        sockets: fc.integer({ min: 1, max: 4 }),
        cores: fc.integer({ min: 1, max: 3 }),
        threads: fc.integer({ min: 1, max: 2 }),
        extra: fc.integer({ min: 0, max: 2 }),
      }),
      hotplug: withSpm
        ? fc.record({ slots: fc.integer({ min: 0, max: 4 }), extraMiB: fc.constantFrom(1024, 2048, 4096, 8192) })
        : fc.option(fc.record({ slots: fc.integer({ min: 0, max: 4 }), extraMiB: fc.constantFrom(512, 1024, 2048, 4096) }), { nil: null }),
      nodeWeights: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: withSpm ? 1 : 0, maxLength: 6 }),
      zeros: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      numaCpu: fc.boolean(),
      /** mostly keep devices within slots and maxmem, so that most generated configurations are accepted */
      fit: fc.integer({ min: 0, max: 4 }).map((x) => x !== 0),
      devices: fc.array(genDevice(withSpm ? ['pc-dimm', 'nvdimm', 'sp-mem', 'sp-mem'] : ['pc-dimm', 'pc-dimm', 'nvdimm']), {
        minLength: withSpm ? 1 : 0,
        maxLength: 4,
      }),
    })
    .map(({ nodeWeights, zeros, fit, ...r }) => {
      const nodes = nodeWeights.length ? splitRam(r.ramMiB, nodeWeights, zeros.map((z, i) => z && i % 2 === 1)) : [];
      const n = Math.max(nodes.length, 1);
      let devices = r.hotplug ? r.devices.map((d) => ({ ...d, node: d.node % n })) : [];
      if (withSpm && !devices.some((d) => d.kind === 'sp-mem')) devices.push({ ...r.devices[0], kind: 'sp-mem', node: 0 });
      if (fit && r.hotplug) {
        let room = r.hotplug.extraMiB;
        let slots = r.hotplug.slots;
        devices = devices.filter((d) => {
          if (d.kind !== 'sp-mem' && slots-- <= 0) return false;
          return (room -= d.sizeMiB) >= 0;
        });
        if (withSpm && !devices.some((d) => d.kind === 'sp-mem')) devices = [{ ...r.devices[0], kind: 'sp-mem', node: 0, sizeMiB: 64 }];
      }
      return { ...r, nodes, devices };
    });

/** The window base QEMU will use, roughly (for explicit addr=): RAM end above 4G rounded up to 1 GiB. */
function approxWindowBaseMiB(c: GenConfig): number {
  const q35 = c.machine.includes('q35');
  let low = q35 ? (c.ramMiB >= 2816 ? 2048 : 2816) : c.ramMiB >= 3584 ? 3072 : 3584;
  if (c.mrb4gMiB !== null && c.mrb4gMiB < low) low = c.mrb4gMiB;
  const above = Math.max(0, c.ramMiB - low);
  return 4096 + Math.ceil(above / 1024) * 1024;
}

export function genArgs(c: GenConfig): string[] {
  const parts: string[] = [
    `-M ${c.machine}${c.mrb4gMiB !== null ? `,max-ram-below-4g=${c.mrb4gMiB}M` : ''}${c.devices.some((d) => d.kind === 'nvdimm') ? ',nvdimm=on' : ''}`,
  ];
  if (c.cpu) parts.push(`-cpu ${c.cpu}`);
  const { sockets, cores, threads, extra } = c.smp;
  const max = sockets * cores * threads;
  const cpus = Math.max(1, max - extra);
  parts.push(`-smp ${cpus},sockets=${sockets},cores=${cores},threads=${threads}${cpus < max ? `,maxcpus=${max}` : ''}`);
  parts.push(c.hotplug ? `-m ${c.ramMiB}M${c.hotplug.slots ? `,slots=${c.hotplug.slots}` : ''},maxmem=${c.ramMiB + c.hotplug.extraMiB}M` : `-m ${c.ramMiB}M`);
  c.nodes.forEach((s, i) => {
    if (s > 0) parts.push(`${ram('n' + i, s + 'M')} ${node('n' + i)}`);
    else parts.push('-numa node');
  });
  if (c.numaCpu && c.nodes.length) {
    for (let s = 0; s < sockets; s++) parts.push(`-numa cpu,node-id=${(s * 7 + 3) % c.nodes.length},socket-id=${s}`);
  }
  const base = approxWindowBaseMiB(c);
  c.devices.forEach((d, i) => {
    const id = `${d.kind === 'sp-mem' ? 's' : d.kind === 'nvdimm' ? 'v' : 'm'}${i}`;
    parts.push(d.file ? file(id, d.sizeMiB + 'M') : ram(id, d.sizeMiB + 'M'));
    const props = [
      ...(c.nodes.length || d.kind === 'sp-mem' ? [`node=${d.node}`] : []),
      ...(d.addrOffsetMiB !== null ? [`addr=0x${((base + d.addrOffsetMiB) * 1024 * 1024).toString(16)}`] : []),
    ].join(',');
    parts.push(`-device ${d.kind},id=${d.kind === 'sp-mem' ? 'sp' : 'd'}${i},memdev=${id}${props ? ',' + props : ''}`);
  });
  return a(parts.join(' '));
}

const GEN_SEED = 20260401;

/** `n` generated cases from `seed` (fixed seeds in CASES; other seeds for exploration with --fuzz). */
export function generateCases(seed: number, n: number, withSpm: boolean, prefix = withSpm ? 'gen-spm' : 'gen'): DiffCase[] {
  return fc.sample(genConfig(withSpm), { seed, numRuns: n }).map((c, i) => ({
    name: `${prefix}-${String(i).padStart(2, '0')}`,
    args: genArgs(c),
    ...(withSpm ? { versions: ONLY_11 } : {}),
  }));
}

const generated: DiffCase[] = generateCases(GEN_SEED, 40, false);
const generatedSpm: DiffCase[] = generateCases(GEN_SEED + 1, 25, true);

/** The designer's built-in designs (what a user sees first must be what QEMU builds). */
const presets: DiffCase[] = PRESETS.map((p) => {
  const args = p.args.map((a) => a.replace('mem-path=/tmp/nvdimm0', `mem-path=${MEM_DIR}/nvdimm0`));
  const hasSpm = args.some((a) => a.startsWith('sp-mem,'));
  return { name: `preset-${p.id}`, args, ...(hasSpm ? { versions: ONLY_11 } : {}) };
});

export const CASES: DiffCase[] = [...accepted, ...rejected, ...edges, ...spMem, ...generated, ...generatedSpm, ...presets];

/** Cases run through the real `npm run cli` (spawned) as well, to prove the CLI contract end to end. */
export const E2E_CASES = ['G1-q35-2nodes-dimm', 'G6-pc-1G-no-srat', 'err-overlap', 'err-unknown-option', 'spm-upstream-qtest', 'spm-err-no-maxmem'];

// ---------------------------------------------------------------------------------------------------------------
// KVM (issue 9 item 2): run under KVM (the harness adds no -accel tcg) when /dev/kvm is usable, the CLI told this
// host's CPU (--host-cpu); skipped as unavailable, loudly, otherwise. Results depend on the host: the vendor of
// built-in models and the phys-bits of -cpu host/max follow it (FINDINGS.md item 10).
// ---------------------------------------------------------------------------------------------------------------

export interface DiffCase {
  /** 'kvm': run under KVM as the arguments say (captureQemu accel 'as-given'), the CLI given --host-cpu */
  accel?: 'kvm';
  /** versions on which a case cannot run on this host, and why (printed as skipped; not a verdict) */
  excluded?: ReadonlyArray<{ version: QemuVersionTag; reason: string }>;
}

const MSR_10A = 'QEMU 7.2 under KVM with -cpu host/max aborts on this nested host ("failed to set MSR 0x10a"): a host limit the designer cannot predict';
const kvmBig = '-m 4G,slots=2,maxmem=1100G';
const no72 = [{ version: '7.2' as const, reason: MSR_10A }];

const kvmCases: DiffCase[] = [
  { name: 'kvm-accel-q35-1G', args: a('-accel kvm -M q35 -m 1G') },
  { name: 'kvm-enable-kvm-pc-1G', args: a('-enable-kvm -M pc -m 1G') },
  { name: 'kvm-machine-accel-list', args: a('-M q35,accel=kvm:tcg -m 1G') },
  { name: 'kvm-machine-accel', args: a('-M pc,accel=kvm -m 4G') },
  { name: 'kvm-vendor-intel', args: a('-accel kvm -M q35 -m 1G -cpu qemu64,vendor=GenuineIntel') },
  { name: 'kvm-haswell-numa-dimm', args: a(`-accel kvm -M q35 -cpu Haswell -smp 2 -m 4G,slots=2,maxmem=8G ${twoNodes('2G', '2G')} ${ram('d0', '1G')} ${dimm('dimm0', 'd0', 'node=1')}`) },
  { name: 'kvm-qemu64-big-refused', args: a(`-accel kvm -M q35 ${kvmBig}`) },
  { name: 'kvm-qemu64-host-phys-bits', args: a(`-accel kvm -M q35 -cpu qemu64,host-phys-bits=on ${kvmBig}`) },
  { name: 'kvm-phys-bits-30', args: a('-accel kvm -M q35 -cpu qemu64,phys-bits=30 -m 1G') },
  { name: 'kvm-phys-bits-50', args: a('-accel kvm -M q35 -cpu qemu64,phys-bits=50 -m 1G') },
  { name: 'kvm-host-big', args: a(`-accel kvm -M q35 -cpu host ${kvmBig}`), excluded: no72 },
  { name: 'kvm-max-big', args: a(`-accel kvm -M q35 -cpu max ${kvmBig}`), excluded: no72 },
  { name: 'kvm-host-phys-bits-off-40', args: a(`-accel kvm -M q35 -cpu host,host-phys-bits=off,phys-bits=40 ${kvmBig}`), excluded: no72 },
  { name: 'kvm-host-phys-bits-limit-40', args: a(`-accel kvm -M q35 -cpu host,host-phys-bits-limit=40 ${kvmBig}`), excluded: no72 },
  { name: 'kvm-host-phys-bits-44-ignored', args: a(`-accel kvm -M q35 -cpu host,phys-bits=44 ${kvmBig}`), excluded: no72 },
  { name: 'kvm-spm', args: a(`-accel kvm -M q35 -m 2G,maxmem=6G ${ram('r0', '2G')} ${node('r0')} ${ram('s0', '1G')} ${spm('spm0', 's0', 'node=0')}`), versions: ONLY_11 },
].map((c) => ({ ...c, accel: 'kvm' as const }));

CASES.push(...kvmCases);

// ---------------------------------------------------------------------------------------------------------------
// SLIT, HMAT and the SRAT's generic initiator / port structures (the configurations of src/core/testdata/qemu-hmat;
// generic initiators with -nodefaults, whose PCI slots the designer models only with it)
// ---------------------------------------------------------------------------------------------------------------

const numaTables: DiffCase[] = [
  { name: 'nt-gi-function-address', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -device virtio-net-pci,id=f0,addr=0x5.0,multifunction=on -device virtio-net-pci,id=f3,addr=0x5.3 -object acpi-generic-initiator,id=gi0,pci-dev=f3,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-hmat-initiator', args: a('-machine q35,hmat=on -smp 2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa node,nodeid=2 -numa cpu,node-id=0,socket-id=0 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=2,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=30 -numa hmat-lb,initiator=2,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=4G -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-memory-node', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=1 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-no-numa', args: a('-machine q35 -m 128M -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=0 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-object-before-device', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -device virtio-net-pci,id=dev0 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-pc-memless-node', args: a('-machine pc -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-q35-memless-node', args: a('-machine q35 -m 2048M -object memory-backend-ram,id=m0,size=1G -object memory-backend-ram,id=m1,size=1G -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -nodefaults') },
  { name: 'nt-gi-two-ids-a-b', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -numa node,nodeid=3 -device virtio-net-pci,id=dev0 -device virtio-net-pci,id=dev1,addr=0x6 -object acpi-generic-initiator,id=a,pci-dev=dev0,node=2 -object acpi-generic-initiator,id=b,pci-dev=dev1,node=3 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-two-ids-b-a', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -numa node,nodeid=3 -device virtio-net-pci,id=dev0 -device virtio-net-pci,id=dev1,addr=0x6 -object acpi-generic-initiator,id=b,pci-dev=dev0,node=2 -object acpi-generic-initiator,id=a,pci-dev=dev1,node=3 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gi-with-hotplug-window', args: a('-machine q35 -m 128M,slots=2,maxmem=2G -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gp-and-gi', args: a('-machine q35,cxl=on -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -numa node,nodeid=3 -device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1 -object acpi-generic-port,id=gp0,pci-bus=cxl.1,node=3 -device virtio-net-pci,id=dev0,bus=pcie.0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-gp-cxl-host-bridge', args: a('-machine q35,cxl=on -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1 -object acpi-generic-port,id=gp0,pci-bus=cxl.1,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-hmat-1node', args: a('-machine hmat=on -m 128M -object memory-backend-ram,id=m0,size=128M -numa node,nodeid=0,memdev=m0'), versions: ONLY_11 },
  { name: 'nt-hmat-2nodes-initiator', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1'), versions: ONLY_11 },
  { name: 'nt-hmat-2nodes-latency', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20'), versions: ONLY_11 },
  { name: 'nt-hmat-2nodes-latency-bandwidth', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20') },
  { name: 'nt-hmat-2nodes-no-initiator', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1'), versions: ONLY_11 },
  { name: 'nt-hmat-4nodes-hbm', args: a('-machine q35,hmat=on -smp 2,sockets=2 -m 1536M -object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M -object memory-backend-ram,id=m2,size=256M -object memory-backend-ram,id=m3,size=256M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2,initiator=0 -numa node,nodeid=3,memdev=m3,initiator=1 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=100 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=200 -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-latency,latency=60 -numa hmat-lb,initiator=0,target=3,hierarchy=memory,data-type=access-latency,latency=250 -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-latency,latency=200 -numa hmat-lb,initiator=1,target=1,hierarchy=memory,data-type=access-latency,latency=100 -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-latency,latency=250 -numa hmat-lb,initiator=1,target=3,hierarchy=memory,data-type=access-latency,latency=60 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=20G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=10G -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=200G -numa hmat-lb,initiator=0,target=3,hierarchy=memory,data-type=access-bandwidth,bandwidth=8G -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=10G -numa hmat-lb,initiator=1,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=20G -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=8G -numa hmat-lb,initiator=1,target=3,hierarchy=memory,data-type=access-bandwidth,bandwidth=200G -numa dist,src=0,dst=1,val=21 -numa dist,src=0,dst=2,val=17 -numa dist,src=0,dst=3,val=28 -numa dist,src=1,dst=2,val=28 -numa dist,src=1,dst=3,val=17 -numa dist,src=2,dst=3,val=30'), versions: ONLY_11 },
  { name: 'nt-hmat-4nodes-hbm-caches', args: a('-machine q35,hmat=on -smp 2,sockets=2 -m 1536M -object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M -object memory-backend-ram,id=m2,size=256M -object memory-backend-ram,id=m3,size=256M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2,initiator=0 -numa node,nodeid=3,memdev=m3,initiator=1 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=100 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=200 -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-latency,latency=60 -numa hmat-lb,initiator=0,target=3,hierarchy=memory,data-type=access-latency,latency=250 -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-latency,latency=200 -numa hmat-lb,initiator=1,target=1,hierarchy=memory,data-type=access-latency,latency=100 -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-latency,latency=250 -numa hmat-lb,initiator=1,target=3,hierarchy=memory,data-type=access-latency,latency=60 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=20G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=10G -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=200G -numa hmat-lb,initiator=0,target=3,hierarchy=memory,data-type=access-bandwidth,bandwidth=8G -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=10G -numa hmat-lb,initiator=1,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=20G -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=8G -numa hmat-lb,initiator=1,target=3,hierarchy=memory,data-type=access-bandwidth,bandwidth=200G -numa hmat-cache,node-id=2,size=16M,level=1,associativity=direct,policy=write-back,line=64 -numa hmat-cache,node-id=0,size=1M,level=1,associativity=none,policy=none,line=32 -numa hmat-cache,node-id=0,size=8M,level=2,associativity=direct,policy=write-through,line=64 -numa hmat-cache,node-id=0,size=64M,level=3,associativity=complex,policy=write-back,line=128'), versions: ONLY_11 },
  { name: 'nt-hmat-bandwidth-base', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=3G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M'), versions: ONLY_11 },
  { name: 'nt-hmat-bios-tables-acpihmat', args: a('-machine q35 -machine hmat=on -smp 2,sockets=2 -m 128M,slots=2,maxmem=1G -object memory-backend-ram,size=64M,id=m0 -object memory-backend-ram,size=64M,id=m1 -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=65534M -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=65534 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=32767M -numa hmat-cache,node-id=0,size=10K,level=1,associativity=direct,policy=write-back,line=8 -numa hmat-cache,node-id=1,size=10K,level=1,associativity=direct,policy=write-back,line=8'), versions: ONLY_11 },
  { name: 'nt-hmat-bios-tables-noinitiator', args: a('-machine q35 -machine hmat=on -smp 4,sockets=2 -m 128M -object memory-backend-ram,size=32M,id=ram0 -object memory-backend-ram,size=32M,id=ram1 -object memory-backend-ram,size=64M,id=ram2 -numa node,nodeid=0,memdev=ram0 -numa node,nodeid=1,memdev=ram1 -numa node,nodeid=2,memdev=ram2 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1 -numa cpu,node-id=1,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=10485760 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=5242880 -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-latency,latency=30 -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=1048576 -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=5242880 -numa hmat-lb,initiator=1,target=1,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=1,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=10485760 -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-latency,latency=30 -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=1048576'), versions: ONLY_11 },
  { name: 'nt-hmat-cache-hierarchies', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-lb,initiator=0,target=1,hierarchy=first-level,data-type=access-latency,latency=5 -numa hmat-lb,initiator=0,target=1,hierarchy=second-level,data-type=access-latency,latency=8 -numa hmat-lb,initiator=0,target=1,hierarchy=third-level,data-type=access-bandwidth,bandwidth=4G -numa hmat-lb,initiator=0,target=1,hierarchy=first-level,data-type=access-bandwidth,bandwidth=8G -numa hmat-cache,node-id=1,size=4M,level=1,associativity=direct,policy=write-back,line=64 -numa hmat-cache,node-id=1,size=32M,level=2,associativity=complex,policy=write-through,line=128 -numa hmat-cache,node-id=1,size=256M,level=3,associativity=none,policy=none,line=256'), versions: ONLY_11 },
  { name: 'nt-hmat-cpus-option', args: a('-machine hmat=on -smp 2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0,cpus=0-1 -numa node,nodeid=1,memdev=m1,initiator=0 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=5'), versions: ONLY_11 },
  { name: 'nt-hmat-dimm-only-node', args: a('-machine q35,hmat=on -smp 2,sockets=2 -m 128M,slots=2,maxmem=2G -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -object memory-backend-ram,id=d0,size=256M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,initiator=1 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1 -device pc-dimm,id=dimm0,memdev=d0,node=2 -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-latency,latency=120 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=80'), versions: ONLY_11 },
  { name: 'nt-hmat-latency-base-overflow', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10000000 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20000000'), versions: ONLY_11 },
  { name: 'nt-hmat-latency-base-uneven', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=300 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=1000 -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=1,target=1,hierarchy=memory,data-type=access-latency,latency=300'), versions: ONLY_11 },
  { name: 'nt-hmat-latency-entry-wrap', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=100000 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=1'), versions: ONLY_11 },
  { name: 'nt-hmat-memless-cpu-node', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m1,size=128M -numa node,nodeid=0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=50 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-hmat-no-numa', args: a('-machine hmat=on -m 128M'), versions: ONLY_11 },
  { name: 'nt-hmat-partial-entries', args: a('-machine hmat=on -smp 2,sockets=2 -m 192M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -object memory-backend-ram,id=m2,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2,initiator=1 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1 -numa hmat-lb,initiator=1,target=2,hierarchy=memory,data-type=access-latency,latency=30 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-hmat-pc-2nodes', args: a('-machine pc -machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M'), versions: ONLY_11 },
  { name: 'nt-hmat-read-write-kinds', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=write-bandwidth,bandwidth=256M -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=read-latency,latency=15 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=write-latency,latency=40 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=read-bandwidth,bandwidth=2G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=read-latency,latency=30 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=write-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=write-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=read-bandwidth,bandwidth=1G'), versions: ONLY_11 },
  { name: 'nt-hmat-sp-mem-node', args: a('-machine q35,hmat=on -m 128M,slots=1,maxmem=2G -object memory-backend-ram,id=m0,size=128M -object memory-backend-ram,id=hbm,size=1G -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,initiator=0 -numa cpu,node-id=0,socket-id=0 -device sp-mem,id=hbm0,memdev=hbm,node=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=100 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=200 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=10G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=100G'), versions: ONLY_11 },
  { name: 'nt-hmat-zero-values', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=0 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=0'), versions: ONLY_11 },
  { name: 'nt-refused-gi-no-such-device', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -object acpi-generic-initiator,id=gi0,pci-dev=nodev,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-gi-node-128', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=128 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-gi-node-beyond', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-gi-node-missing', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-gi-not-pci', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -object acpi-generic-initiator,id=gi0,pci-dev=m0,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-gp-node-beyond', args: a('-machine q35,cxl=on -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1 -object acpi-generic-port,id=gp0,pci-bus=cxl.1,node=3 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-gp-not-cxl', args: a('-machine q35 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -object acpi-generic-port,id=gp0,pci-bus=pcie.0,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cache-before-lb', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-cache,node-id=1,size=1M,level=1,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cache-duplicate', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-cache,node-id=1,size=1M,level=1,associativity=direct,policy=write-back,line=64 -numa hmat-cache,node-id=1,size=2M,level=1,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cache-level-0', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-cache,node-id=1,size=1M,level=0,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cache-level-4', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-cache,node-id=1,size=1M,level=4,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cache-level-gap', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-cache,node-id=1,size=1M,level=2,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cache-node-beyond', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-cache,node-id=2,size=1M,level=1,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cache-size-order', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512M -numa hmat-cache,node-id=1,size=4M,level=1,associativity=direct,policy=write-back,line=64 -numa hmat-cache,node-id=1,size=4M,level=2,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-cpu-node-initiator-other', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-gi-as-initiator', args: a('-machine q35,hmat=on -smp 2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=2 -numa node,nodeid=2 -numa cpu,node-id=0,socket-id=0 -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -nodefaults'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-initiator-memory-only', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=32M -object memory-backend-ram,id=m2,size=32M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=2 -numa node,nodeid=2,memdev=m2 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-initiator-undeclared', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=5 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-bandwidth-bits', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1M -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=128G'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-bandwidth-missing', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-bandwidth-range', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1M -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=65535M'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-bandwidth-unaligned', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=1000'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-both-values', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10,bandwidth=1G'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-cpus-not-yet-assigned', args: a('-machine hmat=on -smp 2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-data-type-unknown', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-duplicate', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=10 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-duplicate-bandwidth', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=1G -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=2G'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-hierarchy-unknown', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=fourth-level,data-type=access-latency,latency=10') },
  { name: 'nt-refused-hmat-lb-initiator-beyond', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=5,target=0,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-initiator-memory-only', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=1,target=0,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-latency-missing', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,bandwidth=1G'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-latency-range', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=1 -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=100000'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-target-beyond', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=5,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-lb-target-equals-count', args: a('-machine hmat=on -smp 2,sockets=2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=1 -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-off-cache', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa hmat-cache,node-id=0,size=1M,level=1,associativity=direct,policy=write-back,line=64'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-off-initiator', args: a('-smp 2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0'), versions: ONLY_11 },
  { name: 'nt-refused-hmat-off-lb', args: a('-smp 2 -m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa cpu,node-id=0,socket-id=0 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=10'), versions: ONLY_11 },
  { name: 'nt-refused-slit-asym-incomplete', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=32M -object memory-backend-ram,id=m2,size=32M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2 -numa dist,src=0,dst=1,val=21 -numa dist,src=1,dst=0,val=31 -numa dist,src=0,dst=2,val=41 -numa dist,src=1,dst=2,val=51'), versions: ONLY_11 },
  { name: 'nt-refused-slit-below-10', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=0,dst=1,val=9'), versions: ONLY_11 },
  { name: 'nt-refused-slit-dist-before-node', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa dist,src=0,dst=1,val=20 -numa node,nodeid=1,memdev=m1'), versions: ONLY_11 },
  { name: 'nt-refused-slit-local-not-10', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=0,dst=0,val=20 -numa dist,src=0,dst=1,val=20'), versions: ONLY_11 },
  { name: 'nt-refused-slit-missing-pair', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=32M -object memory-backend-ram,id=m2,size=32M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2 -numa dist,src=0,dst=1,val=20'), versions: ONLY_11 },
  { name: 'nt-refused-slit-src-128', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=128,dst=1,val=20') },
  { name: 'nt-refused-slit-undeclared-node', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=0,dst=2,val=20'), versions: ONLY_11 },
  { name: 'nt-refused-slit-val-256', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=0,dst=1,val=256') },
  { name: 'nt-slit-18nodes', args: a('-m 128M -object memory-backend-ram,id=m0,size=128M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1 -numa node,nodeid=2 -numa node,nodeid=3 -numa node,nodeid=4 -numa node,nodeid=5 -numa node,nodeid=6 -numa node,nodeid=7 -numa node,nodeid=8 -numa node,nodeid=9 -numa node,nodeid=10 -numa node,nodeid=11 -numa node,nodeid=12 -numa node,nodeid=13 -numa node,nodeid=14 -numa node,nodeid=15 -numa node,nodeid=16 -numa node,nodeid=17 -numa dist,src=0,dst=1,val=21 -numa dist,src=0,dst=2,val=22 -numa dist,src=0,dst=3,val=23 -numa dist,src=0,dst=4,val=24 -numa dist,src=0,dst=5,val=25 -numa dist,src=0,dst=6,val=26 -numa dist,src=0,dst=7,val=27 -numa dist,src=0,dst=8,val=28 -numa dist,src=0,dst=9,val=29 -numa dist,src=0,dst=10,val=30 -numa dist,src=0,dst=11,val=31 -numa dist,src=0,dst=12,val=32 -numa dist,src=0,dst=13,val=33 -numa dist,src=0,dst=14,val=34 -numa dist,src=0,dst=15,val=35 -numa dist,src=0,dst=16,val=36 -numa dist,src=0,dst=17,val=37 -numa dist,src=1,dst=2,val=21 -numa dist,src=1,dst=3,val=22 -numa dist,src=1,dst=4,val=23 -numa dist,src=1,dst=5,val=24 -numa dist,src=1,dst=6,val=25 -numa dist,src=1,dst=7,val=26 -numa dist,src=1,dst=8,val=27 -numa dist,src=1,dst=9,val=28 -numa dist,src=1,dst=10,val=29 -numa dist,src=1,dst=11,val=30 -numa dist,src=1,dst=12,val=31 -numa dist,src=1,dst=13,val=32 -numa dist,src=1,dst=14,val=33 -numa dist,src=1,dst=15,val=34 -numa dist,src=1,dst=16,val=35 -numa dist,src=1,dst=17,val=36 -numa dist,src=2,dst=3,val=21 -numa dist,src=2,dst=4,val=22 -numa dist,src=2,dst=5,val=23 -numa dist,src=2,dst=6,val=24 -numa dist,src=2,dst=7,val=25 -numa dist,src=2,dst=8,val=26 -numa dist,src=2,dst=9,val=27 -numa dist,src=2,dst=10,val=28 -numa dist,src=2,dst=11,val=29 -numa dist,src=2,dst=12,val=30 -numa dist,src=2,dst=13,val=31 -numa dist,src=2,dst=14,val=32 -numa dist,src=2,dst=15,val=33 -numa dist,src=2,dst=16,val=34 -numa dist,src=2,dst=17,val=35 -numa dist,src=3,dst=4,val=21 -numa dist,src=3,dst=5,val=22 -numa dist,src=3,dst=6,val=23 -numa dist,src=3,dst=7,val=24 -numa dist,src=3,dst=8,val=25 -numa dist,src=3,dst=9,val=26 -numa dist,src=3,dst=10,val=27 -numa dist,src=3,dst=11,val=28 -numa dist,src=3,dst=12,val=29 -numa dist,src=3,dst=13,val=30 -numa dist,src=3,dst=14,val=31 -numa dist,src=3,dst=15,val=32 -numa dist,src=3,dst=16,val=33 -numa dist,src=3,dst=17,val=34 -numa dist,src=4,dst=5,val=21 -numa dist,src=4,dst=6,val=22 -numa dist,src=4,dst=7,val=23 -numa dist,src=4,dst=8,val=24 -numa dist,src=4,dst=9,val=25 -numa dist,src=4,dst=10,val=26 -numa dist,src=4,dst=11,val=27 -numa dist,src=4,dst=12,val=28 -numa dist,src=4,dst=13,val=29 -numa dist,src=4,dst=14,val=30 -numa dist,src=4,dst=15,val=31 -numa dist,src=4,dst=16,val=32 -numa dist,src=4,dst=17,val=33 -numa dist,src=5,dst=6,val=21 -numa dist,src=5,dst=7,val=22 -numa dist,src=5,dst=8,val=23 -numa dist,src=5,dst=9,val=24 -numa dist,src=5,dst=10,val=25 -numa dist,src=5,dst=11,val=26 -numa dist,src=5,dst=12,val=27 -numa dist,src=5,dst=13,val=28 -numa dist,src=5,dst=14,val=29 -numa dist,src=5,dst=15,val=30 -numa dist,src=5,dst=16,val=31 -numa dist,src=5,dst=17,val=32 -numa dist,src=6,dst=7,val=21 -numa dist,src=6,dst=8,val=22 -numa dist,src=6,dst=9,val=23 -numa dist,src=6,dst=10,val=24 -numa dist,src=6,dst=11,val=25 -numa dist,src=6,dst=12,val=26 -numa dist,src=6,dst=13,val=27 -numa dist,src=6,dst=14,val=28 -numa dist,src=6,dst=15,val=29 -numa dist,src=6,dst=16,val=30 -numa dist,src=6,dst=17,val=31 -numa dist,src=7,dst=8,val=21 -numa dist,src=7,dst=9,val=22 -numa dist,src=7,dst=10,val=23 -numa dist,src=7,dst=11,val=24 -numa dist,src=7,dst=12,val=25 -numa dist,src=7,dst=13,val=26 -numa dist,src=7,dst=14,val=27 -numa dist,src=7,dst=15,val=28 -numa dist,src=7,dst=16,val=29 -numa dist,src=7,dst=17,val=30 -numa dist,src=8,dst=9,val=21 -numa dist,src=8,dst=10,val=22 -numa dist,src=8,dst=11,val=23 -numa dist,src=8,dst=12,val=24 -numa dist,src=8,dst=13,val=25 -numa dist,src=8,dst=14,val=26 -numa dist,src=8,dst=15,val=27 -numa dist,src=8,dst=16,val=28 -numa dist,src=8,dst=17,val=29 -numa dist,src=9,dst=10,val=21 -numa dist,src=9,dst=11,val=22 -numa dist,src=9,dst=12,val=23 -numa dist,src=9,dst=13,val=24 -numa dist,src=9,dst=14,val=25 -numa dist,src=9,dst=15,val=26 -numa dist,src=9,dst=16,val=27 -numa dist,src=9,dst=17,val=28 -numa dist,src=10,dst=11,val=21 -numa dist,src=10,dst=12,val=22 -numa dist,src=10,dst=13,val=23 -numa dist,src=10,dst=14,val=24 -numa dist,src=10,dst=15,val=25 -numa dist,src=10,dst=16,val=26 -numa dist,src=10,dst=17,val=27 -numa dist,src=11,dst=12,val=21 -numa dist,src=11,dst=13,val=22 -numa dist,src=11,dst=14,val=23 -numa dist,src=11,dst=15,val=24 -numa dist,src=11,dst=16,val=25 -numa dist,src=11,dst=17,val=26 -numa dist,src=12,dst=13,val=21 -numa dist,src=12,dst=14,val=22 -numa dist,src=12,dst=15,val=23 -numa dist,src=12,dst=16,val=24 -numa dist,src=12,dst=17,val=25 -numa dist,src=13,dst=14,val=21 -numa dist,src=13,dst=15,val=22 -numa dist,src=13,dst=16,val=23 -numa dist,src=13,dst=17,val=24 -numa dist,src=14,dst=15,val=21 -numa dist,src=14,dst=16,val=22 -numa dist,src=14,dst=17,val=23 -numa dist,src=15,dst=16,val=21 -numa dist,src=15,dst=17,val=22 -numa dist,src=16,dst=17,val=21'), versions: ONLY_11 },
  { name: 'nt-slit-1node-local', args: a('-m 128M -object memory-backend-ram,id=m0,size=128M -numa node,nodeid=0,memdev=m0 -numa dist,src=0,dst=0,val=10'), versions: ONLY_11 },
  { name: 'nt-slit-2nodes-asym', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=0,dst=1,val=21 -numa dist,src=1,dst=0,val=31') },
  { name: 'nt-slit-2nodes-reverse-only', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=1,dst=0,val=31'), versions: ONLY_11 },
  { name: 'nt-slit-2nodes-sym', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=0,dst=1,val=21'), versions: ONLY_11 },
  { name: 'nt-slit-3nodes-equal-pair-both-ways', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=32M -object memory-backend-ram,id=m2,size=32M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2 -numa dist,src=0,dst=1,val=20 -numa dist,src=1,dst=0,val=20 -numa dist,src=0,dst=2,val=30 -numa dist,src=2,dst=1,val=40'), versions: ONLY_11 },
  { name: 'nt-slit-3nodes-local-and-255', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=32M -object memory-backend-ram,id=m2,size=32M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2 -numa dist,src=0,dst=0,val=10 -numa dist,src=0,dst=1,val=255 -numa dist,src=0,dst=2,val=40 -numa dist,src=1,dst=2,val=60'), versions: ONLY_11 },
  { name: 'nt-slit-3nodes-mixed-directions', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2 -numa dist,src=0,dst=1,val=15 -numa dist,src=2,dst=0,val=25 -numa dist,src=1,dst=2,val=35'), versions: ONLY_11 },
  { name: 'nt-slit-4nodes-asym-full', args: a('-m 256M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -object memory-backend-ram,id=m2,size=64M -object memory-backend-ram,id=m3,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,memdev=m2 -numa node,nodeid=3,memdev=m3 -numa dist,src=0,dst=1,val=20 -numa dist,src=0,dst=2,val=30 -numa dist,src=0,dst=3,val=40 -numa dist,src=1,dst=0,val=21 -numa dist,src=1,dst=2,val=20 -numa dist,src=1,dst=3,val=30 -numa dist,src=2,dst=0,val=31 -numa dist,src=2,dst=1,val=21 -numa dist,src=2,dst=3,val=20 -numa dist,src=3,dst=0,val=41 -numa dist,src=3,dst=1,val=31 -numa dist,src=3,dst=2,val=21'), versions: ONLY_11 },
  { name: 'nt-slit-absent-2nodes', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1'), versions: ONLY_11 },
  { name: 'nt-slit-duplicate-last-wins', args: a('-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa dist,src=0,dst=1,val=20 -numa dist,src=0,dst=1,val=30'), versions: ONLY_11 },
  { name: 'nt-slit-q35-hotplug-window', args: a('-machine q35 -m 128M,slots=2,maxmem=2G -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -object memory-backend-ram,id=d0,size=128M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -device pc-dimm,id=dimm0,memdev=d0,node=1 -numa dist,src=0,dst=1,val=28'), versions: ONLY_11 },
];

CASES.push(...numaTables);

// ---------------------------------------------------------------------------------------------------------------
// QEMU's JSON option syntax: -object '{"qom-type":…}' and -device '{"driver":…}' (what libvirt writes), read as
// the key=value form; what QEMU refuses in JSON, with its text. JSON parse errors carry a `LINE:COLUMN:` in 11.1
// only (7.2: "JSON parse error, premature EOI", …), and the CLI reads JSON with 11.1's rules: those cases are 11.1
// only. Each value holds no space (`a()` splits on white space).
// ---------------------------------------------------------------------------------------------------------------

const jRam = (id: string, size: number, extra = '') => `-object {"qom-type":"memory-backend-ram","id":"${id}","size":${size}${extra ? ',' + extra : ''}}`;
const jDev = (driver: string, id: string, memdev: string, extra = '') =>
  `-device {"driver":"${driver}","id":"${id}","memdev":"${memdev}"${extra ? ',' + extra : ''}}`;
const G1 = 1073741824;
const M512 = 536870912;

const jsonSyntax: DiffCase[] = [
  // libvirt's memory-hotplug-dimm.args (tests/qemuxmlconfdata), its QEMU options with maxmem=8G instead of 1 TiB
  // (QEMU: "Address space limit 0xffffffffff < 0x401047fffffff phys-bits too low (40)"), acpi=off dropped and the
  // file backend on MEM_DIR, host node 0, 128 MiB
  {
    name: 'json-libvirt-memory-hotplug-dimm',
    args: a(
      '-machine pc,usb=off,dump-guest-core=off -cpu qemu64 -m size=219136k,slots=16,maxmem=8388608k ' +
        '-smp 2,sockets=2,dies=1,cores=1,threads=1 ' +
        '-object {"qom-type":"memory-backend-ram","id":"ram-node0","size":224395264} -numa node,nodeid=0,cpus=0-1,memdev=ram-node0 ' +
        '-object {"qom-type":"memory-backend-ram","id":"memdimm0","size":536870912} ' +
        '-device {"driver":"pc-dimm","node":0,"memdev":"memdimm0","id":"dimm0","slot":0} ' +
        `-object {"qom-type":"memory-backend-file","id":"memdimm1","mem-path":"${MEM_DIR}","prealloc":true,"size":134217728,"host-nodes":[0],"policy":"bind"} ` +
        '-device {"driver":"pc-dimm","node":0,"memdev":"memdimm1","id":"dimm1","slot":1}',
    ),
  },
  { name: 'json-q35-2nodes-dimm-addr', args: a(`-M q35 -m 2G,slots=2,maxmem=8G ${jRam('r0', G1)} ${jRam('r1', G1)} ${node('r0')} ${node('r1')} ${jRam('d0', M512)} ${jDev('pc-dimm', 'dimm0', 'd0', '"node":1,"addr":5368709120')}`) },
  { name: 'json-pc-backend-bools-numbers', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${jRam('m', M512, '"share":true,"prealloc":false,"dump":false,"merge":false,"reserve":true,"host-nodes":[0],"policy":"preferred"')} ${jDev('pc-dimm', 'd', 'm', '"slot":1')}`) },
  { name: 'json-mixed-kv-backend-json-device', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '512M')} ${jDev('pc-dimm', 'd', 'm')}`) },
  { name: 'json-mixed-json-backend-kv-device', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${jRam('m', M512)} ${dimm('d', 'm')}`) },
  { name: 'json-single-quoted-strings', args: a(`-M pc -m 1G,slots=2,maxmem=4G -object {'qom-type':'memory-backend-ram','id':'m','size':${M512}} -device {'driver':'pc-dimm','id':'d','memdev':'m'}`) },
  { name: 'json-device-id-number', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${jRam('m', M512)} -device {"driver":"pc-dimm","id":5,"memdev":"m"}`) },
  { name: 'json-dimm-slot-minus-1', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${jRam('m', M512)} ${jDev('pc-dimm', 'd', 'm', '"slot":-1')}`) },
  {
    name: 'json-nvdimm-label',
    args: a(
      `-M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object {"qom-type":"memory-backend-file","id":"nv","mem-path":"${MEM_DIR}","share":true,"size":${M512}} ` +
        jDev('nvdimm', 'nv0', 'nv', '"label-size":131072'),
    ),
  },
  { name: 'json-spmem-addr', versions: ONLY_11, args: a(`-M q35 -m 2G,slots=2,maxmem=8G ${jRam('r0', G1)} ${jRam('r1', G1)} ${node('r0')} ${node('r1')} ${jRam('h', G1)} -device {"driver":"sp-mem","id":"hbm0","memdev":"h","node":1,"addr":6442450944}`) },
  // refused when the arguments are read (-object), same text in 7.2 and 11.1
  { name: 'json-err-size-string', args: a(`-M pc -m 1G -object {"qom-type":"memory-backend-ram","id":"m","size":"1G"}`) },
  { name: 'json-err-size-float', args: a(`-M pc -m 1G ${jRam('m', 0).replace('"size":0', '"size":1073741824.0')}`) },
  { name: 'json-err-share-string', args: a(`-M pc -m 1G ${jRam('m', G1, '"share":"on"')}`) },
  { name: 'json-err-unexpected-member', args: a(`-M pc -m 1G ${jRam('m', G1, '"bogus":1')}`) },
  { name: 'json-err-unexpected-hash-order', args: a(`-M pc -m 1G ${jRam('m', G1, '"aaa":1,"zzz":1')}`) },
  { name: 'json-err-size-missing', args: a('-M pc -m 1G -object {"qom-type":"memory-backend-ram","id":"m"}') },
  { name: 'json-err-mem-path-missing', args: a(`-M pc -m 1G -object {"qom-type":"memory-backend-file","id":"m","size":${G1}}`) },
  { name: 'json-err-qom-type-missing', args: a(`-M pc -m 1G -object {"id":"m","size":${G1}}`) },
  { name: 'json-err-id-not-string', args: a(`-M pc -m 1G -object {"qom-type":"memory-backend-ram","id":1,"size":${G1}}`) },
  { name: 'json-err-host-nodes-range', args: a(`-M pc -m 1G ${jRam('m', G1, '"host-nodes":[65536]')}`) },
  { name: 'json-err-policy', args: a(`-M pc -m 1G ${jRam('m', G1, '"policy":"foo"')}`) },
  { name: 'json-err-schema-order', args: a(`-M pc -m 1G -object {"qom-type":"memory-backend-ram","id":"m","size":"x","share":"x"}`) },
  { name: 'json-err-more-than-one-value', args: a(`-M pc -m 1G ${jRam('m', G1)}}`) },
  { name: 'json-err-secret-without-id', args: a('-M pc -m 1G -object {"qom-type":"secret"}') },
  // refused at creation (backends: without the option)
  { name: 'json-err-size-zero', args: a(`-M pc -m 1G ${jRam('m', 0)}`) },
  { name: 'json-err-backend-id', args: a(`-M pc -m 1G ${jRam('1m', 1048576)}`) },
  { name: 'json-err-backend-dup-kv-json', args: a(`-M pc -m 1G ${ram('m', '1M')} ${jRam('m', 1048576)}`) },
  { name: 'json-err-backend-dup-json-kv', args: a(`-M pc -m 1G ${jRam('m', 1048576)} ${ram('m', '1M')}`) },
  // refused at device creation
  { name: 'json-err-dimm-addr-string', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"addr":"0x100000000"')}`) },
  { name: 'json-err-dimm-node-string', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"node":"0"')}`) },
  { name: 'json-err-dimm-node-range', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"node":4294967296')}`) },
  { name: 'json-err-dimm-node-negative', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"node":-1')}`) },
  { name: 'json-err-dimm-slot-string', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"slot":"1"')}`) },
  { name: 'json-err-dimm-slot-range', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"slot":2147483648')}`) },
  { name: 'json-err-dimm-qdict-order', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"node":"x","slot":"x","addr":"x"')}`) },
  { name: 'json-err-dimm-size-not-writable', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', `"size":${G1}`)}`) },
  { name: 'json-err-dimm-memdev-not-string', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} -device {"driver":"pc-dimm","id":"d","memdev":1}`) },
  { name: 'json-err-dimm-memdev-not-found', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} -device {"driver":"pc-dimm","id":"d","memdev":"nope","node":"x"}`) },
  { name: 'json-err-dimm-unknown-property', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', 'd', 'm', '"bogus":1')}`) },
  { name: 'json-err-device-driver-missing', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} -device {"id":"d","memdev":"m"}`) },
  { name: 'json-err-device-dup-id', args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${ram('m2', '1G')} ${jDev('pc-dimm', 'd', 'm')} ${dimm('d', 'm2')}`) },
  { name: 'json-err-dimm-no-slots', args: a(`-M pc -m 1G -device {"driver":"pc-dimm","id":"d","memdev":"m"} ${jRam('m', G1)}`) },
  // 11.1 only: positions in JSON parse errors, offset=/rom=, qdev ids
  { name: 'json-err-syntax-premature-end', versions: ONLY_11, args: a(`-M pc -m 1G -object {"qom-type":"memory-backend-ram","id":"m","size":${G1}`) },
  { name: 'json-err-syntax-hex-number', versions: ONLY_11, args: a('-M pc -m 1G -object {"qom-type":"memory-backend-ram","id":"m","size":0x10}') },
  { name: 'json-err-syntax-trailing-comma', versions: ONLY_11, args: a(`-M pc -m 1G ${jRam('m', G1, '')},}`.replace('},}', ',}')) },
  { name: 'json-err-syntax-duplicate-key', versions: ONLY_11, args: a(`-M pc -m 1G ${jRam('m', G1, '"id":"n"')}`) },
  { name: 'json-err-syntax-stray', versions: ONLY_11, args: a(`-M pc -m 1G ${jRam('m', G1, '"share":TRUE')}`) },
  { name: 'json-err-syntax-device', versions: ONLY_11, args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} -device {"driver":"pc-dimm","id":"d","memdev":"m"`) },
  { name: 'json-err-rom', versions: ONLY_11, args: a(`-M pc -m 1G -object {"qom-type":"memory-backend-file","id":"m","size":1048576,"mem-path":"${MEM_DIR}","rom":"x"}`) },
  { name: 'json-err-qdev-id', versions: ONLY_11, args: a(`-M pc -m 1G,slots=2,maxmem=4G ${ram('m', '1G')} ${jDev('pc-dimm', '1d', 'm')}`) },
];

CASES.push(...jsonSyntax);

/** Property names QEMU does not have, which JavaScript objects do, and names QEMU's key parser refuses. */
const strictNames: DiffCase[] = [
  { name: 'strict-machine-constructor', args: a('-M pc,constructor=1 -m 1G') },
  { name: 'strict-machine-proto', args: a('-M pc,__proto__=1 -m 1G') },
  { name: 'strict-machine-leading-digit', args: a('-M q35,9x=1 -m 1G') },
  { name: 'strict-machine-underscore-as-dash', args: a('-M pc,x_y=1 -m 1G') },
  { name: 'strict-machine-kernel-irqchip-underscore', args: a('-M pc,kernel_irqchip=split -m 1G') },
  { name: 'strict-numa-proto', args: a('-M pc -m 1G -numa node,__proto__=1') },
  { name: 'strict-numa-tostring', args: a('-M pc -m 1G -numa node,toString=1') },
  { name: 'strict-dimm-proto', args: a('-M pc -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m,__proto__=1') },
  { name: 'strict-cpu-vendor-short', args: a('-M pc -m 1G -cpu qemu64,vendor=AMD') },
  { name: 'strict-cpu-vendor-long', args: a('-M pc -m 1G -cpu Haswell,vendor=AuthenticAMDX') },
  { name: 'strict-cpu-vendor-12', args: a('-M pc -m 1G -cpu qemu64,vendor=AuthenticAMD') },
];

CASES.push(...strictNames);

/** Backend properties checked against QEMU's own `-object TYPE,help` lists (src/core/machine/qemu-backend-properties.ts). */
const backendProperties: DiffCase[] = [
  { name: 'strict-backend-ram-align', args: a('-M pc -m 1G -object memory-backend-ram,id=m,size=1G,align=2M') },
  { name: 'strict-backend-ram-unknown', args: a('-M pc -m 1G -object memory-backend-ram,id=m,size=1G,foo=1') },
  { name: 'strict-backend-ram-underscore', args: a('-M pc -m 1G -object memory-backend-ram,id=m,size=1G,_x=1') },
  { name: 'strict-backend-ram-unknown-after-bad-size', args: a('-M pc -m 1G -object memory-backend-ram,id=m,foo=1,size=x') },
  { name: 'strict-backend-ram-known-unmodelled', args: a('-M pc -m 1G -object memory-backend-ram,id=m,size=1G,merge=off,dump=off,reserve=off') },
  { name: 'strict-backend-file-rom', args: a(`-M pc -m 1G -object memory-backend-file,id=m,size=1G,mem-path=${MEM_DIR},rom=off`) },
  { name: 'strict-backend-memfd-seal', args: a('-M pc -m 1G -object memory-backend-memfd,id=m,size=1G,seal=off') },
  { name: 'strict-backend-memfd-mem-path', args: a(`-M pc -m 1G -object memory-backend-memfd,id=m,size=1G,mem-path=${MEM_DIR}`) },
];

CASES.push(...backendProperties);

/**
 * Names checked against the release's own lists (src/core/syntax/qemu-help/catalog-*.json): device models and
 * their properties, object types and their members, CPU models, CPU properties and features, machine
 * properties; refused with QEMU's text at the point QEMU refuses them, and kept when QEMU has them.
 */
const dimmWindow = `-m 1G,slots=2,maxmem=4G ${ram('m', '1G')}`;
const releaseNames: DiffCase[] = [
  // -device: qdev_get_device_class, then the properties in QDict order
  { name: 'names-device-unknown', args: a('-M q35 -m 1G -device spmem') },
  { name: 'names-device-unknown-json', args: a('-M q35 -m 1G -device {"driver":"spmem"}') },
  { name: 'names-device-driver-last-wins', args: a('-M q35 -m 1G -device virtio-net-pci,driver=foo') },
  { name: 'names-device-missing-driver', args: a('-M q35 -m 1G -device id=x') },
  { name: 'names-device-abstract', args: a('-M q35 -m 1G -device device') },
  { name: 'names-device-not-user-creatable', args: a('-M q35 -m 1G -device q35-pcihost') },
  { name: 'names-device-module-missing', args: a('-M q35 -m 1G -device virtio-gpu-gl-pci') },
  { name: 'names-device-alias-property', args: a('-M q35 -m 1G -device virtio-net,foo=1') },
  { name: 'names-device-property-qdict-order', args: a('-M q35 -m 1G -device virtio-net-pci,id=n1,zz=1,aa=1,b1=1') },
  { name: 'names-device-property-json', args: a('-M q35 -m 1G -device {"driver":"virtio-net-pci","zz":1,"aa":1}') },
  { name: 'names-device-property-underscore', args: a('-M q35 -m 1G -device pcie-root-port,foo_bar=1') },
  { name: 'names-device-kept', args: a('-M q35 -m 1G -device virtio-net-pci,id=n0 -device pcie-root-port,id=rp0,chassis=1,slot=1') },
  { name: 'names-device-sp-mem-release', args: a(`-M q35 ${dimmWindow} -device sp-mem,id=s,memdev=m`) },
  { name: 'names-dimm-property-qdict-order', args: a(`-M q35 ${dimmWindow} -device pc-dimm,id=d,memdev=m,zz=1,aa=1`) },
  { name: 'names-device-after-dimm-error', args: a(`-M q35 ${dimmWindow} -device pc-dimm,id=d,memdev=nope -device spmem`) },
  { name: 'names-device-before-dimm-error', args: a(`-M q35 ${dimmWindow} -device spmem -device pc-dimm,id=d,memdev=nope`) },
  { name: 'names-device-json-after-keyval', args: a('-M q35 -m 1G -device {"driver":"spmem"} -device spmem2') },
  { name: 'names-device-json-after-dimm-error', args: a(`-M q35 ${dimmWindow} -device {"driver":"spmem"} -device pc-dimm,id=d,memdev=nope`) },
  { name: 'names-device-after-numa', args: a('-M q35 -m 1G -numa node,nodeid=300 -device spmem') },
  // -object: the ObjectOptions visitor, with the option
  { name: 'names-object-unknown', args: a('-M q35 -m 1G -object foo,id=x') },
  { name: 'names-object-unknown-json', args: a('-M q35 -m 1G -object {"qom-type":"foo","id":"x"}') },
  { name: 'names-object-before-machine', args: a('-M nonexistent -m 1G -object foo,id=x') },
  { name: 'names-object-unknown-no-id', args: a('-M q35 -m 1G -object foo') },
  { name: 'names-object-missing-type', args: a('-M q35 -m 1G -object id=x') },
  { name: 'names-object-missing-id', args: a('-M q35 -m 1G -object secret,foo=1') },
  { name: 'names-object-bad-id', args: a('-M q35 -m 1G -object secret,id=1x,zz=1') },
  { name: 'names-object-member-hash-order', args: a('-M q35 -m 1G -object secret,id=s,zz=1,b1=1,q7=1,mm=1,xx=1') },
  { name: 'names-object-member-json', args: a('-M q35 -m 1G -object {"qom-type":"secret","id":"s","data":"a","zz":1,"aa":1}') },
  { name: 'names-object-member-before-machine', args: a('-M q35,foo=on -m 1G -object secret,id=s,data=a,foo=1') },
  // memory backends: the visitor's checks with the option (before the machine), QEMU's object checks later
  { name: 'names-backend-size-before-machine', args: a('-M nonexistent -m 1G -object memory-backend-ram,id=m,size=abc') },
  { name: 'names-backend-member-before-machine', args: a('-M q35,foo=on -m 1G -object memory-backend-ram,id=m,size=1G,foo=1') },
  { name: 'names-backend-share-before-size', args: a('-M q35 -m 1G -object memory-backend-ram,id=m,size=abc,share=maybe') },
  { name: 'names-backend-prealloc-before-share', args: a('-M q35 -m 1G -object memory-backend-ram,id=m,share=maybe,prealloc=maybe') },
  { name: 'names-backend-size-missing', args: a('-M nonexistent -m 1G -object memory-backend-ram,id=m') },
  { name: 'names-backend-mem-path-missing', args: a('-M q35 -m 1G -object memory-backend-file,id=m,size=1G,foo=1') },
  { name: 'names-backend-duplicate-before-size', args: a('-M q35 -m 1G -object memory-backend-ram,id=m,size=1G -object memory-backend-ram,id=m,size=abc') },
  { name: 'names-backend-zero-after-machine', args: a('-M q35,foo=on -m 1G -object memory-backend-ram,id=m,size=0') },
  // a type -object reads (QAPI) that the binary cannot create: refused when created, late for memory backends
  { name: 'names-object-not-creatable', args: a('-M q35 -m 1G -object memory-backend-epc,id=e,size=64M') },
  { name: 'names-object-not-creatable-after-machine', args: a('-M q35,foo=on -m 1G -object memory-backend-epc,id=e,size=64M') },
  { name: 'names-object-not-creatable-before-backend', args: a('-M q35 -m 1G -object memory-backend-epc,id=e,size=64M -object memory-backend-ram,id=m,size=0') },
  { name: 'names-object-not-creatable-after-backend', args: a('-M q35 -m 1G -object memory-backend-ram,id=m,size=0 -object memory-backend-epc,id=e,size=64M') },
  // the members -object reads are the schema's, not only what `-object TYPE,help` lists
  { name: 'names-object-schema-members', args: a('-M q35 -m 1G -object {"qom-type":"sev-guest","id":"s","cbitpos":47,"reduced-phys-bits":1}') },
  { name: 'names-object-kept', args: a('-M q35 -m 1G -object secret,id=s,data=x -object iothread,id=io0 -object {"qom-type":"throttle-group","id":"t0"}') },
  // -cpu: the model with parse_cpu_option (after the late backends), its properties when the CPU is made
  { name: 'names-cpu-unknown', args: a('-M q35 -m 1G -cpu foo') },
  { name: 'names-cpu-unknown-after-backend', args: a('-M q35 -m 1G -cpu foo -object memory-backend-ram,id=m,size=0') },
  { name: 'names-cpu-unknown-before-numa', args: a('-M q35 -m 1G -cpu foo -numa node,nodeid=300') },
  { name: 'names-cpu-ibrs-model', args: a('-M q35 -m 1G -cpu Westmere-IBRS') },
  { name: 'names-cpu-global-unknown', args: a('-M q35 -m 1G -cpu qemu64,foo=on') },
  { name: 'names-cpu-global-bare', args: a('-M q35 -m 1G -cpu Skylake-Client,foo') },
  { name: 'names-cpu-global-underscore', args: a('-M q35 -m 1G -cpu qemu64,foo_bar=on') },
  { name: 'names-cpu-plus-unknown', args: a('-M q35 -m 1G -cpu qemu64,+foo') },
  { name: 'names-cpu-plus-underscore', args: a('-M q35 -m 1G -cpu qemu64,+foo_bar') },
  { name: 'names-cpu-plus-with-value', args: a('-M q35 -m 1G -cpu qemu64,+foo=on') },
  { name: 'names-cpu-minus-after-plus', args: a('-M q35 -m 1G -cpu qemu64,-bar,+foo') },
  { name: 'names-cpu-global-before-plus', args: a('-M q35 -m 1G -cpu qemu64,+foo,bar=on') },
  { name: 'names-cpu-global-text-order', args: a('-M q35 -m 1G -cpu qemu64,foo=on,vendor=abc') },
  { name: 'names-cpu-vendor-before-global', args: a('-M q35 -m 1G -cpu qemu64,vendor=abc,foo=on') },
  { name: 'names-cpu-phys-bits-not-number', args: a('-M q35 -m 1G -cpu qemu64,phys-bits=abc,vendor=abc') },
  { name: 'names-cpu-phys-bits-over-32', args: a('-M q35 -m 1G -cpu qemu64,phys-bits=0x100000000') },
  { name: 'names-cpu-plus-before-phys-bits', args: a('-M q35 -m 1G -cpu qemu64,+foo,phys-bits=20') },
  { name: 'names-cpu-global-after-numa', args: a('-M q35 -m 1G -cpu qemu64,foo=on -numa node,nodeid=300') },
  { name: 'names-cpu-vendor-after-numa', args: a('-M q35 -m 1G -cpu qemu64,vendor=abc -numa node,nodeid=300') },
  { name: 'names-cpu-global-after-numa-total', args: a(`-M q35 -m 1G -cpu qemu64,foo=on ${ram('r', '512M')} -numa node,memdev=r`) },
  { name: 'names-cpu-global-before-device', args: a(`-M q35 ${dimmWindow} -cpu qemu64,foo=on -device spmem`) },
  { name: 'names-cpu-plus-before-x2apic', args: a('-M q35 -m 1G -smp 256,maxcpus=256 -cpu qemu64,+foo') },
  { name: 'names-cpu-host-tcg-after-numa', args: a('-M q35 -m 1G -cpu host -numa node,nodeid=300') },
  { name: 'names-cpu-host-global', args: a('-M q35 -m 1G -cpu host,foo=on') },
  { name: 'names-cpu-host-plus', args: a('-M q35 -m 1G -cpu host,+foo') },
  { name: 'names-cpu-host-tcg', args: a('-M q35 -m 1G -cpu host,phys-bits=20') },
  { name: 'names-cpu-features-kept', args: a('-M q35 -m 1G -cpu qemu64,+sse4_1,sse4.2=on,ssse3,-sse4a,tsc_freq=1') },
  // -machine: the release's properties of the type (instance properties included), and the legacy keys
  { name: 'names-machine-instance-props', args: a('-M q35,nvdimm=off,hmat=off,cxl=off,nvdimm-persistence=cpu -m 1G') },
  { name: 'names-machine-legacy-keys', args: a('-M q35,kvm-shadow-mem=1,igd-passthru=on,kernel_irqchip=on -m 1G') },
  { name: 'names-machine-x-vmport', args: a('-M q35,x-vmport=on -m 1G') },
  { name: 'names-machine-aux-ram-share', args: a('-M pc,aux-ram-share=off -m 1G') },
  { name: 'names-machine-fd-bootchk', args: a('-M q35,fd-bootchk=on -m 1G') },
  { name: 'names-machine-qdict-order', args: a('-M q35,zz=1,aa=1 -m 1G') },
];

CASES.push(...releaseNames);

/** `-machine acpi=off`: no ACPI table at all, and DIMMs refused at pre-plug; sp-mem still plugs (E820 only). */
const acpiOff: DiffCase[] = [
  { name: 'acpi-off-pc', args: a('-M pc,acpi=off -m 1G') },
  { name: 'acpi-off-q35-numa', args: a('-M q35,acpi=off -m 1G -object memory-backend-ram,id=r,size=1G -numa node,nodeid=0,memdev=r') },
  { name: 'acpi-off-window', args: a('-M pc,acpi=off -m 1G,slots=2,maxmem=4G') },
  { name: 'acpi-off-dimm', args: a('-M pc,acpi=off -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m') },
  { name: 'acpi-off-dimm-before-slot-check', args: a('-M pc,acpi=off -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m,slot=5') },
  { name: 'acpi-off-dimm-no-slots', args: a('-M q35,acpi=off -m 1G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m') },
  { name: 'acpi-off-nvdimm', args: a('-M pc,acpi=off -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G -device nvdimm,id=d,memdev=m') },
  { name: 'acpi-off-sp-mem', versions: ONLY_11, args: a('-M q35,acpi=off -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=r,size=1G -numa node,nodeid=0,memdev=r -object memory-backend-ram,id=m,size=1G -device sp-mem,id=d,memdev=m,node=0') },
];

CASES.push(...acpiOff);

/**
 * CPUs without long mode: `lm=off` (or its alias `i64`, `-lm`) on any model, the 32-bit models, and what PAE and
 * PSE-36 give (36 phys-bits, else 32); phys-bits= refused; 7.2's and 11.1's max-used-GPA rules.
 */
const win40 = '-m 1G,slots=1,maxmem=40G';
const win70 = '-m 1G,slots=1,maxmem=70G';
const cpu32: DiffCase[] = [
  { name: 'cpu32-qemu64-lm-off-40G', args: a(`-M pc -cpu qemu64,lm=off ${win40}`) },
  { name: 'cpu32-qemu64-lm-off-70G', args: a(`-M pc -cpu qemu64,lm=off ${win70}`) },
  { name: 'cpu32-qemu64-i64-off-70G', args: a(`-M pc -cpu qemu64,i64=off ${win70}`) },
  { name: 'cpu32-qemu64-minus-lm-70G', args: a(`-M pc -cpu qemu64,-lm ${win70}`) },
  { name: 'cpu32-minus-wins-over-plus', args: a(`-M pc -cpu qemu64,-lm,+lm ${win70}`) },
  { name: 'cpu32-plus-after-global', args: a(`-M pc -cpu qemu64,lm=off,+lm ${win70}`) },
  { name: 'cpu32-last-global-wins', args: a(`-M pc -cpu qemu64,lm=off,lm=on ${win70}`) },
  { name: 'cpu32-qemu32-lm-on', args: a(`-M pc -cpu qemu32,lm=on ${win70}`) },
  { name: 'cpu32-qemu32-70G', args: a(`-M pc -cpu qemu32 ${win70}`) },
  { name: 'cpu32-qemu32-pae-off', args: a(`-M pc -cpu qemu32,pae=off ${win40}`) },
  { name: 'cpu32-qemu32-pse36-off', args: a(`-M pc -cpu qemu32,pse36=off ${win40}`) },
  { name: 'cpu32-pae-pse36-off', args: a(`-M pc -cpu qemu64,lm=off,pae=off,pse36=off ${win40}`) },
  { name: 'cpu32-pae-off-pse36-on', args: a(`-M pc -cpu qemu64,lm=off,pae=off ${win40}`) },
  { name: 'cpu32-pse36-off-pae-on-70G', args: a(`-M pc -cpu qemu64,lm=off,pse36=off ${win70}`) },
  { name: 'cpu32-486-40G', args: a(`-M pc -cpu 486 ${win40}`) },
  { name: 'cpu32-486-plus-pae', args: a(`-M pc -cpu 486,+pae ${win40}`) },
  { name: 'cpu32-486-pse36-bare', args: a(`-M pc -cpu 486,pse36 ${win40}`) },
  { name: 'cpu32-486-plus-lm', args: a(`-M pc -cpu 486,+lm ${win70}`) },
  { name: 'cpu32-pentium-8G', args: a('-M pc -cpu pentium -m 8G') },
  { name: 'cpu32-pentium2-70G', args: a(`-M pc -cpu pentium2 ${win70}`) },
  { name: 'cpu32-n270-pae-off', args: a(`-M pc -cpu n270,pae=off ${win40}`) },
  { name: 'cpu32-coreduo-pse36-off', args: a(`-M pc -cpu coreduo,pse36=off ${win40}`) },
  { name: 'cpu32-base-40G', args: a(`-M pc -cpu base ${win40}`) },
  { name: 'cpu32-base-lm-on', args: a(`-M pc -cpu base,lm=on ${win70}`) },
  { name: 'cpu32-max-lm-off-70G', args: a(`-M pc -cpu max,lm=off ${win70}`) },
  { name: 'cpu32-phys-bits-given', args: a(`-M pc -cpu qemu64,lm=off,phys-bits=36 ${win40}`) },
  { name: 'cpu32-phys-bits-zero', args: a(`-M pc -cpu qemu64,lm=off,phys-bits=0 ${win40}`) },
  { name: 'cpu32-no-ht-hole-q35', args: a('-M q35 -cpu qemu64,lm=off -m 4G') },
  { name: 'cpu32-pc-8.1-rule', versions: ONLY_11, args: a(`-M pc-i440fx-8.1 -cpu qemu64,lm=off ${win70}`) },
  { name: 'cpu32-64bit-phys-bits-32', args: a('-M pc -cpu qemu64,phys-bits=32 -m 8G') },
  { name: 'cpu32-kvm-lm-off', accel: 'kvm', args: a('-accel kvm -M pc -cpu qemu64,lm=off -m 1G') },
  { name: 'cpu32-kvm-lm-off-window', accel: 'kvm', args: a(`-accel kvm -M q35 -cpu qemu64,lm=off ${win70}`) },
];

CASES.push(...cpu32);

/** 7.2's `-no-acpi`: `acpi=off` at its place among the -machine options; 11.1 has no such option. */
const noAcpi: DiffCase[] = [
  { name: 'no-acpi-pc', args: a('-M pc -no-acpi -m 1G') },
  { name: 'no-acpi-double-dash', args: a('-M pc --no-acpi -m 1G') },
  { name: 'no-acpi-no-machine', args: a('-no-acpi -m 1G') },
  { name: 'no-acpi-q35-numa', args: a('-M q35 -m 1G -object memory-backend-ram,id=r,size=1G -numa node,nodeid=0,memdev=r -no-acpi') },
  { name: 'no-acpi-then-machine-acpi-on', args: a('-no-acpi -M pc,acpi=on -m 1G') },
  { name: 'no-acpi-after-machine-acpi-on', args: a('-M pc,acpi=on -no-acpi -m 1G') },
  { name: 'no-acpi-window', args: a('-M pc -no-acpi -m 1G,slots=2,maxmem=4G') },
  { name: 'no-acpi-dimm', args: a('-M pc -no-acpi -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m') },
  { name: 'no-acpi-after-bad-size', args: a('-M pc -m 1G -object memory-backend-ram,id=m,size=x -no-acpi') },
];

CASES.push(...noAcpi);

/** -machine keys with dots (`sgx-epc.0.memdev`: members of one property) and a confidential guest under TCG. */
const sev = '-object sev-guest,id=s,cbitpos=47,reduced-phys-bits=1';
const machineMisc: DiffCase[] = [
  { name: 'machine-dotted-key-epc', args: a('-M pc-q35-7.0,sgx-epc.0.memdev=m,sgx-epc.0.node=0 -m 1G -object memory-backend-epc,id=m,size=64M') },
  { name: 'machine-dotted-key-two-members', args: a('-M pc-q35-7.0,sgx-epc.0.memdev=m,sgx-epc.0.node=0,sgx-epc.1.memdev=n,sgx-epc.1.node=1 -m 1G -object memory-backend-epc,id=m,size=64M') },
  { name: 'machine-dotted-key-unknown', args: a('-M q35,foo.bar=1 -m 1G') },
  { name: 'cgs-tcg-sev', versions: ONLY_11, args: a(`-M q35,confidential-guest-support=s ${sev} -m 1G`) },
  { name: 'cgs-tcg-sev-after-smp-check', versions: ONLY_11, args: a(`-M q35,confidential-guest-support=s ${sev} -smp 2,sockets=3`) },
  { name: 'cgs-tcg-sev-after-dimm', versions: ONLY_11, args: a(`-M q35,confidential-guest-support=s ${sev} -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m,slot=7`) },
];

CASES.push(...machineMisc);

/** virtio-mem-pci and virtio-pmem-pci in the hotplug window (qemu-diff-cases-virtio.ts). */
CASES.push(...VIRTIO_CASES);

/** -global, -machine memory-backend, QEMU's warnings, NUMA checks, options QEMU lacks (qemu-diff-cases-options.ts). */
CASES.push(...OPTION_CASES);
