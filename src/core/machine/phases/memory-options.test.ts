/**
 * `-machine memory-backend=ID` and `-object memory-backend-shm`: every expected text is what real QEMU 7.2.22 and
 * 11.1.3 printed for the same arguments (`-S -display none -nodefaults`; the differential cases `opt-mb-*` and
 * `opt-shm-*` run them again); the layouts are worked out by hand beside them.
 */
import { describe, expect, it } from 'vitest';
import { runCmdline } from '../../../test-support/run-cmdline.ts';
import { GiB, MiB } from '../../base/index.ts';
import type { QemuVersion } from '../index.ts';

const run = runCmdline;

const both: QemuVersion[] = ['7.2', '11.1'];
const RAM0 = '-object memory-backend-ram,id=ram0,size=1G';

describe('-machine memory-backend', () => {
  it.each(both)('without a size from -m, the RAM is the backend (%s)', (v) => {
    expect(run(`-M q35,memory-backend=ram0 ${RAM0}`, v).r.layout!.ram.ramSize).toBe(GiB);
    // not rounded: 1000 MiB is a multiple of 8 KiB anyway, and all of it lies below 2 GiB on q35
    expect(run('-M q35,memory-backend=ram0 -object memory-backend-ram,id=ram0,size=1000M', v).r.layout!.ram.below4g).toBe(1000n * MiB);
    // pc with 4 GiB: 3 GiB below 4 GiB (pc's split above 3.5 GiB), 1 GiB from 4 GiB
    const pc = run('-M pc,memory-backend=ram0 -object memory-backend-ram,id=ram0,size=4G', v).r.layout!.ram;
    expect([pc.below4g, pc.above4g]).toEqual([3n * GiB, GiB]);
    // an empty id is the one memory backend there is
    expect(run(`-M q35,memory-backend= ${RAM0}`, v).r.layout!.ram.ramSize).toBe(GiB);
  });
  it.each(both)('refuses as QEMU does, in its order (%s)', (v) => {
    expect(run(`-M q35,memory-backend=ram0 -m 2G ${RAM0}`, v).stderr).toBe('Machine memory size does not match the size of the memory backend');
    expect(run('-M q35,memory-backend=ram0 -m 1G -object memory-backend-ram,id=ram0,size=1025M', v).stderr).toBe(
      'Machine memory size does not match the size of the memory backend',
    );
    expect(run(`-M q35,memory-backend=nope ${RAM0}`, v).stderr).toBe("Memory backend 'nope' not found");
    expect(run(`-M q35,memory-backend= ${RAM0} -object memory-backend-ram,id=ram1,size=1G`, v).stderr).toBe("Memory backend '' not found");
    // resolved before -numa is read, after the CPU model
    expect(run(`-M q35,memory-backend=nope ${RAM0} -numa node,nodeid=200`, v).stderr).toBe("Memory backend 'nope' not found");
    expect(run(`-M q35,memory-backend=nope -cpu foo ${RAM0}`, v).stderr).toBe("unable to find CPU model 'foo'");
    // the size first on the board, before NUMA and the CPUs
    expect(run(`-M q35,memory-backend=ram0 -m 2G ${RAM0} -numa node,memdev=ram0`, v).stderr).toBe('Machine memory size does not match the size of the memory backend');
    expect(run(`-M q35,memory-backend=ram0 -m 2G ${RAM0} -smp 2 -numa node -numa cpu,node-id=0,socket-id=5`, v).stderr).toBe(
      '-numa cpu,node-id=0,socket-id=5: no match found',
    );
    expect(run(`-M q35,memory-backend=ram0 ${RAM0} -numa node`, v).stderr).toBe('total memory for NUMA nodes (0x0) should equal RAM size (0x40000000)');
    expect(run(`-M q35,memory-backend=ram0 ${RAM0} -numa node,memdev=ram0`, v).stderr).toBe(
      "'-machine memory-backend' and '-numa memdev' properties are mutually exclusive",
    );
    expect(run(`-M q35,memory-backend=ram0 ${RAM0} -m 1G,slots=2,maxmem=4G -device pc-dimm,id=d0,memdev=ram0`, v).stderr).toBe(
      '-device pc-dimm,id=d0,memdev=ram0: can\'t use already busy memdev: ram0',
    );
  });
  it('says so, in its own words, for a backend the designer does not read', () => {
    const r = run('-M q35,memory-backend=m0 -object memory-backend-shm,id=m0,size=1G');
    expect(r.r.error?.kind).toBe('cmdline/unsupported');
    expect(r.stderr).toMatch(/^The designer does not model/);
  });
});

describe('memory-backend-shm', () => {
  it('as a memory device\'s memdev is refused in the designer\'s words, not as a backend QEMU cannot find', () => {
    for (const dev of ['pc-dimm,id=d0,memdev=m0', 'sp-mem,id=s0,memdev=m0,node=0', 'virtio-mem-pci,id=v0,memdev=m0']) {
      const r = run(`-M q35 -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=r0,size=1G -numa node,memdev=r0 -object memory-backend-shm,id=m0,size=1G -device ${dev}`);
      expect(r.r.error?.kind).toBe('cmdline/unsupported');
      expect(r.stderr).toBe(`-device ${dev}: The designer does not yet map a memory-backend-shm ('m0') as a memory device's memory.`);
    }
  });

  it('7.2 has no such type', () => {
    expect(run('-M q35 -m 1G -object memory-backend-shm,id=m0,size=1G', '7.2').stderr).toBe(
      "-object memory-backend-shm,id=m0,size=1G: Parameter 'qom-type' does not accept value 'memory-backend-shm'",
    );
  });
  it('11.1 reads it, then creates it in its place among the backends', () => {
    const S = '-object memory-backend-shm,id=m0';
    expect(run(`-M q35 -m 1G ${S},size=1G`).stderr).toBeNull();
    expect(run(`-M q35 -m 1G ${S},size=1G,share=off`).stderr).toBe("can't create shm backend with `share=off`");
    expect(run(`-M q35 -m 1G ${S},size=0,share=off`).stderr).toBe("property 'size' of memory-backend-shm doesn't take value '0'");
    expect(run(`-M q35 -m 1G ${S},size=1G,share=x`).stderr).toBe(`${S},size=1G,share=x: Parameter 'share' expects 'on' or 'off'`);
    expect(run(`-M q35 -m 1G ${S},foo=1`).stderr).toBe(`${S},foo=1: Parameter 'size' is missing`);
    expect(run(`-M q35 -m 1G ${S},size=x,foo=1`).stderr).toBe(`${S},size=x,foo=1: Parameter 'size' expects a size value`);
    expect(run('-M q35 -m 1G -object memory-backend-shm,size=1G').stderr).toBe("-object memory-backend-shm,size=1G: Parameter 'id' is missing");
    expect(run(`-M q35 -m 1G ${S},size=1G,mem-path=/tmp`).stderr).toBe(`${S},size=1G,mem-path=/tmp: Invalid parameter 'mem-path'`);
    // created in argument order with the other backends
    expect(run(`-M q35 -m 1G ${S},size=1G,share=off -object memory-backend-ram,id=r,size=0`).stderr).toBe("can't create shm backend with `share=off`");
    expect(run(`-M q35 -m 1G -object memory-backend-ram,id=r,size=0 ${S},size=0`).stderr).toBe("property 'size' of memory-backend-ram doesn't take value '0'");
  });
});
