/**
 * `npm run capture-qemu-help`: what real QEMU says it accepts, per version, from its own output — device models
 * (`-device help`) and each one's properties (`-device NAME,help`), the device types it refuses otherwise (QMP
 * `qom-list-types`), object types (`-object help`, `-object NAME,help`) and what `-object` reads (QMP
 * `query-qmp-schema`, object-add's ObjectOptions), CPU models and CPUID flags (`-cpu help`), machine types
 * (`-machine help`) and the pc/q35 machine properties (QMP `qom-list-properties` of the type), accelerators
 * (`-accel help`). Written to src/core/syntax/qemu-help/qemu-<version>.json, with the catalog the designer ships
 * (catalog-<version>.json: the names its checks read, src/core/machine/qemu-catalog.ts) and the backends'
 * properties module; the designer reads these lists, never a list written from memory.
 *
 *   npm run capture-qemu-help [-- --check]    (--check: compare with the committed files, write nothing)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QemuCatalogData } from '../core/machine/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'src/core/syntax/qemu-help');

export interface QemuHelpLists {
  /** `qemu-system-x86_64 --version`, first line */
  version: string;
  /** the distinct property lists (`NAME,help`, names only, sorted) that devices and objects have */
  propertySets: string[][];
  /** user-creatable device models → their properties, as an index into propertySets */
  devices: Record<string, number>;
  /** device model aliases (`alias "…"` in `-device help`) → the model */
  deviceAliases: Record<string, string>;
  /**
   * device types that `-device` refuses by another message than an unknown name: QMP `qom-list-types`
   * (implements `device`) less the user-creatable models — abstract ones, and concrete ones not user-creatable
   */
  deviceTypesNotCreatable: { abstract: string[]; concrete: string[] };
  /** devices listed by `-device help` whose `NAME,help` fails, with QEMU's message */
  deviceHelpErrors: Record<string, string>;
  /** user-creatable object types → their properties (`-object NAME,help`), as an index into propertySets */
  objects: Record<string, number>;
  /**
   * what `-object` reads (QMP `query-qmp-schema`, object-add's ObjectOptions): every qom-type value → the members
   * of its branch, as an index into propertySets (qom-type and id are every branch's)
   */
  objectOptions: Record<string, number>;
  /** CPU model names (`-cpu help`, "Available CPUs") */
  cpuModels: string[];
  /** recognized CPUID flags (`-cpu help`) */
  cpuFlags: string[];
  /** machine types: name → { alias of, deprecated } */
  machines: Record<string, { aliasOf?: string; deprecated?: true; isDefault?: true }>;
  /**
   * machine properties of the pc and q35 machine types: QMP `qom-list-properties` of the versioned type, which
   * also lists the properties an instance adds (nvdimm, hmat, pflash0, …) that `-machine pc,help` leaves out
   */
  machineProperties: { pc: string[]; q35: string[] };
  /** accelerators built into the binary (`-accel help`) */
  accels: string[];
}

/** QMP commands run on a `-machine none` QEMU; their `return` values, in order. */
function qmp(qemu: string, commands: Array<{ execute: string; arguments?: unknown }>): unknown[] {
  const input = [{ execute: 'qmp_capabilities' }, ...commands, { execute: 'quit' }].map((c) => JSON.stringify(c)).join('\n') + '\n';
  const r = spawnSync(qemu, ['-machine', 'none', '-nodefaults', '-display', 'none', '-S', '-qmp', 'stdio'], { input, encoding: 'utf8', timeout: 30_000 });
  const replies = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { return?: unknown; error?: { desc: string } })
    .filter((o) => 'return' in o || 'error' in o);
  // the first reply answers qmp_capabilities, the last one quit
  const out = replies.slice(1, 1 + commands.length);
  for (const [i, o] of out.entries()) if (o.error) throw new Error(`${qemu} QMP ${commands[i]!.execute}: ${o.error.desc}`);
  if (out.length !== commands.length) throw new Error(`${qemu} QMP: ${out.length} replies to ${commands.length} commands\n${r.stderr}`);
  return out.map((o) => o.return);
}

