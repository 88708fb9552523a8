/**
 * CPUs without long mode, 7.2's `-no-acpi`, dotted -machine keys and a confidential guest under TCG. Expected
 * values are real QEMU's (7.2.22 and 11.1.3, TCG): phys-bits read with QMP `qom-get` of the CPU's `phys-bits`,
 * error texts and e820 tables from the differential test's captures (cpu32-*, no-acpi-*, cgs-* cases).
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from './compute.ts';
import type { QemuVersion } from './results.ts';
import { qemuCatalog } from '../../cli/qemu-catalog.ts';

function run(cmd: string, qemuVersion: QemuVersion) {
  const p = parseQemuArgs(cmd.split(' '));
  if (!p.ok) throw new Error(p.error.message);
  return computeMachine(p.doc, { qemuVersion, catalog: qemuCatalog(qemuVersion) });
}
const physBits = (cpu: string, v: QemuVersion) => run(`-M pc -m 1G -cpu ${cpu}`, v).layout!.cpu.physBits;
const error = (cmd: string, v: QemuVersion) => run(cmd, v).error?.message ?? null;
const win70 = '-m 1G,slots=1,maxmem=70G';

describe('CPUs without long mode', () => {
  it('take 36 phys-bits with PSE-36 (11.1: or PAE), else 32', () => {
    // qom-get /machine/unattached/device[0] phys-bits, `-cpu X` — 7.2.22 | 11.1.3
    const table: Array<[string, number, number]> = [
      ['qemu64', 40, 40],
      ['qemu64,lm=off', 36, 36],
      ['qemu64,lm=off,pae=off', 36, 36],
      ['qemu64,lm=off,pse36=off', 32, 36],
      ['qemu32', 32, 36],
      ['qemu32,lm=on', 40, 40],
      ['486', 32, 32],
      ['pentium', 32, 32],
      ['pentium2', 36, 36],
      ['coreduo', 32, 36],
      ['n270', 32, 36],
      ['base', 32, 32],
      ['base,lm=on', 40, 40],
      ['max,lm=off', 36, 36],
    ];
    for (const [cpu, v72, v111] of table) {
      expect([cpu, physBits(cpu, '7.2')]).toEqual([cpu, v72]);
      expect([cpu, physBits(cpu, '11.1')]).toEqual([cpu, v111]);
    }
  });

  it('read lm from its alias i64, globals in order, then every +feature, then every -feature', () => {
    for (const v of ['7.2', '11.1'] as const) {
      expect(physBits('qemu64,i64=off', v)).toBe(36);
      expect(physBits('qemu64,-lm,+lm', v)).toBe(36);
      expect(physBits('qemu64,lm=off,+lm', v)).toBe(40);
      expect(physBits('qemu64,lm=off,lm=on', v)).toBe(40);
      expect(physBits('486,+lm', v)).toBe(40);
    }
  });

  it('refuse phys-bits= (both releases)', () => {
    for (const v of ['7.2', '11.1'] as const) {
      expect(error('-M pc -cpu qemu64,lm=off,phys-bits=36 -m 1G', v)).toBe('phys-bits is not user-configurable in 32 bit');
      expect(error('-M pc -cpu qemu64,lm=off,phys-bits=0 -m 1G', v)).toBeNull();
    }
  });

  it("are held to each release's max-used-GPA rule", () => {
    // 11.1: no long mode, machine 8.2+: the end of the hotplug window (0x127fffffff) against 36 bits
    expect(error(`-M pc -cpu qemu64,lm=off ${win70}`, '11.1')).toBe('Address space limit 0xfffffffff < 0x127fffffff phys-bits too low (36)');
    // 7.2: phys-bits above 32 take the 64-bit rule (the hole64 end), 32 bits the old 4 GiB one
    expect(error(`-M pc -cpu max,lm=off ${win70}`, '7.2')).toBe('Address space limit 0xfffffffff < 0x12ffffffff phys-bits too low (36)');
    expect(error(`-M pc -cpu qemu32 ${win70}`, '7.2')).toBeNull();
    // 11.1 on pc-i440fx-8.1: the old rule, 2^phys-bits - 1
    expect(error(`-M pc-i440fx-8.1 -cpu qemu64,lm=off ${win70}`, '11.1')).toBeNull();
  });

  it('get no AMD HyperTransport entry (phys-bits under 40), under KVM on an AMD host too', () => {
    const p = parseQemuArgs('-accel kvm -M pc -cpu qemu64,lm=off -m 1G'.split(' '));
    if (!p.ok) throw new Error(p.error.message);
    const r = computeMachine({ ...p.doc, host: { vendor: 'AuthenticAMD', physBits: 48 } });
    // captured under KVM on an AMD EPYC host: [0xfeffc000 +0x4000 RESERVED] [0x0 +0x40000000 RAM]
    expect(r.layout!.e820.map((e) => [e.type, e.address, e.length])).toEqual([
      [2, 0xfeffc000n, 0x4000n],
      [1, 0n, 0x40000000n],
    ]);
  });
});

describe('-no-acpi', () => {
  it('is acpi=off at its place on 7.2: no SRAT, DIMMs refused', () => {
    expect(run('-M q35 -m 1G -object memory-backend-ram,id=r,size=1G -numa node,nodeid=0,memdev=r -no-acpi', '7.2').layout!.srat).toBeNull();
    expect(run('-no-acpi -M pc,acpi=on -m 1G -object memory-backend-ram,id=r,size=1G -numa node,memdev=r', '7.2').layout!.srat).not.toBeNull();
    expect(run('-M pc,acpi=on -no-acpi -m 1G -object memory-backend-ram,id=r,size=1G -numa node,memdev=r', '7.2').layout!.srat).toBeNull();
    expect(error('-M pc -no-acpi -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G -device pc-dimm,id=d,memdev=m', '7.2')).toBe(
      'memory hotplug is not enabled: missing acpi device or acpi disabled',
    );
  });

  it('is an invalid option on 11.1, before anything else is read', () => {
    const r = run('-M pc -m 1G -object memory-backend-ram,id=m,size=x -no-acpi', '11.1');
    expect(r.error?.message).toBe('invalid option');
    expect(r.error?.option).toMatchObject({ flag: '-no-acpi', text: '' });
  });
});

describe('-machine', () => {
  it('reads a dotted key as a member of the property its first part names', () => {
    // sgx-epc.N.memdev/node: QEMU gets as far as creating the EPC backend, which neither binary has
    for (const v of ['7.2', '11.1'] as const) {
      expect(error('-M pc-q35-7.0,sgx-epc.0.memdev=m,sgx-epc.0.node=0 -m 1G -object memory-backend-epc,id=m,size=64M', v)).toBe(
        'invalid object type: memory-backend-epc',
      );
    }
  });

  it('refuses a sev-guest without KVM once the devices are plugged (11.1)', () => {
    const sev = '-object sev-guest,id=s,cbitpos=47,reduced-phys-bits=1';
    expect(error(`-M q35,confidential-guest-support=s ${sev} -m 1G`, '11.1')).toBe('accelerator does not support confidential guest sev-guest');
    expect(error(`-M q35,confidential-guest-support=s ${sev} -smp 2,sockets=3`, '11.1')).toMatch(/^Invalid CPU topology/);
  });
});
