/**
 * QEMU arguments → config document. Only the structure is read here (which option, which property); values
 * stay text and are checked by `computeMachine`, which reports QEMU's message for a bad one. An argument list
 * QEMU could not even read (an unknown option, a missing argument) is refused with QEMU's message.
 */
import {
  BACKEND_TYPES,
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  MEMORY_DEVICE_DRIVERS,
  GENERIC_AFFINITY_TYPES,
  type BackendObject,
  type GenericAffinityObject,
  type GenericAffinityType,
  type NumaHmatCacheOption,
  type NumaHmatLbOption,
  type BackendType,
  type ConfigDocument,
  type CpuOption,
  type DocOption,
  type ExtraProp,
  type MachineOption,
  type MemoryDeviceDriver,
  type MemoryDeviceOption,
  type MemoryOption,
  type NumaCpuOption,
  type NumaDistOption,
  type NumaNodeOption,
  type SmpOption,
} from '../document/index.ts';
import { QEMU_MESSAGES, type CoreError } from '../base/index.ts';
import { optionArity, optionName } from './cmdline-options.ts';
import { splitOptValue, type OptPair } from './qemu-opts.ts';
import { jsonCreationProblem, jsonOptionValue, jsonReadError, readJsonOption, type JsonReadOptions, type ReadArgument } from './json-options.ts';

export type ParseResult =
  | { ok: true; doc: ConfigDocument; notes: string[] }
  | { ok: false; error: CoreError; /** index of the offending word in argv */ argIndex: number };

/** Field name in the document ← QEMU property name, per option kind. */
const MACHINE_PROPS: Record<string, keyof MachineOption> = {
  type: 'type',
  'max-ram-below-4g': 'maxRamBelow4g',
  nvdimm: 'nvdimm',
  hmat: 'hmat',
};
const CPU_PROPS: Record<string, keyof CpuOption> = { vendor: 'vendor', 'phys-bits': 'physBits' };
const SMP_PROPS: Record<string, keyof SmpOption> = {
  cpus: 'cpus',
  maxcpus: 'maxcpus',
  sockets: 'sockets',
  dies: 'dies',
  modules: 'modules',
  cores: 'cores',
  threads: 'threads',
};
const MEMORY_PROPS: Record<string, keyof MemoryOption> = { size: 'size', slots: 'slots', maxmem: 'maxmem' };
const BACKEND_PROPS: Record<string, keyof BackendObject> = {
  id: 'id',
  size: 'size',
  align: 'align',
  'mem-path': 'memPath',
  share: 'share',
  prealloc: 'prealloc',
  hugetlb: 'hugetlb',
  hugetlbsize: 'hugetlbsize',
};
const NUMA_NODE_PROPS: Record<string, keyof NumaNodeOption> = {
  nodeid: 'nodeid',
  cpus: 'cpus',
  memdev: 'memdev',
  mem: 'mem',
  initiator: 'initiator',
};
const NUMA_CPU_PROPS: Record<string, keyof NumaCpuOption> = {
  'node-id': 'nodeId',
  'socket-id': 'socketId',
  'die-id': 'dieId',
  'module-id': 'moduleId',
  'core-id': 'coreId',
  'thread-id': 'threadId',
};
const NUMA_DIST_PROPS: Record<string, keyof NumaDistOption> = { src: 'src', dst: 'dst', val: 'val' };
const NUMA_HMAT_LB_PROPS: Record<string, keyof NumaHmatLbOption> = {
  initiator: 'initiator',
  target: 'target',
  hierarchy: 'hierarchy',
  'data-type': 'dataType',
  latency: 'latency',
  bandwidth: 'bandwidth',
};
const NUMA_HMAT_CACHE_PROPS: Record<string, keyof NumaHmatCacheOption> = {
  'node-id': 'nodeId',
  size: 'size',
  level: 'level',
  associativity: 'associativity',
  policy: 'policy',
  line: 'line',
};
const GENERIC_AFFINITY_PROPS: Record<string, keyof GenericAffinityObject> = {
  id: 'id',
  'pci-dev': 'pciDev',
  'pci-bus': 'pciBus',
  node: 'node',
};
const DEVICE_PROPS: Record<string, keyof MemoryDeviceOption> = {
  id: 'id',
  memdev: 'memdev',
  node: 'node',
  addr: 'addr',
  slot: 'slot',
  'label-size': 'labelSize',
};

