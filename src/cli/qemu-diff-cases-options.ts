/**
 * Differential cases for option handling (`npm run test:qemu -- --only opt-`): -global defaults of the modelled
 * devices and PCI hosts, -machine memory-backend, QEMU's warnings, the NUMA checks, options QEMU lacks.
 */

/** the shape of qemu-diff-cases.ts's DiffCase (kept here so that the two files do not import each other) */
interface DiffCase {
  name: string;
  args: string[];
  versions?: QemuVersionTag[];
}
type QemuVersionTag = '7.2' | '11.1';

function a(s: string): string[] {
  return s.trim().split(/\s+/);
}

const ONLY_11 = ['11.1'] as QemuVersionTag[];

/** q35 with two 512 MiB nodes, a 3 GiB hotplug window and a 1 GiB backend m0 */
const TWO_NODES =
  '-M q35 -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=r0,size=512M -object memory-backend-ram,id=r1,size=512M ' +
  '-numa node,memdev=r0 -numa node,memdev=r1 -object memory-backend-ram,id=m0,size=1G';
const DIMM = '-device pc-dimm,id=d0,memdev=m0';
const NVDIMM_MACHINE = '-M q35,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m0,size=1G';

const globals: DiffCase[] = [
  { name: 'opt-global-dimm-node', args: a(`${TWO_NODES} -global pc-dimm.node=1 ${DIMM}`) },
  { name: 'opt-global-dimm-node-long-form', args: a(`${TWO_NODES} -global driver=pc-dimm,property=node,value=1 ${DIMM}`) },
  { name: 'opt-global-dimm-node-own-wins', args: a(`${TWO_NODES} -global pc-dimm.node=1 ${DIMM},node=0`) },
  { name: 'opt-global-dimm-node-later-wins', args: a(`${TWO_NODES} -global pc-dimm.node=1 -global pc-dimm.node=0 ${DIMM}`) },
  { name: 'opt-global-dimm-node-hex', args: a(`${TWO_NODES} -global pc-dimm.node=0x1 ${DIMM}`) },
  { name: 'opt-global-dimm-node-too-big', args: a(`${TWO_NODES} -global pc-dimm.node=5 ${DIMM}`) },
  { name: 'opt-global-dimm-node-bad', args: a(`${TWO_NODES} -global pc-dimm.node=abc ${DIMM}`) },
  { name: 'opt-global-dimm-node-u32', args: a(`${TWO_NODES} -global pc-dimm.node=0x100000000 ${DIMM}`) },
  { name: 'opt-global-dimm-node-minus', args: a(`${TWO_NODES} -global pc-dimm.node=-1 ${DIMM}`) },
  { name: 'opt-global-dimm-node-range', args: a(`${TWO_NODES} -global pc-dimm.node=1-1 ${DIMM}`) },
  { name: 'opt-global-dimm-addr', args: a(`${TWO_NODES} -global pc-dimm.addr=0x140000000 ${DIMM}`) },
  { name: 'opt-global-dimm-addr-size-suffix', args: a(`${TWO_NODES} -global pc-dimm.addr=1G ${DIMM}`) },
  { name: 'opt-global-dimm-addr-minus', args: a(`${TWO_NODES} -global pc-dimm.addr=-1 ${DIMM}`) },
  { name: 'opt-global-dimm-slot', args: a(`${TWO_NODES} -global pc-dimm.slot=1 ${DIMM}`) },
  { name: 'opt-global-dimm-slot-negative', args: a(`${TWO_NODES} -global pc-dimm.slot=-2 ${DIMM}`) },
  { name: 'opt-global-dimm-slot-bad', args: a(`${TWO_NODES} -global pc-dimm.slot=1x ${DIMM}`) },
  { name: 'opt-global-dimm-slot-i32', args: a(`${TWO_NODES} -global pc-dimm.slot=0x80000000 ${DIMM}`) },
  { name: 'opt-global-dimm-memdev', args: a(`${TWO_NODES} -global pc-dimm.memdev=m0 -device pc-dimm,id=d0`) },
  { name: 'opt-global-dimm-memdev-missing', args: a(`${TWO_NODES} -global pc-dimm.memdev=nope ${DIMM}`) },
  { name: 'opt-global-dimm-unknown-property', args: a(`${TWO_NODES} -global pc-dimm.foo=1 ${DIMM}`) },
  { name: 'opt-global-dimm-before-own-unknown', args: a(`${TWO_NODES} -global pc-dimm.foo=1 ${DIMM},bar=1`) },
  { name: 'opt-global-dimm-size-read-only', args: a(`${TWO_NODES} -global pc-dimm.size=1 ${DIMM}`) },
  { name: 'opt-global-dimm-unused-unknown', args: a(`${TWO_NODES} -global pc-dimm.foo=1`) },
  { name: 'opt-global-dimm-applies-to-nvdimm', args: a(`${NVDIMM_MACHINE} -global pc-dimm.foo=1 -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-not-dimm', args: a(`${TWO_NODES} -global nvdimm.node=1 ${DIMM}`) },
  { name: 'opt-global-nvdimm-node', args: a(`${NVDIMM_MACHINE} -global nvdimm.node=1 -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-label-size', args: a(`${NVDIMM_MACHINE} -global nvdimm.label-size=256k -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-label-size-small', args: a(`${NVDIMM_MACHINE} -global nvdimm.label-size=1k -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-label-size-bad', args: a(`${NVDIMM_MACHINE} -global nvdimm.label-size=abc -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-label-size-minus', args: a(`${NVDIMM_MACHINE} -global nvdimm.label-size=-1 -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-label-size-16E', args: a(`${NVDIMM_MACHINE} -global nvdimm.label-size=16E -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-uuid-bad', args: a(`${NVDIMM_MACHINE} -global nvdimm.uuid=abc -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-nvdimm-unarmed-bad', args: a(`${NVDIMM_MACHINE} -global nvdimm.unarmed=x -device nvdimm,id=d0,memdev=m0`) },
  { name: 'opt-global-spmem-node', versions: ONLY_11, args: a(`${TWO_NODES} -global sp-mem.node=1 -device sp-mem,id=s0,memdev=m0`) },
  { name: 'opt-global-spmem-addr', versions: ONLY_11, args: a(`${TWO_NODES} -global sp-mem.addr=0x180000000 -device sp-mem,id=s0,memdev=m0`) },
  { name: 'opt-global-spmem-unknown', versions: ONLY_11, args: a(`${TWO_NODES} -global sp-mem.slot=1 -device sp-mem,id=s0,memdev=m0`) },
  { name: 'opt-global-dimm-not-spmem', versions: ONLY_11, args: a(`${TWO_NODES} -global pc-dimm.foo=1 -device sp-mem,id=s0,memdev=m0`) },
  { name: 'opt-global-spmem-unused', args: a(`${TWO_NODES} -global sp-mem.node=1 ${DIMM}`) },
  { name: 'opt-global-q35-hole64-too-big', args: a('-M q35 -m 1G -global q35-pcihost.pci-hole64-size=1T') },
  { name: 'opt-global-q35-hole64-1019G', args: a('-M q35 -m 1G -global q35-pcihost.pci-hole64-size=1019G') },
  { name: 'opt-global-q35-hole64-window', args: a('-M q35 -m 1G,slots=1,maxmem=2G -cpu qemu64,phys-bits=36 -global q35-pcihost.pci-hole64-size=60G') },
  { name: 'opt-global-q35-hole64-window-over', args: a('-M q35 -m 1G,slots=1,maxmem=2G -cpu qemu64,phys-bits=36 -global q35-pcihost.pci-hole64-size=61G') },
  { name: 'opt-global-q35-hole64-small', args: a('-M q35 -m 1G -cpu qemu64,phys-bits=36 -global q35-pcihost.pci-hole64-size=0') },
  { name: 'opt-global-q35-hole64-bad', args: a('-M q35 -m 1G -cpu qemu64,phys-bits=33 -global q35-pcihost.pci-hole64-size=abc') },
  { name: 'opt-global-q35-hole64-minus', args: a('-M q35 -m 1G -global q35-pcihost.pci-hole64-size=-1') },
  { name: 'opt-global-q35-hole64-after-phys-bits', args: a('-M q35 -m 1G -cpu qemu64,phys-bits=20 -global q35-pcihost.pci-hole64-size=abc') },
  { name: 'opt-global-q35-host-unknown', args: a('-M q35 -m 1G -global q35-pcihost.foo=1') },
  { name: 'opt-global-q35-host-read-only', args: a('-M q35 -m 1G -global q35-pcihost.pci-hole64-start=1') },
  { name: 'opt-global-q35-host-bool', args: a('-M q35 -m 1G -global q35-pcihost.bypass-iommu=abc') },
  { name: 'opt-global-q35-host-smm-ranges', args: a('-M q35 -m 1G -global q35-pcihost.smm-ranges=x') },
  { name: 'opt-global-q35-host-short-root-bus', args: a('-M q35 -m 1G -global q35-pcihost.short_root_bus=abc') },
  { name: 'opt-global-i440fx-hole64-too-big', args: a('-M pc -m 1G -global i440FX-pcihost.pci-hole64-size=1T') },
  { name: 'opt-global-i440fx-on-q35', args: a('-M q35 -m 1G -global i440FX-pcihost.pci-hole64-size=1T') },
  { name: 'opt-global-q35-on-pc', args: a('-M pc -m 1G -global q35-pcihost.pci-hole64-size=1T') },
  { name: 'opt-global-invalid-class', args: a('-M q35 -m 1G -global foo.bar=1') },
  { name: 'opt-global-object-type', args: a('-M q35 -m 1G -global memory-backend-ram.size=1G') },
  { name: 'opt-global-empty-driver', args: a('-M q35 -m 1G -global driver=,property=b,value=c') },
  { name: 'opt-global-bare-word', args: a('-M q35 -m 1G -global foo') },
  { name: 'opt-global-bare-no-word', args: a('-M q35 -m 1G -global driver=a,nofoo') },
  { name: 'opt-global-no-property', args: a('-M q35 -m 1G -global pc-dimm=1') },
  { name: 'opt-global-missing-value', args: a('-M q35 -m 1G -global driver=pc-dimm,property=node') },
  { name: 'opt-global-extra-key', args: a('-M q35 -m 1G -global driver=a,property=b,value=c,x=1') },
  { name: 'opt-global-bare-value', args: a('-M q35 -m 1G -global driver=a,property=b,value') },
  { name: 'opt-global-dot-no-value', args: a('-M q35 -m 1G -global a.b') },
  { name: 'opt-global-empty-driver-short', args: a('-M q35 -m 1G -global .node=1') },
  { name: 'opt-global-before-bad-size', args: a('-M q35 -m 1G -global foo -object memory-backend-ram,id=x,size=y') },
];

const RAM0 = '-object memory-backend-ram,id=ram0,size=1G';
const memoryBackend: DiffCase[] = [
  { name: 'opt-mb-size-from-backend', args: a(`-M q35,memory-backend=ram0 ${RAM0}`) },
  { name: 'opt-mb-size-from-backend-odd', args: a('-M q35,memory-backend=ram0 -object memory-backend-ram,id=ram0,size=1000M') },
  { name: 'opt-mb-size-from-backend-pc-4G', args: a('-M pc,memory-backend=ram0 -object memory-backend-ram,id=ram0,size=4G') },
  { name: 'opt-mb-size-matches-m', args: a(`-M q35,memory-backend=ram0 -m 1G ${RAM0}`) },
  { name: 'opt-mb-size-mismatch', args: a(`-M q35,memory-backend=ram0 -m 2G ${RAM0}`) },
  { name: 'opt-mb-size-mismatch-1025M', args: a('-M q35,memory-backend=ram0 -m 1G -object memory-backend-ram,id=ram0,size=1025M') },
  { name: 'opt-mb-not-found', args: a(`-M q35,memory-backend=nope ${RAM0}`) },
  { name: 'opt-mb-not-found-before-numa', args: a(`-M q35,memory-backend=nope ${RAM0} -numa node,nodeid=200`) },
  { name: 'opt-mb-after-cpu-model', args: a(`-M q35,memory-backend=nope -cpu foo ${RAM0}`) },
  { name: 'opt-mb-empty', args: a(`-M q35,memory-backend= ${RAM0}`) },
  { name: 'opt-mb-empty-two-backends', args: a(`-M q35,memory-backend= ${RAM0} -object memory-backend-ram,id=ram1,size=1G`) },
  { name: 'opt-mb-empty-no-backend', args: a('-M q35,memory-backend= -m 1G') },
  { name: 'opt-mb-mismatch-before-numa', args: a(`-M q35,memory-backend=ram0 -m 2G ${RAM0} -numa node,memdev=ram0`) },
  { name: 'opt-mb-mismatch-before-phys-bits', args: a(`-M q35,memory-backend=ram0 -m 2G ${RAM0} -cpu qemu64,phys-bits=20`) },
  { name: 'opt-mb-mismatch-after-numa-cpu', args: a(`-M q35,memory-backend=ram0 -m 2G ${RAM0} -smp 2 -numa node -numa cpu,node-id=0,socket-id=5`) },
  { name: 'opt-mb-numa-node-no-memdev', args: a(`-M q35,memory-backend=ram0 ${RAM0} -numa node`) },
  { name: 'opt-mb-numa-memdev-same', args: a(`-M q35,memory-backend=ram0 ${RAM0} -numa node,memdev=ram0`) },
  { name: 'opt-mb-numa-memdev-other', args: a(`-M q35,memory-backend=ram0 ${RAM0} -object memory-backend-ram,id=n0,size=1G -numa node,memdev=n0`) },
  { name: 'opt-mb-dimm-busy', args: a(`-M q35,memory-backend=ram0 ${RAM0} -m 1G,slots=2,maxmem=4G -device pc-dimm,id=d0,memdev=ram0`) },
  { name: 'opt-mb-hotplug-window', args: a(`-M q35,memory-backend=ram0 -m 1G,slots=2,maxmem=4G ${RAM0} -object memory-backend-ram,id=m1,size=1G -device pc-dimm,id=d0,memdev=m1`) },
  { name: 'opt-mb-maxmem-below-m', args: a(`-M q35,memory-backend=ram0 -m 2G,slots=2,maxmem=1G ${RAM0}`) },
  { name: 'opt-mb-maxmem-without-size', args: a('-M q35,memory-backend=ram0 -m slots=2,maxmem=4G -object memory-backend-ram,id=ram0,size=2G') },
  { name: 'opt-mb-maxmem-without-size-over', args: a('-M q35,memory-backend=ram0 -m slots=2,maxmem=4G -object memory-backend-ram,id=ram0,size=8G') },
  { name: 'opt-mb-file', args: a('-M pc,memory-backend=ram0 -object memory-backend-file,id=ram0,size=4G,mem-path=/tmp/mmd-mem,share=on') },
  { name: 'opt-mb-spmem-busy', versions: ONLY_11, args: a(`-M q35,memory-backend=ram0 ${RAM0} -m 1G,slots=2,maxmem=4G -device sp-mem,id=s0,memdev=ram0`) },
];

const SHM = '-object memory-backend-shm,id=m0';
const shm: DiffCase[] = [
  // 7.2 has no such type; 11.1 reads, checks and creates it (kept as written: nothing maps it here)
  { name: 'opt-shm-accepted', args: a(`-M q35 -m 1G ${SHM},size=1G`) },
  { name: 'opt-shm-share-on', args: a(`-M q35 -m 1G ${SHM},size=1G,share=on`) },
  { name: 'opt-shm-share-off', args: a(`-M q35 -m 1G ${SHM},size=1G,share=off`) },
  { name: 'opt-shm-share-bad', args: a(`-M q35 -m 1G ${SHM},size=1G,share=x`) },
  { name: 'opt-shm-size-zero', args: a(`-M q35 -m 1G ${SHM},size=0,share=off`) },
  { name: 'opt-shm-size-missing', args: a(`-M q35 -m 1G ${SHM},foo=1`) },
  { name: 'opt-shm-size-bad', args: a(`-M q35 -m 1G ${SHM},size=x,foo=1`) },
  { name: 'opt-shm-id-missing', args: a('-M q35 -m 1G -object memory-backend-shm,size=1G') },
  { name: 'opt-shm-mem-path', args: a(`-M q35 -m 1G ${SHM},size=1G,mem-path=/tmp`) },
  { name: 'opt-shm-align', args: a(`-M q35 -m 1G ${SHM},size=1G,align=4M`) },
  { name: 'opt-shm-hugetlb', args: a(`-M q35 -m 1G ${SHM},size=1G,hugetlb=on`) },
  { name: 'opt-shm-after-ram-backend', args: a(`-M q35 -m 1G -object memory-backend-ram,id=r,size=0 ${SHM},size=0`) },
  { name: 'opt-shm-before-ram-backend', args: a(`-M q35 -m 1G ${SHM},size=1G,share=off -object memory-backend-ram,id=r,size=0`) },
];

const ONLY_7 = ['7.2'] as QemuVersionTag[];
/** QEMU's warning lines (compared line by line with the designer's QEMU warnings) */
const warnings: DiffCase[] = [
  { name: 'opt-warn-deprecated-q35-5.2', versions: ONLY_11, args: a('-M pc-q35-5.2 -m 1G') },
  { name: 'opt-warn-deprecated-pc-8.1', versions: ONLY_11, args: a('-M pc-i440fx-8.1 -m 1G') },
  { name: 'opt-warn-not-deprecated-q35-8.2', versions: ONLY_11, args: a('-M pc-q35-8.2 -m 1G') },
  { name: 'opt-warn-deprecated-pc-1.4', versions: ONLY_7, args: a('-M pc-i440fx-1.4 -m 1G') },
  { name: 'opt-warn-not-deprecated-pc-2.0', versions: ONLY_7, args: a('-M pc-i440fx-2.0 -m 1G') },
  { name: 'opt-warn-deprecated-then-error', versions: ONLY_11, args: a('-M pc-q35-5.2,max-ram-below-4g=1k -m 1G -object memory-backend-ram,id=x,size=0') },
  { name: 'opt-warn-deprecated-not-after-m-error', versions: ONLY_11, args: a('-M pc-q35-5.2 -m 1G,maxmem=512M') },
  { name: 'opt-warn-smp-zero-then-deprecated', versions: ONLY_7, args: a('-M pc-i440fx-1.4 -smp cpus=0,sockets=1 -m 1G') },
  { name: 'opt-warn-amd-threads', args: a('-M q35 -m 1G -smp 2,threads=2') },
  { name: 'opt-warn-amd-threads-epyc', args: a('-M q35 -m 1G -cpu EPYC -smp 4,cores=2,threads=2') },
  { name: 'opt-warn-amd-threads-topoext-tcg', args: a('-M q35 -m 1G -cpu qemu64,+topoext -smp 2,threads=2') },
  { name: 'opt-warn-intel-threads', args: a('-M q35 -m 1G -cpu qemu64,vendor=GenuineIntel -smp 2,threads=2') },
  { name: 'opt-warn-tcg-skylake', args: a('-M q35 -m 1G -cpu Skylake-Client') },
  { name: 'opt-warn-tcg-haswell-two-cpus', args: a('-M q35 -m 1G -cpu Haswell -smp 2') },
  { name: 'opt-warn-tcg-haswell-items', args: a('-M q35 -m 1G -cpu Haswell,-pcid,+avx512f,hle=off') },
  { name: 'opt-warn-tcg-then-phys-bits', args: a('-M q35 -m 1G -cpu Haswell,phys-bits=20') },
  { name: 'opt-warn-tcg-epyc-threads', args: a('-M q35 -m 1G -cpu EPYC -smp 2,threads=2') },
  { name: 'opt-warn-tcg-granite-rapids', args: a('-M q35 -m 1G -cpu GraniteRapids') },
  { name: 'opt-warn-tcg-diamond-rapids', versions: ONLY_11, args: a('-M q35 -m 1G -cpu DiamondRapids') },
  { name: 'opt-warn-tcg-max', args: a('-M q35 -m 1G -cpu max') },
  { name: 'opt-warn-mrb4g-small', args: a('-M q35,max-ram-below-4g=1k -m 1G') },
  { name: 'opt-warn-numa-mem-deprecated', versions: ONLY_7, args: a('-M pc-i440fx-5.0 -m 1G -numa node,mem=512M -numa node,mem=512M') },
  { name: 'opt-warn-global-bare-value', args: a('-M q35 -m 1G -global driver=a,property=b,value') },
];

const R2 = '-m 1G -object memory-backend-ram,id=r0,size=512M -object memory-backend-ram,id=r1,size=512M';
const numa: DiffCase[] = [
  { name: 'opt-numa-cpu-in-two-nodes', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=0-1 -numa node,memdev=r1,cpus=1`) },
  { name: 'opt-numa-cpu-in-two-nodes-numa-cpu', args: a(`-M q35 ${R2} -smp 2,sockets=2 -numa node,memdev=r0,cpus=0 -numa node,memdev=r1 -numa cpu,node-id=1,socket-id=0`) },
  { name: 'opt-numa-two-nodes-one-memdev', args: a('-M q35 -m 1G -object memory-backend-ram,id=r0,size=512M -numa node,memdev=r0 -numa node,memdev=r0') },
  { name: 'opt-numa-implicit-after-explicit', args: a(`-M q35 ${R2} -numa node,nodeid=1,memdev=r0 -numa node,memdev=r1`) },
  { name: 'opt-numa-implicit-collides', args: a(`-M q35 ${R2} -numa node,memdev=r0 -numa node,nodeid=0,memdev=r1`) },
  { name: 'opt-numa-implicit-after-gap', args: a(`-M q35 ${R2} -numa node,nodeid=3,memdev=r0 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-beyond-maxcpus', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=0-2 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-hex', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=0x1 -numa node,memdev=r1,cpus=0`) },
  { name: 'opt-numa-cpus-reversed', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=1-0 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-empty', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus= -numa node,memdev=r1`) },
  { name: 'opt-numa-dist-256', args: a(`-M q35 ${R2} -numa node,memdev=r0 -numa node,memdev=r1 -numa dist,src=0,dst=1,val=256`) },
  { name: 'opt-numa-dist-255', args: a(`-M q35 ${R2} -numa node,memdev=r0 -numa node,memdev=r1 -numa dist,src=0,dst=1,val=255`) },
  { name: 'opt-numa-dist-asymmetric-no-self', args: a(`-M q35 ${R2} -numa node,memdev=r0 -numa node,memdev=r1 -numa dist,src=0,dst=1,val=20 -numa dist,src=1,dst=0,val=30`) },
  { name: 'opt-numa-dist-asymmetric-self', args: a(`-M q35 ${R2} -numa node,memdev=r0 -numa node,memdev=r1 -numa dist,src=0,dst=1,val=20 -numa dist,src=1,dst=0,val=30 -numa dist,src=0,dst=0,val=10 -numa dist,src=1,dst=1,val=10`) },
  { name: 'opt-numa-dist-missing-pair', args: a(`-M q35 -m 1G -object memory-backend-ram,id=r0,size=256M -object memory-backend-ram,id=r1,size=256M -object memory-backend-ram,id=r2,size=512M -numa node,memdev=r0 -numa node,memdev=r1 -numa node,memdev=r2 -numa dist,src=0,dst=1,val=20`) },
  { name: 'opt-numa-m-0', args: a('-M q35 -m 0 -numa node') },
  { name: 'opt-numa-m-0-no-numa', args: a('-M q35 -m 0') },
  { name: 'opt-numa-node-no-memory', args: a(`-M q35 ${R2} -numa node,memdev=r0 -numa node,memdev=r1 -numa node`) },
  { name: 'opt-numa-nodeid-128', args: a(`-M q35 ${R2} -numa node,nodeid=128`) },
  { name: 'opt-numa-cpus-range-hex', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=0-0x1 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-octal', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=010 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-word', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=abc -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-above-u16', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=70000 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-range-too-long', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=0-70000 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-minus', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=-1 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-open-range', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=1- -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-u16-max', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=65535 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpus-range-u16', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0,cpus=65535-65536 -numa node,memdev=r1`) },
  { name: 'opt-numa-cpu-node-missing', args: a(`-M q35 ${R2} -smp 2 -numa node,memdev=r0 -numa node,memdev=r1 -numa cpu,node-id=2,socket-id=0`) },
];

/** options QEMU does not have: its own refusal, where the option stands */
const absent: DiffCase[] = [
  { name: 'opt-x2apic-invalid-option', args: a('-M q35 -x2apic -m 1G') },
  { name: 'opt-x2apic-invalid-before-bad-size', args: a('-M q35 -m 1G -object memory-backend-ram,id=x,size=y -x2apic') },
];

/** network cards the designer keeps as written: QEMU's "nic NAME has no peer" for each without a netdev */
const Q = '-M q35 -m 1G';
const nics: DiffCase[] = [
  { name: 'opt-nic-unnamed', args: a(`${Q} -device e1000`) },
  { name: 'opt-nic-named', args: a(`${Q} -device virtio-net-pci,id=n0`) },
  { name: 'opt-nic-counted-per-model', args: a(`${Q} -device rtl8139 -device e1000 -device rtl8139`) },
  { name: 'opt-nic-named-counts', args: a(`${Q} -device e1000,id=a -device e1000`) },
  { name: 'opt-nic-peered', args: a(`${Q} -netdev user,id=u -device e1000,netdev=u -device e1000`) },
  { name: 'opt-nic-before-global-not-used', args: a(`${Q} -global sp-mem.node=1 -device e1000`), versions: ONLY_11 },
  { name: 'opt-nic-json', args: [...a(Q), '-device', '{"driver":"virtio-net-pci","id":"j0"}', '-device', 'e1000e'] },
];

export const OPTION_CASES: DiffCase[] = [...globals, ...memoryBackend, ...shm, ...warnings, ...numa, ...absent, ...nics];
