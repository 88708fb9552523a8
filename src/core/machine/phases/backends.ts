/**
 * softmmu/vl.c `qemu_create_late_backends`: the memory backends (-object memory-backend-*), created after the
 * machine in argument order, each checked as backends/hostmem*.c does; and the region alignment each gives the
 * memory device that maps it.
 */
import type { BackendObject } from '../../document/index.ts';
import { GiB, KiB, MiB, QEMU_MESSAGES as M } from '../../base/index.ts';
import { parseBool, readSize, reject, type Ctx } from './context.ts';
import { QEMU_BACKEND_PROPERTIES } from '../qemu-backend-properties.ts';
import { failObjectCreation, isLateObject, type UncreatableObject } from './names.ts';

/** The document's fields of a backend and the QEMU property each one is. */
const FIELD_PROPERTY: ReadonlyArray<[keyof BackendObject, string]> = [
  ['align', 'align'],
  ['memPath', 'mem-path'],
  ['share', 'share'],
  ['prealloc', 'prealloc'],
  ['hugetlb', 'hugetlb'],
  ['hugetlbsize', 'hugetlbsize'],
];

const QEMU_VMALLOC_ALIGN = 2n * MiB;
const HUGE_PAGE_2M = 2n * MiB;
const PAGE_4K = 4n * KiB;

export interface Backend {
  index: number;
  option: BackendObject;
  size: bigint;
  /** region alignment */
  align: bigint;
  /** used by a NUMA node, a device, or as the machine's RAM (`-machine memory-backend`) */
  usedBy: 'numa' | 'device' | 'machine' | null;
}

/**
 * A memory backend as QEMU's ObjectOptions visitor reads it, with the option (vl.c `object_option_parse`, before
 * the machine is chosen): its members in the schema's order — prealloc, share, size (base), then the type's own
 * (align, mem-path; hugetlb for memfd) — then any member the type does not have (QEMU's own lists).
 */
export function readBackendOptions(ctx: Ctx, o: BackendObject, index: number): void {
  const K = 'object/invalid';
  if (o.prealloc !== undefined && parseBool(o.prealloc) === null) reject(ctx, K, M.parameterExpectsBool('prealloc'), index, 'prealloc');
  if (o.share !== undefined && parseBool(o.share) === null) reject(ctx, K, M.parameterExpectsBool('share'), index, 'share');
  if (o.size === undefined) reject(ctx, K, M.parameterMissing('size'), index, 'size');
  if (readSize(ctx, o.size) === null) reject(ctx, K, M.parameterExpectsSizeValue('size'), index, 'size');
  const known = QEMU_BACKEND_PROPERTIES[ctx.release.helpLists]?.[o.qomType];
  if (o.align !== undefined && known?.includes('align') !== false && readSize(ctx, o.align) === null) {
    reject(ctx, K, M.parameterExpectsSizeValue('align'), index, 'align');
  }
  if (o.qomType === 'memory-backend-file' && o.memPath === undefined) reject(ctx, K, M.parameterMissing('mem-path'), index, 'memPath');
  if (o.hugetlb !== undefined && known?.includes('hugetlb') !== false && parseBool(o.hugetlb) === null) {
    reject(ctx, K, M.parameterExpectsBool('hugetlb'), index, 'hugetlb');
  }
  // the visitor's check for members the type does not have (after the members it reads)
  if (known) {
    for (const [field, prop] of FIELD_PROPERTY) if (o[field] !== undefined && !known.includes(prop)) reject(ctx, K, M.invalidParameter(prop), index, field);
    for (const [k] of o.extra ?? []) if (!known.includes(k)) reject(ctx, K, M.invalidParameter(k), index, k);
  }
}

/** Each backend's size and region alignment, in argument order; the first one QEMU refuses stops it. */
export function createLateBackends(ctx: Ctx, backends: Map<string, Backend>, uncreatable: readonly UncreatableObject[] = []): void {
  const late = uncreatable.filter((o) => isLateObject(o.type));
  const shm = shmBackendsOf(ctx);
  let next = 0;
  let nextShm = 0;
  // a late object the binary cannot create and a shm backend are made in their place among the others
  const before = (index: number) => {
    for (;;) {
      const l = late[next];
      const s = shm[nextShm];
      if (l && l.index < index && (!s || l.index < s.index)) failObjectCreation(ctx, late[next++]!);
      else if (s && s.index < index) createShmBackend(ctx, shm[nextShm++]!);
      else return;
    }
  };
  for (const b of backends.values()) {
    before(b.index);
    createBackend(ctx, b);
  }
  before(Number.MAX_SAFE_INTEGER);
}