/** The property tables, for the formatter (document field → QEMU property name). */
export const PROPERTY_TABLES = {
  machine: MACHINE_PROPS,
  cpu: CPU_PROPS,
  smp: SMP_PROPS,
  memory: MEMORY_PROPS,
  object: BACKEND_PROPS,
  'numa-node': NUMA_NODE_PROPS,
  'numa-cpu': NUMA_CPU_PROPS,
  'numa-dist': NUMA_DIST_PROPS,
  'numa-hmat-lb': NUMA_HMAT_LB_PROPS,
  'numa-hmat-cache': NUMA_HMAT_CACHE_PROPS,
  'generic-affinity': GENERIC_AFFINITY_PROPS,
  device: DEVICE_PROPS,
} as const;

/** Properties that may repeat and collect into a list. */
const LIST_PROPS: ReadonlySet<string> = new Set(['cpus']);

/** Assign known properties to fields; the rest go to `extra` in order. Later values win, as in QEMU. */
function assignProps<T extends { extra?: ExtraProp[] }>(
  target: T,
  pairs: OptPair[],
  table: Record<string, keyof T>,
  listFields: ReadonlySet<string> = new Set(),
): T {
  for (const { key, value } of pairs) {
    // own keys only: `__proto__`, `constructor` or `toString` are properties QEMU does not have
    const field = Object.hasOwn(table, key) ? table[key] : undefined;
    if (field !== undefined && value !== null) {
      if (listFields.has(key)) {
        const list = ((target as Record<string, unknown>)[field as string] as string[] | undefined) ?? [];
        list.push(value);
        (target as Record<string, unknown>)[field as string] = list;
      } else {
        (target as Record<string, unknown>)[field as string] = value;
      }
    } else {
      (target.extra ??= []).push([key, value]);
    }
  }
  return target;
}

/** Parse one modelled option's value text; null when it is not a modelled option (kept raw). */
export function parseOptionValue(name: string, text: string): Exclude<DocOption, { kind: 'raw' }> | null {
  switch (name) {
    case 'machine':
    case 'M': {
      const pairs = splitOptValue(text, 'type');
      const m: MachineOption = { kind: 'machine', type: '' };
      assignProps(m, pairs, MACHINE_PROPS);
      return m;
    }
    case 'cpu': {
      const pairs = splitOptValue(text, 'model');
      const first = pairs.shift();
      const c: CpuOption = { kind: 'cpu', model: first?.value ?? '' };
      assignProps(c, pairs, CPU_PROPS);
      return c;
    }
    case 'smp':
      return assignProps<SmpOption>({ kind: 'smp' }, splitOptValue(text, 'cpus'), SMP_PROPS);
    case 'm':
      return assignProps<MemoryOption>({ kind: 'memory' }, splitOptValue(text, 'size'), MEMORY_PROPS);
    case 'object': {
      if (text.startsWith('{')) return jsonOptionValue('object', text);
      const pairs = splitOptValue(text, 'qom-type');
      const type = pairs[0]?.key === 'qom-type' ? pairs[0].value : null;
      if (type && (GENERIC_AFFINITY_TYPES as readonly string[]).includes(type)) {
        const g: GenericAffinityObject = { kind: 'generic-affinity', qomType: type as GenericAffinityType, id: '' };
        return assignProps(g, pairs.slice(1), GENERIC_AFFINITY_PROPS);
      }
      if (!type || !(BACKEND_TYPES as readonly string[]).includes(type)) return null;
      const o: BackendObject = { kind: 'object', qomType: type as BackendType, id: '' };
      assignProps(o, pairs.slice(1), BACKEND_PROPS);
      return o;
    }
    case 'numa': {
      const pairs = splitOptValue(text, 'type');
      const type = pairs[0]?.key === 'type' ? pairs[0].value : null;
      const rest = pairs.slice(1);
      if (type === 'node') return assignProps<NumaNodeOption>({ kind: 'numa-node' }, rest, NUMA_NODE_PROPS, LIST_PROPS);
      if (type === 'cpu') return assignProps<NumaCpuOption>({ kind: 'numa-cpu' }, rest, NUMA_CPU_PROPS);
      if (type === 'dist') return assignProps<NumaDistOption>({ kind: 'numa-dist' }, rest, NUMA_DIST_PROPS);
      if (type === 'hmat-lb') return assignProps<NumaHmatLbOption>({ kind: 'numa-hmat-lb' }, rest, NUMA_HMAT_LB_PROPS);
      if (type === 'hmat-cache') return assignProps<NumaHmatCacheOption>({ kind: 'numa-hmat-cache' }, rest, NUMA_HMAT_CACHE_PROPS);
      return null;
    }
    case 'device': {
      if (text.startsWith('{')) return jsonOptionValue('device', text);
      const pairs = splitOptValue(text, 'driver');
      const driver = pairs[0]?.key === 'driver' ? pairs[0].value : null;
      if (!driver || !(MEMORY_DEVICE_DRIVERS as readonly string[]).includes(driver)) return null;
      const d: MemoryDeviceOption = { kind: 'device', driver: driver as MemoryDeviceDriver };
      assignProps(d, pairs.slice(1), DEVICE_PROPS);
      return d;
    }
    default:
      return null;
  }
}

