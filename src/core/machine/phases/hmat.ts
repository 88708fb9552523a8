/**
 * The HMAT options as hw/core/numa.c reads them: `parse_numa` of `-numa hmat-lb` (QAPI NumaHmatLBOptions, then
 * parse_numa_hmat_lb) and `-numa hmat-cache` (NumaHmatCacheOptions, parse_numa_hmat_cache), in argument order
 * among the other -numa options; `machine_set_cpu_numa_node`'s initiator check; `numa_validate_initiator`.
 */
import type { NumaHmatCacheOption, NumaHmatLbOption } from '../../document/index.ts';
import { QEMU_MESSAGES as M, parseQemuSize, parseQemuUint } from '../../base/index.ts';
import {
  HMAT_CACHE_ASSOCIATIVITIES,
  HMAT_CACHE_POLICIES,
  HMAT_DATA_TYPES,
  HMAT_HIERARCHIES,
  hmatLbUnits,
  type HmatCacheAssociativity,
  type HmatCacheOption,
  type HmatCachePolicy,
  type HmatDataType,
  type HmatHierarchy,
  type HmatLbOption,
} from '../../tables/index.ts';
import { reject, type Ctx } from './context.ts';

/** What QEMU's NumaState holds for the HMAT while it reads the options. */
export interface HmatState {
  enabled: boolean;
  /** node → `initiator=` (QEMU: MAX_NODES when not given), updated by CPUs mapped with hmat=on */
  initiator: Map<number, number>;
  /** nodes with a CPU mapped to them (only recorded with hmat=on, as QEMU does) */
  hasCpu: Set<number>;
  /** nodes named by an acpi-generic-initiator */
  hasGi: Set<number>;
  /** node → bit 0 latency, bit 1 bandwidth given as target */
  lbProvided: Map<number, number>;
  /** the accepted hmat-lb options in argument order */
  lb: HmatLbOption[];
  /** the accepted hmat-cache options: node × 4 + level */
  caches: Map<number, HmatCacheOption>;
}

export function newHmatState(enabled: boolean): HmatState {
  return { enabled, initiator: new Map(), hasCpu: new Set(), hasGi: new Set(), lbProvided: new Map(), lb: [], caches: new Map() };
}

const isLatency = (t: HmatDataType) => t.endsWith('latency');

function uint(ctx: Ctx, text: string | undefined, key: string, max: bigint, type: string, index: number, field: string): number | null {
  if (text === undefined) return null;
  const v = parseQemuUint(text, max);
  if (v === null) reject(ctx, 'numa/invalid', M.parameterExpectsType(key, type), index, field);
  return Number(v);
}

function required<T>(ctx: Ctx, v: T | null | undefined, key: string, index: number, field: string): T {
  if (v === null || v === undefined) reject(ctx, 'numa/invalid', M.parameterMissing(key), index, field);
  return v;
}

function oneOf<T extends string>(ctx: Ctx, text: string | undefined, key: string, values: readonly T[], index: number, field: string): T | null {
  if (text === undefined) return null;
  if (!(values as readonly string[]).includes(text)) reject(ctx, 'numa/invalid', M.parameterValueNotAccepted(key, text), index, field);
  return text as T;
}

/**
 * `-numa hmat-lb`; `nodes` are the nodes declared so far (QEMU's num_nodes counts them, `present` marks them).
 */
