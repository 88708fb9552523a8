/**
 * Where the guest-view, window-inspector and teaching statements come from. Every statement the designer makes
 * about what a guest does carries one or more of these references as data, so the UI can show them next to the
 * statement and a reader can check them.
 */

export type SourceKind =
  /** a file of the Linux kernel tree (torvalds/linux) */
  | 'linux'
  /** a file of QEMU */
  | 'qemu'
  /** SeaBIOS source */
  | 'seabios'
  /** edk2 / OVMF */
  | 'edk2'
  /** a thread of the sp-mem review (shared/seeds/) */
  | 'seed'
  /** a document of the project (shared/docs/) */
  | 'doc'
  /** seen on a running guest; `ref` says which */
  | 'observed';

export interface SourceRef {
  kind: SourceKind;
  /** file path, seed file name or a description of the observation */
  ref: string;
  /** function, section or quote */
  detail?: string;
}

/** How sure a statement is. */
export type Confidence =
  /** read in source or documentation */
  | 'documented'
  /** seen on a running guest */
  | 'observed'
  /** derived from sources without having been seen */
  | 'inferred';

export interface Statement {
  text: string;
  confidence: Confidence;
  sources: SourceRef[];
}

const linux = (ref: string, detail?: string): SourceRef => (detail === undefined ? { kind: 'linux', ref } : { kind: 'linux', ref, detail });

