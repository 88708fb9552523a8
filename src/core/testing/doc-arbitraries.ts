/**
 * fast-check generators of config documents, for the export/import property tests.
 *
 * `arbDocument` makes valid-shaped documents: any option kinds in any order, values drawn from an alphabet full
 * of characters that matter to shells, QEMU's option syntax, JSON and XML (quotes, `$`, backslash, `!`, globs,
 * commas, `=`, newlines, tabs, control characters, bidi overrides, non-ASCII). "Valid-shaped" means what the
 * command-line importer can produce: at most one machine/cpu/smp/memory option (QEMU merges repeats), the first
 * value of an option (machine type, CPU model) without `=`, `extra` keys that are not modelled properties, raw
 * options that are real unmodelled QEMU options. Such a document survives export and import unchanged.
 *
 * `arbMachineDocument` makes documents QEMU accepts (q35, NUMA nodes with backends, DIMMs and sp-mem inside the
 * hotplug window), with hostile names, paths and pass-through options, for the libvirt export.
 */
import fc from 'fast-check';
import { PROPERTY_TABLES } from '../syntax/index.ts';
import type {
  BackendObject,
  ConfigDocument,
  CpuOption,
  DocOption,
  ExtraProp,
  MachineOption,
  MemoryDeviceOption,
  MemoryOption,
  NumaCpuOption,
  NumaDistOption,
  NumaNodeOption,
  RawOption,
  SmpOption,
} from '../document/index.ts';

/** Characters with a meaning somewhere between the designer and QEMU. */
export const NASTY_CHARS = [
  ' ', "'", '"', '$', '`', '\\', '!', '*', '?', '[', ']', '{', '}', '~', '#', '&', ';', '|', '<', '>', '(', ')',
  '\n', '\t', '\r', ',', ',', '=', '%', '^', '-', ':', '@', '+', '/', '.', '_',
  'é', '中', '🙂', '\u0001', '\u001b', '\u007f', '\u009b', '\u202e', '\u2028', '\u00a0', '&amp;', ']]>',
];
const PLAIN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');

const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PLAIN_CHARS) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_CHARS) },
);

/** Any text of the alphabet, possibly empty. */
export const arbText = fc.array(char, { maxLength: 12 }).map((a) => a.join(''));
/** Realistic values mixed with hostile ones. */
export const arbValue = fc.oneof(
  fc.constantFrom('4G', '1G', '512M', '0x100000000', '2', '0', 'on', 'off', '/dev/hugepages/vm 1', '-1', ''),
  arbText,
);
/** A value that may stand first in an option (implied key): no `=`. */
const arbFirstValue = arbValue.filter((v) => !v.includes('='));

function arbExtra(kind: keyof typeof PROPERTY_TABLES, bareFirstAllowed: boolean): fc.Arbitrary<ExtraProp[] | undefined> {
  const known = new Set(Object.keys(PROPERTY_TABLES[kind]));
  const key = fc
    .array(char, { minLength: 1, maxLength: 8 })
    .map((a) => a.join(''))
    .filter((k) => !k.includes('=') && !k.includes(',') && !known.has(k));
  const prop = fc.tuple(key, fc.option(arbValue, { nil: null, freq: 3 })) as fc.Arbitrary<ExtraProp>;
  return fc.option(
    fc.array(prop, { minLength: 1, maxLength: 3 }).map((list) => {
      // where nothing precedes the first extra (-smp, -m), a bare word would be read as the implied value
      if (!bareFirstAllowed && list[0]![1] === null) list[0] = [list[0]![0], 'x'];
      return list;
    }),
    { nil: undefined, freq: 3 },
  );
}

/** Record of optional string fields. */
function optionalFields<K extends string>(keys: readonly K[]): fc.Arbitrary<Partial<Record<K, string>>> {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const k of keys) model[k] = arbValue;
  return fc.record(model, { requiredKeys: [] }) as unknown as fc.Arbitrary<Partial<Record<K, string>>>;
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

const arbMachine: fc.Arbitrary<MachineOption> = fc
  .tuple(
    fc.oneof(fc.constantFrom('q35', 'pc', 'pc-q35-9.2', 'pc-i440fx-7.2', ''), arbFirstValue),
    optionalFields(['maxRamBelow4g', 'nvdimm'] as const),
    arbExtra('machine', true),
    fc.constantFrom(undefined, '-M', '--machine', '-machine'),
  )
  .map(([type, f, extra, flag]) => clean({ kind: 'machine' as const, type, ...f, extra, flag }));

const arbCpu: fc.Arbitrary<CpuOption> = fc
  .tuple(fc.oneof(fc.constantFrom('qemu64', 'EPYC', 'max', 'Skylake-Server'), arbFirstValue), optionalFields(['vendor', 'physBits'] as const), arbExtra('cpu', true))
  .map(([model, f, extra]) => clean({ kind: 'cpu' as const, model, ...f, extra }));

