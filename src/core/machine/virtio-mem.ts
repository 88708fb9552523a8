/**
 * virtio-mem-pci and virtio-pmem-pci: the virtio memory devices of the hotplug window (hw/virtio/virtio-mem.c,
 * virtio-mem-pci.c, virtio-pmem.c, virtio-md-pci.c). Each maps its memdev's whole region into the window, placed
 * by the generic memory-device code (placement.ts) in -device order together with pc-dimm, nvdimm and sp-mem:
 *
 * - virtio-mem places with the alignment max(block-size, the region's). Its `block-size` defaults to the
 *   backend's page size where that is a huge page (at least 1 MiB), else the host's transparent huge page
 *   size (2 MiB on x86-64 hosts); `requested-size` only says how much the guest is asked to plug, the region is
 *   the memdev's size whatever it says. `query-memory-devices` reports `size` (plugged: 0 before the guest
 *   runs), `max-size` (the region), `block-size`, `requested-size`, `node`, `memaddr`.
 * - virtio-pmem places with the region's alignment alone and has no node.
 *
 * Neither takes a DIMM slot, neither has an SRAT entry of its own (the hotplug umbrella covers them) or an E820
 * entry. The machine's pre-plug (virtio_md_pci_pre_plug) places them before the device realizes, so placement
 * errors come first; realize then refuses a busy memdev, the node, and virtio-mem's own sizes.
 *
 * Messages are QEMU's own, in the catalogue (base/qemu-messages.ts: virtioMem*; checked against QEMU 7.2.22 and
 * 11.1.3).
 */
import type { RawOption, VirtioMemoryDriver } from '../document/index.ts';
import { KiB, MiB, QEMU_MESSAGES as M } from '../base/index.ts';
import { isJsonText, parseQemuJson, qdictOrder, splitOptValue, type JsonValue } from '../syntax/index.ts';
import { ramBlockPageSize, type Backend } from './phases/backends.ts';
import { parseBool, plainDecimal, qemuWarning, readSize, readU64, reject, type Ctx } from './phases/context.ts';

/** VIRTIO_MEM_MIN_BLOCK_SIZE */
export const VIRTIO_MEM_MIN_BLOCK_SIZE = 1n * MiB;
/** the transparent huge page size of an x86-64 host (hpage_pmd_size), the default block size of ordinary RAM */
export const HOST_THP_SIZE = 2n * MiB;
/** the host's base page size */
const HOST_PAGE_SIZE = 4n * KiB;



/** A virtio memory device's properties as QEMU's setters read them. */
export interface VirtioProps {
  driver: VirtioMemoryDriver;
  id: string | null;
  /** the memdev id as given; undefined: not set */
  memdev: string | undefined;
  node: number;
  /** 0: not given (QEMU chooses) */
  memaddr: bigint;
  requestedSize: bigint;
  /** null: not given (the default of the backend) */
  blockSize: bigint | null;
  dynamicMemslots: boolean;
  /** 'auto' resolves at realize */
  unpluggedInaccessible: 'on' | 'off' | 'auto';
}

/** The keys and values of a raw -device (key=value or JSON), the last of a repeated key winning, as QEMU does. */
function deviceWords(text: string): { keys: string[]; values: Map<string, string | null> } {
  const values = new Map<string, string | null>();
  if (isJsonText(text)) {
    const r = parseQemuJson(text);
    if (r.ok && r.value.kind === 'object') for (const m of r.value.members) values.set(m.key, jsonScalar(m.value));
  } else {
    for (const { key, value } of splitOptValue(text, 'driver')) values.set(key, value);
  }
  return { keys: [...values.keys()], values };
}

function jsonScalar(v: JsonValue): string | null {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return v.text;
  if (v.kind === 'bool') return v.value ? 'on' : 'off';
  return null;
}

/**
 * The device's properties, each read as its setter reads it, in the order QEMU sets them (QDict order); the
 * first bad value stops it with QEMU's message. Unknown property names were refused before (names.ts).
 */
export function readVirtioProps(ctx: Ctx, index: number, option: RawOption, driver: VirtioMemoryDriver): VirtioProps {
  const K = 'device/invalid';
  const { keys, values } = deviceWords(option.args[1] ?? '');
  const id = values.get('id');
  const p: VirtioProps = {
    driver,
    id: typeof id === 'string' ? id : null,
    memdev: undefined,
    node: 0,
    memaddr: 0n,
    requestedSize: 0n,
    blockSize: null,
    dynamicMemslots: false,
    unpluggedInaccessible: 'on',
  };
  const isMem = driver === 'virtio-mem-pci';
  for (const { key } of qdictOrder(keys.map((key) => ({ key })))) {
    const v = values.get(key) ?? null;
    switch (key) {
      case 'memdev':
        if (v !== null) p.memdev = v;
        break;
      case 'memaddr': {
        const a = v === null ? null : readU64(ctx, v);
        if (a === null) reject(ctx, K, M.parameterExpectsInteger('memaddr'), index, 'memaddr');
        p.memaddr = a;
        break;
      }
      case 'node': {
        if (!isMem) break;
        const plain = v === null ? null : plainDecimal(v);
        if (plain !== null) p.node = plain;
        else {
          const n = v === null ? null : readU64(ctx, v);
          if (n === null) reject(ctx, K, M.parameterExpectsInteger('node'), index, 'node');
          if (n > 0xffffffffn) reject(ctx, K, M.parameterExpectsType('node', 'uint32_t'), index, 'node');
          p.node = Number(n);
        }
        break;
      }
      case 'requested-size': {
        if (!isMem) break;
        const s = v === null ? null : readSize(ctx, v);
        if (s === null) reject(ctx, K, M.parameterExpectsSize('requested-size'), index, 'requested-size');
        p.requestedSize = s;
        break;
      }
      case 'block-size': {
        if (!isMem) break;
        const s = v === null ? null : readSize(ctx, v);
        if (s === null) reject(ctx, K, M.parameterExpectsSize('block-size'), index, 'block-size');
        if (s < VIRTIO_MEM_MIN_BLOCK_SIZE) reject(ctx, K, M.virtioMemBlockSizeTooSmall(VIRTIO_MEM_MIN_BLOCK_SIZE), index, 'block-size');
        if ((s & (s - 1n)) !== 0n) reject(ctx, K, M.virtioMemBlockSizeNotPowerOfTwo(), index, 'block-size');
        p.blockSize = s;
        break;
      }
      case 'size':
        if (isMem) reject(ctx, K, M.virtioMemSizeNotWritable(), index, 'size');
        break;
      case 'prealloc':
      case 'dynamic-memslots': {
        if (!isMem) break;
        const b = v === null ? true : parseBool(v);
        if (b === null) reject(ctx, K, M.parameterExpectsBool(key), index, key);
        if (key === 'dynamic-memslots') p.dynamicMemslots = b;
        break;
      }
      case 'unplugged-inaccessible': {
        if (!isMem) break;
        if (v !== 'on' && v !== 'off' && v !== 'auto') reject(ctx, K, M.parameterValueNotAccepted(key, v ?? ''), index, key);
        p.unpluggedInaccessible = v;
        break;
      }
      default:
        // PCI and virtio transport properties: no bearing on memory
        break;
    }
  }
  return p;
}

