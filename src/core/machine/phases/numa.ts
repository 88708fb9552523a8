/**
 * NUMA, as hw/core/numa.c and hw/core/machine.c do it: `parse_numa` for each -numa option in argument order,
 * then on the board `numa_complete_configuration` (the implicit node, node ids without gaps, node memory adding
 * up to -m), `validate_numa_distance`, and `machine_numa_finish_cpu_init` (each possible CPU's node).
 */
import type { DocOption, NumaCpuOption, NumaDistOption, NumaNodeOption } from '../../document/index.ts';
import { QEMU_MESSAGES as M, parseQemuSize, parseQemuUint } from '../../base/index.ts';
import type { CpuTopology, NumaNode, PossibleCpu } from '../results.ts';
import type { CpuIds } from '../cpu-topology.ts';
import type { MachineCompat } from '../machine-types.ts';
import type { Backend } from './backends.ts';
import type { MemoryConfig } from './memory-options.ts';
import { qemuWarning, reject, type Ctx, type Indexed } from './context.ts';

/** QEMU's MAX_NODES */
export const MAX_NODES = 128;
/** the distance of a node to itself (NUMA_DISTANCE_MIN) */
const LOCAL_DISTANCE = 10;

export interface NodeDef {
  id: number;
  memdev: string | null;
  size: bigint;
  index: number;
}

/** What the -numa options say. */
export interface NumaOptions {
  nodes: Map<number, NodeDef>;
  /** cpu index → node */
  cpuNode: Map<number, number>;
  /** src × MAX_NODES + dst → distance */
  distances: Map<number, number>;
}

export interface NumaParseEnv {
  compat: MachineCompat;
  topology: CpuTopology;
  possible: readonly CpuIds[];
  backends: Map<string, Backend>;
}

export function parseNumaOpts(ctx: Ctx, numa: readonly Indexed<DocOption>[], env: NumaParseEnv): NumaOptions {
  const state: NumaOptions = { nodes: new Map(), cpuNode: new Map(), distances: new Map() };
  let nextNodeId = 0;
  for (const { index, option } of numa) {
    if (option.kind === 'numa-node') nextNodeId = parseNumaNode(ctx, option, index, env, state, nextNodeId);
    else if (option.kind === 'numa-cpu') parseNumaCpu(ctx, option, index, env, state);
    else if (option.kind === 'numa-dist') parseNumaDist(ctx, option, index, state);
  }
  return state;
}

/** -numa node; returns the id the next node without nodeid= gets. */
function parseNumaNode(ctx: Ctx, o: NumaNodeOption, index: number, env: NumaParseEnv, state: NumaOptions, nextNodeId: number): number {
  for (const [k] of o.extra ?? []) reject(ctx, 'cmdline/invalid-parameter', M.invalidParameter(k), index, k);
  let id = nextNodeId;
  if (o.nodeid !== undefined) {
    const n = parseQemuUint(o.nodeid, 0xffffn);
    if (n === null) reject(ctx, 'numa/invalid', M.parameterExpectsType('nodeid', 'uint16_t'), index, 'nodeid');
    id = Number(n);
  }
  if (id >= MAX_NODES) reject(ctx, 'numa/invalid', M.numaTooManyNodes(id), index, 'nodeid');
  if (state.nodes.has(id)) reject(ctx, 'numa/invalid', M.numaDuplicateNodeid(id), index, 'nodeid');
  for (const spec of o.cpus ?? []) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
    if (!m) reject(ctx, 'numa/invalid', M.parameterExpectsType('cpus', 'uint16_t'), index, 'cpus');
    const first = Number(m[1]);
    const last = m[2] !== undefined ? Number(m[2]) : first;
    if (last < first) reject(ctx, 'numa/invalid', M.parameterExpectsType('cpus', 'uint16_t'), index, 'cpus');
    if (last >= env.topology.maxcpus) {
      reject(ctx, 'numa/invalid', M.numaCpuIndexTooBig(last, env.topology.maxcpus), index, 'cpus');
    }
    for (let c = first; c <= last; c++) state.cpuNode.set(c, id);
  }
  if (o.mem !== undefined && o.memdev !== undefined) reject(ctx, 'numa/invalid', M.numaMemAndMemdev(), index, 'mem');
  if (o.mem !== undefined && env.compat.numaMemUnsupported) reject(ctx, 'numa/invalid', M.numaMemUnsupported(), index, 'mem');
  let size = 0n;
  let memdev: string | null = null;
  if (o.mem !== undefined) {
    const s = parseQemuSize(/[0-9]$/.test(o.mem) ? o.mem + 'M' : o.mem);
    if (s === null) reject(ctx, 'numa/invalid', M.parameterExpectsSizeValue('mem'), index, 'mem');
    size = s;
  }
  if (o.memdev !== undefined) {
    const b = env.backends.get(o.memdev);
    if (!b) reject(ctx, 'numa/memdev', M.numaMemdevAmbiguous(o.memdev), index, 'memdev');
    size = b.size;
    memdev = o.memdev;
    b.usedBy = 'numa';
  }
  if (o.initiator !== undefined && parseQemuUint(o.initiator, 0xffffn) === null) {
    reject(ctx, 'numa/invalid', M.parameterExpectsType('initiator', 'uint16_t'), index, 'initiator');
  }
  state.nodes.set(id, { id, memdev, size, index });
  return Math.max(id + 1, nextNodeId, state.nodes.size);
}