const arbSmp: fc.Arbitrary<SmpOption> = fc
  .tuple(optionalFields(['cpus', 'maxcpus', 'sockets', 'dies', 'modules', 'cores', 'threads'] as const), arbExtra('smp', false))
  .map(([f, extra]) => clean({ kind: 'smp' as const, ...f, extra }));

const arbMemory: fc.Arbitrary<MemoryOption> = fc
  .tuple(optionalFields(['size', 'slots', 'maxmem'] as const), arbExtra('memory', false), fc.constantFrom(undefined, '--m'))
  .map(([f, extra, flag]) => clean({ kind: 'memory' as const, ...f, extra, flag }));

const arbBackend: fc.Arbitrary<BackendObject> = fc
  .tuple(
    fc.constantFrom('memory-backend-ram', 'memory-backend-file', 'memory-backend-memfd'),
    fc.oneof(fc.constantFrom('ram0', 'm0', 'hbm0-mem'), arbValue),
    optionalFields(['size', 'align', 'memPath', 'share', 'prealloc', 'hugetlb', 'hugetlbsize'] as const),
    arbExtra('object', true),
  )
  .map(([qomType, id, f, extra]) => clean({ kind: 'object' as const, qomType, id, ...f, extra }));

const arbNumaNode: fc.Arbitrary<NumaNodeOption> = fc
  .tuple(
    optionalFields(['nodeid', 'memdev', 'mem', 'initiator'] as const),
    fc.option(fc.array(fc.oneof(fc.constantFrom('0-3', '4', '5-7'), arbValue), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    arbExtra('numa-node', true),
  )
  .map(([f, cpus, extra]) => clean({ kind: 'numa-node' as const, ...f, cpus, extra }));

const arbNumaCpu: fc.Arbitrary<NumaCpuOption> = fc
  .tuple(optionalFields(['nodeId', 'socketId', 'dieId', 'moduleId', 'coreId', 'threadId'] as const), arbExtra('numa-cpu', true))
  .map(([f, extra]) => clean({ kind: 'numa-cpu' as const, ...f, extra }));

const arbNumaDist: fc.Arbitrary<NumaDistOption> = fc
  .tuple(optionalFields(['src', 'dst', 'val'] as const), arbExtra('numa-dist', true))
  .map(([f, extra]) => clean({ kind: 'numa-dist' as const, ...f, extra }));

const arbDevice: fc.Arbitrary<MemoryDeviceOption> = fc
  .tuple(
    fc.constantFrom('pc-dimm', 'nvdimm', 'sp-mem'),
    optionalFields(['id', 'memdev', 'node', 'addr', 'slot', 'labelSize'] as const),
    arbExtra('device', true),
    fc.constantFrom(undefined, '--device'),
  )
  .map(([driver, f, extra, flag]) => clean({ kind: 'device' as const, driver, ...f, extra, flag }));

/** Unmodelled options, as QEMU reads them. */
export const arbRaw: fc.Arbitrary<RawOption> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('-drive', '-netdev', '-display', '-name', '-append', '-kernel', '-chardev', '-serial', '-global', '-boot', '--drive', '-fw_cfg'),
      arbValue,
    )
    .map(([flag, v]) => ({ kind: 'raw' as const, args: [flag, v] })),
  fc
    .tuple(
      fc.constantFrom('-device', '-object', '-numa'),
      fc.constantFrom('virtio-net-pci,netdev=n0', 'iothread,id=io0', 'sgx-epc,id=e0', ' {"driver":"pc-dimm"}', 'e1000'),
      arbText,
    )
    .map(([flag, v, tail]) => ({ kind: 'raw' as const, args: [flag, v + tail] })),
  fc.constantFrom('-nographic', '-S', '-snapshot', '-nodefaults', '--no-reboot').map((flag) => ({ kind: 'raw' as const, args: [flag] })),
  fc
    .oneof(fc.constantFrom('disk.img', '-', '--', 'my disk.qcow2'), arbText)
    .filter((w) => w === '-' || w === '--' || (w !== '' && !w.startsWith('-')))
    .map((w) => ({ kind: 'raw' as const, args: [w] })),
);

/** A valid-shaped document (see the module comment). */
export const arbDocument: fc.Arbitrary<ConfigDocument> = fc
  .tuple(
    fc.option(arbMachine, { nil: undefined }),
    fc.option(arbCpu, { nil: undefined }),
    fc.option(arbSmp, { nil: undefined }),
    fc.option(arbMemory, { nil: undefined }),
    fc.array(fc.oneof(arbBackend, arbNumaNode, arbNumaCpu, arbNumaDist, arbDevice, arbRaw), { maxLength: 10 }),
    fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    fc.oneof(fc.constantFrom('design', 'my VM'), arbText),
  )
  .map(([machine, cpu, smp, memory, rest, at, name]) => {
    const options: DocOption[] = [...rest];
    [machine, cpu, smp, memory].forEach((o, i) => {
      if (o) options.splice(at[i]! % (options.length + 1), 0, o);
    });
    return { format: 'memory-map-designer' as const, version: 1 as const, name, options };
  });

