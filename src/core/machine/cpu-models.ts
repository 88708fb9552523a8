/**
 * x86 CPU models as far as the memory map cares: the CPUID vendor (the AMD HyperTransport rule keys on it), long
 * mode (max-used-GPA rule for 32-bit CPUs), the default phys-bits and the x2APIC feature. From QEMU
 * target/i386/cpu.c builtin_x86_defs; under TCG the vendor comes from the model (shared/docs/qemu-memory.md §1.4).
 */

export type CpuVendor = 'AuthenticAMD' | 'GenuineIntel' | 'HygonGenuine' | 'CentaurHauls' | 'other';

interface ModelInfo {
  vendor: CpuVendor;
  longMode: boolean;
  x2apic: boolean;
  /**
   * CPUID PAE and PSE-36, which decide the phys-bits of a CPU without long mode (36 or 32); true unless given.
   * Measured with QEMU 7.2.22 and 11.1.3 (qom-get phys-bits of `-cpu MODEL,lm=off,pae=off` / `pse36=off`).
   */
  pae?: boolean;
  pse36?: boolean;
}

const AMD = (longMode = true, x2apic = false): ModelInfo => ({ vendor: 'AuthenticAMD', longMode, x2apic });
const INTEL = (longMode = true, x2apic = true): ModelInfo => ({ vendor: 'GenuineIntel', longMode, x2apic });

const MODELS: Record<string, ModelInfo> = {
  qemu64: AMD(),
  qemu32: { vendor: 'GenuineIntel', longMode: false, x2apic: false, pse36: false },
  max: AMD(true, true),
  // the model with no feature at all: no long mode, PAE nor PSE-36 (32 phys-bits)
  base: { vendor: 'other', longMode: false, x2apic: false, pae: false, pse36: false },
  kvm64: INTEL(true, false),
  kvm32: INTEL(false, false),
  athlon: AMD(false),
  phenom: AMD(),
  '486': { ...INTEL(false, false), pae: false, pse36: false },
  pentium: { ...INTEL(false, false), pae: false, pse36: false },
  pentium2: INTEL(false, false),
  pentium3: INTEL(false, false),
  coreduo: { ...INTEL(false, false), pse36: false },
  n270: { ...INTEL(false, false), pse36: false },
  core2duo: INTEL(true, false),
  Conroe: INTEL(true, false),
  Penryn: INTEL(true, false),
  Nehalem: INTEL(),
  'Nehalem-IBRS': INTEL(),
  Westmere: INTEL(),
  'Westmere-IBRS': INTEL(),
  SandyBridge: INTEL(),
  'SandyBridge-IBRS': INTEL(),
  IvyBridge: INTEL(),
  'IvyBridge-IBRS': INTEL(),
  Haswell: INTEL(),
  'Haswell-noTSX': INTEL(),
  'Haswell-IBRS': INTEL(),
  'Haswell-noTSX-IBRS': INTEL(),
  Broadwell: INTEL(),
  'Broadwell-noTSX': INTEL(),
  'Broadwell-IBRS': INTEL(),
  'Broadwell-noTSX-IBRS': INTEL(),
  'Skylake-Client': INTEL(),
  'Skylake-Client-IBRS': INTEL(),
  'Skylake-Client-noTSX-IBRS': INTEL(),
  'Skylake-Server': INTEL(),
  'Skylake-Server-IBRS': INTEL(),
  'Skylake-Server-noTSX-IBRS': INTEL(),
  'Cascadelake-Server': INTEL(),
  'Cascadelake-Server-noTSX': INTEL(),
  Cooperlake: INTEL(),
  'Icelake-Server': INTEL(),
  'Icelake-Server-noTSX': INTEL(),
  SapphireRapids: INTEL(),
  GraniteRapids: INTEL(),
  DiamondRapids: INTEL(),
  SierraForest: INTEL(),
  ClearwaterForest: INTEL(),
  Snowridge: INTEL(),
  Denverton: INTEL(),
  KnightsMill: INTEL(),
  Opteron_G1: AMD(),
  Opteron_G2: AMD(),
  Opteron_G3: AMD(),
  Opteron_G4: AMD(true, true),
  Opteron_G5: AMD(true, true),
  EPYC: AMD(true, true),
  'EPYC-IBPB': AMD(true, true),
  'EPYC-Rome': AMD(true, true),
  'EPYC-Milan': AMD(true, true),
  'EPYC-Genoa': AMD(true, true),
  'EPYC-Turin': AMD(true, true),
  Dhyana: { vendor: 'HygonGenuine', longMode: true, x2apic: true },
  'YongFeng': { vendor: 'CentaurHauls', longMode: true, x2apic: true },
};

/** Model info, accepting versioned names (`Skylake-Client-v4`); null for a model QEMU does not know. */
export function lookupCpuModel(model: string): ModelInfo | null {
  if (MODELS[model]) return MODELS[model]!;
  const m = /^(.+)-v\d+$/.exec(model);
  if (m && MODELS[m[1]!]) return MODELS[m[1]!]!;
  return null;
}

export function knownCpuModels(): string[] {
  return Object.keys(MODELS);
}

export function vendorFromString(v: string): CpuVendor {
  if (v === 'AuthenticAMD' || v === 'GenuineIntel' || v === 'HygonGenuine' || v === 'CentaurHauls') return v;
  return 'other';
}
