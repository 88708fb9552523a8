/**
 * The NUMA checks QEMU makes, in its order. Every expected text is what real QEMU 7.2.22 and 11.1.3 printed for
 * the same arguments (`-S -display none -nodefaults`; the differential cases `opt-numa-*` run them again).
 */
import { describe, expect, it } from 'vitest';
import { runCmdline } from '../../../test-support/run-cmdline.ts';
import type { QemuVersion } from '../index.ts';

const run = runCmdline;

const both: QemuVersion[] = ['7.2', '11.1'];
const R2 = '-M q35 -m 1G -object memory-backend-ram,id=r0,size=512M -object memory-backend-ram,id=r1,size=512M';

describe('-numa as QEMU checks it', () => {
  it.each(both)('a CPU in two nodes (%s)', (v) => {
    expect(run(`${R2} -smp 2 -numa node,memdev=r0,cpus=0-1 -numa node,memdev=r1,cpus=1`, v).stderr).toBe(
      '-numa node,memdev=r1,cpus=1: CPU is already assigned to node-id: 0',
    );
    expect(run(`${R2} -smp 2,sockets=2 -numa node,memdev=r0,cpus=0 -numa node,memdev=r1 -numa cpu,node-id=1,socket-id=0`, v).stderr).toBe(
      '-numa cpu,node-id=1,socket-id=0: CPU is already assigned to node-id: 0',
    );
  });
  it.each(both)('two nodes on one memdev (%s)', (v) => {
    expect(run('-M q35 -m 1G -object memory-backend-ram,id=r0,size=512M -numa node,memdev=r0 -numa node,memdev=r0', v).stderr).toBe(
      "memory backend r0 can't be used multiple times.",
    );
  });
  it.each(both)('a node without nodeid= takes the number of nodes so far; the highest missing id is named (%s)', (v) => {
    expect(run(`${R2} -numa node,nodeid=1,memdev=r0 -numa node,memdev=r1`, v).stderr).toBe('-numa node,memdev=r1: Duplicate NUMA nodeid: 1');
    // nodes 3 and 1: 2 and 0 are missing, 2 is reported
    expect(run(`${R2} -numa node,nodeid=3,memdev=r0 -numa node,memdev=r1`, v).stderr).toBe('numa: Node ID missing: 2');
  });
  it.each(both)('cpus= as the opts visitor reads it (%s)', (v) => {
    const err = (c: string) => run(`${R2} -smp 2 -numa node,memdev=r0,cpus=${c} -numa node,memdev=r1`, v).stderr;
    const at = (c: string) => `-numa node,memdev=r0,cpus=${c}: `;
    // 0x1 is CPU 1; 0-0x1 both
    expect(run(`${R2} -smp 2 -numa node,memdev=r0,cpus=0x1 -numa node,memdev=r1,cpus=0`, v).r.layout!.possibleCpus.map((c) => c.node)).toEqual([1, 0]);
    expect(err('0-0x1')).toBeNull();
    // 010 is octal: CPU 8
    expect(err('010')).toBe(`${at('010')}CPU index (8) should be smaller than maxcpus (2)`);
    for (const c of ['abc', '1-0', '-1', '1-', '0-70000']) expect(err(c)).toBe(`${at(c)}Parameter 'cpus' expects a uint64 value or range`);
    expect(err('70000')).toBe(`${at('70000')}Parameter 'null' expects uint16_t`);
    expect(err('65535')).toBe(`${at('65535')}CPU index (65535) should be smaller than maxcpus (2)`);
  });
  it.each(both)('-m 0 is the default 128 MiB (%s)', (v) => {
    expect(run('-M q35 -m 0', v).r.layout!.ram.ramSize).toBe(128n * 1024n * 1024n);
    expect(run('-M q35 -m 0 -numa node', v).stderr).toBe('total memory for NUMA nodes (0x0) should equal RAM size (0x8000000)');
  });
});
