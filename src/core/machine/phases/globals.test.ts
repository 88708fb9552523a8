/**
 * -global: every expected text and value below is what real QEMU 7.2.22 and 11.1.3 printed or reported
 * (`query-memory-devices`) for the same arguments, run with `-S -display none -nodefaults` (the differential
 * cases `opt-global-*` run them again); the address limits are also worked out by hand beside them.
 */
import { describe, expect, it } from 'vitest';
import { runCmdline } from '../../../test-support/run-cmdline.ts';
import { GiB } from '../../base/index.ts';
import type { QemuVersion } from '../index.ts';

const run = runCmdline;

const both: QemuVersion[] = ['7.2', '11.1'];
const TWO_NODES =
  '-M q35 -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=r0,size=512M -object memory-backend-ram,id=r1,size=512M ' +
  '-numa node,memdev=r0 -numa node,memdev=r1 -object memory-backend-ram,id=m0,size=1G';
const DIMM = '-device pc-dimm,id=d0,memdev=m0';
const AT = `${DIMM}: `;
const NV = '-M q35,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m0,size=1G';

describe('-global for the memory devices', () => {
  it.each(both)('sets a default the device own properties override; the later global wins (%s)', (v) => {
    const node = (args: string) => run(`${TWO_NODES} ${args}`, v).r.layout!.devices[0]!.node;
    expect(node(`-global pc-dimm.node=1 ${DIMM}`)).toBe(1);
    expect(node(`-global driver=pc-dimm,property=node,value=1 ${DIMM}`)).toBe(1);
    expect(node(`-global pc-dimm.node=0x1 ${DIMM}`)).toBe(1);
    expect(node(`-global pc-dimm.node=1 ${DIMM},node=0`)).toBe(0);
    expect(node(`-global pc-dimm.node=1 -global pc-dimm.node=0 ${DIMM}`)).toBe(0);
    // nvdimm is no pc-dimm's parent: its global leaves a pc-dimm alone
    expect(node(`-global nvdimm.node=1 ${DIMM}`)).toBe(0);
  });
  it.each(both)('addr, slot and memdev from globals (%s)', (v) => {
    const d = (args: string) => run(`${TWO_NODES} ${args}`, v).r.layout!.devices[0]!;
    expect(d(`-global pc-dimm.addr=0x140000000 ${DIMM}`).addr).toBe(5n * GiB);
    expect(d(`-global pc-dimm.slot=1 ${DIMM}`).slot).toBe(1);
    expect(d('-global pc-dimm.memdev=m0 -device pc-dimm,id=d0').memdev).toBe('m0');
  });
  it.each(both)('refuses values as the string input visitor reads them, at the -device (%s)', (v) => {
    const err = (g: string) => run(`${TWO_NODES} -global ${g} ${DIMM}`, v).stderr;
    expect(err('pc-dimm.node=abc')).toBe(`${AT}can't apply global pc-dimm.node=abc: Parameter 'node' expects uint64`);
    expect(err('pc-dimm.node=1-1')).toBe(`${AT}can't apply global pc-dimm.node=1-1: Parameter 'node' expects uint64`);
    expect(err('pc-dimm.node=0x100000000')).toBe(`${AT}can't apply global pc-dimm.node=0x100000000: Parameter 'node' expects uint32_t`);
    expect(err('pc-dimm.node=-1')).toBe(`${AT}can't apply global pc-dimm.node=-1: Parameter 'node' expects uint32_t`);
    expect(err('pc-dimm.addr=1G')).toBe(`${AT}can't apply global pc-dimm.addr=1G: Parameter 'addr' expects uint64`);
    expect(err('pc-dimm.slot=1x')).toBe(`${AT}can't apply global pc-dimm.slot=1x: Parameter 'slot' expects int64`);
    expect(err('pc-dimm.slot=0x80000000')).toBe(`${AT}can't apply global pc-dimm.slot=0x80000000: Parameter 'slot' expects int32_t`);
    expect(err('pc-dimm.memdev=nope')).toBe(`${AT}can't apply global pc-dimm.memdev=nope: Device 'nope' not found`);
    expect(err('pc-dimm.foo=1')).toBe(`${AT}can't apply global pc-dimm.foo=1: Property 'pc-dimm.foo' not found`);
    expect(err('pc-dimm.size=1')).toBe(`${AT}can't apply global pc-dimm.size=1: Property 'pc-dimm.size' is not writable`);
    // a value read, then refused later by the device's own checks
    expect(err('pc-dimm.node=5')).toBe(`${AT}'DIMM property node has value 5' which exceeds the number of numa nodes: 2`);
    expect(err('pc-dimm.addr=-1')).toBe(`${AT}address must be aligned to 0x200000 bytes`);
    expect(err('pc-dimm.slot=-2')).toBe(`${AT}invalid slot number -2, valid range is [0-1]`);
  });
  it.each(both)('applies before the device own properties, and to nvdimm as a pc-dimm (%s)', (v) => {
    expect(run(`${TWO_NODES} -global pc-dimm.foo=1 ${DIMM},bar=1`, v).stderr).toBe(
      `${DIMM},bar=1: can't apply global pc-dimm.foo=1: Property 'pc-dimm.foo' not found`,
    );
    expect(run(`${NV} -global pc-dimm.foo=1 -device nvdimm,id=d0,memdev=m0`, v).stderr).toBe(
      "-device nvdimm,id=d0,memdev=m0: can't apply global pc-dimm.foo=1: Property 'nvdimm.foo' not found",
    );
    // a global no device takes is never read
    expect(run(`${TWO_NODES} -global pc-dimm.foo=1`, v).stderr).toBeNull();
  });
  it.each(both)('nvdimm label-size: sizes, the minimum and the range (%s)', (v) => {
    const nv = (g: string) => run(`${NV} -global nvdimm.${g} -device nvdimm,id=d0,memdev=m0`, v);
    // 1 GiB less 256 KiB of labels, aligned down to the backend's 2 MiB: 1022 MiB = 1071644672
    expect(nv('label-size=256k').r.layout!.devices[0]!.size).toBe(1071644672n);
    const at = "-device nvdimm,id=d0,memdev=m0: can't apply global nvdimm.";
    expect(nv('label-size=1k').stderr).toBe(`${at}label-size=1k: Property 'nvdimm.label-size' (0x400) is required at least 0x20000`);
    expect(nv('label-size=16E').stderr).toBe(`${at}label-size=16E: Value '16E' is out of range for parameter 'label-size'`);
    expect(nv('label-size=-1').stderr).toBe(
      v === '11.1'
        ? `${at}label-size=-1: Value '-1' is out of range for parameter 'label-size'`
        : `${at}label-size=-1: Parameter 'label-size' expects a non-negative number below 2^64\nOptional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.`,
    );
    expect(nv('uuid=abc').stderr).toBe(`${at}uuid=abc: Property 'nvdimm.uuid' has invalid value`);
    expect(nv('unarmed=x').stderr).toBe(`${at}unarmed=x: Parameter 'unarmed' expects 'on' or 'off'`);
  });
  it('sp-mem (11.1): its globals, and a global for it no device takes warns', () => {
    expect(run(`${TWO_NODES} -global sp-mem.node=1 -device sp-mem,id=s0,memdev=m0`).r.layout!.devices[0]!.node).toBe(1);
    expect(run(`${TWO_NODES} -global sp-mem.slot=1 -device sp-mem,id=s0,memdev=m0`).stderr).toBe(
      "-device sp-mem,id=s0,memdev=m0: can't apply global sp-mem.slot=1: Property 'sp-mem.slot' not found",
    );
    expect(run(`${TWO_NODES} -global pc-dimm.foo=1 -device sp-mem,id=s0,memdev=m0`).stderr).toBeNull();
    expect(run(`${TWO_NODES} -global sp-mem.node=1 ${DIMM}`).warnings).toEqual(['global sp-mem.node=1 not used']);
    expect(run(`${TWO_NODES} -global sp-mem.node=1 ${DIMM}`, '7.2').warnings).toEqual(['global sp-mem.node has invalid class name']);
  });
});