// ---- documents QEMU accepts

const GiBn = 1024n * 1024n * 1024n;

export const arbHostileName = fc.oneof(fc.constantFrom('vm', 'VM with spaces', "it's <&> \"quoted\"", 'a/b'), arbText);

/** An absolute path with hostile characters (no control characters XML cannot carry). */
const arbPath = fc
  .array(fc.oneof(fc.constantFrom(...PLAIN_CHARS), fc.constantFrom(' ', "'", '"', '$', '`', '\\', '!', '*', ',', '=', '&', '<', '>', 'é', '\n', '\t', ']]>')), {
    minLength: 1,
    maxLength: 16,
  })
  .map((a) => '/tmp/' + a.join(''));

/** XML 1.0 cannot carry most C0 control characters, not even as references. */
function xmlCarries(s: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s);
}

export const arbMachineDocument: fc.Arbitrary<ConfigDocument> = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }), // nodes
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }), // node RAM in 512 MiB units
    fc.array(
      fc.record({
        driver: fc.constantFrom('pc-dimm', 'sp-mem', 'nvdimm'),
        gib: fc.integer({ min: 1, max: 4 }),
        node: fc.nat(),
        file: fc.boolean(),
        path: arbPath,
      }),
      { maxLength: 5 },
    ),
    fc.constantFrom('q35', 'pc', 'pc-q35-9.2'),
    fc.constantFrom(undefined, 'EPYC', 'Skylake-Server', 'max', 'qemu64'),
    fc.integer({ min: 1, max: 4 }), // cpus per node
    fc.array(
      arbRaw.filter(
        (r) => r.args[0]!.startsWith('-') && !['-S', '-device', '-object', '-numa', '-kernel', '-boot', '-global', '--no-reboot'].includes(r.args[0]!) && r.args.every(xmlCarries),
      ),
      { maxLength: 3 },
    ),
    arbHostileName.filter(xmlCarries),
  )
  .map(([nodes, nodeUnits, devs, machine, cpuModel, cpusPerNode, raws, name]) => {
    const options: DocOption[] = [];
    const nvdimm = devs.some((d) => d.driver === 'nvdimm');
    options.push({ kind: 'machine', type: machine, ...(nvdimm ? { nvdimm: 'on' } : {}) });
    if (cpuModel) options.push({ kind: 'cpu', model: cpuModel });
    const cpus = nodes * cpusPerNode;
    options.push({ kind: 'smp', cpus: String(cpus), sockets: String(nodes), cores: String(cpusPerNode) });
    let ram = 0n;
    for (let n = 0; n < nodes; n++) ram += BigInt(nodeUnits[n]!) * 512n * 1024n * 1024n;
    let devTotal = 0n;
    for (const d of devs) devTotal += BigInt(d.gib) * GiBn;
    options.push({ kind: 'memory', size: `${ram / (1024n * 1024n)}M`, slots: '8', maxmem: `${(ram + devTotal) / GiBn + 8n}G` });
    for (let n = 0; n < nodes; n++) {
      options.push({ kind: 'object', qomType: 'memory-backend-ram', id: `ram${n}`, size: `${nodeUnits[n]! * 512}M` });
      options.push({ kind: 'numa-node', nodeid: String(n), memdev: `ram${n}`, cpus: [`${n * cpusPerNode}-${(n + 1) * cpusPerNode - 1}`] });
    }
    if (nodes > 1) options.push({ kind: 'numa-dist', src: '0', dst: '1', val: '20' });
    devs.forEach((d, i) => {
      const id = `dev${i}`;
      const file = d.driver === 'nvdimm' || d.file;
      options.push(
        file
          ? { kind: 'object', qomType: 'memory-backend-file', id: `${id}-mem`, size: `${d.gib}G`, memPath: d.path, ...(d.driver === 'nvdimm' ? { share: 'on' } : {}) }
          : { kind: 'object', qomType: 'memory-backend-ram', id: `${id}-mem`, size: `${d.gib}G` },
      );
      options.push({ kind: 'device', driver: d.driver, id, memdev: `${id}-mem`, node: String(d.node % nodes) });
    });
    options.push(...raws);
    return { format: 'memory-map-designer' as const, version: 1 as const, name, options };
  });

/** The document without the remembered source text (flag and text), for comparing what options say. */
export function withoutSource(doc: ConfigDocument): ConfigDocument {
  return {
    ...doc,
    options: doc.options.map((o) => {
      if (o.kind === 'raw') return o;
      const { flag: _f, text: _t, ...rest } = o;
      return rest as DocOption;
    }),
  };
}
