/**
 * `-smp` and the possible CPUs: QEMU's topology filling (hw/core/machine-smp.c) and x86 APIC IDs
 * (include/hw/i386/topology.h: fields packed low to high as thread, core, module, die, package, each
 * ceil(log2(count)) bits wide). shared/docs/qemu-memory.md §4.5.
 */
import { QEMU_MESSAGES as M } from '../base/index.ts';
import type { CpuTopology, QemuVersion } from './results.ts';
import { QEMU_RELEASES } from './qemu-versions.ts';

/** The -smp values as given; 0 means "not given". */
export type SmpInput = CpuTopology;

export type TopologyResult = { ok: true; topology: CpuTopology } | { ok: false; message: string };

/** The topology as QEMU's messages spell it (`sockets (2) * dies (1) * ...`). */
export function hierarchyText(t: CpuTopology, qemuVersion: QemuVersion): string {
  return M.smpHierarchy({ ...t, modules: QEMU_RELEASES[qemuVersion].smpModules ? t.modules : null });
}

/** Fill in the missing -smp values as QEMU does; 0 means "not given". */
export function computeTopology(
  input: SmpInput,
  preferCores: boolean,
  maxCpusOfMachine: number,
  machineName: string,
  qemuVersion: QemuVersion,
): TopologyResult {
  let { cpus, maxcpus, sockets, cores, threads } = input;
  const dies = input.dies || 1;
  const modules = input.modules || 1;
  if (cpus === 0 && maxcpus === 0) {
    sockets ||= 1;
    cores ||= 1;
    threads ||= 1;
  } else {
    maxcpus ||= cpus;
    if (!preferCores) {
      if (sockets === 0) {
        cores ||= 1;
        threads ||= 1;
        sockets = Math.floor(maxcpus / (dies * modules * cores * threads));
      } else if (cores === 0) {
        threads ||= 1;
        cores = Math.floor(maxcpus / (sockets * dies * modules * threads));
      }
    } else if (cores === 0) {
      sockets ||= 1;
      threads ||= 1;
      cores = Math.floor(maxcpus / (sockets * dies * modules * threads));
    } else if (sockets === 0) {
      threads ||= 1;
      sockets = Math.floor(maxcpus / (dies * modules * cores * threads));
    }
    if (threads === 0) threads = Math.floor(maxcpus / (sockets * dies * modules * cores));
  }
  const total = sockets * dies * modules * cores * threads;
  maxcpus ||= total;
  cpus ||= maxcpus;
  const topology: CpuTopology = { cpus, maxcpus, sockets, dies, modules, cores, threads };
  if (total !== maxcpus) {
    return { ok: false, message: M.smpProductMismatch(hierarchyText(topology, qemuVersion), maxcpus) };
  }
  if (maxcpus < cpus) {
    return { ok: false, message: M.smpMaxcpusBelowCpus(hierarchyText(topology, qemuVersion), maxcpus, cpus) };
  }
  if (maxcpus > maxCpusOfMachine) {
    return { ok: false, message: M.smpTooManyCpus(maxcpus, machineName, maxCpusOfMachine) };
  }
  return { ok: true, topology };
}

/** Bits needed for `count` values (0 when count is 1). */
export function bitWidth(count: number): number {
  let w = 0;
  while (1 << w < count) w++;
  return w;
}

export interface CpuIds {
  index: number;
  apicId: number;
  socket: number;
  die: number;
  module: number;
  core: number;
  thread: number;
}

export function possibleCpuIds(t: CpuTopology): CpuIds[] {
  const wt = bitWidth(t.threads);
  const wc = bitWidth(t.cores);
  const wm = bitWidth(t.modules);
  const wd = bitWidth(t.dies);
  const out: CpuIds[] = [];
  for (let i = 0; i < t.maxcpus; i++) {
    const thread = i % t.threads;
    const core = Math.floor(i / t.threads) % t.cores;
    const module = Math.floor(i / (t.threads * t.cores)) % t.modules;
    const die = Math.floor(i / (t.threads * t.cores * t.modules)) % t.dies;
    const socket = Math.floor(i / (t.threads * t.cores * t.modules * t.dies));
    const apicId =
      thread + core * 2 ** wt + module * 2 ** (wt + wc) + die * 2 ** (wt + wc + wm) + socket * 2 ** (wt + wc + wm + wd);
    out.push({ index: i, apicId, socket, die, module, core, thread });
  }
  return out;
}