export function parseHmatLb(ctx: Ctx, o: NumaHmatLbOption, index: number, nodes: ReadonlySet<number>, hmat: HmatState): void {
  for (const [k] of o.extra ?? []) reject(ctx, 'cmdline/invalid-parameter', M.invalidParameter(k), index, k);
  // the QAPI visit, in the order of the struct's members
  const initiator = required(ctx, uint(ctx, o.initiator, 'initiator', 0xffffn, 'uint16_t', index, 'initiator'), 'initiator', index, 'initiator');
  const target = required(ctx, uint(ctx, o.target, 'target', 0xffffn, 'uint16_t', index, 'target'), 'target', index, 'target');
  const hierarchy = required(ctx, oneOf<HmatHierarchy>(ctx, o.hierarchy, 'hierarchy', HMAT_HIERARCHIES, index, 'hierarchy'), 'hierarchy', index, 'hierarchy');
  const dataType = required(ctx, oneOf<HmatDataType>(ctx, o.dataType, 'data-type', HMAT_DATA_TYPES, index, 'dataType'), 'data-type', index, 'dataType');
  let latency: bigint | null = null;
  if (o.latency !== undefined) {
    latency = parseQemuUint(o.latency);
    if (latency === null) reject(ctx, 'numa/invalid', M.parameterExpectsType('latency', 'uint64_t'), index, 'latency');
  }
  let bandwidth: bigint | null = null;
  if (o.bandwidth !== undefined) {
    bandwidth = parseQemuSize(o.bandwidth);
    if (bandwidth === null) reject(ctx, 'numa/invalid', M.parameterExpectsSizeValue('bandwidth'), index, 'bandwidth');
  }
  if (!hmat.enabled) reject(ctx, 'numa/invalid', M.hmatDisabled(), index);
  // parse_numa_hmat_lb
  const numNodes = nodes.size;
  if (initiator > numNodes) reject(ctx, 'numa/invalid', M.hmatLbInitiatorBeyond(initiator, numNodes), index, 'initiator');
  if (target > numNodes) reject(ctx, 'numa/invalid', M.hmatLbTargetBeyond(target, numNodes), index, 'target');
  if (!hmat.hasCpu.has(initiator) && !hmat.hasGi.has(initiator)) reject(ctx, 'numa/invalid', M.hmatLbNotInitiator(initiator), index, 'initiator');
  if (!nodes.has(target)) reject(ctx, 'numa/invalid', M.hmatLbTargetMissing(target), index, 'target');
  let value: bigint;
  if (isLatency(dataType)) {
    if (latency === null) reject(ctx, 'numa/invalid', M.hmatLbMissingValue('latency'), index, 'latency');
    if (bandwidth !== null) reject(ctx, 'numa/invalid', M.hmatLbWrongValue('bandwidth', 'latency'), index, 'bandwidth');
    value = latency;
  } else {
    if (bandwidth === null) reject(ctx, 'numa/invalid', M.hmatLbMissingValue('bandwidth'), index, 'bandwidth');
    if (latency !== null) reject(ctx, 'numa/invalid', M.hmatLbWrongValue('latency', 'bandwidth'), index, 'latency');
    value = bandwidth;
  }
  const opt: HmatLbOption = { initiator, target, hierarchy, dataType, value };
  const { error } = hmatLbUnits([...hmat.lb, opt]);
  if (error) reject(ctx, 'numa/invalid', error.message, index, isLatency(dataType) ? 'latency' : 'bandwidth');
  hmat.lb.push(opt);
  hmat.lbProvided.set(target, (hmat.lbProvided.get(target) ?? 0) | (isLatency(dataType) ? 1 : 2));
}

