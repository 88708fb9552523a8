/**
 * Built-in designs. Each is a QEMU command line; the document is what the importer makes of it, so a preset is
 * exactly what a user would get by pasting the same line.
 */
import { parseQemuArgs } from '../syntax/index.ts';
import type { ConfigDocument } from '../document/index.ts';

export interface Preset {
  id: string;
  title: string;
  description: string;
  args: string[];
}

const words = (s: string): string[] => s.trim().split(/\s+/);

export const PRESETS: readonly Preset[] = [
  {
    id: 'accelerator',
    title: 'Accelerator with HBM (example)',
    description:
      'A coherent CPU+accelerator guest: node 0 holds the CPUs, their RAM and a hot-pluggable DIMM; nodes 1–3 each hold 16 GiB of accelerator HBM as an sp-mem device (Specific Purpose Memory), placed first in the hotplug window and 2 MiB apart — Linux merges soft-reserved ranges that touch, which would leave nodes 2 and 3 empty. The window keeps room for more DIMMs above the HBM. It boots OVMF: SeaBIOS would drop the SOFT_RESERVED entries. In the guest, Linux numbers nodes in the order their proximity domains first appear in the SRAT, and the 2 MiB gaps carry PXM 3 (QEMU gives hotpluggable ranges the last node): QEMU’s nodes 2 and 3 become Linux nodes 3 and 2.',
    args: words(`
      -machine q35 -cpu EPYC -smp 8,sockets=1,cores=8 -m 16G,slots=4,maxmem=96G
      -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
      -object memory-backend-ram,id=ram0,size=16G
      -numa node,nodeid=0,memdev=ram0,cpus=0-7 -numa node,nodeid=1 -numa node,nodeid=2 -numa node,nodeid=3
      -object memory-backend-ram,id=hbm0-mem,size=16G -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1,addr=0x480000000
      -object memory-backend-ram,id=hbm1-mem,size=16G -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2,addr=0x880200000
      -object memory-backend-ram,id=hbm2-mem,size=16G -device sp-mem,id=hbm2,memdev=hbm2-mem,node=3,addr=0xc80400000
      -object memory-backend-ram,id=dimm0-mem,size=4G -device pc-dimm,id=dimm0,memdev=dimm0-mem,node=0`),
  },
  {
    id: 'hbm-hmat',
    title: 'Accelerator as generic initiator, HBM with HMAT',
    description:
      'Node 0: CPUs and RAM; nodes 1–2: HBM, sp-mem in memory-only nodes; node 3: the accelerator as an ACPI generic initiator (virtio-gpu-pci here, vfio-pci on a host). hmat=on with latencies and bandwidths, and a SLIT. Boots OVMF.',
    args: words(`
      -machine q35,hmat=on -cpu EPYC -smp 4,sockets=1,cores=4 -m 8G,slots=2,maxmem=64G
      -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
      -object memory-backend-ram,id=ram0,size=8G
      -numa node,nodeid=0,memdev=ram0,cpus=0-3 -numa node,nodeid=1,initiator=0 -numa node,nodeid=2,initiator=0 -numa node,nodeid=3
      -object memory-backend-ram,id=hbm0-mem,size=16G -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1,addr=0x280000000
      -object memory-backend-ram,id=hbm1-mem,size=16G -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2,addr=0x680200000
      -device virtio-gpu-pci,id=accel0,addr=0x4 -object acpi-generic-initiator,id=gi0,pci-dev=accel0,node=3
      -numa dist,src=0,dst=1,val=30 -numa dist,src=0,dst=2,val=30 -numa dist,src=0,dst=3,val=30
      -numa dist,src=1,dst=2,val=20 -numa dist,src=1,dst=3,val=15 -numa dist,src=2,dst=3,val=15
      -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=100
      -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=250
      -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-latency,latency=250
      -numa hmat-lb,initiator=3,target=0,hierarchy=memory,data-type=access-latency,latency=300
      -numa hmat-lb,initiator=3,target=1,hierarchy=memory,data-type=access-latency,latency=120
      -numa hmat-lb,initiator=3,target=2,hierarchy=memory,data-type=access-latency,latency=120
      -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=64G
      -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=32G
      -numa hmat-lb,initiator=0,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=32G
      -numa hmat-lb,initiator=3,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=32G
      -numa hmat-lb,initiator=3,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=512G
      -numa hmat-lb,initiator=3,target=2,hierarchy=memory,data-type=access-bandwidth,bandwidth=512G`),
  },
  {
    id: 'fragmented',
    title: 'sp-mem between two DIMMs',
    description:
      'An sp-mem placed between two pc-dimms: the SRAT umbrella is split three ways and the largest hot-pluggable range shrinks. The window inspector proposes a better order.',
    args: words(`
      -machine q35 -smp 2 -m 4G,slots=4,maxmem=40G
      -object memory-backend-ram,id=ram0,size=4G -numa node,nodeid=0,memdev=ram0,cpus=0-1 -numa node,nodeid=1
      -object memory-backend-ram,id=dimm0-mem,size=2G -device pc-dimm,id=dimm0,memdev=dimm0-mem,node=0
      -object memory-backend-ram,id=hbm0-mem,size=8G -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1
      -object memory-backend-ram,id=dimm1-mem,size=2G -device pc-dimm,id=dimm1,memdev=dimm1-mem,node=0`),
  },
  {
    id: 'upstream-qtest',
    title: 'QEMU’s own sp-mem test',
    description: 'The configuration of QEMU’s e820 qtest for sp-mem: one 128 MiB sp-mem on node 0.',
    args: words(`
      -machine q35 -m 256M,slots=2,maxmem=2G -object memory-backend-ram,id=ram0,size=256M
      -numa node,nodeid=0,memdev=ram0 -object memory-backend-ram,id=spm0,size=128M
      -device sp-mem,id=sp0,memdev=spm0,node=0`),
  },
  {
    id: 'two-nodes-dimm',
    title: 'Two NUMA nodes and a DIMM',
    description: 'q35 with 4 GiB split over two nodes (3 GiB + 1 GiB) and a 1 GiB pc-dimm on node 1.',
    args: words(`
      -machine q35 -smp 2,sockets=2 -m 4G,slots=2,maxmem=8G
      -object memory-backend-ram,id=r0,size=3G -object memory-backend-ram,id=r1,size=1G
      -numa node,memdev=r0 -numa node,memdev=r1
      -object memory-backend-ram,id=m0,size=1G -device pc-dimm,id=d0,memdev=m0,node=1`),
  },
  {
    id: 'nvdimm',
    title: 'Persistent memory (NVDIMM)',
    description: 'q35 with nvdimm=on and a 1 GiB file-backed NVDIMM next to a DIMM.',
    args: words(`
      -machine q35,nvdimm=on -m 2G,slots=4,maxmem=16G
      -object memory-backend-ram,id=m0,size=1G -device pc-dimm,id=d0,memdev=m0
      -object memory-backend-file,id=nv0,size=1G,mem-path=/tmp/nvdimm0,share=on -device nvdimm,id=nv0dev,memdev=nv0`),
  },
  {
    id: 'pc-large',
    title: 'AMD guest with RAM moved to 1 TiB',
    description:
      'An AMD guest whose hotplug window reaches the HyperTransport hole at 1012 GiB: QEMU moves RAM above 4 GiB and the window to 1 TiB.',
    args: words(`-machine q35 -cpu qemu64,phys-bits=48 -m 4G,slots=1,maxmem=1010G`),
  },
];

export const DEFAULT_PRESET_ID = 'accelerator';

export function presetDocument(id: string): ConfigDocument | null {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) return null;
  const r = parseQemuArgs(p.args, p.id);
  return r.ok ? r.doc : null;
}

export function exampleDocument(): ConfigDocument {
  return presetDocument(DEFAULT_PRESET_ID)!;
}