/** A memory backend's own checks when QEMU creates it (host_memory_backend_memory_complete); read before. */
function createBackend(ctx: Ctx, b: Backend): void {
  const { option: o, index } = b;
  const K = 'object/invalid';
  const size = readSize(ctx, o.size!)!;
  const alignProp = o.align !== undefined ? (readSize(ctx, o.align) ?? 0n) : 0n;
  // QEMU names no option here
  if (size === 0n) reject(ctx, K, M.backendZeroSize(o.qomType), null, 'size');
  const page = backendPageSize(ctx, o);
  if (alignProp !== 0n && o.qomType !== 'memory-backend-ram') {
    if (alignProp % page !== 0n) reject(ctx, K, M.backendAlignNotPageMultiple(alignProp, page), index, 'align');
    if ((alignProp & (alignProp - 1n)) !== 0n) reject(ctx, K, M.backendAlignNotPowerOfTwo(alignProp), index, 'align');
  }
  b.size = size;
  // anonymous RAM keeps QEMU_VMALLOC_ALIGN whatever align= says
  b.align = o.qomType === 'memory-backend-ram' || alignProp <= page ? page : alignProp;
}

/**
 * The page size of a backend's RAM block (qemu_ram_pagesize): the host's base page for anonymous RAM, memfd and
 * plain files; the huge page size of a hugetlb memfd, of hugetlbfs paths and of /dev/dax (read as 2 MiB or 1 GiB
 * pages from the path).
 */
export function ramBlockPageSize(ctx: Ctx, o: BackendObject): bigint {
  if (o.qomType === 'memory-backend-memfd') {
    if (o.hugetlb !== undefined && parseBool(o.hugetlb)) {
      return (o.hugetlbsize !== undefined ? readSize(ctx, o.hugetlbsize) : null) ?? HUGE_PAGE_2M;
    }
    return PAGE_4K;
  }
  if (o.qomType !== 'memory-backend-ram' && o.memPath !== undefined) {
    const p = o.memPath.toLowerCase();
    if (p.includes('hugepages-1g') || p.includes('hugepages1g') || p.includes('1gb')) return GiB;
    if (p.includes('hugepages') || p.includes('hugetlb') || p.startsWith('/dev/dax')) return HUGE_PAGE_2M;
  }
  return PAGE_4K;
}

/** The region alignment a backend has without align=: QEMU_VMALLOC_ALIGN for anonymous RAM, else its page size. */
function backendPageSize(ctx: Ctx, o: BackendObject): bigint {
  return o.qomType === 'memory-backend-ram' ? QEMU_VMALLOC_ALIGN : ramBlockPageSize(ctx, o);
}

/**
 * `memory-backend-shm` (QEMU 9.1+, backends/hostmem-shm.c): read, checked and created as QEMU does, and kept as
 * written. The designer does not yet map it (as a -numa memdev, a device's memdev or the machine's RAM it is
 * refused in the designer's words, not QEMU's).
 */
export interface ShmBackend {
  index: number;
  id: string;
  size: bigint;
  share: boolean;
}

const SHM_OF = new WeakMap<Ctx, ShmBackend[]>();

/** The shm backends of a run, in argument order. */
export function shmBackendsOf(ctx: Ctx): readonly ShmBackend[] {
  return SHM_OF.get(ctx) ?? [];
}

/**
 * The members the ObjectOptions visitor reads of a shm backend before the ones it lacks (names.ts then checks
 * those): id, then prealloc, share and size of MemoryBackendProperties. `values`: its keys as written.
 */
export function readShmOptions(ctx: Ctx, values: ReadonlyMap<string, string | null>, index: number): void {
  const K = 'object/invalid';
  const id = values.get('id');
  if (id === undefined || id === null) reject(ctx, K, M.parameterMissing('id'), index, 'id');
  const bool = (key: string): boolean | undefined => {
    const v = values.get(key);
    if (v === undefined) return undefined;
    const b = v === null ? null : parseBool(v);
    if (b === null) reject(ctx, K, M.parameterExpectsBool(key), index, key);
    return b;
  };
  bool('prealloc');
  const share = bool('share');
  const sizeText = values.get('size');
  if (sizeText === undefined) reject(ctx, K, M.parameterMissing('size'), index, 'size');
  const size = sizeText === null ? null : readSize(ctx, sizeText);
  if (size === null) reject(ctx, K, M.parameterExpectsSizeValue('size'), index, 'size');
  let list = SHM_OF.get(ctx);
  if (!list) SHM_OF.set(ctx, (list = []));
  list.push({ index, id, size, share: share ?? true });
}

/** host_memory_backend_memory_complete and shm_backend_memory_alloc: QEMU names no option here. */
function createShmBackend(ctx: Ctx, b: ShmBackend): void {
  if (b.size === 0n) reject(ctx, 'object/invalid', M.backendZeroSize('memory-backend-shm'), null, 'size');
  if (!b.share) reject(ctx, 'object/invalid', M.shmBackendNotShared(), null, 'share');
}
