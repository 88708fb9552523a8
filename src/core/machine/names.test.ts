/**
 * Names checked against the release's catalog (qemu-catalog.ts, read from src/core/syntax/qemu-help/catalog-*.json
 * as the CLI reads it). Every expected message is what real QEMU 7.2.22 and 11.1.3 printed for the same arguments
 * (run with `-S -display none -nodefaults`; the differential cases `names-*` run them again).
 */
import { describe, expect, it } from 'vitest';
import { formatQemuError } from '../base/index.ts';
import { formatQemuArgs, parseQemuArgs } from '../syntax/index.ts';
import { qemuCatalog } from '../../cli/qemu-catalog.ts';
import { computeMachine, prepareCatalog, type QemuCatalogData, type QemuVersion } from './index.ts';

function run(cmdline: string, version: QemuVersion = '11.1', withCatalog = true) {
  const p = parseQemuArgs(cmdline.trim().split(/\s+/), 'test', { qemuVersion: version });
  if (!p.ok) throw new Error(`parse: ${p.error.message}`);
  const r = computeMachine(p.doc, { qemuVersion: version, ...(withCatalog ? { catalog: qemuCatalog(version) } : {}) });
  return { doc: p.doc, r, stderr: r.error ? formatQemuError(r.error) : null };
}

const both: QemuVersion[] = ['7.2', '11.1'];
const window = '-m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G';

describe('device models and their properties', () => {
  it.each(both)('refuses a model the release does not have, naming the option (%s)', (v) => {
    expect(run('-M q35 -m 1G -device spmem', v).stderr).toBe("-device spmem: 'spmem' is not a valid device model name");
    expect(run('-M q35 -m 1G -device {"driver":"spmem"}', v).stderr).toBe(`-device {"driver":"spmem"}: 'spmem' is not a valid device model name`);
    // the last driver= counts
    expect(run('-M q35 -m 1G -device virtio-net-pci,driver=foo', v).stderr).toBe("-device virtio-net-pci,driver=foo: 'foo' is not a valid device model name");
    expect(run('-M q35 -m 1G -device id=x', v).stderr).toBe("-device id=x: Parameter 'driver' is missing");
  });
  it.each(both)('refuses abstract and not user-creatable device types with their own texts (%s)', (v) => {
    expect(run('-M q35 -m 1G -device device', v).stderr).toBe("-device device: Parameter 'driver' expects a non-abstract device type");
    expect(run('-M q35 -m 1G -device q35-pcihost', v).stderr).toBe("-device q35-pcihost: Parameter 'driver' expects a pluggable device type");
  });
  it('sp-mem is a model of 11.1 only', () => {
    expect(run(`-M q35 ${window} -device sp-mem,id=s,memdev=m`, '7.2').stderr).toBe("-device sp-mem,id=s,memdev=m: 'sp-mem' is not a valid device model name");
    // 11.1 plugs it (QEMU 11.1.3 accepts these arguments)
    expect(run(`-M q35 ${window} -device sp-mem,id=s,memdev=m`, '11.1').r.error).toBeNull();
  });
  it.each(both)('names the model an alias stands for, and the first unknown property in QDict order (%s)', (v) => {
    expect(run('-M q35 -m 1G -device virtio-net,foo=1', v).stderr).toBe("-device virtio-net,foo=1: Property 'virtio-net-pci.foo' not found");
    expect(run('-M q35 -m 1G -device virtio-net-pci,id=n1,zz=1,aa=1,b1=1', v).stderr).toBe(
      "-device virtio-net-pci,id=n1,zz=1,aa=1,b1=1: Property 'virtio-net-pci.aa' not found",
    );
    expect(run('-M q35 -m 1G -device {"driver":"virtio-net-pci","zz":1,"aa":1}', v).stderr).toBe(
      `-device {"driver":"virtio-net-pci","zz":1,"aa":1}: Property 'virtio-net-pci.aa' not found`,
    );
    expect(run(`-M q35 ${window} -device pc-dimm,id=d,memdev=m,zz=1,aa=1`, v).stderr).toBe("-device pc-dimm,id=d,memdev=m,zz=1,aa=1: Property 'pc-dimm.aa' not found");
  });
  it.each(both)('checks devices in creation order: key=value ones, then JSON ones; after -numa (%s)', (v) => {
    expect(run(`-M q35 ${window} -device pc-dimm,id=d,memdev=nope -device spmem`, v).stderr).toBe("-device pc-dimm,id=d,memdev=nope: Device 'nope' not found");
    expect(run(`-M q35 ${window} -device spmem -device pc-dimm,id=d,memdev=nope`, v).stderr).toBe("-device spmem: 'spmem' is not a valid device model name");
    expect(run('-M q35 -m 1G -device {"driver":"spmem"} -device spmem2', v).stderr).toBe("-device spmem2: 'spmem2' is not a valid device model name");
    expect(run('-M q35 -m 1G -numa node,nodeid=300 -device spmem', v).stderr).toBe('-numa node,nodeid=300: Max number of NUMA nodes reached: 300');
  });
  it.each(both)('keeps a device QEMU has and the designer does not model, as written (%s)', (v) => {
    const { doc, r } = run('-M q35 -m 1G -device virtio-net-pci,id=n0 -device pcie-root-port,id=rp0,chassis=1,slot=1', v);
    expect(r.error).toBeNull();
    expect(formatQemuArgs(doc)).toEqual(['-M', 'q35', '-m', '1G', '-device', 'virtio-net-pci,id=n0', '-device', 'pcie-root-port,id=rp0,chassis=1,slot=1']);
  });
});

