/**
 * What the core derives from a config document. Addresses and sizes are `bigint` (guest physical addresses are
 * 64-bit); convert to `number` only at a drawing edge.
 */
import type { CoreError, Diagnostic } from '../base/index.ts';
import type { E820Entry, HmatTable, RamRange, SlitTable, SratTable } from '../tables/index.ts';
export {
  E820_ACPI,
  E820_NVS,
  E820_RAM,
  E820_RESERVED,
  E820_SOFT_RESERVED,
  E820_UNUSABLE,
  SRAT_MEM_ENABLED,
  SRAT_MEM_HOTPLUGGABLE,
  SRAT_MEM_NON_VOLATILE,
  type E820Entry,
  type RamRange,
  type SratEntry,
  type SratTable,
  type SlitTable,
  type HmatTable,
} from '../tables/index.ts';
import type { HotplugDeviceDriver, BackendType } from '../document/index.ts';

export type MachineFamily = 'pc' | 'q35';
export type QemuVersion = '11.1' | '10.2' | '7.2';

export interface ResolvedMachine {
  /** the type as given (`pc`, `pc-q35-9.2`) */
  type: string;
  family: MachineFamily;
  /** the versioned type it stands for (`pc-q35-11.1` for `q35` on 11.1) */
  canonicalType: string;
  /** [major, minor] of the machine type */
  typeVersion: [number, number];
  nvdimm: boolean;
  /** pci-hole64-size default: 2 GiB on pc, 32 GiB on q35 */
  pciHole64Size: bigint;
}

export interface ResolvedCpu {
  model: string;
  vendor: 'AuthenticAMD' | 'GenuineIntel';
  physBits: number;
}

export interface CpuTopology {
  cpus: number;
  maxcpus: number;
  sockets: number;
  dies: number;
  modules: number;
  cores: number;
  threads: number;
}

export interface PossibleCpu {
  index: number;
  apicId: number;
  socket: number;
  die: number;
  module: number;
  core: number;
  thread: number;
  node: number;
}

export interface RamLayout {
  /** `-m` after QEMU's rounding to 8 KiB */
  ramSize: bigint;
  maxmem: bigint;
  slots: number;
  below4g: bigint;
  above4g: bigint;
  /** 4 GiB, or 1 TiB after the AMD HyperTransport relocation */
  above4gStart: bigint;
  /** the AMD HT reserved range [0xfd00000000, 1 TiB) is in etc/e820 */
  amdHtHole: boolean;
  /** RAM moved above 1 TiB because max used GPA reached the HT hole */
  relocatedTo1T: boolean;
}

export interface HotplugWindow {
  base: bigint;
  size: bigint;
  /** etc/reserved-memory-end (end rounded up to 1 GiB) */
  reservedMemoryEnd: bigint;
}

export interface NumaNode {
  id: number;
  /** backend id of its RAM, if any */
  memdev: string | null;
  /** RAM size from its backend (0 for memory-less nodes) */
  size: bigint;
  /** indices of possible CPUs on this node */
  cpus: number[];
  /** whether the node was created by QEMU (no -numa given) */
  implicit: boolean;
}

export interface PlacedDevice {
  /** index of the -device option in doc.options */
  optionIndex: number;
  /** pc-dimm, nvdimm, sp-mem (-device options of their own), virtio-mem-pci, virtio-pmem-pci (raw options) */
  driver: HotplugDeviceDriver;
  id: string | null;
  memdev: string;
  backendType: BackendType;
  addr: bigint;
  /** size of the mapped region (for nvdimm: backend size less the label area) */
  size: bigint;
  /** the backend's size */
  backendSize: bigint;
  node: number;
  /** pc-dimm / nvdimm slot; null for sp-mem and the virtio devices */
  slot: number | null;
  /** the alignment QEMU placed it with */
  align: bigint;
  /** true when addr= (virtio devices: memaddr=) was given */
  explicitAddr: boolean;
  /** virtio-mem-pci only: its block size (given or the backend's default) and requested-size */
  virtioMem?: { blockSize: bigint; requestedSize: bigint };
}

/** QMP query-memory-devices, with numbers as bigint (JSON output turns them into numbers). */
export type MemoryDeviceInfo =
  | {
      type: 'dimm' | 'nvdimm';
      data: {
        id?: string;
        addr: bigint;
        size: bigint;
        slot: number;
        node: number;
        memdev: string;
        hotplugged: boolean;
        hotpluggable: boolean;
      };
    }
  | { type: 'sp-mem'; data: { id?: string; addr: bigint; size: bigint; node: number; memdev: string } }
  | {
      type: 'virtio-mem';
      data: {
        id?: string;
        memaddr: bigint;
        /** plugged by the guest: 0 before it runs */
        size: bigint;
        'max-size': bigint;
        'block-size': bigint;
        'requested-size': bigint;
        node: number;
        memdev: string;
      };
    }
  | { type: 'virtio-pmem'; data: { id?: string; memaddr: bigint; size: bigint; memdev: string } };

export interface MachineLayout {
  machine: ResolvedMachine;
  cpu: ResolvedCpu;
  topology: CpuTopology;
  possibleCpus: PossibleCpu[];
  ram: RamLayout;
  window: HotplugWindow | null;
  /** max used GPA (inclusive) checked against phys-bits */
  maxUsedGpa: bigint;
  nodes: NumaNode[];
  ramRanges: RamRange[];
  /** memory devices in -device order */
  devices: PlacedDevice[];
  srat: SratTable | null;
  /** the SLIT QEMU builds after the SRAT when some -numa dist is given (matrix and bytes); null: none */
  slit: SlitTable | null;
  /** the HMAT QEMU builds after the SRAT (and SLIT) with -machine hmat=on and NUMA nodes; null: none */
  hmat: HmatTable | null;
  e820: E820Entry[];
  e820Bytes: Uint8Array;
  memoryDevices: MemoryDeviceInfo[];
  /** HMP `info memory-devices` text */
  infoMemoryDevices: string;
}

export interface MachineResult {
  /** QEMU's rejection, or null when QEMU accepts the configuration */
  error: CoreError | null;
  /** warnings QEMU prints while accepting, and the designer's advice */
  diagnostics: Diagnostic[];
  /** the derived machine; null when rejected */
  layout: MachineLayout | null;
  /**
   * true: names QEMU checks (device models, object types, CPU models, properties) were not checked, for want of
   * the release's catalog (ComputeOptions.catalog); compute again once it is at hand
   */
  catalogPending?: true;
}

/**
 * The layout as the designer's map and tables use it: everything but QEMU's device listings
 * (query-memory-devices and `info memory-devices`), which the guest view asks for on its own.
 */
export type MachineLayoutView = Omit<MachineLayout, 'memoryDevices' | 'infoMemoryDevices'>;
export type MachineResultView = Omit<MachineResult, 'layout'> & { layout: MachineLayoutView | null };
