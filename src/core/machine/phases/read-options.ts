/**
 * softmmu/vl.c `qemu_init`, its option loop: what QEMU checks while it reads the arguments, in argument order
 * (QemuOpts parsing of -m and -smp, the id of each -object and -device), and the options sorted into the groups
 * the later phases read.
 */
import {
  isWellFormedId,
  type CpuOption,
  type DocOption,
  type MachineOption,
  type MemoryDeviceOption,
  type MemoryOption,
  type RawOption,
  type SmpOption,
} from '../../document/index.ts';
import { isJsonText } from '../../syntax/index.ts';
import { optionKeys, rawOptionName, readUnmodelledObject, type UncreatableObject } from './names.ts';
import { QEMU_MESSAGES as M, parseQemuSize, parseQemuUint } from '../../base/index.ts';
import { readBackendOptions, readShmOptions, type Backend } from './backends.ts';
import { Rejected, reject, type Ctx, type Indexed } from './context.ts';
import { accelOf, type Accel } from './accel.ts';
import { isGlobalOption, readGlobalOption } from './globals.ts';

/** The options by group, in argument order; of -machine, -cpu, -smp and -m only the last one counts. */
export interface OptionGroups {
  machine: Indexed<MachineOption> | undefined;
  cpu: Indexed<CpuOption> | undefined;
  smp: Indexed<SmpOption> | undefined;
  memory: Indexed<MemoryOption> | undefined;
  /** the memory backends by id, in argument order; created (size, alignment) by `createLateBackends` */
  backends: Map<string, Backend>;
  /** -numa node, cpu and dist */
  numa: Indexed<DocOption>[];
  /**
   * every -device, modelled or kept verbatim, in the order QEMU creates them (qemu_create_cli_devices): the
   * `key=value` ones in argument order, then the JSON ones
   */
  devices: Indexed<MemoryDeviceOption | RawOption>[];
  /** the accelerator QEMU would use (accel.ts) */
  accel: Accel;
  /** objects of a type -object reads but the binary cannot create (names.ts), in argument order */
  uncreatable: UncreatableObject[];
  /** the option index of the last `-no-acpi` (releases that have it), else null */
  noAcpiAt: number | null;
}

/** -smp keys QEMU accepts that do not change an x86 machine's topology here (read and ignored) */
const SMP_IGNORED_KEYS = ['drawers', 'books', 'clusters'];
const SMP_NUMBER_KEYS = ['cpus', 'maxcpus', 'sockets', 'dies', 'modules', 'cores', 'threads'] as const;

/** Read the arguments in order; the first one QEMU refuses while reading stops it. */
export function readOptions(ctx: Ctx): OptionGroups {
  const groups: OptionGroups = {
    machine: undefined,
    cpu: undefined,
    smp: undefined,
    memory: undefined,
    backends: new Map(),
    numa: [],
    devices: [],
    accel: 'tcg',
    uncreatable: [],
    noAcpiAt: null,
  };
  // the first pass of qemu_init (lookup_opt): an option the release lacks stops QEMU before anything is read
  groups.noAcpiAt = readNoAcpi(ctx);
  const deviceIds = new Set<string>();
  const jsonDevices: Indexed<MemoryDeviceOption | RawOption>[] = [];
  let count = 0;
  const options = ctx.doc.options;
  for (let index = 0; index < options.length; index++) {
    const o = options[index]!;
    switch (o.kind) {
      case 'machine':
        groups.machine = { index, option: o };
        break;
      case 'cpu':
        groups.cpu = { index, option: o };
        break;
      case 'memory':
        readMemoryOpts(ctx, o, index);
        groups.memory = { index, option: o };
        break;
      case 'smp':
        readSmpOpts(ctx, o, index);
        groups.smp = { index, option: o };
        break;
      case 'object':
        if (o.id === '') reject(ctx, 'object/invalid', M.parameterMissing('id'), index, 'id');
        if (!isWellFormedId(o.id)) reject(ctx, 'object/invalid', M.parameterExpectsIdentifier('id'), index, 'id');
        // one lookup, not two: a known id leaves the count as it was, and QEMU stops there anyway
        count = groups.backends.size;
        groups.backends.set(o.id, { index, option: o, size: 0n, align: 0n, usedBy: null });
        if (groups.backends.size === count) reject(ctx, 'object/duplicate-id', M.duplicateId(o.id, 'object'), index, 'id');
        readBackendOptions(ctx, o, index);
        break;
      case 'numa-node':
      case 'numa-cpu':
      case 'numa-dist':
        groups.numa.push({ index, option: o });
        break;
      case 'device':
        if (o.id !== undefined) {
          if (!isWellFormedId(o.id)) reject(ctx, 'device/invalid', M.parameterExpectsIdentifier('id'), index, 'id');
          count = deviceIds.size;
          deviceIds.add(o.id);
          if (deviceIds.size === count) reject(ctx, 'device/invalid', M.duplicateId(o.id, 'device'), index, 'id');
        }
        (o.text !== undefined && isJsonText(o.text) ? jsonDevices : groups.devices).push({ index, option: o });
        break;
      case 'raw': {
        const name = rawOptionName(o);
        if (name === 'object') {
          if (ctx.catalog?.object('memory-backend-shm')) readShmObject(ctx, o, index);
          const type = readUnmodelledObject(ctx, o, index);
          if (type !== null && ctx.catalog?.objectNotCreatable(type)) groups.uncreatable.push({ index, type });
        }
        else if (name === 'device') (isJsonText(o.args[1] ?? '') ? jsonDevices : groups.devices).push({ index, option: o });
        else if (isGlobalOption(o)) readGlobalOption(ctx, o, index);
        else if (o.args[0] === '-readconfig' || o.args[0] === '--readconfig') {
          // its file may set any option: a verdict without it would not be QEMU's (not QEMU's words)
          reject(ctx, 'cmdline/unsupported', 'The designer does not read -readconfig files: give their options on the command line instead.', index);
        }
        break;
      }
    }
  }
  groups.devices.push(...jsonDevices);
  groups.accel = accelOf(options, groups.machine?.option);
  return groups;
}