describe('object types and their members', () => {
  it.each(both)('refuses a type the release does not have, before anything the machine checks (%s)', (v) => {
    expect(run('-M q35 -m 1G -object foo,id=x', v).stderr).toBe("-object foo,id=x: Parameter 'qom-type' does not accept value 'foo'");
    expect(run('-M nonexistent -m 1G -object foo,id=x', v).stderr).toBe("-object foo,id=x: Parameter 'qom-type' does not accept value 'foo'");
    expect(run('-M q35 -m 1G -object foo', v).stderr).toBe("-object foo: Parameter 'qom-type' does not accept value 'foo'");
    expect(run('-M q35 -m 1G -object {"qom-type":"foo","id":"x"}', v).stderr).toBe(`-object {"qom-type":"foo","id":"x"}: Parameter 'qom-type' does not accept value 'foo'`);
  });
  it.each(both)('then the id, then the member GLib yields first (%s)', (v) => {
    expect(run('-M q35 -m 1G -object id=x', v).stderr).toBe("-object id=x: Parameter 'qom-type' is missing");
    expect(run('-M q35 -m 1G -object secret,foo=1', v).stderr).toBe("-object secret,foo=1: Parameter 'id' is missing");
    expect(run('-M q35 -m 1G -object secret,id=1x,zz=1', v).stderr).toBe(
      "-object secret,id=1x,zz=1: Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.",
    );
    expect(run('-M q35 -m 1G -object secret,id=s,zz=1,b1=1,q7=1,mm=1,xx=1', v).stderr).toBe("-object secret,id=s,zz=1,b1=1,q7=1,mm=1,xx=1: Invalid parameter 'mm'");
    expect(run('-M q35 -m 1G -object {"qom-type":"secret","id":"s","data":"a","zz":1,"aa":1}', v).stderr).toBe(
      `-object {"qom-type":"secret","id":"s","data":"a","zz":1,"aa":1}: Parameter 'aa' is unexpected`,
    );
    expect(run('-M q35,foo=on -m 1G -object secret,id=s,data=a,foo=1', v).stderr).toBe("-object secret,id=s,data=a,foo=1: Invalid parameter 'foo'");
  });
  it.each(both)('reads the members the schema has; a type it reads but cannot create fails when created (%s)', (v) => {
    // `-object sev-guest,help` leaves cbitpos out on 7.2; the schema has it, and QEMU accepts it
    expect(run('-M q35 -m 1G -object {"qom-type":"sev-guest","id":"s","cbitpos":47,"reduced-phys-bits":1}', v).r.error).toBeNull();
    const epc = '-object memory-backend-epc,id=e,size=64M';
    expect(run(`-M q35 -m 1G ${epc}`, v).stderr).toBe('invalid object type: memory-backend-epc');
    expect(run(`-M q35,foo=on -m 1G ${epc}`, v).stderr).toBe(`Property '${v === '7.2' ? 'pc-q35-7.2' : 'pc-q35-11.1'}-machine.foo' not found`);
    expect(run(`-M q35 -m 1G ${epc} -object memory-backend-ram,id=m,size=0`, v).stderr).toBe('invalid object type: memory-backend-epc');
    expect(run(`-M q35 -m 1G -object memory-backend-ram,id=m,size=0 ${epc}`, v).stderr).toBe("property 'size' of memory-backend-ram doesn't take value '0'");
  });
  it.each(both)('keeps objects QEMU has and the designer does not model (%s)', (v) => {
    const { doc, r } = run('-M q35 -m 1G -object secret,id=s,data=x -object iothread,id=io0', v);
    expect(r.error).toBeNull();
    expect(doc.options.filter((o) => o.kind === 'raw')).toHaveLength(2);
  });
});

