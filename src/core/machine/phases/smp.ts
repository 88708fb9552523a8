/**
 * hw/core/machine-smp.c `machine_parse_smp_config`: the -smp values as the machine reads them, the topology
 * filled in (cpu-topology.ts) and checked against the machine's CPU limit.
 */
import type { SmpOption } from '../../document/index.ts';
import { QEMU_MESSAGES as M, parseQemuUint } from '../../base/index.ts';
import type { CpuTopology } from '../results.ts';
import { computeTopology } from '../cpu-topology.ts';
import type { MachineConfig } from './machine-options.ts';
import { qemuWarning, reject, type Ctx, type Indexed } from './context.ts';

const SMP_KEYS = ['cpus', 'maxcpus', 'sockets', 'dies', 'modules', 'cores', 'threads'] as const;

export function machineParseSmpConfig(ctx: Ctx, smp: Indexed<SmpOption> | undefined, machine: MachineConfig): CpuTopology {
  const { release } = ctx;
  const num = (key: keyof SmpOption): number => {
    const t = smp?.option[key];
    return typeof t === 'string' ? Number(parseQemuUint(t) ?? 0n) : 0;
  };
  if (smp) {
    if (!release.smpModules && smp.option.modules !== undefined) {
      reject(ctx, 'cmdline/invalid-parameter', M.parameterUnexpected('smp.modules'), null, 'modules');
    }
    if (SMP_KEYS.some((k) => smp.option[k] !== undefined && num(k) === 0)) {
      // 7.2 still reads a zero as "not given", with a deprecation warning
      if (release.smpZero === 'warning') qemuWarning(ctx, M.smpZeroDeprecated());
      else reject(ctx, 'smp/invalid', M.smpZeroInvalid(), null);
    }
  }
  const maxCpus = release.maxCpus[machine.compat.family];
  const topo = computeTopology(
    {
      cpus: num('cpus'),
      maxcpus: num('maxcpus'),
      sockets: num('sockets'),
      dies: num('dies'),
      modules: num('modules'),
      cores: num('cores'),
      threads: num('threads'),
    },
    machine.compat.smpPreferCores,
    maxCpus,
    machine.name,
    ctx.version,
  );
  if (!topo.ok) reject(ctx, 'smp/invalid', topo.message, null);
  return topo.topology;
}
