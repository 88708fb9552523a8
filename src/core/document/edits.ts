/**
 * Pure edits of the config document, the one place they are written: the designer's forms and palette, a drag's
 * candidate document and the worker's drag check all edit through these. Each returns a new document (options are
 * replaced, never mutated) and, when options move, where the edited option now is. Values are written as QEMU
 * text, as the document holds them.
 */
import type {
  BackendObject,
  ConfigDocument,
  CpuOption,
  DocOption,
  MachineOption,
  MemoryDeviceOption,
  MemoryOption,
  NumaNodeOption,
  RawOption,
  SmpOption,
  VirtioMemoryDriver,
} from './document.ts';
import { optionWordKey, optionValueWords, virtioDeviceDriver, virtioDeviceProperty, type HotplugDeviceDriver } from './document.ts';

type Modelled = Exclude<DocOption, { kind: 'raw' }>;

/** A field patch: a string sets the field, `undefined` removes it. */
export type FieldPatch = Record<string, string | undefined>;

/** Replace option `index` by a copy with the patch applied. */
export function patchOption(doc: ConfigDocument, index: number, patch: FieldPatch): ConfigDocument {
  const opt = doc.options[index];
  if (!opt || opt.kind === 'raw') return doc;
  const next = { ...opt } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  const options = doc.options.slice();
  options[index] = next as unknown as Modelled;
  return { ...doc, options };
}

export function insertOption(doc: ConfigDocument, at: number, option: DocOption): ConfigDocument {
  const options = doc.options.slice();
  options.splice(at, 0, option);
  return { ...doc, options };
}

export function removeOptionAt(doc: ConfigDocument, index: number): ConfigDocument {
  const options = doc.options.slice();
  options.splice(index, 1);
  return { ...doc, options };
}

/** Where an option index ends up after `count` options are inserted (count > 0) or removed (count < 0) at `at`. */
export function shiftIndex(index: number, at: number, count: number): number | null {
  if (count >= 0) return index >= at ? index + count : index;
  const removedEnd = at - count; // exclusive
  if (index < at) return index;
  if (index < removedEnd) return null;
  return index + count;
}

function findIndex(doc: ConfigDocument, kind: DocOption['kind']): number {
  return doc.options.findIndex((o) => o.kind === kind);
}

function lastIndexOf(doc: ConfigDocument, pred: (o: DocOption) => boolean): number {
  for (let i = doc.options.length - 1; i >= 0; i--) if (pred(doc.options[i]!)) return i;
  return -1;
}

/** The node ids of the `-numa node` options as QEMU numbers them (a node without nodeid gets the count so far). */
export function numaNodeIds(doc: ConfigDocument): Array<{ index: number; id: number }> {
  const out: Array<{ index: number; id: number }> = [];
  doc.options.forEach((o, index) => {
    if (o.kind !== 'numa-node') return;
    const parsed = o.nodeid !== undefined && /^\d+$/.test(o.nodeid) ? Number(o.nodeid) : out.length;
    out.push({ index, id: parsed });
  });
  return out;
}

/** Option index of the `-numa node` with this node id, or -1. */
export function numaNodeOptionIndex(doc: ConfigDocument, nodeId: number): number {
  return numaNodeIds(doc).find((n) => n.id === nodeId)?.index ?? -1;
}

export function deviceIds(doc: ConfigDocument): Set<string> {
  const out = new Set<string>();
  for (const o of doc.options) {
    if (o.kind === 'device' && o.id !== undefined) out.add(o.id);
    else if (o.kind === 'raw') {
      const id = virtioDeviceProperty(o, 'id');
      if (id !== undefined) out.add(id);
    }
  }
  return out;
}

export function backendIds(doc: ConfigDocument): Set<string> {
  const out = new Set<string>();
  for (const o of doc.options) if (o.kind === 'object') out.add(o.id);
  return out;
}

/** The first `prefix<N>` not in `taken`. */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 0; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Which options use backend `id` (NUMA nodes and memory devices). */
export function backendUsers(doc: ConfigDocument, id: string): number[] {
  const out: number[] = [];
  doc.options.forEach((o, i) => {
    if ((o.kind === 'device' || o.kind === 'numa-node') && o.memdev === id) out.push(i);
    else if (o.kind === 'raw' && virtioDeviceProperty(o, 'memdev') === id) out.push(i);
  });
  return out;
}