describe('CPU models, properties and features', () => {
  it.each(both)('refuses a model the release lacks, after the backends and before -numa (%s)', (v) => {
    expect(run('-M q35 -m 1G -cpu foo', v).stderr).toBe("unable to find CPU model 'foo'");
    expect(run('-M q35 -m 1G -cpu foo -object memory-backend-ram,id=m,size=0', v).stderr).toBe("property 'size' of memory-backend-ram doesn't take value '0'");
    expect(run('-M q35 -m 1G -cpu foo -numa node,nodeid=300', v).stderr).toBe("unable to find CPU model 'foo'");
  });
  it('follows the release: SapphireRapids is not a 7.2 model', () => {
    expect(run('-M q35 -m 1G -cpu SapphireRapids', '7.2').stderr).toBe("unable to find CPU model 'SapphireRapids'");
  });
  it.each(both)('applies the properties as globals when the CPU is made, in the order written (%s)', (v) => {
    const type = 'qemu64-x86_64-cpu';
    expect(run('-M q35 -m 1G -cpu qemu64,foo=on', v).stderr).toBe(`can't apply global ${type}.foo=on: Property '${type}.foo' not found`);
    expect(run('-M q35 -m 1G -cpu qemu64,foo_bar', v).stderr).toBe(`can't apply global ${type}.foo-bar=on: Property '${type}.foo-bar' not found`);
    expect(run('-M q35 -m 1G -cpu Skylake-Client,foo', v).stderr).toBe(
      "can't apply global Skylake-Client-x86_64-cpu.foo=on: Property 'Skylake-Client-x86_64-cpu.foo' not found",
    );
    expect(run('-M q35 -m 1G -cpu qemu64,foo=on,vendor=abc', v).stderr).toBe(`can't apply global ${type}.foo=on: Property '${type}.foo' not found`);
    expect(run('-M q35 -m 1G -cpu qemu64,phys-bits=abc,vendor=abc', v).stderr).toBe(`can't apply global ${type}.phys-bits=abc: Parameter 'phys-bits' expects uint64`);
    expect(run('-M q35 -m 1G -cpu qemu64,phys-bits=0x100000000', v).stderr).toBe(
      `can't apply global ${type}.phys-bits=0x100000000: Parameter 'phys-bits' expects uint32_t`,
    );
    // after NUMA is completed (machine_run_board_init), before any memory device
    expect(run('-M q35 -m 1G -cpu qemu64,foo=on -numa node,nodeid=300', v).stderr).toBe('-numa node,nodeid=300: Max number of NUMA nodes reached: 300');
    expect(run('-M q35 -m 1G -cpu qemu64,vendor=abc -numa node,nodeid=300', v).stderr).toBe('-numa node,nodeid=300: Max number of NUMA nodes reached: 300');
    expect(run('-M q35 -m 1G -cpu qemu64,foo=on -object memory-backend-ram,id=r,size=512M -numa node,memdev=r', v).stderr).toBe(
      'total memory for NUMA nodes (0x20000000) should equal RAM size (0x40000000)',
    );
    expect(run(`-M q35 ${window} -cpu qemu64,foo=on -device spmem`, v).stderr).toBe(`can't apply global ${type}.foo=on: Property '${type}.foo' not found`);
  });
  it.each(both)('then the +/- features (the + ones first), then -cpu host without KVM (%s)', (v) => {
    const type = 'qemu64-x86_64-cpu';
    expect(run('-M q35 -m 1G -cpu qemu64,+foo', v).stderr).toBe(`Property '${type}.foo' not found`);
    expect(run('-M q35 -m 1G -cpu qemu64,+foo_bar', v).stderr).toBe(`Property '${type}.foo_bar' not found`);
    expect(run('-M q35 -m 1G -cpu qemu64,+foo=on', v).stderr).toBe(`Property '${type}.foo=on' not found`);
    expect(run('-M q35 -m 1G -cpu qemu64,-bar,+foo', v).stderr).toBe(`Property '${type}.foo' not found`);
    expect(run('-M q35 -m 1G -cpu qemu64,+foo,bar=on', v).stderr).toBe(`can't apply global ${type}.bar=on: Property '${type}.bar' not found`);
    expect(run('-M q35 -m 1G -cpu qemu64,+foo,phys-bits=20', v).stderr).toBe(`Property '${type}.foo' not found`);
    expect(run('-M q35 -m 1G -cpu host,foo=on', v).stderr).toBe("can't apply global host-x86_64-cpu.foo=on: Property 'host-x86_64-cpu.foo' not found");
    expect(run('-M q35 -m 1G -cpu host,+foo', v).stderr).toBe("Property 'host-x86_64-cpu.foo' not found");
    expect(run('-M q35 -m 1G -cpu host,phys-bits=20', v).stderr).toBe("CPU model 'host' requires KVM or HVF");
    expect(run('-M q35 -m 1G -cpu host -numa node,nodeid=300', v).stderr).toBe('-numa node,nodeid=300: Max number of NUMA nodes reached: 300');
  });
  it('x2APIC: 7.2 refuses the topology before it makes a CPU, 11.1 after the features', () => {
    expect(run('-M q35 -m 1G -smp 256,maxcpus=256 -cpu qemu64,foo=on', '7.2').stderr).toBe('current -smp configuration requires kernel irqchip and X2APIC API support.');
    expect(run('-M q35 -m 1G -smp 256,maxcpus=256 -cpu qemu64,+foo', '11.1').stderr).toBe("Property 'qemu64-x86_64-cpu.foo' not found");
  });
  it.each(both)('takes the features and properties QEMU has (%s)', (v) => {
    expect(run('-M q35 -m 1G -cpu qemu64,+sse4_1,sse4.2=on,ssse3,-sse4a,tsc_freq=1', v).r.error).toBeNull();
    expect(run('-M q35 -m 1G -cpu Westmere-IBRS', v).r.error).toBeNull();
  });
});

