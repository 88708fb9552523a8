/**
 * KVM (`-accel kvm`, `-enable-kvm`, `-machine accel=kvm[:tcg]`): expected values are real QEMU's, captured on an
 * AMD EPYC host of 48 physical bits with `captureQemu(bin, args, { accel: 'as-given' })` (src/cli/qemu/capture.ts),
 * QEMU 7.2.22 and 11.1.3 alike unless noted (FINDINGS.md item 10). The design's host CPU is that host's.
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import type { HostCpu } from '../document/index.ts';
import { computeMachine } from './compute.ts';
import type { QemuVersion } from './results.ts';

const EPYC: HostCpu = { vendor: 'AuthenticAMD', physBits: 48 };
const RAM = 1;
const RESERVED = 2;

function run(cmd: string, host: HostCpu | 'none' = EPYC, qemuVersion: QemuVersion = '11.1') {
  const p = parseQemuArgs(cmd.split(' '));
  if (!p.ok) throw new Error(p.error.message);
  return computeMachine(host !== 'none' ? { ...p.doc, host } : p.doc, { qemuVersion });
}

const e820 = (cmd: string, host: HostCpu | 'none' = EPYC, v: QemuVersion = '11.1') =>
  run(cmd, host, v).layout!.e820.map((e) => [e.type, '0x' + e.address.toString(16), '0x' + e.length.toString(16)]);

const KVM_MAP = [RESERVED, '0xfeffc000', '0x4000'];
const AMD_HT = [RESERVED, '0xfd00000000', '0x300000000'];

describe('KVM', () => {
  for (const v of ['7.2', '11.1'] as const) {
    it(`puts the identity map's RESERVED entry first and takes the host vendor (${v})`, () => {
      // qemu-system-x86_64 -accel kvm -machine q35 -m 1G
      expect(e820('-accel kvm -machine q35 -m 1G', EPYC, v)).toEqual([KVM_MAP, AMD_HT, [RAM, '0x0', '0x40000000']]);
      // qemu-system-x86_64 -enable-kvm -machine pc -m 1G
      expect(e820('-enable-kvm -machine pc -m 1G', EPYC, v)).toEqual([KVM_MAP, AMD_HT, [RAM, '0x0', '0x40000000']]);
      // qemu-system-x86_64 -machine q35,accel=kvm:tcg -m 1G
      expect(e820('-machine q35,accel=kvm:tcg -m 1G', EPYC, v)).toEqual([KVM_MAP, AMD_HT, [RAM, '0x0', '0x40000000']]);
      // qemu-system-x86_64 -accel kvm -machine q35 -m 1G -cpu qemu64,vendor=GenuineIntel
      expect(e820('-accel kvm -machine q35 -m 1G -cpu qemu64,vendor=GenuineIntel', EPYC, v)).toEqual([KVM_MAP, [RAM, '0x0', '0x40000000']]);
    });
  }

  it('leaves TCG as it was: no reserved entry, the model vendor, -cpu host refused', () => {
    // qemu-system-x86_64 -accel tcg -machine q35 -m 1G (the harness's default)
    expect(e820('-machine q35 -m 1G', EPYC)).toEqual([AMD_HT, [RAM, '0x0', '0x40000000']]);
    // qemu-system-x86_64 -accel tcg -machine q35 -cpu host -m 1G
    expect(run('-machine q35 -cpu host -m 1G').error?.message).toBe("CPU model 'host' requires KVM or HVF");
    // -machine accel=tcg:kvm: TCG first
    expect(e820('-machine q35,accel=tcg:kvm -m 1G', EPYC)).toEqual([AMD_HT, [RAM, '0x0', '0x40000000']]);
  });

  it('follows the design host: an Intel host has no HT hole (the browser default: GenuineIntel, 46 bits)', () => {
    expect(e820('-accel kvm -machine q35 -m 1G', 'none')).toEqual([KVM_MAP, [RAM, '0x0', '0x40000000']]);
    expect(run('-accel kvm -machine q35 -cpu host -m 1G', 'none').layout!.cpu.physBits).toBe(46);
  });

  it('gives -cpu host and max the host phys-bits (11.1.3; 7.2.22 aborts on this host: MSR 0x10a)', () => {
    // qemu-system-x86_64 -accel kvm -machine q35 -cpu host -m 4G,slots=2,maxmem=1100G  (and -cpu max)
    for (const model of ['host', 'max']) {
      const r = run(`-accel kvm -machine q35 -cpu ${model} -m 4G,slots=2,maxmem=1100G`);
      expect(r.error).toBeNull();
      expect(r.layout!.e820.map((e) => [e.type, '0x' + e.address.toString(16), '0x' + e.length.toString(16)])).toEqual([
        KVM_MAP,
        AMD_HT,
        [RAM, '0x0', '0x80000000'],
        [RAM, '0x10000000000', '0x80000000'],
      ]);
      expect(r.layout!.window!.reservedMemoryEnd).toBe(0x21300000000n);
      const mem = r.layout!.srat!.entries.flatMap((e) => (e.type === 'memory' ? [[e.proximityDomain, e.baseAddress, e.length, e.flags]] : []));
      expect(mem).toEqual([
        [0, 0x0n, 0xa0000n, 1],
        [0, 0x100000n, 0x7ff00000n, 1],
        [0, 0x10000000000n, 0x80000000n, 1],
        [0, 0x10080000000n, 0x11280000000n, 3],
      ]);
    }
    // qemu64 under KVM keeps 40 bits unless host-phys-bits=on (accepted on 7.2.22 too)
    const tooLow = 'Address space limit 0xffffffffff < 0x21affffffff phys-bits too low (40)';
    expect(run('-accel kvm -machine q35 -m 4G,slots=2,maxmem=1100G').error?.message).toBe(tooLow);
    expect(run('-accel kvm -machine q35 -cpu qemu64,host-phys-bits=on -m 4G,slots=2,maxmem=1100G').error).toBeNull();
    expect(run('-accel kvm -machine q35 -cpu qemu64,host-phys-bits=on -m 4G,slots=2,maxmem=1100G', EPYC, '7.2').error).toBeNull();
    // host-phys-bits=off,phys-bits=40 and host-phys-bits-limit=40
    expect(run('-accel kvm -machine q35 -cpu host,host-phys-bits=off,phys-bits=40 -m 4G,slots=2,maxmem=1100G').error?.message).toBe(tooLow);
    expect(run('-accel kvm -machine q35 -cpu host,host-phys-bits-limit=40 -m 4G,slots=2,maxmem=1100G').error?.message).toBe(tooLow);
  });

  it("warns when phys-bits differs from the host's and keeps the bounds of the release", () => {
    // qemu-system-x86_64 -accel kvm -machine q35 -cpu qemu64,phys-bits=50 -m 1G: accepted, warned
    const r = run('-accel kvm -machine q35 -cpu qemu64,phys-bits=50 -m 1G');
    expect(r.diagnostics.map((d) => d.message)).toContain('Host physical bits (48) does not match phys-bits property (50)');
    expect(r.layout!.cpu.physBits).toBe(50);
    // -cpu qemu64,phys-bits=30: 11.1.3 "at least 32", 7.2.22 "between 32 and 52", as under TCG
    expect(run('-accel kvm -machine q35 -cpu qemu64,phys-bits=30 -m 1G').error?.message).toBe('phys-bits should be at least 32 (but is 30)');
    expect(run('-accel kvm -machine q35 -cpu qemu64,phys-bits=30 -m 1G', EPYC, '7.2').error?.message).toBe('phys-bits should be between 32 and 52  (but is 30)');
  });

  it('changes neither the SRAT nor the memory devices beyond what the host vendor moves', () => {
    // qemu-system-x86_64 -accel kvm -machine q35 -cpu Haswell -m 4G,slots=2,maxmem=8G -smp 2 (two 2G nodes, a
    // 1G pc-dimm on node 1): SRAT memory entries and query-memory-devices as under TCG with an Intel model
    const cmd =
      '-accel kvm -machine q35 -cpu Haswell -m 4G,slots=2,maxmem=8G -smp 2 -object memory-backend-ram,id=r0,size=2G ' +
      '-object memory-backend-ram,id=r1,size=2G -numa node,nodeid=0,memdev=r0,cpus=0 -numa node,nodeid=1,memdev=r1,cpus=1 ' +
      '-object memory-backend-ram,id=d0,size=1G -device pc-dimm,id=dimm0,memdev=d0,node=1';
    const r = run(cmd);
    expect(r.layout!.e820.map((e) => [e.type, '0x' + e.address.toString(16), '0x' + e.length.toString(16)])).toEqual([
      KVM_MAP,
      AMD_HT,
      [RAM, '0x0', '0x80000000'],
      [RAM, '0x100000000', '0x80000000'],
    ]);
    const mem = r.layout!.srat!.entries.flatMap((e) => (e.type === 'memory' ? [[e.proximityDomain, e.baseAddress, e.length, e.flags]] : []));
    expect(mem).toEqual([
      [0, 0x0n, 0xa0000n, 1],
      [0, 0x100000n, 0x7ff00000n, 1],
      [1, 0x100000000n, 0x80000000n, 1],
      [0, 0n, 0n, 0],
      [1, 0x180000000n, 0x180000000n, 3],
    ]);
    expect(r.layout!.srat!.bytes.length).toBe(280);
    expect(r.layout!.devices.map((d) => [d.addr, d.size, d.node])).toEqual([[6442450944n, 1073741824n, 1]]);
    expect(r.layout!.window!.reservedMemoryEnd).toBe(0x300000000n);
  });
});