/** Merge a repeated singleton option into the earlier one, as QEMU merges `-m`, `-smp` and `-machine`. */
function mergeInto(prev: DocOption, next: DocOption): void {
  const { extra: nextExtra, flag: _f, text: _t, kind: _k, ...fields } = next as DocOption & {
    extra?: ExtraProp[];
    flag?: string;
    text?: string;
  };
  const p = prev as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined && !(k === 'type' && v === '')) p[k] = v;
  }
  if (nextExtra?.length) p.extra = [...((p.extra as ExtraProp[] | undefined) ?? []), ...nextExtra];
  delete p.text;
  delete p.flag;
}

/**
 * Parse QEMU arguments (without the program name) into a document. `-machine`/`-M`, `-m` and `-smp` given
 * several times merge into one option at the place of the first; `-cpu` given several times keeps the last.
 * JSON `-object`/`-device` values are read as QEMU reads them (json-options.ts; `opts.qemuVersion`: whose rules).
 */
export function parseQemuArgs(argv: readonly string[], name = 'imported', opts: JsonReadOptions = {}): ParseResult {
  const options: DocOption[] = [];
  const objectsAndDevices: ReadArgument[] = [];
  const notes: string[] = [];
  const singletonAt = new Map<string, number>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const optName = optionName(word);
    if (optName === null) {
      // QEMU treats a bare word as a disk image (-hda); keep it as it is
      options.push({ kind: 'raw', args: [word] });
      notes.push(`'${word}' is kept as given (QEMU reads a bare word as a disk image)`);
      continue;
    }
    const arity = optionArity(optName);
    if (arity === 'unknown') {
      return {
        ok: false,
        argIndex: i,
        error: { kind: 'cmdline/invalid-option', message: QEMU_MESSAGES.invalidOption(), option: { index: -1, flag: word, text: '' } },
      };
    }
    if (arity === 'none') {
      options.push({ kind: 'raw', args: [word] });
      continue;
    }
    if (i + 1 >= argv.length) {
      return {
        ok: false,
        argIndex: i,
        error: { kind: 'cmdline/missing-argument', message: QEMU_MESSAGES.requiresArgument(), option: { index: -1, flag: word, text: '' } },
      };
    }
    const text = argv[++i]!;
    // JSON -object/-device: read (and refused) as QEMU reads JSON (json-options.ts)
    const json = readJsonOption(optName, text, opts);
    if (json.kind === 'error') return { ok: false, argIndex: i - 1, error: jsonReadError(optName, word, text, json) };
    if (optName === 'object' || optName === 'device') objectsAndDevices.push({ name: optName, flag: word, text, argIndex: i - 1, optionIndex: options.length });
    const parsed = json.kind === 'option' ? json.option : json.kind === 'raw' ? null : parseOptionValue(optName, text);
    if (parsed === null) {
      options.push({ kind: 'raw', args: [word, text] });
      continue;
    }
    parsed.flag = word;
    parsed.text = text;
    const singleton = parsed.kind === 'machine' || parsed.kind === 'memory' || parsed.kind === 'smp' || parsed.kind === 'cpu';
    if (singleton && singletonAt.has(parsed.kind)) {
      const at = singletonAt.get(parsed.kind)!;
      if (parsed.kind === 'cpu') options[at] = parsed;
      else mergeInto(options[at]!, parsed);
      notes.push(`${word} given more than once: merged as QEMU does`);
      continue;
    }
    if (singleton) singletonAt.set(parsed.kind, options.length);
    options.push(parsed);
  }
  const late = jsonCreationProblem(objectsAndDevices, options, opts);
  if (late) return { ok: false, argIndex: late.argIndex, error: late.error };
  return { ok: true, doc: { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name, options }, notes };
}
