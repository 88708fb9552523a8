/**
 * NUMA, as hw/core/numa.c and hw/core/machine.c do it: `parse_numa` for each -numa option in argument order
 * (node, cpu, dist, hmat-lb, hmat-cache: phases/hmat.ts), then on the board `numa_complete_configuration` (the
 * implicit node, node ids without gaps, node memory adding up to -m), `validate_numa_distance` and
 * `complete_init_numa_distance` (the SLIT's matrix), and `machine_numa_finish_cpu_init` (each possible CPU's
 * node, then `numa_validate_initiator` with hmat=on).
 */
import type { DocOption, NumaCpuOption, NumaDistOption, NumaNodeOption } from '../../document/index.ts';
import { completeSlitDistances, type NumaDistance } from '../../tables/index.ts';
import { hmatCpuMapped, hmatValidateInitiators, newHmatState, parseHmatCache, parseHmatLb, type HmatState } from './hmat.ts';
import { readGenericObjects, type GenericObject } from './generic-affinity.ts';
import { QEMU_MESSAGES as M, parseQemuSize, parseQemuUint } from '../../base/index.ts';
import type { CpuTopology, NumaNode, PossibleCpu } from '../results.ts';
import type { CpuIds } from '../cpu-topology.ts';
import type { MachineCompat } from '../machine-types.ts';
import { shmBackendsOf, type Backend } from './backends.ts';
import { checkMachineMemdev, resolveMachineMemdev, type MemoryConfig } from './memory-options.ts';
import { machineConfigOf } from './machine-options.ts';
import { parseBool, qemuWarning, reject, type Ctx, type Indexed } from './context.ts';

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
  /** the -numa dist options in argument order (a later one for the same pair wins) */
  distanceList: NumaDistance[];
  /** the completed distance matrix when some -numa dist was given (QEMU then builds a SLIT); set on the board */
  slit: number[][] | null;
  /** -machine hmat= and what the -numa hmat options and the CPUs set */
  hmat: HmatState;
  /** -object acpi-generic-initiator / acpi-generic-port */
  generic: GenericObject[];
  /** some node gave mem= (numa_uses_legacy_mem) */
  legacyMem?: boolean;
}

export interface NumaParseEnv {
  compat: MachineCompat;
  topology: CpuTopology;
  possible: readonly CpuIds[];
  backends: Map<string, Backend>;
}

/** What parseNumaOpts read in a run: the board's CPU mapping and the ACPI tables read it back. */
const NUMA_OF = new WeakMap<Ctx, NumaOptions>();

export function numaOptionsOf(ctx: Ctx): NumaOptions | undefined {
  return NUMA_OF.get(ctx);
}

/** -machine hmat= of the last -machine (checked as its setter reads it). */
function hmatEnabled(ctx: Ctx): boolean {
  let text: string | undefined;
  for (const o of ctx.doc.options) if (o.kind === 'machine' && o.hmat !== undefined) text = o.hmat;
  if (text === undefined) return false;
  const b = parseBool(text);
  if (b === null) reject(ctx, 'machine/property', M.parameterExpectsBool('hmat'), null, 'hmat');
  return b;
}

/**
 * The -numa options in argument order. `numa` is the group read-options sorted out (node, cpu, dist); the hmat
 * options are taken from the document in their place among them. The generic affinity objects are read first:
 * QEMU creates them with the late backends, before -numa.
 */