/** -numa cpu: every possible CPU matching the given ids goes to the node. */
function parseNumaCpu(ctx: Ctx, o: NumaCpuOption, index: number, env: NumaParseEnv, state: NumaOptions): void {
  if (o.nodeId === undefined) reject(ctx, 'numa/invalid', M.parameterMissing('node-id'), index, 'nodeId');
  const nid = parseQemuUint(o.nodeId, 0xffffn);
  if (nid === null) reject(ctx, 'numa/invalid', M.parameterExpectsType('node-id', 'uint16_t'), index, 'nodeId');
  if (!state.nodes.has(Number(nid))) reject(ctx, 'numa/invalid', M.numaCpuNodeUndefined(nid), index, 'nodeId');
  const id = (t: string | undefined) => (t !== undefined ? Number(parseQemuUint(t) ?? -1n) : null);
  const socket = id(o.socketId);
  const die = id(o.dieId);
  const module = id(o.moduleId);
  const core = id(o.coreId);
  const thread = id(o.threadId);
  let matched = false;
  for (const c of env.possible) {
    if (socket !== null && c.socket !== socket) continue;
    if (die !== null && c.die !== die) continue;
    if (module !== null && c.module !== module) continue;
    if (core !== null && c.core !== core) continue;
    if (thread !== null && c.thread !== thread) continue;
    state.cpuNode.set(c.index, Number(nid));
    matched = true;
  }
  if (!matched) reject(ctx, 'numa/invalid', M.numaCpuNoMatch(), index);
}

/** -numa dist */
function parseNumaDist(ctx: Ctx, o: NumaDistOption, index: number, state: NumaOptions): void {
  for (const key of ['src', 'dst', 'val'] as const) {
    if (o[key] === undefined) reject(ctx, 'numa/invalid', M.parameterMissing(key), index, key);
  }
  const src = Number(parseQemuUint(o.src!, 0xffffn) ?? -1n);
  const dst = Number(parseQemuUint(o.dst!, 0xffffn) ?? -1n);
  const val = Number(parseQemuUint(o.val!, 0xffn) ?? -1n);
  if (src < 0 || dst < 0 || val < 0) reject(ctx, 'numa/invalid', M.numaDistanceInvalid(), index);
  if (src >= MAX_NODES || dst >= MAX_NODES) {
    reject(ctx, 'numa/invalid', M.parameterExpectsIntegerBelow(src >= MAX_NODES ? 'src' : 'dst', MAX_NODES), index);
  }
  if (!state.nodes.has(src) || !state.nodes.has(dst)) reject(ctx, 'numa/invalid', M.numaDistanceNodeMissing(), index);
  if (val < LOCAL_DISTANCE) reject(ctx, 'numa/invalid', M.numaDistanceBelow10(val), index, 'val');
  if (src === dst && val !== LOCAL_DISTANCE) reject(ctx, 'numa/invalid', M.numaLocalDistanceNot10(src), index, 'val');
  state.distances.set(src * MAX_NODES + dst, val);
}