export interface EditResult {
  doc: ConfigDocument;
  /** the option the edit is about, at its new index (e.g. the added device) */
  index: number;
}

/** Move a memory device to NUMA node `node`. */
export function setDeviceNode(doc: ConfigDocument, index: number, node: number): ConfigDocument {
  if (virtioDeviceAt(doc, index)) return patchVirtioDevice(doc, index, { node: String(node) });
  return patchOption(doc, index, { node: String(node) });
}

const hexText = (addr: bigint): string => '0x' + addr.toString(16);

/** Give a memory device a fixed address (`addr=0x…`), or with null return it to automatic placement. */
export function setDeviceAddr(doc: ConfigDocument, index: number, addr: bigint | null): ConfigDocument {
  if (virtioDeviceAt(doc, index)) return patchVirtioDevice(doc, index, { memaddr: addr === null ? undefined : hexText(addr) });
  return patchOption(doc, index, { addr: addr === null ? undefined : hexText(addr) });
}

/** The virtio memory driver of option `index` (a raw `-device virtio-mem-pci|virtio-pmem-pci`), or null. */
export function virtioDeviceAt(doc: ConfigDocument, index: number): VirtioMemoryDriver | null {
  const o = doc.options[index];
  return o ? virtioDeviceDriver(o) : null;
}

/**
 * A raw virtio memory device with properties set (a string) or removed (undefined), its other words kept as
 * written: a key=value value has the property's last word replaced (or one appended), a JSON value the member's
 * value replaced (or one added before the closing brace). Values are QEMU text; in JSON a number when the text is
 * a plain decimal or 0x number, else a string.
 */
export function patchVirtioDevice(doc: ConfigDocument, index: number, patch: Record<string, string | undefined>): ConfigDocument {
  const o = doc.options[index];
  if (!o || virtioDeviceDriver(o) === null) return doc;
  const raw = o as RawOption;
  let text = raw.args[1]!;
  for (const [key, value] of Object.entries(patch)) text = text.trimStart().startsWith('{') ? patchJsonMember(text, key, value) : patchOptionWord(text, key, value);
  if (text === raw.args[1]) return doc;
  const options = doc.options.slice();
  options[index] = { kind: 'raw', args: [raw.args[0]!, text, ...raw.args.slice(2)] };
  return { ...doc, options };
}

function escapeWordValue(v: string): string {
  return v.replaceAll(',', ',,');
}

function patchOptionWord(text: string, key: string, value: string | undefined): string {
  const words = optionValueWords(text);
  let last = -1;
  words.forEach((w, i) => {
    if (optionWordKey(w) === key) last = i;
  });
  if (value === undefined) return words.filter((w) => optionWordKey(w) !== key).join(',');
  const word = `${key}=${escapeWordValue(value)}`;
  if (last >= 0) {
    // earlier repeats of the key say nothing (the last one wins): keep only the new word
    const out = words.filter((w, i) => i === last || optionWordKey(w) !== key);
    out[out.findIndex((w) => optionWordKey(w) === key)] = word;
    return out.join(',');
  }
  return [...words, word].join(',');
}

function jsonValueText(v: string): string {
  if (/^(0|[1-9][0-9]*)$/.test(v)) return v;
  if (/^0x[0-9a-f]+$/i.test(v)) return BigInt(v).toString();
  return JSON.stringify(v);
}

