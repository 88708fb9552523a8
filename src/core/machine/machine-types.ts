/**
 * The pc (i440fx) and q35 machine types and the compatibility settings of each version that change the memory
 * map; which types each QEMU release offers is in qemu-versions.ts. Sources: QEMU hw/i386/pc_piix.c, pc_q35.c,
 * pc.c compat tables, as summarised in shared/docs/qemu-memory.md §1–§4 and §8.
 */
import type { MachineFamily, QemuVersion } from './results.ts';
import { GiB } from '../base/index.ts';
import { QEMU_RELEASES } from './qemu-versions.ts';

export interface MachineCompat {
  family: MachineFamily;
  canonicalType: string;
  version: [number, number];
  /** pc: clamp low RAM to 3 GiB when RAM ≥ max-ram-below-4g (types > 1.7) */
  gigabyteAlign: boolean;
  /** a hotplug window can exist (types ≥ 2.1) */
  hasReservedMemory: boolean;
  /** one 1 GiB pad per slot; DIMM alignment from the backend (types ≥ 2.2) */
  enforceAlignedDimm: boolean;
  /** reserved-memory-end / hole64 start use the window base only (types ≤ 2.4) */
  brokenReservedEnd: boolean;
  /** an implicit NUMA node when slots > 0 (types ≥ 2.11) */
  autoNumaWithMemhp: boolean;
  /** an implicit NUMA node when maxmem > ram (types ≥ 5.1) */
  autoNumaWithMemdev: boolean;
  /** `-numa node,mem=` refused (types ≥ 5.1) */
  numaMemUnsupported: boolean;
  /** the AMD HyperTransport hole handling (types ≥ 7.1) */
  enforceAmd1tbHole: boolean;
  /** `-smp` fills missing values preferring cores (types ≥ 6.2) */
  smpPreferCores: boolean;
  /** pci-hole64-size default */
  pciHole64Size: bigint;
}

/** Minor versions that exist for each major (QEMU numbers its releases X.0, X.1, X.2). */
function versionExists(v: [number, number], release: QemuVersion): boolean {
  const [maj, min] = v;
  const { newest } = QEMU_RELEASES[release].machineTypes;
  if (cmp(v, newest) > 0) return false;
  if (maj === 1) return min >= 4 && min <= 7;
  if (maj === 2) return min >= 0 && min <= 12;
  if (maj >= 3 && maj <= 11) return min >= 0 && min <= 2 && !(maj === 3 && min === 2);
  return false;
}

function cmp(a: [number, number], b: [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

function atLeast(v: [number, number], major: number, minor: number): boolean {
  return cmp(v, [major, minor]) >= 0;
}

/** Resolve `-machine TYPE` to its compat settings; null when the type does not exist in that release. */
export function resolveMachineType(type: string, release: QemuVersion = '11.1'): MachineCompat | null {
  const rel = QEMU_RELEASES[release].machineTypes;
  let family: MachineFamily;
  let version: [number, number];
  if (type === 'pc' || type === 'q35') {
    family = type;
    version = rel.newest;
  } else {
    const m = /^pc-(i440fx|q35)-(\d+)\.(\d+)$/.exec(type);
    if (!m) return null;
    family = m[1] === 'i440fx' ? 'pc' : 'q35';
    version = [Number(m[2]), Number(m[3])];
    if (!versionExists(version, release)) return null;
    if (cmp(version, family === 'pc' ? rel.oldestPc : rel.oldestQ35) < 0) return null;
  }
  const canonicalType = `${family === 'pc' ? 'pc-i440fx' : 'pc-q35'}-${version[0]}.${version[1]}`;
  return {
    family,
    canonicalType,
    version,
    gigabyteAlign: family === 'q35' || cmp(version, [1, 7]) > 0,
    hasReservedMemory: atLeast(version, 2, 1),
    enforceAlignedDimm: atLeast(version, 2, 2),
    brokenReservedEnd: !atLeast(version, 2, 5),
    autoNumaWithMemhp: atLeast(version, 2, 11),
    autoNumaWithMemdev: atLeast(version, 5, 1),
    numaMemUnsupported: atLeast(version, 5, 1),
    enforceAmd1tbHole: atLeast(version, 7, 1),
    smpPreferCores: atLeast(version, 6, 2),
    pciHole64Size: family === 'pc' ? 2n * GiB : 32n * GiB,
  };
}

/** Names of the machine types a release offers (for pickers). */
export function listMachineTypes(release: QemuVersion = '11.1'): string[] {
  const out = ['pc', 'q35'];
  const rel = QEMU_RELEASES[release].machineTypes;
  for (let maj = rel.newest[0]; maj >= 7; maj--) {
    for (let min = 2; min >= 0; min--) {
      if (!versionExists([maj, min], release)) continue;
      out.push(`pc-q35-${maj}.${min}`, `pc-i440fx-${maj}.${min}`);
    }
  }
  return out;
}