export function parseNumaOpts(ctx: Ctx, numa: readonly Indexed<DocOption>[], env: NumaParseEnv): NumaOptions {
  // vl.c runs qemu_resolve_machine_memdev right before parse_numa_opts
  resolveMachineMemdev(ctx, env.backends);
  const hmat = newHmatState(hmatEnabled(ctx));
  const generic = readGenericObjects(ctx);
  for (const g of generic) if (g.qomType === 'acpi-generic-initiator') hmat.hasGi.add(g.node);
  const state: NumaOptions = { nodes: new Map(), cpuNode: new Map(), distances: new Map(), distanceList: [], slit: null, hmat, generic };
  NUMA_OF.set(ctx, state);
  const all: Indexed<DocOption>[] = [...numa];
  ctx.doc.options.forEach((option, index) => {
    if (option.kind === 'numa-hmat-lb' || option.kind === 'numa-hmat-cache') all.push({ index, option });
  });
  if (all.length > numa.length) all.sort((a, b) => a.index - b.index);
  const declared = new Set<number>();
  let nextNodeId = 0;
  for (const { index, option } of all) {
    if (option.kind === 'numa-node') {
      nextNodeId = parseNumaNode(ctx, option, index, env, state, nextNodeId);
      declared.add([...state.nodes.values()].find((n) => n.index === index)!.id);
    } else if (option.kind === 'numa-cpu') parseNumaCpu(ctx, option, index, env, state);
    else if (option.kind === 'numa-dist') parseNumaDist(ctx, option, index, state);
    else if (option.kind === 'numa-hmat-lb') parseHmatLb(ctx, option, index, declared, hmat);
    else if (option.kind === 'numa-hmat-cache') parseHmatCache(ctx, option, index, declared, hmat);
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
  // the opts visitor reads every cpus= value (a number or a range, base 0) as a uint16 list first
  const values: number[] = [];
  for (const spec of o.cpus ?? []) {
    const range = parseCpuRange(spec);
    if (!range) reject(ctx, 'numa/invalid', M.parameterExpectsType('cpus', 'a uint64 value or range'), index, 'cpus');
    for (let c = range[0]; c <= range[1]; c++) {
      if (c > 0xffff) reject(ctx, 'numa/invalid', M.parameterExpectsType('null', 'uint16_t'), index, 'cpus');
      values.push(c);
    }
  }
  // then each in turn: an index the machine has, a CPU no other node has
  for (const c of values) {
    if (c >= env.topology.maxcpus) reject(ctx, 'numa/invalid', M.numaCpuIndexTooBig(c, env.topology.maxcpus), index, 'cpus');
    const prev = state.cpuNode.get(c);
    if (prev !== undefined && prev !== id) reject(ctx, 'numa/invalid', M.numaCpuAlreadyAssigned(prev), index, 'cpus');
    state.cpuNode.set(c, id);
    hmatCpuMapped(ctx, state.hmat, id, index);
  }
  if (o.mem !== undefined && o.memdev !== undefined) reject(ctx, 'numa/invalid', M.numaMemAndMemdev(), index, 'mem');
  if (o.mem !== undefined && env.compat.numaMemUnsupported) reject(ctx, 'numa/invalid', M.numaMemUnsupported(), index, 'mem');
  if (o.mem !== undefined) qemuWarning(ctx, M.numaMemDeprecated(), index, 'mem');
  let size = 0n;
  let memdev: string | null = null;
  if (o.mem !== undefined) {
    const s = parseQemuSize(/[0-9]$/.test(o.mem) ? o.mem + 'M' : o.mem);
    if (s === null) reject(ctx, 'numa/invalid', M.parameterExpectsSizeValue('mem'), index, 'mem');
    size = s;
    state.legacyMem = true;
  }
  if (o.memdev !== undefined) {
    const b = env.backends.get(o.memdev);
    if (!b && shmBackendsOf(ctx).some((s) => s.id === o.memdev)) {
      reject(ctx, 'cmdline/unsupported', `The designer does not yet map a memory-backend-shm ('${o.memdev}') as a NUMA node's memory.`, index, 'memdev');
    }
    if (!b) reject(ctx, 'numa/memdev', M.numaMemdevAmbiguous(o.memdev), index, 'memdev');
    size = b.size;
    memdev = o.memdev;
    b.usedBy = 'numa';
  }
  if (o.initiator !== undefined && parseQemuUint(o.initiator, 0xffffn) === null) {
    reject(ctx, 'numa/invalid', M.parameterExpectsType('initiator', 'uint16_t'), index, 'initiator');
  }
  state.nodes.set(id, { id, memdev, size, index });
  if (o.initiator !== undefined) {
    if (!state.hmat.enabled) reject(ctx, 'numa/invalid', M.hmatDisabled(), index, 'initiator');
    state.hmat.initiator.set(id, Number(parseQemuUint(o.initiator, 0xffffn)));
  }
  // a node without nodeid= takes the number of nodes so far (num_nodes), whatever ids they have
  return state.nodes.size;
}

/** OPTS_VISITOR_RANGE_MAX: the most values one range may stand for */
const RANGE_MAX = 65536;

/**
 * The opts visitor's unsigned value or range (`N` or `A-B`, each base 0 as strtoull reads it, A <= B, fewer than
 * 65536 values); null when it is neither.
 */
function parseCpuRange(spec: string): [number, number] | null {
  const m = /^\s*(0[xX][0-9a-fA-F]+|[1-9][0-9]*|0[0-7]*)(?:-\s*(0[xX][0-9a-fA-F]+|[1-9][0-9]*|0[0-7]*))?$/.exec(spec);
  if (!m) return null;
  const num = (t: string): bigint => (/^0[0-7]+$/.test(t) ? BigInt('0o' + t.slice(1)) : BigInt(t));
  const a = num(m[1]!);
  const b = m[2] !== undefined ? num(m[2]) : a;
  if (a > 0xffffffffffffffffn || b > 0xffffffffffffffffn || b < a || b - a >= BigInt(RANGE_MAX)) return null;
  // beyond uint16 the first value out of range is refused anyway
  return [Number(a > 0x10000n ? 0x10000n : a), Number(b > a + 0x10000n ? a + 0x10000n : b)];
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
    const prev = state.cpuNode.get(c.index);
    if (prev !== undefined && prev !== Number(nid)) reject(ctx, 'numa/invalid', M.numaCpuAlreadyAssigned(prev), index);
    if (!matched) hmatCpuMapped(ctx, state.hmat, Number(nid), index);
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
  // the QAPI visit: src and dst are uint16, val uint8
  const read = (key: 'src' | 'dst' | 'val', max: bigint, type: string) => {
    const text = o[key]!;
    if (parseQemuUint(text) === null) reject(ctx, 'numa/invalid', M.numaDistanceInvalid(), index, key);
    const v = parseQemuUint(text, max);
    if (v === null) reject(ctx, 'numa/invalid', M.parameterExpectsType(key, type), index, key);
    return Number(v);
  };
  const src = read('src', 0xffffn, 'uint16_t');
  const dst = read('dst', 0xffffn, 'uint16_t');
  const val = read('val', 0xffn, 'uint8_t');
  if (src >= MAX_NODES || dst >= MAX_NODES) {
    const key = src >= MAX_NODES ? 'src' : 'dst';
    reject(ctx, 'numa/invalid', M.parameterExpectsIntegerBetween(key, 0, MAX_NODES - 1), index, key);
  }
  if (!state.nodes.has(src) || !state.nodes.has(dst)) reject(ctx, 'numa/invalid', M.numaDistanceNodeMissing(), index);
  if (val < LOCAL_DISTANCE) reject(ctx, 'numa/invalid', M.numaDistanceBelow10(val), index, 'val');
  if (src === dst && val !== LOCAL_DISTANCE) reject(ctx, 'numa/invalid', M.numaLocalDistanceNot10(src), index, 'val');
  state.distances.set(src * MAX_NODES + dst, val);
  state.distanceList.push({ src, dst, val });
}

/** The nodes the machine has: as -numa gave them, or one implicit node when memory hotplug asks for NUMA. */
export function numaCompleteConfiguration(ctx: Ctx, numa: NumaOptions, memory: MemoryConfig, compat: MachineCompat): NumaNode[] {
  checkMachineMemdev(ctx, memory);
  const { ramSize, slots, maxram } = memory;
  let numNodes = numa.nodes.size;
  let implicit = false;
  if (numNodes === 0) {
    if ((slots > 0 && compat.autoNumaWithMemhp) || (maxram > ramSize && compat.autoNumaWithMemdev)) {
      implicit = true;
      numNodes = 1;
    }
  } else {
    // the highest missing id first (QEMU: "to make mistakes easier to spot")
    let maxId = 0;
    for (const n of numa.nodes.keys()) if (n + 1 > maxId) maxId = n + 1;
    for (let i = maxId - 1; i >= 0; i--) {
      if (!numa.nodes.has(i)) reject(ctx, 'numa/invalid', M.numaNodeIdMissing(i), null);
    }
    let total = 0n;
    for (const n of numa.nodes.values()) total += n.size;
    if (total !== ramSize) reject(ctx, 'numa/size-mismatch', M.numaSizeMismatch(total, ramSize), null);
    if (!numa.legacyMem && machineConfigOf(ctx)?.ramMemdev !== undefined) reject(ctx, 'numa/memdev', M.machineMemdevWithNumaMemdev(), null);
    // numa_init_memdev_container: each node's backend mapped once, in node order
    const mapped = new Set<string>();
    for (let i = 0; i < numNodes; i++) {
      const memdev = numa.nodes.get(i)?.memdev;
      if (!memdev) continue;
      if (mapped.has(memdev)) reject(ctx, 'numa/memdev', M.numaMemdevUsedTwice(memdev), null);
      mapped.add(memdev);
    }
  }
  if (numa.distanceList.length > 0) {
    // validate_numa_distance, complete_init_numa_distance
    const r = completeSlitDistances(numNodes, numa.distanceList);
    if ('error' in r) reject(ctx, 'numa/invalid', r.error, null);
    numa.slit = r.matrix;
  }
  const nodes: NumaNode[] = [];
  for (let i = 0; i < numNodes; i++) {
    const d = numa.nodes.get(i);
    nodes.push({ id: i, memdev: d?.memdev ?? null, size: implicit ? ramSize : (d?.size ?? 0n), cpus: [], implicit });
  }
  return nodes;
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
  const numa = NUMA_OF.get(ctx);
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
    if (n === undefined && numa) hmatCpuMapped(ctx, numa.hmat, c.node, null);
  }
  if (numa) hmatValidateInitiators(ctx, numa.hmat, numNodes, (i) => numa.nodes.has(i));
  if (unmapped.length) {
    const withModule = ctx.release.smpModules;
    qemuWarning(ctx, M.numaCpusNotPresent(unmapped.map((i) => M.numaCpuIds(possibleCpus[i]!, withModule))));
    qemuWarning(ctx, M.numaPartialCpuMapping());
  }
  return possibleCpus;
}
