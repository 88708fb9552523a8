/**
 * What differs between the QEMU releases the designer follows, as data: the machine types each offers, limits,
 * which wording of a message it prints (a name in QEMU_MESSAGES, src/core/base/qemu-messages.ts) and the few
 * places where it checks in another order. Following a new QEMU release is one more row here (and the
 * `QemuVersion` name in results.ts), plus catalogue entries for any new wording.
 */
import type { QemuMessageName } from '../base/index.ts';
import type { QemuVersion } from './results.ts';

export interface QemuRelease {
  /** the versioned machine types it offers: the newest, and the oldest of each family */
  machineTypes: { newest: [number, number]; oldestPc: [number, number]; oldestQ35: [number, number] };
  /** `-machine` naming a type it does not have */
  unsupportedMachineType: Extract<QemuMessageName, 'unsupportedMachineType' | 'unsupportedMachineTypeNamed'>;
  /** MachineClass max_cpus of each family */
  maxCpus: { pc: number; q35: number };
  /** -smp has the modules level (`smp.modules`, `module-id`, `* modules (N)` in messages) */
  smpModules: boolean;
  /** a -smp parameter of 0: a deprecation warning (read as not given) or an error */
  smpZero: 'warning' | 'error';
  /** a CPU vendor= of other than 12 characters: 7.2's "doesn't take value" text, or the length message */
  vendorLengthText: 'doesnt-take-value' | 'length';
  /** the phys-bits QEMU accepts (TCG): `physBitsBetween` names both bounds; `max` null: no upper bound, `physBitsAtLeast` */
  physBits: { min: number; max: number | null };
  /**
   * how APIC IDs of 255 and more are refused: `kernel-irqchip` for any possible CPU (TCG has no X2APIC API),
   * `cpu-feature` for a present CPU whose model lacks x2APIC
   */
  x2apicCheck: 'kernel-irqchip' | 'cpu-feature';
  /** a memory device on a machine without device memory */
  noDeviceMemory: Extract<QemuMessageName, 'memoryDevicesNotEnabled' | 'memoryDevicesNotPrepared'>;
  /** a memory device on a machine type that never has device memory gets `memoryDevicesUnsupported` */
  noDeviceMemoryOnOldTypes: boolean;
  /**
   * memory_device_pre_plug's size check: against the region alignment before the address checks
   * (`region-first`), or against the placement alignment after them (`after-address`)
   */
  sizeMultipleCheck: 'region-first' | 'after-address';
  /** `-object acpi-generic-initiator` / `acpi-generic-port` exist (QEMU 9.0+; older: the qom-type is refused) */
  genericAffinityObjects: boolean;
  /** the HMAT has a Memory Proximity Domain Attributes structure for every node (7.2), or only for nodes with memory */
  hmatProximityForEveryNode: boolean;
  /** whose captured help lists (src/core/syntax/qemu-help, qemu-backend-properties.ts) give what it accepts */
  helpLists: '7.2' | '11.1';
  /**
   * `-no-acpi` exists (7.2: `acpi=off` put into the -machine options at its place, a later `-machine acpi=` wins;
   * 11.1.3 refuses it as an invalid option, as it does any option it lacks)
   */
  noAcpiOption: boolean;
  /**
   * pc_max_used_gpa's test for a 32-bit CPU: `phys-bits-32` (7.2: phys-bits of 32 or less; so a CPU without long
   * mode but with 36 phys-bits is held to the 64-bit rule) or `long-mode` (CPUID lm off; then, from machine type
   * 8.2, the end of RAM or of the hotplug window)
   */
  maxUsedGpa32: 'phys-bits-32' | 'long-mode';
  /** x86_cpu_realizefn: what gives a CPU without long mode 36 phys-bits rather than 32 (7.2: PSE-36 alone) */
  physBits36From: 'pse36' | 'pae-or-pse36';
  /** a confidential-guest-support object without KVM: refused once the devices are plugged (11.1), or an abort (7.2) */
  confidentialGuestWithoutKvm: 'refused' | 'abort';
  /** qemu_strtosz: a leading minus is out of range (11.1: "Value '-1' is out of range"), or no number (7.2) */
  negativeSizeOutOfRange: boolean;
  /**
   * the machine types `-machine help` marks deprecated — those of `families` older than `below` — and the reason
   * QEMU's warning gives (vl.c, once the machine's options are applied)
   */
  deprecatedMachines: {
    below: [number, number];
    families: readonly ('pc' | 'q35')[];
    reason: Extract<QemuMessageName, 'machineDeprecationAged' | 'machineDeprecationUnattended'>;
  };
  /** the warning for an AMD CPU without TOPOEXT and more than one thread per core (its wording) */
  amdHyperthreadingWarning: Extract<QemuMessageName, 'amdHyperthreading' | 'amdHyperthreadingHint'>;
  /** the machine types it offers besides pc and q35 (`-machine help`), which the designer does not model */
  otherMachineTypes: readonly string[];
  /** virtio-mem's realize refuses a memdev with prealloc=on (QEMU 8.0 on) */
  virtioMemRefusesPreallocMemdev: boolean;
}