/** The names of a QMP `qom-list-properties` or `qom-list-types` reply, sorted. */
export function qomPropertyNames(reply: unknown): string[] {
  return [...new Set((reply as Array<{ name: string }>).map((p) => p.name))].sort();
}

function help(qemu: string, args: string[]): string {
  try {
    return execFileSync(qemu, ['-nodefaults', '-display', 'none', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    // some `NAME,help` calls print the list and exit non-zero; keep what was printed
    if (err.stdout) return err.stdout;
    throw new Error(`${qemu} ${args.join(' ')}: ${err.stderr ?? String(e)}`);
  }
}

/** `  name=<type>  - description` lines of a `NAME,help` listing */
export function parsePropertyList(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s+([^\s=]+)=</.exec(line);
    if (m) out.add(m[1]!);
  }
  return [...out].sort();
}

export function parseDeviceHelp(text: string): { names: string[]; aliases: Record<string, string> } {
  const names: string[] = [];
  const aliases: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^name "([^"]+)"(.*)$/.exec(line);
    if (!m) continue;
    names.push(m[1]!);
    const a = /alias "([^"]+)"/.exec(m[2]!);
    if (a) aliases[a[1]!] = m[1]!;
  }
  return { names: names.sort(), aliases };
}

export function parseObjectHelp(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /^\s+\S+$/.test(l))
    .map((l) => l.trim())
    .sort();
}

/** object-add's ObjectOptions in a `query-qmp-schema` reply: each qom-type value and its branch's members, sorted. */
export function parseObjectOptions(schema: unknown): Record<string, string[]> {
  type Entry = { name: string; 'meta-type': string; 'arg-type'?: string; tag?: string; members?: Array<{ name: string; type: string }>; variants?: Array<{ case: string; type: string }>; values?: string[] };
  const byName = new Map((schema as Entry[]).map((e) => [e.name, e]));
  const cmd = byName.get('object-add');
  const options = cmd?.['arg-type'] !== undefined ? byName.get(cmd['arg-type']) : undefined;
  if (!options?.tag || !options.variants) throw new Error('query-qmp-schema: object-add takes no ObjectOptions union');
  const tagType = byName.get(options.members!.find((m) => m.name === options.tag)!.type)!;
  const values = tagType.values ?? (tagType.members ?? []).map((m) => m.name);
  const out: Record<string, string[]> = {};
  for (const v of [...values].sort()) {
    const branch = options.variants.find((x) => x.case === v);
    const members = branch ? (byName.get(branch.type)?.members ?? []).map((m) => m.name) : [];
    out[v] = [...new Set(members)].sort();
  }
  return out;
}

export function parseCpuHelp(text: string): { models: string[]; flags: string[] } {
  const [models = '', flags = ''] = text.split(/^Recognized CPUID flags:$/m);
  const names = models
    .split('\n')
    .map((l) => /^\s*(?:x86\s+)?(\S+)/.exec(l)?.[1])
    .filter((n): n is string => !!n && n !== 'Available' && !n.endsWith(':'));
  return { models: [...new Set(names)].sort(), flags: [...new Set(flags.split(/\s+/).filter(Boolean))].sort() };
}

