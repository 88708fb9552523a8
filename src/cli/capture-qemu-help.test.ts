/** The help-output parsers of capture-qemu-help-main.ts, on text real QEMU 11.1.3 printed (copied from its output). */
import { describe, expect, it } from 'vitest';
import { parseCpuHelp, parseDeviceHelp, parseMachineHelp, parseObjectHelp, parsePropertyList } from './capture-qemu-help-main.ts';

describe('QEMU help parsers', () => {
  it('reads `-device NAME,help` property names', () => {
    const text = `virtio-mem-pci options:
  acpi-index=<uint32>    -  (default: 0)
  addr=<str>             - Slot and optional function number, example: 06.0 or 06 (default: -1)
  block-size=<size>
  memdev=<link<memory-backend>>
`;
    expect(parsePropertyList(text)).toEqual(['acpi-index', 'addr', 'block-size', 'memdev']);
  });
  it('reads `-device help` names and aliases', () => {
    const text = `Controller/Bridge/Hub devices:
name "pcie-root-port", bus PCI, desc "PCI Express Root Port"

Network devices:
name "virtio-net-pci", bus PCI, alias "virtio-net"
`;
    expect(parseDeviceHelp(text)).toEqual({ names: ['pcie-root-port', 'virtio-net-pci'], aliases: { 'virtio-net': 'virtio-net-pci' } });
  });
  it('reads `-object help`', () => {
    expect(parseObjectHelp('List of user creatable objects:\n  acpi-generic-initiator\n  memory-backend-ram\n')).toEqual([
      'acpi-generic-initiator',
      'memory-backend-ram',
    ]);
  });
  it('reads `-cpu help` models and flags', () => {
    const text = `Available CPUs:
  486                   (alias configured by machine type)
  486-v1                
  Broadwell             (alias configured by machine type)

Recognized CPUID flags:
  3dnow 3dnowext 3dnowprefetch abm
  x2apic
`;
    expect(parseCpuHelp(text)).toEqual({ models: ['486', '486-v1', 'Broadwell'], flags: ['3dnow', '3dnowext', '3dnowprefetch', 'abm', 'x2apic'] });
  });
  it('reads `-machine help` aliases, defaults and deprecations', () => {
    const text = `Supported machines are:
microvm              microvm (i386)
pc                   Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-11.1)
pc-i440fx-11.1       Standard PC (i440FX + PIIX, 1996) (default)
pc-i440fx-8.0        Standard PC (i440FX + PIIX, 1996) (deprecated)
`;
    expect(parseMachineHelp(text)).toEqual({
      microvm: {},
      pc: { aliasOf: 'pc-i440fx-11.1' },
      'pc-i440fx-11.1': { isDefault: true },
      'pc-i440fx-8.0': { deprecated: true },
    });
  });
});

describe('the shipped catalogs', () => {
  it.each(['7.2', '11.1'] as const)('are the captured lists of %s, trimmed to what the checks read', async (v) => {
    const { readFileSync } = await import('node:fs');
    const { catalogOf, catalogFile, formatCatalog } = await import('./capture-qemu-help-main.ts');
    const dir = new URL('../core/syntax/qemu-help/', import.meta.url);
    const lists = JSON.parse(readFileSync(new URL(`qemu-${v}.json`, dir), 'utf8'));
    const shipped = readFileSync(catalogFile(v), 'utf8');
    expect(shipped).toBe(formatCatalog(catalogOf(lists, v)));
    const c = JSON.parse(shipped);
    expect(Object.keys(c).sort()).toEqual(
      ['cpuModels', 'deviceAliases', 'deviceErrors', 'deviceTypesNotCreatable', 'devices', 'helpLists', 'machineProperties', 'objects', 'objectsNotCreatable', 'propertySets', 'qemu'].sort(),
    );
    // every property list is one a device or object refers to
    const used = new Set([...Object.values(c.devices), ...Object.values(c.objects)]);
    expect(used.size).toBe(c.propertySets.length);
  });
});
