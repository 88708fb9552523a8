/**
 * For tests: the largest design the designer handles — QEMU's 128 NUMA nodes (MAX_NODES), every one of the 256
 * DIMM slots (ACPI_MAX_RAM_SLOTS) taken, and sp-mem devices up to MAX_OPTIONS options in all — as QEMU
 * arguments (QEMU accepts it).
 */
import { MAX_OPTIONS } from '../core/io/index.ts';
import { MAX_NODES, MAX_RAM_SLOTS } from '../core/machine/index.ts';

export function bigDesignArgs(opts: { nodes?: number; dimms?: number; options?: number } = {}): string[] {
  const nodes = opts.nodes ?? MAX_NODES;
  const dimms = opts.dimms ?? MAX_RAM_SLOTS;
  const total = opts.options ?? MAX_OPTIONS;
  const fixed = 3 + 2 * nodes + 2 * dimms;
  const spm = Math.max(0, Math.floor((total - fixed) / 2));
  // 256 MiB of RAM per node, 128 MiB DIMMs, 2 MiB sp-mem: within phys-bits 40 with QEMU's 1 GiB per slot
  const maxmemMiB = nodes * 256 + dimms * 128 + spm * 2 + 1024;
  const a: string[] = ['-machine', 'q35', '-smp', String(nodes), '-m', `${nodes * 256}M,slots=${dimms},maxmem=${maxmemMiB}M`];
  for (let i = 0; i < nodes; i++) a.push('-object', `memory-backend-ram,id=ram${i},size=256M`, '-numa', `node,nodeid=${i},memdev=ram${i},cpus=${i}`);
  for (let i = 0; i < dimms; i++) a.push('-object', `memory-backend-ram,id=dm${i},size=128M`, '-device', `pc-dimm,id=dimm${i},memdev=dm${i},node=${i % nodes}`);
  for (let i = 0; i < spm; i++) a.push('-object', `memory-backend-ram,id=spm${i},size=2M`, '-device', `sp-mem,id=hbm${i},memdev=spm${i},node=${i % nodes}`);
  return a;
}