export function parseMachineHelp(text: string): QemuHelpLists['machines'] {
  const out: QemuHelpLists['machines'] = {};
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line);
    if (!m || line.startsWith('Supported machines')) continue;
    const e: QemuHelpLists['machines'][string] = {};
    const alias = /\(alias of ([^)]+)\)/.exec(m[2]!);
    if (alias) e.aliasOf = alias[1]!;
    if (/\(deprecated\)/.test(m[2]!)) e.deprecated = true;
    if (/\(default\)/.test(m[2]!)) e.isDefault = true;
    out[m[1]!] = e;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function captureHelp(qemu: string): QemuHelpLists {
  const version = execFileSync(qemu, ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
  const dev = parseDeviceHelp(help(qemu, ['-device', 'help']));
  const propertySets: string[][] = [];
  const setIndex = new Map<string, number>();
  const setOf = (props: string[]): number => {
    const key = props.join(',');
    let i = setIndex.get(key);
    if (i === undefined) {
      i = propertySets.push(props) - 1;
      setIndex.set(key, i);
    }
    return i;
  };
  const devices: Record<string, number> = {};
  const deviceHelpErrors: Record<string, string> = {};
  for (const d of dev.names) {
    try {
      devices[d] = setOf(parsePropertyList(help(qemu, ['-device', `${d},help`])));
    } catch (e) {
      // listed, but its help fails (a module the package does not ship): QEMU refuses it the same way
      devices[d] = setOf([]);
      deviceHelpErrors[d] = String((e as Error).message).split(': ').slice(1).join(': ').trim();
    }
  }
  const [allTypes, concreteTypes] = qmp(qemu, [
    { execute: 'qom-list-types', arguments: { implements: 'device', abstract: true } },
    { execute: 'qom-list-types', arguments: { implements: 'device', abstract: false } },
  ]);
  const concrete = new Set(qomPropertyNames(concreteTypes));
  const notListed = qomPropertyNames(allTypes).filter((t) => !Object.hasOwn(devices, t));
  const deviceTypesNotCreatable = { abstract: notListed.filter((t) => !concrete.has(t)), concrete: notListed.filter((t) => concrete.has(t)) };
  const [schema] = qmp(qemu, [{ execute: 'query-qmp-schema' }]);
  const objectOptions = Object.fromEntries(Object.entries(parseObjectOptions(schema)).map(([t, m]) => [t, setOf(m)]));
  const objects: Record<string, number> = {};
  for (const o of parseObjectHelp(help(qemu, ['-object', 'help']))) objects[o] = setOf(parsePropertyList(help(qemu, ['-object', `${o},help`])));
  const cpu = parseCpuHelp(help(qemu, ['-cpu', 'help']));
  const machines = parseMachineHelp(help(qemu, ['-machine', 'help']));
  const accels = help(qemu, ['-accel', 'help'])
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
  return {
    version,
    propertySets,
    devices,
    deviceAliases: dev.aliases,
    deviceTypesNotCreatable,
    deviceHelpErrors,
    objects,
    objectOptions,
    cpuModels: cpu.models,
    cpuFlags: cpu.flags,
    machines,
    machineProperties: machinePropertiesOf(qemu, machines),
    accels,
  };
}

function machinePropertiesOf(qemu: string, machines: QemuHelpLists['machines']): QemuHelpLists['machineProperties'] {
  const typeOf = (alias: string) => {
    const t = machines[alias]?.aliasOf;
    if (!t) throw new Error(`${qemu}: -machine help has no ${alias} alias`);
    return `${t}-machine`;
  };
  const [pc, q35] = qmp(qemu, [
    { execute: 'qom-list-properties', arguments: { typename: typeOf('pc') } },
    { execute: 'qom-list-properties', arguments: { typename: typeOf('q35') } },
  ]);
  return { pc: qomPropertyNames(pc), q35: qomPropertyNames(q35) };
}

/**
 * The catalog a release ships (src/core/machine/qemu-catalog.ts): the names the model's checks use and nothing
 * else — no CPUID flag list (the CPU device types' properties hold the features), no machine type list (the
 * release table has them), no accelerators; property lists only as far as a device or object refers to them.
 */
export function catalogOf(l: QemuHelpLists, helpLists: QemuCatalogData['helpLists']): QemuCatalogData {
  const propertySets: string[][] = [];
  const renumber = new Map<number, number>();
  const ref = (i: number): number => {
    let j = renumber.get(i);
    if (j === undefined) renumber.set(i, (j = propertySets.push(l.propertySets[i]!) - 1));
    return j;
  };
  const devices = Object.fromEntries(Object.entries(l.devices).map(([k, i]) => [k, ref(i)]));
  // what -object reads is the schema's; a type it reads but the binary cannot create is refused when created
  const objects = Object.fromEntries(Object.entries(l.objectOptions).map(([k, i]) => [k, ref(i)]));
  const objectsNotCreatable = Object.keys(l.objectOptions).filter((t) => !Object.hasOwn(l.objects, t));
  const deviceErrors = Object.fromEntries(
    Object.entries(l.deviceHelpErrors).map(([k, m]) => [k, m.replace(/^.*?: -device [^:]*,help: /, '')]),
  );
  return {
    helpLists,
    qemu: l.version,
    propertySets,
    devices,
    deviceAliases: l.deviceAliases,
    deviceTypesNotCreatable: l.deviceTypesNotCreatable,
    deviceErrors,
    objects,
    objectsNotCreatable,
    cpuModels: l.cpuModels,
    machineProperties: l.machineProperties,
  };
}

export function catalogFile(helpLists: string): string {
  return path.join(OUT, `catalog-${helpLists}.json`);
}

/** JSON with one line per device, object or machine, so a new QEMU version reads as a short diff. */
export function formatLists(l: QemuHelpLists): string {
  const block = (o: Record<string, unknown>) =>
    '{\n' + Object.entries(o).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n }';
  const list = (a: unknown[]) => '[\n' + a.map((x) => '  ' + JSON.stringify(x)).join(',\n') + '\n ]';
  const parts = Object.entries(l).map(([k, v]) =>
    k === 'propertySets' ? ` "propertySets": ${list(v as unknown[])}` :
    ` ${JSON.stringify(k)}: ${v !== null && typeof v === 'object' && !Array.isArray(v) && k !== 'machineProperties' && k !== 'deviceTypesNotCreatable' ? block(v as Record<string, unknown>) : JSON.stringify(v)}`,
  );
  return '{\n' + parts.join(',\n') + '\n}\n';
}