/** virtio_mem_default_block_size: the host THP size for base pages, else the huge page size (at least 1 MiB). */
export function defaultBlockSize(pageSize: bigint): bigint {
  if (pageSize === HOST_PAGE_SIZE) return pageSize > HOST_THP_SIZE ? pageSize : HOST_THP_SIZE;
  return pageSize > VIRTIO_MEM_MIN_BLOCK_SIZE ? pageSize : VIRTIO_MEM_MIN_BLOCK_SIZE;
}

/** The device's own minimum alignment for placement: virtio-mem's block size; none for virtio-pmem. */
export function virtioMinAlign(ctx: Ctx, p: VirtioProps, backend: Backend): bigint {
  if (p.driver !== 'virtio-mem-pci') return 0n;
  return p.blockSize ?? defaultBlockSize(ramBlockPageSize(ctx, backend.option));
}

/** Ordinary private anonymous RAM of base pages: reading unplugged memory maps the shared zero page. */
function hasSharedZeropage(ctx: Ctx, b: Backend): boolean {
  const o = b.option;
  const shared = o.share !== undefined && parseBool(o.share) === true;
  return o.qomType === 'memory-backend-ram' && !shared && ramBlockPageSize(ctx, b.option) === HOST_PAGE_SIZE;
}

/**
 * What realizing the device refuses once it is placed (virtio_mem_device_realize, virtio_pmem_realize), in
 * QEMU's order; returns virtio-mem's block size. `size` is the region placed, `addr` where.
 */
export function realizeVirtio(ctx: Ctx, index: number, p: VirtioProps, backend: Backend, numNodes: number, addr: bigint): bigint {
  const K = 'device/memdev';
  const memdev = backend.option.id;
  if (p.driver === 'virtio-pmem-pci') {
    if (backend.usedBy) reject(ctx, K, M.dimmMemdevBusy(memdev), index, 'memdev');
    return 0n;
  }
  if (backend.usedBy) reject(ctx, K, M.virtioMemMemdevBusy(memdev), index, 'memdev');
  if (ctx.release.virtioMemRefusesPreallocMemdev && backend.option.prealloc !== undefined && parseBool(backend.option.prealloc) === true) {
    reject(ctx, K, M.virtioMemMemdevPrealloc(memdev), index, 'memdev');
  }
  if (numNodes > 0 ? p.node >= numNodes : p.node !== 0) {
    reject(ctx, 'device/node', M.virtioMemNodeTooBig(p.node, numNodes || 1), index, 'node');
  }
  const page = ramBlockPageSize(ctx, backend.option);
  let inaccessible = p.unpluggedInaccessible;
  if (inaccessible === 'auto') inaccessible = hasSharedZeropage(ctx, backend) ? 'off' : 'on';
  else if (inaccessible === 'off' && !hasSharedZeropage(ctx, backend)) qemuWarning(ctx, M.virtioMemInaccessibleOffWithoutZeropage(), index, 'unplugged-inaccessible');
  if (p.dynamicMemslots && inaccessible !== 'on') {
    reject(ctx, 'device/invalid', M.virtioMemDynamicMemslotsNeedsInaccessible(), index, 'dynamic-memslots');
  }
  const def = defaultBlockSize(page);
  const block = p.blockSize ?? def;
  if (block < page) reject(ctx, 'device/invalid', M.virtioMemBlockSizeBelowPage(page), index, 'block-size');
  if (block < def) qemuWarning(ctx, M.virtioMemBlockSizeBelowDefault(def), index, 'block-size');
  if (p.requestedSize % block !== 0n) reject(ctx, 'device/invalid', M.virtioMemRequestedSizeNotMultiple(block), index, 'requested-size');
  if (addr % block !== 0n) reject(ctx, 'device/invalid', M.virtioMemMemaddrNotMultiple(block), index, 'memaddr');
  if (backend.size % block !== 0n) reject(ctx, K, M.virtioMemMemdevSizeNotMultiple(block), index, 'memdev');
  return block;
}