describe('-global for the PCI host', () => {
  it.each(both)('pci-hole64-size moves the highest address used (%s)', (v) => {
    // qemu64 is AMD: 4 GiB + 1 TiB crosses the HT hole, so the 64-bit hole starts at 1 TiB: 1 TiB + 1 TiB - 1
    expect(run('-M q35 -m 1G -global q35-pcihost.pci-hole64-size=1T', v).stderr).toBe('Address space limit 0xffffffffff < 0x1ffffffffff phys-bits too low (40)');
    expect(run('-M q35 -m 1G -global q35-pcihost.pci-hole64-size=1019G', v).stderr).toBe('Address space limit 0xffffffffff < 0x1febfffffff phys-bits too low (40)');
    expect(run('-M pc -m 1G -global i440FX-pcihost.pci-hole64-size=1T', v).stderr).toBe('Address space limit 0xffffffffff < 0x1ffffffffff phys-bits too low (40)');
    // the window: 4 GiB + (1 GiB of maxmem over RAM + 1 GiB for its slot) ends at 6 GiB; 6 + 60 GiB - 1 = 0x107fffffff
    expect(run('-M q35 -m 1G,slots=1,maxmem=2G -cpu qemu64,phys-bits=36 -global q35-pcihost.pci-hole64-size=60G', v).stderr).toBe(
      'Address space limit 0xfffffffff < 0x107fffffff phys-bits too low (36)',
    );
    expect(run('-M q35 -m 1G -cpu qemu64,phys-bits=36 -global q35-pcihost.pci-hole64-size=0', v).stderr).toBeNull();
    // the other family's host is never made
    expect(run('-M pc -m 1G -global q35-pcihost.pci-hole64-size=1T', v).stderr).toBeNull();
    expect(run('-M q35 -m 1G -global i440FX-pcihost.pci-hole64-size=1T', v).warnings).toEqual([]);
  });
  it.each(both)('is made after the CPUs and before the memory (%s)', (v) => {
    expect(run('-M q35 -m 1G -cpu qemu64,phys-bits=33 -global q35-pcihost.pci-hole64-size=abc', v).stderr).toBe(
      "can't apply global q35-pcihost.pci-hole64-size=abc: Parameter 'pci-hole64-size' expects a non-negative number below 2^64\nOptional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.",
    );
    expect(run('-M q35 -m 1G -cpu qemu64,phys-bits=20 -global q35-pcihost.pci-hole64-size=abc', v).stderr).toMatch(/^phys-bits should be/);
  });
  it.each(both)('its properties per release (%s)', (v) => {
    const err = (g: string) => run(`-M q35 -m 1G -global q35-pcihost.${g}`, v).stderr;
    expect(err('foo=1')).toBe("can't apply global q35-pcihost.foo=1: Property 'q35-pcihost.foo' not found");
    expect(err('pci-hole64-start=1')).toBe("can't apply global q35-pcihost.pci-hole64-start=1: Property 'q35-pcihost.pci-hole64-start' is not writable");
    expect(err('bypass-iommu=abc')).toBe("can't apply global q35-pcihost.bypass-iommu=abc: Parameter 'bypass-iommu' expects 'on' or 'off'");
    expect(err('short_root_bus=abc')).toBe(
      v === '7.2'
        ? "can't apply global q35-pcihost.short_root_bus=abc: Parameter 'short_root_bus' expects uint64"
        : "can't apply global q35-pcihost.short_root_bus=abc: Property 'q35-pcihost.short_root_bus' not found",
    );
    expect(err('smm-ranges=x')).toBe(
      v === '11.1'
        ? "can't apply global q35-pcihost.smm-ranges=x: Parameter 'smm-ranges' expects 'on' or 'off'"
        : "can't apply global q35-pcihost.smm-ranges=x: Property 'q35-pcihost.smm-ranges' not found",
    );
  });
});

