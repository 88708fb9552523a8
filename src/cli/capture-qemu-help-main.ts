/**
 * `npm run capture-qemu-help`: what real QEMU says it accepts, per version, from its own help output — device
 * models (`-device help`) and each one's properties (`-device NAME,help`), object types (`-object help`, `-object
 * NAME,help`), CPU models and CPUID flags (`-cpu help`), machine types (`-machine help`) and the pc/q35 machine
 * properties (`-machine TYPE,help`), accelerators (`-accel help`). Written to src/core/syntax/qemu-help/
 * qemu-<version>.json; the designer reads these lists, never a list written from memory.
 *
 *   npm run capture-qemu-help [-- --check]    (--check: compare with the committed files, write nothing)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  /** devices listed by `-device help` whose `NAME,help` fails, with QEMU's message */
  deviceHelpErrors: Record<string, string>;
  /** user-creatable object types → their properties (`-object NAME,help`), as an index into propertySets */
  objects: Record<string, number>;
  /** CPU model names (`-cpu help`, "Available CPUs") */
  cpuModels: string[];
  /** recognized CPUID flags (`-cpu help`) */
  cpuFlags: string[];
  /** machine types: name → { alias of, deprecated } */
  machines: Record<string, { aliasOf?: string; deprecated?: true; isDefault?: true }>;
  /** machine properties of the pc and q35 machine types (`-machine pc,help`, `-machine q35,help`) */
  machineProperties: { pc: string[]; q35: string[] };
  /** accelerators built into the binary (`-accel help`) */
  accels: string[];
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
  const objects: Record<string, number> = {};
  for (const o of parseObjectHelp(help(qemu, ['-object', 'help']))) objects[o] = setOf(parsePropertyList(help(qemu, ['-object', `${o},help`])));
  const cpu = parseCpuHelp(help(qemu, ['-cpu', 'help']));
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
    deviceHelpErrors,
    objects,
    cpuModels: cpu.models,
    cpuFlags: cpu.flags,
    machines: parseMachineHelp(help(qemu, ['-machine', 'help'])),
    machineProperties: {
      pc: parsePropertyList(help(qemu, ['-machine', 'pc,help'])),
      q35: parsePropertyList(help(qemu, ['-machine', 'q35,help'])),
    },
    accels,
  };
}

/** JSON with one line per device, object or machine, so a new QEMU version reads as a short diff. */
export function formatLists(l: QemuHelpLists): string {
  const block = (o: Record<string, unknown>) =>
    '{\n' + Object.entries(o).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n }';
  const list = (a: unknown[]) => '[\n' + a.map((x) => '  ' + JSON.stringify(x)).join(',\n') + '\n ]';
  const parts = Object.entries(l).map(([k, v]) =>
    k === 'propertySets' ? ` "propertySets": ${list(v as unknown[])}` :
    ` ${JSON.stringify(k)}: ${v !== null && typeof v === 'object' && !Array.isArray(v) && k !== 'machineProperties' ? block(v as Record<string, unknown>) : JSON.stringify(v)}`,
  );
  return '{\n' + parts.join(',\n') + '\n}\n';
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