/** `-no-acpi`: where it is last given (7.2); refused as an invalid option by a release without it. */
function readNoAcpi(ctx: Ctx): number | null {
  let at: number | null = null;
  ctx.doc.options.forEach((o, index) => {
    if (o.kind !== 'raw' || (o.args[0] !== '-no-acpi' && o.args[0] !== '--no-acpi')) return;
    if (!ctx.release.noAcpiOption) {
      throw new Rejected({ kind: 'cmdline/invalid-option', message: M.invalidOption(), option: { index, flag: o.args[0], text: '' } });
    }
    at = index;
  });
  return at;
}

/** -m: QemuOpts of the "memory" group (size and maxmem are SIZE, slots is NUMBER). */
function readMemoryOpts(ctx: Ctx, o: MemoryOption, index: number): void {
  for (const [k] of o.extra ?? []) reject(ctx, 'cmdline/invalid-parameter', M.invalidParameter(k), index, k);
  if (o.size !== undefined && parseQemuSize(o.size) === null) {
    reject(ctx, 'memory/ram-size', M.parameterExpectsSize64('size'), index, 'size');
  }
  if (o.slots !== undefined && parseQemuUint(o.slots) === null) {
    reject(ctx, 'memory/slots', M.parameterExpectsNumber('slots'), index, 'slots');
  }
  if (o.maxmem !== undefined && parseQemuSize(o.maxmem) === null) {
    reject(ctx, 'memory/maxmem', M.parameterExpectsSize64('maxmem'), index, 'maxmem');
  }
}

/** -smp: QemuOpts of the "smp-opts" group (every value a NUMBER). */
function readSmpOpts(ctx: Ctx, o: SmpOption, index: number): void {
  for (const [k] of o.extra ?? []) {
    if (!SMP_IGNORED_KEYS.includes(k)) reject(ctx, 'cmdline/invalid-parameter', M.invalidParameter(k), index, k);
  }
  for (const key of SMP_NUMBER_KEYS) {
    const val = o[key];
    if (val !== undefined && parseQemuUint(val) === null) reject(ctx, 'smp/invalid', M.parameterExpectsNumber(key), index, key);
  }
}

/** A `key=value` -object memory-backend-shm (of a release that has it): its members as the visitor reads them. */
function readShmObject(ctx: Ctx, o: RawOption, index: number): void {
  const k = optionKeys(o.args[1] ?? '', 'qom-type');
  if (!k || k.json || k.values.get('qom-type') !== 'memory-backend-shm') return;
  const id = k.values.get('id');
  if (id !== undefined && id !== null && !isWellFormedId(id)) reject(ctx, 'object/invalid', M.parameterExpectsIdentifier('id'), index, 'id');
  readShmOptions(ctx, k.values, index);
}