const RELEASE_11_1: QemuRelease = {
  helpLists: '11.1',
  machineTypes: { newest: [11, 1], oldestPc: [5, 2], oldestQ35: [5, 2] },
  unsupportedMachineType: 'unsupportedMachineTypeNamed',
  maxCpus: { pc: 255, q35: 4096 },
  smpModules: true,
  smpZero: 'error',
  vendorLengthText: 'length',
  physBits: { min: 32, max: null },
  x2apicCheck: 'cpu-feature',
  noDeviceMemory: 'memoryDevicesNotPrepared',
  noDeviceMemoryOnOldTypes: false,
  sizeMultipleCheck: 'region-first',
  genericAffinityObjects: true,
  hmatProximityForEveryNode: false,
  noAcpiOption: false,
  maxUsedGpa32: 'long-mode',
  physBits36From: 'pae-or-pse36',
  confidentialGuestWithoutKvm: 'refused',
  negativeSizeOutOfRange: true,
  deprecatedMachines: { below: [8, 2], families: ['pc', 'q35'], reason: 'machineDeprecationAged' },
  amdHyperthreadingWarning: 'amdHyperthreading',
  otherMachineTypes: ['isapc', 'microvm', 'nitro', 'none', 'x-remote'],
  virtioMemRefusesPreallocMemdev: true,
};

export const QEMU_RELEASES: Record<QemuVersion, QemuRelease> = {
  '11.1': RELEASE_11_1,
  // 10.2 differs from 11.1 only in its machine types (no 10.2 binary is captured: its help lists are 11.1's)
  '10.2': { ...RELEASE_11_1, machineTypes: { newest: [10, 2], oldestPc: [2, 6], oldestQ35: [2, 6] } },
  '7.2': {
    helpLists: '7.2',
    machineTypes: { newest: [7, 2], oldestPc: [1, 4], oldestQ35: [2, 4] },
    unsupportedMachineType: 'unsupportedMachineType',
    maxCpus: { pc: 255, q35: 288 },
    smpModules: false,
    smpZero: 'warning',
    vendorLengthText: 'doesnt-take-value',
    physBits: { min: 32, max: 52 },
    x2apicCheck: 'kernel-irqchip',
    noDeviceMemory: 'memoryDevicesNotEnabled',
    noDeviceMemoryOnOldTypes: true,
    sizeMultipleCheck: 'after-address',
    genericAffinityObjects: false,
    hmatProximityForEveryNode: true,
    noAcpiOption: true,
    maxUsedGpa32: 'phys-bits-32',
    physBits36From: 'pse36',
    confidentialGuestWithoutKvm: 'abort',
    negativeSizeOutOfRange: false,
    deprecatedMachines: { below: [2, 0], families: ['pc'], reason: 'machineDeprecationUnattended' },
    amdHyperthreadingWarning: 'amdHyperthreadingHint',
    otherMachineTypes: ['isapc', 'microvm', 'none', 'x-remote'],
    virtioMemRefusesPreallocMemdev: false,
  },
};

/** The release table row of a version. */
export function qemuRelease(version: QemuVersion): QemuRelease {
  return QEMU_RELEASES[version];
}