describe('-global as QEMU reads it', () => {
  it.each(both)('refuses the forms qemu_global_option refuses, at the option (%s)', (v) => {
    expect(run('-M q35 -m 1G -global pc-dimm=1', v).stderr).toBe("-global pc-dimm=1: Invalid parameter 'pc-dimm'");
    expect(run('-M q35 -m 1G -global .node=1', v).stderr).toBe("-global .node=1: Invalid parameter '.node'");
    expect(run('-M q35 -m 1G -global driver=pc-dimm,property=node', v).stderr).toBe(
      "-global driver=pc-dimm,property=node: options 'driver', 'property', and 'value' are required",
    );
    expect(run('-M q35 -m 1G -global driver=a,property=b,value=c,x=1', v).stderr).toBe("-global driver=a,property=b,value=c,x=1: Invalid parameter 'x'");
    // read in the option loop: before a backend's size is
    expect(run('-M q35 -m 1G -global foo -object memory-backend-ram,id=x,size=y', v).stderr).toBe("-global foo: Invalid parameter 'foo'");
  });
  it.each(both)('warns of a bare word, at the option (%s)', (v) => {
    const r = run('-M q35 -m 1G -global driver=a,nofoo', v);
    expect(r.warnings).toEqual(["-global driver=a,nofoo: short-form boolean option 'nofoo' deprecated\nPlease use foo=off instead"]);
    expect(r.stderr).toBe("-global driver=a,nofoo: Invalid parameter 'foo'");
    const ok = run('-M q35 -m 1G -global driver=a,property=b,value', v);
    expect(ok.warnings).toEqual([
      "-global driver=a,property=b,value: short-form boolean option 'value' deprecated\nPlease use value=on instead",
      'global a.b has invalid class name',
    ]);
  });
  it.each(both)('warns of a driver that is no device type once the machine is made (%s)', (v) => {
    expect(run('-M q35 -m 1G -global foo.bar=1', v).warnings).toEqual(['global foo.bar has invalid class name']);
    expect(run('-M q35 -m 1G -global memory-backend-ram.size=1G', v).warnings).toEqual(['global memory-backend-ram.size has invalid class name']);
    expect(run('-M q35 -m 1G -global driver=,property=b,value=c', v).warnings).toEqual(['global .b has invalid class name']);
    expect(run('-M q35 -m 1G -global a,,b.x=1', v).warnings).toEqual(['global a,,b.x has invalid class name']);
  });
});