/** The catalog as JSON, one line per list entry (property sets, devices, objects), so a new release is a short diff. */
export function formatCatalog(c: QemuCatalogData): string {
  return formatLists(c as unknown as QemuHelpLists);
}

const BACKEND_MODULE = path.join(ROOT, 'src/core/machine/qemu-backend-properties.ts');

/** The memory backends' properties per version, as a small module the model reads (the full lists stay data). */
export function backendPropertiesModule(lists: Record<string, QemuHelpLists>): string {
  const rows = Object.entries(lists).map(([version, l]) => {
    const types = Object.keys(l.objects)
      .filter((t) => t.startsWith('memory-backend-'))
      .sort()
      .map((t) => `    '${t}': ${JSON.stringify(l.propertySets[l.objects[t]!])},`);
    return `  '${version}': {\n${types.join('\n')}\n  },`;
  });
  return `/**
 * The properties each memory backend type takes (\`-object TYPE,help\`), per QEMU release, from real QEMU's own help
 * output: generated by \`npm run capture-qemu-help\` (src/cli/capture-qemu-help-main.ts) — do not edit.
 */
export const QEMU_BACKEND_PROPERTIES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
${rows.join('\n')}
};
`;
}

function main(): number {
  const check = process.argv.includes('--check');
  const binaries = [{ version: '7.2', path: '/usr/bin/qemu-system-x86_64' }];
  const sid = spawnSync(path.join(ROOT, '.ci/qemu-sid.sh'), { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (sid.status !== 0) throw new Error('.ci/qemu-sid.sh could not provide QEMU 11.1');
  binaries.push({ version: '11.1', path: sid.stdout.trim() });
  let status = 0;
  mkdirSync(OUT, { recursive: true });
  const captured: Record<string, QemuHelpLists> = {};
  const outputs: Array<{ file: string; text: string; qemu: string }> = [];
  for (const { version, path: qemu } of binaries) {
    const file = path.join(OUT, `qemu-${version}.json`);
    captured[version] = captureHelp(qemu);
    outputs.push({ file, text: formatLists(captured[version]!), qemu });
    outputs.push({ file: catalogFile(version), text: formatCatalog(catalogOf(captured[version]!, version as QemuCatalogData['helpLists'])), qemu });
  }
  outputs.push({ file: BACKEND_MODULE, text: backendPropertiesModule(captured), qemu: 'both' });
  for (const { file, text, qemu } of outputs) {
    if (check) {
      let old = '';
      try {
        old = readFileSync(file, 'utf8');
      } catch {
        /* missing */
      }
      const same = old === text;
      console.log(`${same ? 'same' : 'DIFFERENT'}: ${path.relative(ROOT, file)} (${qemu})`);
      if (!same) status = 1;
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${path.relative(ROOT, file)} from ${qemu}`);
    }
  }
  return status;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = main();
}