/** `-numa hmat-cache`. */
export function parseHmatCache(ctx: Ctx, o: NumaHmatCacheOption, index: number, nodes: ReadonlySet<number>, hmat: HmatState): void {
  for (const [k] of o.extra ?? []) reject(ctx, 'cmdline/invalid-parameter', M.invalidParameter(k), index, k);
  const node = required(ctx, uint(ctx, o.nodeId, 'node-id', 0xffff_ffffn, 'uint32_t', index, 'nodeId'), 'node-id', index, 'nodeId');
  let size: bigint | null = null;
  if (o.size !== undefined) {
    size = parseQemuSize(o.size);
    if (size === null) reject(ctx, 'numa/invalid', M.parameterExpectsSizeValue('size'), index, 'size');
  }
  size = required(ctx, size, 'size', index, 'size');
  const level = required(ctx, uint(ctx, o.level, 'level', 0xffn, 'uint8_t', index, 'level'), 'level', index, 'level');
  const associativity = required(
    ctx,
    oneOf<HmatCacheAssociativity>(ctx, o.associativity, 'associativity', HMAT_CACHE_ASSOCIATIVITIES, index, 'associativity'),
    'associativity',
    index,
    'associativity',
  );
  const policy = required(ctx, oneOf<HmatCachePolicy>(ctx, o.policy, 'policy', HMAT_CACHE_POLICIES, index, 'policy'), 'policy', index, 'policy');
  const line = required(ctx, uint(ctx, o.line, 'line', 0xffffn, 'uint16_t', index, 'line'), 'line', index, 'line');
  if (!hmat.enabled) reject(ctx, 'numa/invalid', M.hmatDisabled(), index);
  // parse_numa_hmat_cache
  const numNodes = nodes.size;
  if (node >= numNodes) reject(ctx, 'numa/invalid', M.hmatCacheNodeBeyond(node, numNodes), index, 'nodeId');
  if (hmat.lbProvided.get(node) !== 3) reject(ctx, 'numa/invalid', M.hmatCacheBeforeLb(node), index, 'nodeId');
  if (level < 1 || level > 3) reject(ctx, 'numa/invalid', M.hmatCacheLevelInvalid(level), index, 'level');
  const at = (l: number) => hmat.caches.get(node * 4 + l);
  if (at(level)) reject(ctx, 'numa/invalid', M.hmatCacheDuplicate(node, level), index, 'level');
  const below = level > 1 ? at(level - 1) : undefined;
  if (level > 1 && !below) reject(ctx, 'numa/invalid', M.hmatCacheLevelGap(level - 1), index, 'level');
  if (below && size <= below.size) reject(ctx, 'numa/invalid', M.hmatCacheSizeNotLarger(size, level, below.size), index, 'size');
  const above = level < 3 ? at(level + 1) : undefined;
  if (above && size >= above.size) reject(ctx, 'numa/invalid', M.hmatCacheSizeNotSmaller(size, level, above.size), index, 'size');
  hmat.caches.set(node * 4 + level, { node, size, level: level as 1 | 2 | 3, associativity, policy, line });
}

/**
 * machine_set_cpu_numa_node's HMAT part, for a CPU mapped to `node`: the node's initiator must be itself; the node
 * then has a CPU and is its own initiator. `index`: the option that mapped it (null: the default mapping).
 */
export function hmatCpuMapped(ctx: Ctx, hmat: HmatState, node: number, index: number | null): void {
  if (!hmat.enabled) return;
  const initiator = hmat.initiator.get(node);
  if (initiator !== undefined && initiator !== node) reject(ctx, 'numa/invalid', M.hmatCpuNodeInitiator(node, initiator), index);
  hmat.hasCpu.add(node);
  hmat.initiator.set(node, node);
}

/** numa_validate_initiator (hmat=on): each `initiator=` names a declared node with CPUs. */
export function hmatValidateInitiators(ctx: Ctx, hmat: HmatState, numNodes: number, declared: (node: number) => boolean): void {
  if (!hmat.enabled) return;
  for (let i = 0; i < numNodes; i++) {
    const initiator = hmat.initiator.get(i);
    if (initiator === undefined) continue;
    if (!declared(initiator)) reject(ctx, 'numa/invalid', M.hmatInitiatorUndeclared(initiator), null);
    if (!hmat.hasCpu.has(initiator)) reject(ctx, 'numa/invalid', M.hmatInitiatorInvalid(i), null);
  }
}

/** The accepted hmat-cache options by node then level (the HMAT's order). */
export function hmatCacheList(hmat: HmatState): HmatCacheOption[] {
  return [...hmat.caches.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}