/** The references used across the guest view, the inspector and the teaching panel. */
export const SRC = {
  e820Print: linux('arch/x86/kernel/e820.c', 'e820__print_table(), e820_print_type()'),
  e820Names: linux('arch/x86/kernel/e820.c', 'e820_type_to_string()'),
  e820Sanitize: linux('arch/x86/kernel/e820.c', 'e820__update_table() (merges adjacent entries of one type)'),
  e820Memblock: linux('arch/x86/kernel/e820.c', 'e820__memblock_setup()'),
  e820Busy: linux('arch/x86/kernel/e820.c', 'do_mark_busy(), e820__reserve_resources()'),
  e820RamBuffer: linux('arch/x86/kernel/e820.c', 'e820__reserve_resources_late() ("RAM buffer")'),
  e820Memmap: linux('arch/x86/kernel/e820.c', 'parse_memmap_one() (memmap=nn$ss → E820_TYPE_RESERVED)'),
  softReservedType: linux('arch/x86/include/asm/e820/types.h', 'E820_TYPE_SOFT_RESERVED = 0xefffffff'),
  trimBios: linux('arch/x86/kernel/setup.c', 'trim_bios_range()'),
  efiRemoveMmio: linux('arch/x86/platform/efi/efi.c', 'efi_remove_e820_mmio() (Linux 6.2+)'),
  efiStubSp: linux('drivers/firmware/efi/libstub/x86-stub.c', 'setup_e820(): EFI_MEMORY_SP → E820_TYPE_SOFT_RESERVED'),
  efiSoftReserve: linux('drivers/firmware/efi/efi.c', 'efi_soft_reserve_enabled(); efi=nosoftreserve'),
  sratPrint: linux('drivers/acpi/numa/srat.c', 'acpi_numa_memory_affinity_init()'),
  pxmToNode: linux('drivers/acpi/numa/srat.c', 'acpi_map_pxm_to_node()'),
  sratParseOrder: linux('drivers/acpi/numa/srat.c', 'acpi_numa_init(): CPU affinity entries, then memory affinity'),
  numaReserved: linux('mm/numa_memblks.c', 'numa_cleanup_meminfo(), phys_to_target_node()'),
  iomemFormat: linux('kernel/resource.c', 'r_show()'),
  insertResource: linux('kernel/resource.c', 'insert_resource(), __request_region()'),
  hmemDevice: linux('drivers/dax/hmem/device.c', 'hmem_register_resource(), hmem_init()'),
  hmemProbe: linux('drivers/dax/hmem/hmem.c', 'hmem_register_device(), dax_hmem_probe()'),
  memregion: linux('drivers/base/memregion.c', 'memregion_alloc() (hmem.N / daxN.0 numbering)'),
  devDax: linux('drivers/dax/device.c', 'dev_dax_probe() (requests the range as daxN.0; /dev/daxN.0)'),
  kmem: linux('drivers/dax/kmem.c', 'dev_dax_kmem_probe(): "System RAM (kmem)", MEMTIER_DEFAULT_DAX_ADISTANCE'),
  kmemDefault: linux('drivers/dax/bus.c', 'commit e9ee9fe3a9d4 "dax: Assign RAM regions to memory-hotplug by default" (Linux 6.3)'),
  memoryTiers: linux('mm/memory-tiers.c', 'demotion targets'),
  memtierAdist: linux('mm/memory-tiers.c, include/linux/memory-tiers.h', 'MEMTIER_CHUNK_BITS 7, MEMTIER_ADISTANCE_DRAM = 4×128+64 = 576, mt_perf_to_adistance(), find_create_memory_tier(): memory_tier<adistance >> 7>'),
  memtierDram: linux('mm/memory-tiers.c', 'mt_set_default_dram_perf(): the CPU+memory nodes\' HMAT performance is the base; a node more than 10% off disables the algorithm'),
  kmemAdist: linux('drivers/dax/kmem.c', 'dev_dax_kmem_probe(): adist = MEMTIER_DEFAULT_DAX_ADISTANCE (5 × 576), then mt_calc_adistance() (HMAT, Linux 6.7 and later)'),
  hmatPrint: linux('drivers/acpi/numa/hmat.c', 'hmat_parse_proximity_domain(), hmat_parse_locality(), hmat_parse_cache() (pr_fmt "acpi/hmat: ")'),
  hmatDebug: linux('drivers/acpi/numa/hmat.c', '"ACPI/HMAT: Move HMAT messages to pr_debug()" (Dan Williams, 2024-01-31): only the Memory lines stay at info level'),
  hmatPerf: linux('drivers/acpi/numa/hmat.c', 'hmat_normalize(), hmat_update_target_attrs() (best CPU initiator), hmat_set_default_dram_perf(), hmat_calculate_adistance()'),
  slitParse: linux('drivers/acpi/numa/srat.c', 'acpi_parse_slit(), slit_valid(): local 10, remote > 10, else "SLIT table looks invalid. Not used."'),
  numaDefaultDistance: linux('include/linux/topology.h, mm/numa_memblks.c', 'LOCAL_DISTANCE 10, REMOTE_DISTANCE 20; __node_distance() without a SLIT'),
  giParse: linux('drivers/acpi/numa/srat.c', 'acpi_parse_gi_affinity(): node_set_state(N_GENERIC_INITIATOR); its "SRAT Generic Initiator(…)" line is pr_debug'),
  giOnline: linux('arch/x86/mm/numa.c', 'init_gi_nodes(): a generic-initiator node is brought online without CPUs or memory'),
  numactl: { kind: 'linux', ref: 'numactl/numactl numactl.c', detail: 'hardware(), print_distances(): "% 3d " columns, online nodes only (numactl 2.0.16 seen)' } as SourceRef,
  acpiMemhotplug: linux('drivers/acpi/acpi_memhotplug.c', 'acpi_memory_enable_device() → __add_memory() ("System RAM")'),
  memhpOnline: linux('mm/memory_hotplug.c', 'memhp_default_state= / CONFIG_MHP_DEFAULT_ONLINE_TYPE'),
  ioapicRes: linux('arch/x86/kernel/apic/io_apic.c', 'ioapic_insert_resources() ("IOAPIC %u")'),
  lapicRes: linux('arch/x86/kernel/apic/apic.c', 'lapic_resource ("Local APIC")'),
  hpetRes: linux('arch/x86/kernel/hpet.c', 'hpet_insert_resource() ("HPET %u")'),
  systemRom: linux('arch/x86/kernel/probe_roms.c', 'system_rom_resource ("System ROM")'),
  mmcfgRes: linux('arch/x86/pci/mmconfig-shared.c', 'pci_mmconfig_alloc() ("PCI MMCONFIG %04x [bus %02x-%02x]")'),
  seabiosE820: { kind: 'seabios', ref: 'src/e820map.c', detail: 'e820_add(): sorted, merged, later adds override' } as SourceRef,
  seabiosQemu: { kind: 'seabios', ref: 'src/fw/paravirt.c', detail: 'qemu_early_e820(): loads only RAM and RESERVED entries of etc/e820' } as SourceRef,
  seabiosPost: { kind: 'seabios', ref: 'src/post.c, src/malloc.c, src/fw/pciinit.c', detail: 'BIOS ROM, F-segment, EBDA, ZoneHigh, q35 ECAM and RCBA reservations' } as SourceRef,
  ovmfSp: { kind: 'edk2', ref: 'edk2 PR #11964', detail: 'OVMF turns etc/e820 SOFT_RESERVED into EfiConventionalMemory with EFI_MEMORY_SP' } as SourceRef,
  qemuSpMemE820: { kind: 'doc', ref: 'shared/docs/sp-mem.md', detail: 'What it does to the firmware tables' } as SourceRef,
  docFirmware: { kind: 'doc', ref: 'shared/docs/qemu-memory.md', detail: '§1.8 What firmware adds' } as SourceRef,
  docGuestView: { kind: 'doc', ref: 'shared/docs/linux-guest-view.md', detail: '§1.1–1.3' } as SourceRef,
  docAlternatives: { kind: 'doc', ref: 'shared/docs/linux-guest-view.md', detail: '§1.5 Stock-QEMU command-line alternatives' } as SourceRef,
  seedCover: { kind: 'seed', ref: '000_6d82008f55e02163.txt', detail: 'v12 cover letter: SOFT_RESERVED E820 entry plus SRAT affinity, reserved for the accelerator driver' } as SourceRef,
  seedFragment: {
    kind: 'seed',
    ref: '003_6b13b6c11c754ee3.txt',
    detail: 'partition the umbrella; an sp-mem in the middle fragments what can be hotplugged; put spm first and DIMMs on top',
  } as SourceRef,
  seedSpmVsReserved: {
    kind: 'seed',
    ref: '004_00342f7c2cfe9e98.txt',
    detail: 'SPM is for memory that might be used as general purpose memory if guest policy says so; reserved is for memory only suitable for other use, and needs DSDT entries tying it to its driver',
  } as SourceRef,
  qemuDimmNoE820: { kind: 'doc', ref: 'shared/docs/qemu-memory.md', detail: '§1.6: device memory, DIMMs and NVDIMMs are not in etc/e820; §4.7 pc-dimms get no SRAT entry of their own (node from DSDT _PXM)' } as SourceRef,
  qemuPlacement: { kind: 'qemu', ref: 'hw/mem/memory-device.c', detail: 'memory_device_get_free_addr() first-fit; memory_device_check_addable()' } as SourceRef,
  qemuSlots: { kind: 'qemu', ref: 'hw/mem/pc-dimm.c', detail: 'pc_dimm_get_free_slot()' } as SourceRef,
  qemuUmbrella: { kind: 'qemu', ref: 'hw/i386/acpi-build.c', detail: 'build_srat(): hotplug umbrella partitioned around sp-mem' } as SourceRef,
} as const;