describe('machine properties', () => {
  it.each(both)('are the release type’s own, instance properties and the legacy keys included (%s)', (v) => {
    expect(run('-M q35,nvdimm=off,hmat=off,cxl=off,nvdimm-persistence=cpu -m 1G', v).r.error).toBeNull();
    expect(run('-M q35,kvm-shadow-mem=1,igd-passthru=on,kernel_irqchip=on -m 1G', v).r.error).toBeNull();
    const name = v === '7.2' ? 'pc-q35-7.2-machine' : 'pc-q35-11.1-machine';
    expect(run('-M q35,x-vmport=on -m 1G', v).stderr).toBe(`Property '${name}.x-vmport' not found`);
    expect(run('-M q35,zz=1,aa=1 -m 1G', v).stderr).toBe(`Property '${name}.aa' not found`);
  });
  it('differ between releases', () => {
    expect(run('-M pc,aux-ram-share=off -m 1G', '7.2').stderr).toBe("Property 'pc-i440fx-7.2-machine.aux-ram-share' not found");
    expect(run('-M pc,aux-ram-share=off -m 1G', '11.1').r.error).toBeNull();
  });
});

describe('without the catalog', () => {
  it('does not give a verdict on names it cannot check, and says so', () => {
    const { r } = run('-M q35 -m 1G -device spmem', '11.1', false);
    expect(r.error).toBeNull();
    expect(r.catalogPending).toBe(true);
    expect(r.diagnostics.some((d) => d.source === 'designer' && /Checking names against QEMU 11\.1/.test(d.message))).toBe(true);
  });
  it('a catalog of another release counts as none', () => {
    const p = parseQemuArgs(['-M', 'q35', '-m', '1G', '-device', 'spmem'], 'test');
    if (!p.ok) throw new Error('parse');
    expect(computeMachine(p.doc, { qemuVersion: '7.2', catalog: qemuCatalog('11.1') }).catalogPending).toBe(true);
  });
  it('a design with no name to check needs none', () => {
    const { r } = run('-M q35 -m 1G', '11.1', false);
    expect(r.catalogPending).toBeUndefined();
    expect(r.diagnostics).toEqual([]);
  });
});

describe('prepareCatalog', () => {
  it('resolves aliases and never reads inherited keys', () => {
    const data: QemuCatalogData = {
      helpLists: '11.1',
      qemu: 'test',
      propertySets: [['a'], ['x', 'y']],
      devices: { 'virtio-net-pci': 1 },
      deviceAliases: { 'virtio-net': 'virtio-net-pci' },
      deviceTypesNotCreatable: { abstract: ['device'], concrete: ['q35-pcihost'] },
      deviceErrors: {},
      objects: { secret: 0 },
      objectsNotCreatable: [],
      cpuModels: ['qemu64'],
      machineProperties: { pc: ['acpi'], q35: ['acpi'] },
    };
    const c = prepareCatalog(data);
    expect(c.device('virtio-net')?.model).toBe('virtio-net-pci');
    expect([...c.device('virtio-net')!.properties]).toEqual(['x', 'y']);
    expect(c.device('constructor')).toBeNull();
    expect(c.object('toString')).toBeNull();
    expect(c.deviceType('device')).toBe('abstract');
    expect(c.deviceType('q35-pcihost')).toBe('not-creatable');
  });
});