/** `"key": value` in a JSON object text, value a string, number, boolean or null (what a device member holds). */
function jsonMemberPattern(key: string): RegExp {
  const k = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(,\\s*)?${k}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|-?[0-9.eE+-]+|true|false|null)(\\s*,)?`);
}

function patchJsonMember(text: string, key: string, value: string | undefined): string {
  const re = jsonMemberPattern(key);
  const m = re.exec(text);
  if (value === undefined) {
    if (!m) return text;
    // drop the member with one of the commas around it
    const keepComma = m[1] !== undefined && m[3] !== undefined ? ',' : '';
    return text.slice(0, m.index) + keepComma + text.slice(m.index + m[0].length);
  }
  const member = `${JSON.stringify(key)}:${jsonValueText(value)}`;
  if (m) return text.slice(0, m.index) + (m[1] ?? '') + member + (m[3] ?? '') + text.slice(m.index + m[0].length);
  const close = text.lastIndexOf('}');
  if (close < 0) return text;
  const before = text.slice(0, close).trimEnd();
  const sep = before.endsWith('{') ? '' : ',';
  return `${before}${sep}${member}${text.slice(close)}`;
}

/** A move of a memory device (a drag step): where it is proposed to go; null leaves that property as it is. */
export interface DeviceMove {
  /** index of the -device option */
  optionIndex: number;
  node: number | null;
  addr: bigint | null;
}

/**
 * The document with a memory device moved: `node=` and `addr=` written for what the move changes (the same as
 * setDeviceNode and setDeviceAddr). An index that is not a -device, or a move that changes nothing, gives `doc`.
 */
export function moveDevice(doc: ConfigDocument, move: DeviceMove): ConfigDocument {
  if (virtioDeviceAt(doc, move.optionIndex)) {
    const vpatch: Record<string, string | undefined> = {};
    if (move.node !== null) vpatch.node = String(move.node);
    if (move.addr !== null) vpatch.memaddr = hexText(move.addr);
    return Object.keys(vpatch).length === 0 ? doc : patchVirtioDevice(doc, move.optionIndex, vpatch);
  }
  if (doc.options[move.optionIndex]?.kind !== 'device') return doc;
  const patch: FieldPatch = {};
  if (move.node !== null) patch.node = String(move.node);
  if (move.addr !== null) patch.addr = hexText(move.addr);
  return Object.keys(patch).length === 0 ? doc : patchOption(doc, move.optionIndex, patch);
}

/** Add `-numa node,nodeid=N` with the next free node id, after the last `-numa node`. */
export function addNumaNode(doc: ConfigDocument): EditResult {
  const ids = numaNodeIds(doc);
  const next = ids.length === 0 ? 0 : Math.max(...ids.map((n) => n.id)) + 1;
  const node: NumaNodeOption = { kind: 'numa-node', nodeid: String(next) };
  let at = lastIndexOf(doc, (o) => o.kind === 'numa-node') + 1;
  if (at === 0) {
    const firstDevice = findIndex(doc, 'device');
    at = firstDevice >= 0 ? firstDevice : doc.options.length;
  }
  return { doc: insertOption(doc, at, node), index: at };
}

/** Where a new backend goes: after the last backend, or before the first option that could use it. */
export function backendInsertIndex(doc: ConfigDocument): number {
  const lastObject = lastIndexOf(doc, (o) => o.kind === 'object');
  if (lastObject >= 0) {
    // keep it before any node or device that comes after the last backend
    return lastObject + 1;
  }
  const firstUser = doc.options.findIndex((o) => o.kind === 'numa-node' || o.kind === 'device');
  return firstUser >= 0 ? firstUser : doc.options.length;
}

/** Add a standalone `memory-backend-ram` of `size`. */
export function addBackend(doc: ConfigDocument, size: string): EditResult {
  const id = uniqueId('mem', backendIds(doc));
  const backend: BackendObject = { kind: 'object', qomType: 'memory-backend-ram', id, size };
  const at = backendInsertIndex(doc);
  return { doc: insertOption(doc, at, backend), index: at };
}

const DEVICE_PREFIX: Record<HotplugDeviceDriver, string> = {
  'sp-mem': 'spm',
  'pc-dimm': 'dimm',
  nvdimm: 'nv',
  'virtio-mem-pci': 'vmem',
  'virtio-pmem-pci': 'vpmem',
};

/**
 * Add a memory device with its own backend: the backend option, then the device, at the end of the command line.
 * An nvdimm gets a file backend and turns `nvdimm=on` on in `-machine`.
 */
export function addMemoryDevice(doc: ConfigDocument, driver: HotplugDeviceDriver, size: string, node: number): EditResult {
  const id = uniqueId(DEVICE_PREFIX[driver], deviceIds(doc));
  const takenBackends = backendIds(doc);
  let memId = `${id}-mem`;
  if (takenBackends.has(memId)) memId = uniqueId(`${id}-mem`, takenBackends);
  if (driver === 'virtio-mem-pci' || driver === 'virtio-pmem-pci') {
    // virtio-pmem wants a file to persist to; virtio-mem plugs from RAM (the guest asks for requested-size)
    const vbackend: BackendObject =
      driver === 'virtio-pmem-pci'
        ? { kind: 'object', qomType: 'memory-backend-file', id: memId, size, memPath: `/var/lib/qemu/${id}.img`, share: 'on' }
        : { kind: 'object', qomType: 'memory-backend-ram', id: memId, size };
    const text = driver === 'virtio-mem-pci' ? `virtio-mem-pci,id=${id},memdev=${memId},node=${node}` : `virtio-pmem-pci,id=${id},memdev=${memId}`;
    const options = [...doc.options, vbackend, { kind: 'raw' as const, args: ['-device', text] }];
    return { doc: { ...doc, options }, index: options.length - 1 };
  }
  const backend: BackendObject =
    driver === 'nvdimm'
      ? { kind: 'object', qomType: 'memory-backend-file', id: memId, size, memPath: `/var/lib/qemu/${id}.img`, share: 'on' }
      : { kind: 'object', qomType: 'memory-backend-ram', id: memId, size };
  const device: MemoryDeviceOption = { kind: 'device', driver, id, memdev: memId, node: String(node) };
  let next = doc;
  if (driver === 'nvdimm') {
    const m = findIndex(next, 'machine');
    if (m >= 0 && (next.options[m] as MachineOption).nvdimm !== 'on') next = patchOption(next, m, { nvdimm: 'on' });
  }
  const options = [...next.options, backend, device];
  return { doc: { ...next, options }, index: options.length - 1 };
}

export type RemoveResult = { ok: true; doc: ConfigDocument } | { ok: false; message: string };

/**
 * Remove option `index`. A memory device takes its backend with it when nothing else uses that backend; a
 * backend still used by a node or device is not removed.
 */
export function removeOption(doc: ConfigDocument, index: number): RemoveResult {
  const opt = doc.options[index];
  if (!opt) return { ok: false, message: 'nothing to remove' };
  if (opt.kind === 'object') {
    const users = backendUsers(doc, opt.id);
    if (users.length > 0) {
      const names = users.map((i) => describeOption(doc.options[i]!)).join(', ');
      return { ok: false, message: `backend '${opt.id}' is used by ${names}; remove or change that first` };
    }
    return { ok: true, doc: removeOptionAt(doc, index) };
  }
  if (opt.kind === 'device' || virtioDeviceDriver(opt) !== null) {
    const memdev = opt.kind === 'device' ? opt.memdev : virtioDeviceProperty(opt, 'memdev');
    let next = removeOptionAt(doc, index);
    if (memdev !== undefined && backendUsers(next, memdev).length === 0) {
      const b = next.options.findIndex((o) => o.kind === 'object' && o.id === memdev);
      if (b >= 0) next = removeOptionAt(next, b);
    }
    return { ok: true, doc: next };
  }
  return { ok: true, doc: removeOptionAt(doc, index) };
}

/** A short human name of an option: `sp-mem 'hbm0'`, `NUMA node 1`, `backend 'ram0'`. */
export function describeOption(o: DocOption): string {
  switch (o.kind) {
    case 'device':
      return o.id !== undefined ? `${o.driver} '${o.id}'` : `${o.driver} (unnamed)`;
    case 'numa-node':
      return `NUMA node ${o.nodeid ?? '(auto)'}`;
    case 'object':
      return `backend '${o.id}'`;
    case 'machine':
      return '-machine';
    case 'memory':
      return '-m';
    case 'cpu':
      return '-cpu';
    case 'smp':
      return '-smp';
    case 'numa-cpu':
      return '-numa cpu';
    case 'numa-dist':
      return '-numa dist';
    case 'numa-hmat-lb':
      return '-numa hmat-lb';
    case 'numa-hmat-cache':
      return '-numa hmat-cache';
    case 'generic-affinity':
      return `${o.qomType} '${o.id}'`;
    case 'raw': {
      const driver = virtioDeviceDriver(o);
      if (driver !== null) {
        const id = virtioDeviceProperty(o, 'id');
        return id !== undefined ? `${driver} '${id}'` : `${driver} (unnamed)`;
      }
      return o.args.join(' ');
    }
  }
}

/** Set the size of backend `id`. */
export function setBackendSize(doc: ConfigDocument, id: string, size: string): ConfigDocument {
  const i = doc.options.findIndex((o) => o.kind === 'object' && o.id === id);
  return i < 0 ? doc : patchOption(doc, i, { size });
}

/** Rename a device; its backend keeps its id. */
export function setDeviceId(doc: ConfigDocument, index: number, id: string): ConfigDocument {
  return patchOption(doc, index, { id });
}

/** Point a device (or NUMA node) at another backend. */
export function setMemdev(doc: ConfigDocument, index: number, memdev: string | undefined): ConfigDocument {
  return patchOption(doc, index, { memdev });
}

/** Ensure a singleton option exists (machine, cpu, smp, memory), returning the document and its index. */
function ensureSingleton<K extends 'machine' | 'cpu' | 'smp' | 'memory'>(
  doc: ConfigDocument,
  kind: K,
  make: () => Extract<DocOption, { kind: K }>,
): { doc: ConfigDocument; index: number } {
  const i = findIndex(doc, kind);
  if (i >= 0) return { doc, index: i };
  const order = ['machine', 'cpu', 'smp', 'memory'] as const;
  const before = order.slice(0, order.indexOf(kind));
  let at = 0;
  doc.options.forEach((o, idx) => {
    if ((before as readonly string[]).includes(o.kind)) at = Math.max(at, idx + 1);
  });
  return { doc: insertOption(doc, at, make()), index: at };
}

export type MachineField =
  | 'type'
  | 'size'
  | 'slots'
  | 'maxmem'
  | 'cpuModel'
  | 'vendor'
  | 'physBits'
  | 'cpus';

/** Set one machine-level field; an empty value removes the property (the type and model cannot be empty). */
export function setMachineField(doc: ConfigDocument, field: MachineField, value: string | undefined): ConfigDocument {
  switch (field) {
    case 'type': {
      const { doc: d, index } = ensureSingleton(doc, 'machine', (): MachineOption => ({ kind: 'machine', type: value ?? 'q35' }));
      return patchOption(d, index, { type: value ?? 'q35' });
    }
    case 'size':
    case 'slots':
    case 'maxmem': {
      const { doc: d, index } = ensureSingleton(doc, 'memory', (): MemoryOption => ({ kind: 'memory' }));
      return patchOption(d, index, { [field]: value });
    }
    case 'cpuModel':
    case 'vendor':
    case 'physBits': {
      const { doc: d, index } = ensureSingleton(doc, 'cpu', (): CpuOption => ({ kind: 'cpu', model: 'qemu64' }));
      const key = field === 'cpuModel' ? 'model' : field;
      return patchOption(d, index, { [key]: field === 'cpuModel' ? (value ?? 'qemu64') : value });
    }
    case 'cpus': {
      const { doc: d, index } = ensureSingleton(doc, 'smp', (): SmpOption => ({ kind: 'smp' }));
      return patchOption(d, index, { cpus: value });
    }
  }
}

/** The current text of the machine-level fields (empty string when unset). */
export function machineFields(doc: ConfigDocument): Record<MachineField, string> {
  const m = doc.options.find((o): o is MachineOption => o.kind === 'machine');
  const mem = doc.options.find((o): o is MemoryOption => o.kind === 'memory');
  const cpu = doc.options.find((o): o is CpuOption => o.kind === 'cpu');
  const smp = doc.options.find((o): o is SmpOption => o.kind === 'smp');
  return {
    type: m?.type ?? '',
    size: mem?.size ?? '',
    slots: mem?.slots ?? '',
    maxmem: mem?.maxmem ?? '',
    cpuModel: cpu?.model ?? '',
    vendor: cpu?.vendor ?? '',
    physBits: cpu?.physBits ?? '',
    cpus: smp?.cpus ?? '',
  };
}

// ---- NUMA distances and HMAT (the designer's matrix and grid) ----

/** A node number as an option holds it (`'1'`, `'0x1'` is not one: QEMU reads these fields as decimal). */
const nodeNum = (t: string | undefined): number | null => (t !== undefined && /^\d+$/.test(t) ? Number(t) : null);

/** Where a new `-numa dist` or `-numa hmat-lb` goes: after the last option of these kinds (QEMU reads them in order). */
function numaInsertIndex(doc: ConfigDocument, kinds: readonly DocOption['kind'][]): number {
  for (const set of [kinds, ['numa-dist', 'numa-cpu', 'numa-node'] as const]) {
    const i = lastIndexOf(doc, (o) => (set as readonly string[]).includes(o.kind));
    if (i >= 0) return i + 1;
  }
  return doc.options.length;
}

/** Remove the options at `indices` (any order). */
function removeAll(doc: ConfigDocument, indices: readonly number[]): ConfigDocument {
  const drop = new Set(indices);
  return { ...doc, options: doc.options.filter((_, i) => !drop.has(i)) };
}

/** The `-numa dist` options for src → dst, in command-line order (QEMU keeps the last). */
export function numaDistIndices(doc: ConfigDocument, src: number, dst: number): number[] {
  const out: number[] = [];
  doc.options.forEach((o, i) => {
    if (o.kind === 'numa-dist' && nodeNum(o.src) === src && nodeNum(o.dst) === dst) out.push(i);
  });
  return out;
}

/**
 * Set the distance src → dst (`val` as typed): the last `-numa dist` for the pair is changed, or one is added after
 * the other NUMA options. `undefined` removes every `-numa dist` for the pair (QEMU's default applies again).
 */
export function setNumaDistance(doc: ConfigDocument, src: number, dst: number, val: string | undefined): ConfigDocument {
  const at = numaDistIndices(doc, src, dst);
  if (val === undefined) return at.length ? removeAll(doc, at) : doc;
  const last = at[at.length - 1];
  if (last !== undefined) return patchOption(doc, last, { val });
  return insertOption(doc, numaInsertIndex(doc, ['numa-dist']), { kind: 'numa-dist', src: String(src), dst: String(dst), val });
}

/** One cell of the HMAT grid: initiator × target for a hierarchy and data type (QEMU's words). */
export interface HmatCell {
  initiator: number;
  target: number;
  hierarchy: string;
  dataType: string;
}

/** The `-numa hmat-lb` options of a cell, in command-line order. */
export function hmatLbIndices(doc: ConfigDocument, c: HmatCell): number[] {
  const out: number[] = [];
  doc.options.forEach((o, i) => {
    if (o.kind !== 'numa-hmat-lb' || o.hierarchy !== c.hierarchy || o.dataType !== c.dataType) return;
    if (nodeNum(o.initiator) === c.initiator && nodeNum(o.target) === c.target) out.push(i);
  });
  return out;
}

/**
 * Set a cell's latency (ns) or bandwidth (a size, bytes/s) as typed: the first `-numa hmat-lb` of the cell is
 * changed, or one is added after the other hmat-lb options (before any hmat-cache, which must follow them).
 * `undefined` removes the cell's options.
 */
export function setHmatLb(doc: ConfigDocument, c: HmatCell, value: string | undefined): ConfigDocument {
  const at = hmatLbIndices(doc, c);
  if (value === undefined) return at.length ? removeAll(doc, at) : doc;
  const key = c.dataType.endsWith('latency') ? 'latency' : 'bandwidth';
  if (at[0] !== undefined) return patchOption(doc, at[0], { [key]: value, [key === 'latency' ? 'bandwidth' : 'latency']: undefined });
  const cache = doc.options.findIndex((o) => o.kind === 'numa-hmat-cache');
  const lb = lastIndexOf(doc, (o) => o.kind === 'numa-hmat-lb');
  const pos = lb >= 0 ? lb + 1 : cache >= 0 ? cache : numaInsertIndex(doc, []);
  return insertOption(doc, pos, {
    kind: 'numa-hmat-lb',
    initiator: String(c.initiator),
    target: String(c.target),
    hierarchy: c.hierarchy,
    dataType: c.dataType,
    [key]: value,
  });
}

/** `-machine hmat=on`, or with false the property removed (QEMU's default is off). */
export function setMachineHmat(doc: ConfigDocument, on: boolean): ConfigDocument {
  const i = findIndex(doc, 'machine');
  if (i >= 0) return patchOption(doc, i, { hmat: on ? 'on' : undefined });
  // what the importer makes of `-machine hmat=on`
  return on ? insertOption(doc, 0, { kind: 'machine', type: '', hmat: 'on', flag: '-machine', text: 'hmat=on' }) : doc;
}

/** `-numa node,initiator=` of node `nodeId` (undefined removes it); the document unchanged when there is no such node. */
export function setNodeInitiator(doc: ConfigDocument, nodeId: number, initiator: string | undefined): ConfigDocument {
  const i = numaNodeOptionIndex(doc, nodeId);
  return i < 0 ? doc : patchOption(doc, i, { initiator });
}
