/**
 * QEMU's own message texts, byte for byte, in one place: each a function of the values QEMU formats into it,
 * keyed by a name. Where QEMU releases word a message differently, each wording has its own entry and the
 * version table (src/core/machine/qemu-versions.ts) names the one a release prints. Texts come from running
 * QEMU 7.2, 10.x and 11.1 (the differential test checks them); where a message comes from is noted beside it.
 *
 * Messages are without the `qemu-system-x86_64: ` prefix and without the option text QEMU puts in front
 * (`formatQemuError` adds that).
 */
import { hex } from './qemu-numbers.ts';

/** qemu_strtosz's hint after a size that does not parse */
const SIZE_HINT =
  '\nOptional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.';
/** id_wellformed's hint */
const ID_HINT = "\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.";

/** The ids of one possible CPU as `-numa cpu` names them. */
export interface CpuIdsText {
  index: number;
  socket: number;
  die: number;
  module: number;
  core: number;
  thread: number;
}

export const QEMU_MESSAGES = {
  // ---- the command line (softmmu/vl.c, util/qemu-option.c, qapi visitors)
  /** an option QEMU does not know */
  invalidOption: () => 'invalid option',
  /** an option without its argument */
  requiresArgument: () => 'requires an argument',
  /** QemuOpts: a key the option's description does not list */
  invalidParameter: (key: string) => `Invalid parameter '${key}'`,
  /** keyval/QAPI: a key the type does not have */
  parameterUnexpected: (key: string) => `Parameter '${key}' is unexpected`,
  parameterMissing: (key: string) => `Parameter '${key}' is missing`,
  /** QemuOpts SIZE (-m): qemu_strtosz's refusal */
  parameterExpectsSize64: (key: string) => `Parameter '${key}' expects a non-negative number below 2^64${SIZE_HINT}`,
  /** QemuOpts NUMBER */
  parameterExpectsNumber: (key: string) => `Parameter '${key}' expects a number`,
  /** the string input visitor's size */
  parameterExpectsSize: (key: string) => `Parameter '${key}' expects size`,
  /** the QObject/keyval input visitor's size */
  parameterExpectsSizeValue: (key: string) => `Parameter '${key}' expects a size value`,
  parameterExpectsBool: (key: string) => `Parameter '${key}' expects 'on' or 'off'`,
  parameterExpectsInteger: (key: string) => `Parameter '${key}' expects integer`,
  /** `type`: uint16_t, uint32_t, int32_t */
  parameterExpectsType: (key: string, type: string) => `Parameter '${key}' expects ${type}`,
  parameterExpectsIntegerBelow: (key: string, limit: number) => `Parameter '${key}' expects an integer less than ${limit}`,
  /** parse_numa_distance: src= or dst= of MAX_NODES or more */
  parameterExpectsIntegerBetween: (key: string, min: number, max: number) => `Parameter '${key}' expects an integer between ${min} and ${max}`,
  /** a QAPI enum value the type does not list (also `qom-type` of an object type the release does not have) */
  parameterValueNotAccepted: (key: string, value: string) => `Parameter '${key}' does not accept value '${value}'`,
  parameterExpectsIdentifier: (key: string) => `Parameter '${key}' expects an identifier${ID_HINT}`,
  /** qemu_opts_create: `what` is the option group (object, device) */
  duplicateId: (id: string, what: string) => `Duplicate ID '${id}' for ${what}`,
  /** QOM: a property the type does not have; `type` is the QOM type name (`pc-dimm`, `pc-q35-11.1-machine`) */
  propertyNotFound: (type: string, property: string) => `Property '${type}.${property}' not found`,

  // ---- the machine (vl.c select_machine, hw/i386/pc.c / x86.c properties)
  /** select_machine, QEMU 7.2 */
  unsupportedMachineType: () => 'unsupported machine type\nUse -machine help to list supported machines',
  /** select_machine, QEMU 8.0 on */
  unsupportedMachineTypeNamed: (type: string) => `unsupported machine type: "${type}"\nUse -machine help to list supported machines`,
  /** x86_machine_set_max_ram_below_4g */
  maxRamBelow4gTooBig: (value: bigint) => `Machine option 'max-ram-below-4g=${value}' expects size less than or equal to 4G`,
  /** x86_machine_set_max_ram_below_4g (warning) */
  maxRamBelow4gTooSmall: (value: bigint) =>
    `Only ${value} bytes of RAM below the 4GiB boundary,BIOS may not work with less than 1MiB`,

  // ---- -smp (hw/core/machine-smp.c machine_parse_smp_config)
  /** QEMU 7.2 (warning) */
  smpZeroDeprecated: () => 'Deprecated CPU topology (considered invalid): CPU topology parameters must be greater than zero',
  smpZeroInvalid: () => 'Invalid CPU topology: CPU topology parameters must be greater than zero',
  /** `hierarchy` is `smpHierarchy`'s text */
  smpProductMismatch: (hierarchy: string, maxcpus: number) =>
    `Invalid CPU topology: product of the hierarchy must match maxcpus: ${hierarchy} != maxcpus (${maxcpus})`,
  smpMaxcpusBelowCpus: (hierarchy: string, maxcpus: number, cpus: number) =>
    `Invalid CPU topology: maxcpus must be equal to or greater than smp: ${hierarchy} == maxcpus (${maxcpus}) < smp_cpus (${cpus})`,
  smpTooManyCpus: (maxcpus: number, machine: string, max: number) =>
    `Invalid SMP CPUs ${maxcpus}. The max CPUs supported by machine '${machine}' is ${max}`,
  /** cpu_hierarchy_to_string; `modules` null where the release has no modules level */
  smpHierarchy: (t: { sockets: number; dies: number; modules: number | null; cores: number; threads: number }) =>
    `sockets (${t.sockets}) * dies (${t.dies})${t.modules === null ? '' : ` * modules (${t.modules})`} * cores (${t.cores}) * threads (${t.threads})`,

  // ---- -m (vl.c set_memory_options)
  maxmemBelowRam: (maxmem: bigint, ram: bigint) =>
    `invalid value of maxmem: maximum memory size (${hex(maxmem)}) must be at least the initial memory size (${hex(ram)})`,
  maxmemEqualsRamWithSlots: (maxmem: bigint, ram: bigint) =>
    `invalid value of maxmem: memory slots were specified but maximum memory size (${hex(maxmem)}) is equal to the initial memory size (${hex(ram)})`,
  slotsWithoutMaxmem: () => 'slots specified but no max-size',

  // ---- -cpu (target/i386/cpu.c)
  cpuModelNeedsAccel: (model: string) => `CPU model '${model}' requires KVM or HVF`,
  cpuModelNotFound: (model: string) => `unable to find CPU model '${model}'`,
  /** pc_memory_pre_plug with acpi=off */
  memoryHotplugWithoutAcpi: () => 'memory hotplug is not enabled: missing acpi device or acpi disabled',
  /** x86_cpuid_set_vendor: 11.1's text, and 7.2's (`legacy`) */
  cpuVendorLength: (model: string, value: string, legacy: boolean) =>
    `can't apply global ${model}-x86_64-cpu.vendor=${value}: ${legacy ? `Property '.vendor' doesn't take value '${value}'` : "value of property 'vendor' must consist of exactly 12 characters"}`,
  /** x86_cpu_realizefn, QEMU 7.2 (two spaces before the parenthesis) */
  physBitsBetween: (min: number, max: number, value: number) => `phys-bits should be between ${min} and ${max}  (but is ${value})`,
  /** x86_cpu_realizefn, TCG, QEMU 9.0 on */
  physBitsAtLeast: (min: number, value: number) => `phys-bits should be at least ${min} (but is ${value})`,
  physBitsNotConfigurable32: () => 'phys-bits is not user-configurable in 32 bit',
  /** system/vl.c qemu_machine_creation_done, QEMU 11.1 */
  cgsNeedsAccel: (type: string) => `accelerator does not support confidential guest ${type}`,
  /** x86_cpus_init, QEMU 7.2 */
  x2apicNeedsKernelIrqchip: () => 'current -smp configuration requires kernel irqchip and X2APIC API support.',
  /** x86_cpu_realizefn / x86_cpus_init, newer releases */
  apicIdNeedsX2apic: (apicId: number) => `APIC ID ${apicId} requires x2APIC feature in CPU\nTry x2apic=on in -cpu.`,

  // ---- memory backends (backends/hostmem*.c)
  memPathNotSet: () => 'mem-path property not set',
  backendZeroSize: (qomType: string) => `property 'size' of ${qomType} doesn't take value '0'`,
  backendAlignNotPageMultiple: (align: bigint, page: bigint) => `alignment ${hex(align)} must be multiples of page size ${hex(page)}`,
  backendAlignNotPowerOfTwo: (align: bigint) => `alignment ${hex(align)} must be a power of two`,

  // ---- -numa (hw/core/numa.c parse_numa, numa_complete_configuration, validate_numa_distance)
  numaTooManyNodes: (id: number) => `Max number of NUMA nodes reached: ${id}`,
  numaDuplicateNodeid: (id: number) => `Duplicate NUMA nodeid: ${id}`,
  numaCpuIndexTooBig: (index: number, maxcpus: number) => `CPU index (${index}) should be smaller than maxcpus (${maxcpus})`,
  numaMemAndMemdev: () => 'cannot specify both mem= and memdev=',
  numaMemUnsupported: () => 'Parameter -numa node,mem is not supported by this machine type\nUse -numa node,memdev instead',
  /** the QOM path resolution of memdev= */
  numaMemdevAmbiguous: (memdev: string) => `memdev=${memdev} is ambiguous`,
  numaCpuNodeUndefined: (nodeId: bigint | number) =>
    `Invalid node-id=${nodeId}, NUMA node must be defined with -numa node,nodeid=ID before it's used with -numa cpu,node-id=ID`,
  /** machine_set_cpu_numa_node */
  numaCpuNoMatch: () => 'no match found',
  numaDistanceInvalid: () => 'Invalid NUMA distance',
  numaDistanceNodeMissing: () => "Source/Destination NUMA node is missing. Please use '-numa node' option to declare it first.",
  numaDistanceBelow10: (value: number) => `NUMA distance (${value}) is invalid, it shouldn't be less than 10.`,
  numaLocalDistanceNot10: (node: number) => `Local distance of node ${node} should be 10.`,
  numaNodeIdMissing: (id: number) => `numa: Node ID missing: ${id}`,
  numaSizeMismatch: (total: bigint, ram: bigint) => `total memory for NUMA nodes (${hex(total)}) should equal RAM size (${hex(ram)})`,
  numaDistanceMissing: (a: number, b: number) =>
    `The distance between node ${a} and ${b} is missing, at least one distance value between each nodes should be provided.`,
  numaDistanceAsymmetric: () =>
    'At least one asymmetrical pair of distances is given, please provide distances for both directions of all node pairs.',
  // ---- HMAT (hw/core/numa.c parse_numa_node, parse_numa_hmat_lb, parse_numa_hmat_cache, numa_validate_initiator)
  hmatDisabled: () =>
    'ACPI Heterogeneous Memory Attribute Table (HMAT) is disabled, enable it with -machine hmat=on before using any of hmat specific options',
  hmatLbInitiatorBeyond: (initiator: number, nodes: number) => `Invalid initiator=${initiator}, it should be less than ${nodes}`,
  hmatLbTargetBeyond: (target: number, nodes: number) => `Invalid target=${target}, it should be less than ${nodes}`,
  hmatLbNotInitiator: (initiator: number) => `Invalid initiator=${initiator}, it isn't an initiator proximity domain`,
  hmatLbTargetMissing: (target: number) => `The target=${target} should point to an existing node`,
  /** `what`: latency or bandwidth */
  hmatLbMissingValue: (what: string) => `Missing '${what}' option`,
  /** `given`: the option given, `kind`: the data type's kind (latency, bandwidth) */
  hmatLbWrongValue: (given: string, kind: string) => `Invalid option '${given}' since the data type is ${kind}`,
  hmatCacheNodeBeyond: (node: number, nodes: number) => `Invalid node-id=${node}, it should be less than ${nodes}`,
  hmatCacheBeforeLb: (node: number) => `The latency and bandwidth information of node-id=${node} should be provided before memory side cache attributes`,
  hmatCacheLevelInvalid: (level: number) => `Invalid level=${level}, it should be larger than 0 and less than or equal to 3`,
  hmatCacheDuplicate: (node: number, level: number) => `Duplicate configuration of the side cache for node-id=${node} and level=${level}`,
  hmatCacheLevelGap: (level: number) => `Cache level=${level} shall be defined first`,
  hmatCacheSizeNotLarger: (size: bigint, level: number, below: bigint) =>
    `Invalid size=${size}, the size of level=${level} should be larger than the size(${below}) of level=${level - 1}`,
  hmatCacheSizeNotSmaller: (size: bigint, level: number, above: bigint) =>
    `Invalid size=${size}, the size of level=${level} should be less than the size(${above}) of level=${level + 1}`,
  /** machine_set_cpu_numa_node with hmat=on */
  hmatCpuNodeInitiator: (node: number, initiator: number) => `The initiator of CPU NUMA node ${node} should be itself (got ${initiator})`,
  hmatInitiatorUndeclared: (node: number) => `NUMA node ${node} is missing, use '-numa node' option to declare it first`,
  hmatInitiatorInvalid: (node: number) => `The initiator of NUMA node ${node} is invalid`,

  // ---- acpi-generic-initiator / acpi-generic-port (hw/acpi/pci.c; QEMU 9.0+)
  genericNodeTooBig: () => 'acpi-generic-initiator: Invalid NUMA node specified',
  genericInitiatorNodeInvalid: (node: number) => `acpi-generic-initiator: Specified node ${node} is invalid.`,
  genericInitiatorNotPci: () => 'acpi-generic-initiator: Specified device must be a PCI device.',
  genericPortNodeInvalid: (node: number) => `acpi-generic-port: node ${node} is invalid.`,
  genericPortNotCxl: () => 'acpi-generic-port: device must be a CXL host bridge.',

  /** machine_numa_finish_cpu_init (warning); `cpus` are `numaCpuIds` texts */
  numaCpusNotPresent: (cpus: readonly string[]) => `CPU(s) not present in any NUMA nodes: ${cpus.join(', ')}`,
  /** cpu_slot_to_string; `withModule` false where the release has no module-id */
  numaCpuIds: (c: CpuIdsText, withModule: boolean) =>
    `CPU ${c.index} [socket-id: ${c.socket}, die-id: ${c.die}, ${withModule ? `module-id: ${c.module}, ` : ''}core-id: ${c.core}, thread-id: ${c.thread}]`,
  /** machine_numa_finish_cpu_init (warning) */
  numaPartialCpuMapping: () =>
    'All CPU(s) up to maxcpus should be described in NUMA config, ability to start up with partial NUMA mappings is obsoleted and will be removed in future',

  // ---- the board (hw/i386/pc.c pc_memory_init, pc_piix.c / pc_q35.c)
  /** pc_init1 (warning) */
  pcLowmemNotGigabyte: (lowmem: bigint) =>
    `Large machine and max_ram_below_4g (${lowmem}) not a multiple of 1G; possible bad performance.`,
  /** pc_q35_init (warning) */
  q35LowmemPoorPerformance: (ram: bigint, limit: bigint) =>
    `There is possibly poor performance as the ram size  (${hex(ram)}) is more then twice the size of` +
    ` max-ram-below-4g (${limit}) and max-ram-below-4g is not a multiple of 1G.`,
  physBitsTooLow: (limit: bigint, maxUsedGpa: bigint, physBits: number) =>
    `Address space limit ${hex(limit)} < ${hex(maxUsedGpa)} phys-bits too low (${physBits})`,
  memoryHotplugUnsupported: (machine: string) => `"-memory 'slots|maxmem'" is not supported by: ${machine}`,
  tooManySlots: (slots: number) => `unsupported amount of memory slots: ${slots}`,
  maxmemNotPageAligned: () => 'maximum memory size must by aligned to multiple of 4096 bytes',
  maxmemTooBig: (maxmem: bigint) => `unsupported amount of maximum memory: ${hex(maxmem)}`,

  // ---- memory devices (hw/mem/pc-dimm.c, nvdimm.c, sp-mem.c, memory-device.c, hw/i386/pc.c pre-plug)
  /** a link property naming an object that does not exist */
  deviceNotFound: (id: string) => `Device '${id}' not found`,
  nvdimmLabelSizeTooSmall: (labelSize: bigint, min: bigint) =>
    `Property 'nvdimm.label-size' (${hex(labelSize)}) is required at least ${hex(min)}`,
  spMemNodeTooBig: (node: number, nodes: number) => `'node' property value ${node} exceeds the number of NUMA nodes (${nodes})`,
  nvdimmNotEnabled: () => "nvdimm is not enabled: missing 'nvdimm' in '-M'",
  /** `last` is slots − 1 as QEMU prints it (unsigned) */
  slotOutOfRange: (slot: number, last: number) => `invalid slot number ${slot}, valid range is [0-${last}]`,
  noSlots: () => "no slots where allocated, please specify the 'slots' option",
  slotBusy: (slot: number) => `slot ${slot} is busy`,
  noFreeSlots: () => 'no free slots available',
  /** memory_device_pre_plug, QEMU 7.2, machines without device memory */
  memoryDevicesUnsupported: () => 'memory devices (e.g. for memory hotplug) are not supported by the machine',
  /** memory_device_pre_plug, QEMU 7.2 */
  memoryDevicesNotEnabled: () => 'memory devices (e.g. for memory hotplug) are not enabled, please specify the maxmem option',
  /** memory_device_pre_plug, newer releases */
  memoryDevicesNotPrepared: () =>
    'the configuration is not prepared for memory devices (e.g., for memory hotplug), consider specifying the maxmem option',
  memdevNotSet: () => "'memdev' property must be set",
  nvdimmTooSmall: (memdev: string, size: bigint, labelSize: bigint, align: bigint) =>
    `the size of memdev ${memdev} (${hex(size)}) is too small to contain nvdimm label (${hex(labelSize)}) and aligned PMEM (${hex(align)})`,
  dimmNodeTooBig: (node: number, nodes: number) => `'DIMM property node has value ${node}' which exceeds the number of numa nodes: ${nodes}`,
  dimmMemdevBusy: (memdev: string) => `can't use already busy memdev: ${memdev}`,
  spMemMemdevBusy: (memdev: string) => `memory backend '${memdev}' is already in use`,
  /** memory_device_check_addable */
  notEnoughSpace: (used: bigint, total: bigint) =>
    `not enough space, currently ${hex(used)} in use of total space for memory devices ${hex(total)}`,
  sizeNotMultiple: (align: bigint) => `backend memory size must be multiple of ${hex(align)}`,
  /** memory_device_get_new_addr (warning) */
  alignmentTooBig: (align: bigint) =>
    `the alignment (${hex(align)}) exceeds the expected maximum alignment, memory will get fragmented and not all 'maxmem' might be usable for memory devices.`,
  addressMisaligned: (align: bigint) => `address must be aligned to ${hex(align)} bytes`,
  addressOutOfRange: (addr: bigint, size: bigint, base: bigint, windowSize: bigint) =>
    `can't add memory device [${hex(addr)}:${hex(size)}], usable range for memory devices [${hex(base)}:${hex(windowSize)}]`,
  deviceTooBig: () => "can't add memory device, device too big",
  addressConflict: (label: string) => `address range conflicts with memory device id='${label}'`,
  /** how a device without an id is named in `addressConflict` */
  unnamedDevice: () => '(unnamed)',
  fragmented: () => 'could not find position in guest address space for memory device - memory fragmented due to alignments',

  // ---- names the release does not have (qdev-monitor.c qdev_get_device_class, qom/object.c, target/i386/cpu.c)
  /** -device naming no device model of the release */
  deviceModelInvalid: (driver: string) => `'${driver}' is not a valid device model name`,
  /** a -cpu property the CPU object refuses when it is made (x86_cpu_parse_featurestr registers it as a global) */
  cpuGlobalFailed: (cpuType: string, property: string, value: string, why: string) => `can't apply global ${cpuType}.${property}=${value}: ${why}`,
  /** an object type -object reads (QAPI) that the binary cannot create, when QEMU creates it (no option named) */
  invalidObjectType: (type: string) => `invalid object type: ${type}`,
  // ---- -global (softmmu/vl.c qemu_global_option, qom/object.c object_apply_global_props, qdev_prop_check_globals)
  /** QemuOpts: a bare word read as a flag (warning, at the option) */
  shortFormBooleanDeprecated: (word: string, key: string, value: string) => `short-form boolean option '${word}' deprecated\nPlease use ${key}=${value} instead`,
  globalOptionsRequired: () => "options 'driver', 'property', and 'value' are required",
  /** a global's value refused as the object is made */
  globalFailed: (driver: string, property: string, value: string, why: string) => `can't apply global ${driver}.${property}=${value}: ${why}`,
  /** QOM: a property without a setter (or a child) */
  propertyNotWritable: (type: string, property: string) => `Property '${type}.${property}' is not writable`,
  /** parse_option_size: qemu_strtosz's ERANGE */
  valueOutOfRange: (value: string, key: string) => `Value '${value}' is out of range for parameter '${key}'`,
  /** a UUID property's value that does not parse */
  propertyInvalidValue: (type: string, property: string) => `Property '${type}.${property}' has invalid value`,
  /** qdev_prop_check_globals (warning): no object took the global and its driver is no device type */
  globalInvalidClass: (driver: string, property: string) => `global ${driver}.${property} has invalid class name`,
  /** qdev_prop_check_globals (warning): no object took the global of a device type QEMU does not hotplug */
  globalNotUsed: (driver: string, property: string, value: string) => `global ${driver}.${property}=${value} not used`,
  // ---- -machine memory-backend (softmmu/vl.c qemu_resolve_machine_memdev, hw/core/machine.c, hw/core/numa.c)
  machineMemdevNotFound: (id: string) => `Memory backend '${id}' not found`,
  machineMemdevSizeMismatch: () => 'Machine memory size does not match the size of the memory backend',
  machineMemdevWithNumaMemdev: () => "'-machine memory-backend' and '-numa memdev' properties are mutually exclusive",
  // ---- memory-backend-shm (backends/hostmem-shm.c, QEMU 9.1+)
  shmBackendNotShared: () => "can't create shm backend with `share=off`",
  // ---- machine types (softmmu/vl.c qemu_init, once the machine's options are applied)
  /** (warning) */
  machineTypeDeprecated: (type: string, reason: string) => `Machine type '${type}' is deprecated: ${reason}`,
  /** the reason of 11.1's versioned types more than 3 years old */
  machineDeprecationAged: () => 'machines more than 3 years old are subject to deletion after 6 years',
  /** the reason of 7.2's pc-i440fx-1.x */
  machineDeprecationUnattended: () => 'old and unattended - use a newer version instead',
  // ---- the CPUs (target/i386/cpu.c x86_cpu_realizefn)
  /** (warning, 11.1) */
  amdHyperthreading: (threads: number) =>
    `This family of AMD CPU doesn't support hyperthreading(${threads}). Please configure -smp options properly or try enabling topoext feature.`,
  /** (warning, 7.2: the advice on a line of its own) */
  amdHyperthreadingHint: (threads: number) =>
    `This family of AMD CPU doesn't support hyperthreading(${threads})\nPlease configure -smp options properly or try enabling topoext feature.`,
  /** x86_cpu_filter_features (warning, per CPU): `feature` as the release names it (tcg-features.ts) */
  tcgFeatureUnsupported: (feature: string) => `TCG doesn't support requested feature: ${feature}`,
  // virtio-mem and virtio-pmem (hw/virtio/virtio-mem.c; a sic missing space in "exceedsthe" and "multiples
  // of'block-size'" is QEMU's)
  virtioMemMemdevBusy: (memdev: string) => `'memdev' property specifies a busy memdev: ${memdev}`,
  virtioMemMemdevPrealloc: (memdev: string) =>
    `'memdev' property specifies a memdev with preallocation enabled: ${memdev}. Instead, specify 'prealloc=on' for the virtio-mem device. `,
  virtioMemNodeTooBig: (node: number, nodes: number) => `'node' property has value '${node}', which exceedsthe number of numa nodes: ${nodes}`,
  virtioMemDynamicMemslotsNeedsInaccessible: () => "'dynamic-memslots' property set to 'on' requires 'unplugged-inaccessible' to be 'on'",
  virtioMemBlockSizeBelowPage: (page: bigint) => `'block-size' property has to be at least the page size (0x${page.toString(16)})`,
  virtioMemBlockSizeBelowDefault: (def: bigint) => `'block-size' property is smaller than the default block size (${(def >> 20n).toString(16)} MiB)`,
  virtioMemRequestedSizeNotMultiple: (block: bigint) => `'requested-size' property has to be multiples of 'block-size' (0x${block.toString(16)})`,
  virtioMemMemaddrNotMultiple: (block: bigint) => `'memaddr' property has to be multiples of 'block-size' (0x${block.toString(16)})`,
  virtioMemMemdevSizeNotMultiple: (block: bigint) => `'memdev' property memdev size has to be multiples of'block-size' (0x${block.toString(16)})`,
  virtioMemBlockSizeTooSmall: (min: bigint) => `'block-size' property has to be at least 0x${min.toString(16)}`,
  virtioMemBlockSizeNotPowerOfTwo: () => "'block-size' property has to be a power of two",
  virtioMemSizeNotWritable: () => "Property 'virtio-mem.size' is not writable",
  virtioMemInaccessibleOffWithoutZeropage: () => "'unplugged-inaccessible' property set to 'off' with a memdev that does not support the shared zeropage.",
  /** net_check_clients (warning): a network card without a netdev */
  nicHasNoPeer: (name: string) => `nic ${name} has no peer`,
  /** parse_numa_node (warning, at the option) */
  numaMemDeprecated: () => 'Parameter -numa node,mem is deprecated, use -numa node,memdev instead',
  /** machine_set_cpu_numa_node: a CPU -numa gave another node already */
  numaCpuAlreadyAssigned: (node: number) => `CPU is already assigned to node-id: ${node}`,
  /** numa_init_memdev_container: two nodes on one backend */
  numaMemdevUsedTwice: (id: string) => `memory backend ${id} can't be used multiple times.`,
  /** host-cpu.c host_cpu_adjust_phys_bits (warning, KVM; 7.2 and 11.1 alike) */
  hostPhysBitsMismatch: (host: number, given: number) => `Host physical bits (${host}) does not match phys-bits property (${given})`,
} as const;

export type QemuMessageName = keyof typeof QEMU_MESSAGES;