/** The nodes the machine has: as -numa gave them, or one implicit node when memory hotplug asks for NUMA. */
export function numaCompleteConfiguration(ctx: Ctx, numa: NumaOptions, memory: MemoryConfig, compat: MachineCompat): NumaNode[] {
  const { ramSize, slots, maxram } = memory;
  let numNodes = numa.nodes.size;
  let implicit = false;
  if (numNodes === 0) {
    if ((slots > 0 && compat.autoNumaWithMemhp) || (maxram > ramSize && compat.autoNumaWithMemdev)) {
      implicit = true;
      numNodes = 1;
    }
  } else {
    for (let i = 0; i < numNodes; i++) {
      if (!numa.nodes.has(i)) reject(ctx, 'numa/invalid', M.numaNodeIdMissing(i), null);
    }
    let total = 0n;
    for (const n of numa.nodes.values()) total += n.size;
    if (total !== ramSize) reject(ctx, 'numa/size-mismatch', M.numaSizeMismatch(total, ramSize), null);
  }
  if (numa.distances.size > 0) validateNumaDistance(ctx, numa.distances, numNodes);
  const nodes: NumaNode[] = [];
  for (let i = 0; i < numNodes; i++) {
    const d = numa.nodes.get(i);
    nodes.push({ id: i, memdev: d?.memdev ?? null, size: implicit ? ramSize : (d?.size ?? 0n), cpus: [], implicit });
  }
  return nodes;
}

/** Every pair of nodes needs a distance in at least one direction; an asymmetric table needs all of them. */
function validateNumaDistance(ctx: Ctx, distances: Map<number, number>, numNodes: number): void {
  const dist = (a: number, b: number) => distances.get(a * MAX_NODES + b) ?? 0;
  let asymmetric = false;
  for (let a = 0; a < numNodes; a++) {
    for (let b = a; b < numNodes; b++) {
      if (dist(a, b) === 0 && dist(b, a) === 0 && a !== b) reject(ctx, 'numa/invalid', M.numaDistanceMissing(a, b), null);
      if (dist(a, b) !== 0 && dist(b, a) !== 0 && dist(a, b) !== dist(b, a)) asymmetric = true;
    }
  }
  if (asymmetric) {
    for (let a = 0; a < numNodes; a++) {
      if (dist(a, a) !== LOCAL_DISTANCE) reject(ctx, 'numa/invalid', M.numaDistanceAsymmetric(), null);
    }
  }
}

/**
 * Each possible CPU's node: as -numa said, else by socket when -numa said nothing about CPUs, else node 0 with
 * QEMU's warnings. Fills each node's `cpus`.
 */
export function numaFinishCpuInit(ctx: Ctx, nodes: NumaNode[], possible: readonly CpuIds[], cpuNode: Map<number, number>): PossibleCpu[] {
  const possibleCpus: PossibleCpu[] = possible.map((c) => ({
    index: c.index,
    apicId: c.apicId,
    socket: c.socket,
    die: c.die,
    module: c.module,
    core: c.core,
    thread: c.thread,
    node: 0,
  }));
  const numNodes = nodes.length;
  if (numNodes === 0) return possibleCpus;
  const anyMapped = cpuNode.size > 0;
  const unmapped: number[] = [];
  for (const c of possibleCpus) {
    const n = cpuNode.get(c.index);
    if (n !== undefined) c.node = n;
    else if (!anyMapped) c.node = c.socket % numNodes;
    else {
      c.node = 0;
      unmapped.push(c.index);
    }
    nodes[c.node]!.cpus.push(c.index);
  }
  if (unmapped.length) {
    const withModule = ctx.release.smpModules;
    qemuWarning(ctx, M.numaCpusNotPresent(unmapped.map((i) => M.numaCpuIds(possibleCpus[i]!, withModule))));
    qemuWarning(ctx, M.numaPartialCpuMapping());
  }
  return possibleCpus;
}