/** The guest runs this study was checked against (QEMU 11.1.3 from Debian sid, TCG). */
export const OBSERVED = {
  seabios61: {
    kind: 'observed',
    ref: 'Linux 6.1.0-56 (Debian 12) guest, SeaBIOS 1.17.0, QEMU 11.1.3, q35 with two sp-mem and a pc-dimm',
  } as SourceRef,
  ovmf61: {
    kind: 'observed',
    ref: 'Linux 6.1.0-56 (Debian 12) guest, OVMF edk2 2026.08 (Debian sid), QEMU 11.1.3, q35 with two adjacent sp-mem',
  } as SourceRef,
  ovmf72: {
    kind: 'observed',
    ref: 'Linux 7.2.13 (Debian sid) guest, OVMF edk2 2026.08 (Debian sid), QEMU 11.1.3, q35 with two adjacent sp-mem',
  } as SourceRef,
  ovmf2022: {
    kind: 'observed',
    ref: 'Linux 6.1.0-56 guest, OVMF edk2 2022.11 (Debian 12), QEMU 11.1.3, q35 with one sp-mem',
  } as SourceRef,
  hmat61: {
    kind: 'observed',
    ref: 'Linux 6.1.0-53-cloud (Debian 12) guest, numactl 2.0.16, OVMF edk2 2026.08, QEMU 11.1.3, q35 hmat=on with CPU node, sp-mem HBM node and a generic initiator (testdata/guest/ovmf-linux6.1-hmat-gi)',
  } as SourceRef,
  hmat72: {
    kind: 'observed',
    ref: 'Linux 7.2.13-cloud (Debian sid) guest, numactl 2.0.16, OVMF edk2 2026.08, QEMU 11.1.3, the same HMAT design (testdata/guest/ovmf-linux7.2-hmat-gi)',
  } as SourceRef,
  seabiosTables: {
    kind: 'observed',
    ref: 'SeaBIOS 1.16.2 (QEMU 7.2.22) and 1.17.0 (QEMU 11.1.3) debug console e820 dumps',
  } as SourceRef,
} as const;
