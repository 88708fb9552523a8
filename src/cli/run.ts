/**
 * The command-line interface over the core. `runCli(argv, io)` is what `npm run cli -- …` runs; it is also
 * called in-process by the differential test and the benchmarks.
 *
 *   tables [--qemu-version 11.1|7.2] --out DIR -- <QEMU arguments>
 *   tables [--qemu-version …] --from-json FILE --out DIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQemuArgs } from '../core/cmdline-parse.ts';
import { computeMachine } from '../core/compute.ts';
import { formatQemuError } from '../core/diagnostics.ts';
import { e820ToJson } from '../core/e820.ts';
import { memoryDevicesToJson } from '../core/memory-devices.ts';
import type { ConfigDocument } from '../core/document.ts';
import type { MachineResult, QemuVersion } from '../core/results.ts';
import { extraCommands } from './commands.ts';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const USAGE = `usage: npm run --silent cli -- <command> [options] [-- <QEMU arguments>]

commands:
  tables --out DIR [--qemu-version 11.1|7.2] -- <QEMU arguments>
      write DIR/SRAT.bin (when QEMU builds an SRAT), DIR/e820.bin, DIR/e820.json and
      DIR/memory-devices.json; exit 2 with QEMU's message when QEMU would reject the configuration
  tables --from-json FILE --out DIR
      the same for a saved design document
${'' /* more commands are listed by commands.ts */}`;

export interface ParsedCliArgs {
  command: string;
  flags: Map<string, string>;
  qemuArgs: string[] | null;
}

/** Split `cmd --flag value … -- qemu args`. Flags take one value; `--help` takes none. */
export function parseCliArgs(argv: readonly string[]): ParsedCliArgs | string {
  const [command, ...rest] = argv;
  if (!command) return 'missing command';
  const flags = new Map<string, string>();
  let qemuArgs: string[] | null = null;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === '--') {
      qemuArgs = rest.slice(i + 1);
      break;
    }
    if (w === '--help' || w === '-h') {
      flags.set('help', '');
      continue;
    }
    if (!w.startsWith('--')) return `unexpected argument '${w}' (QEMU arguments go after --)`;
    const eq = w.indexOf('=');
    if (eq > 0) {
      flags.set(w.slice(2, eq), w.slice(eq + 1));
      continue;
    }
    const v = rest[i + 1];
    if (v === undefined || v === '--') return `option ${w} needs a value`;
    flags.set(w.slice(2), v);
    i++;
  }
  return { command, flags, qemuArgs };
}

export function qemuVersionFlag(flags: Map<string, string>): QemuVersion | string {
  const v = flags.get('qemu-version') ?? '11.1';
  if (v === '11.1' || v === '10.2' || v === '7.2') return v;
  return `--qemu-version must be 11.1, 10.2 or 7.2 (got '${v}')`;
}

/** A document from `-- <QEMU arguments>` or `--from-json FILE`; a string is an error message. */
export function loadDocument(parsed: ParsedCliArgs, loadJson: (text: string) => ConfigDocument | string): ConfigDocument | { qemuError: string } | string {
  const file = parsed.flags.get('from-json');
  if (file !== undefined) {
    if (parsed.qemuArgs !== null) return 'give either --from-json or QEMU arguments after --, not both';
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return `cannot read ${file}: ${(e as Error).message}`;
    }
    return loadJson(text);
  }
  if (parsed.qemuArgs === null) return 'missing QEMU arguments after --';
  const p = parseQemuArgs(parsed.qemuArgs);
  if (!p.ok) return { qemuError: formatQemuError(p.error) };
  return p.doc;
}

/**
 * The document the command works on and QEMU's verdict on it; on a problem, the message is printed and the exit
 * code returned (1: the command was used wrongly, 2: QEMU would reject the configuration).
 */
export function loadAndCompute(
  parsed: ParsedCliArgs,
  qemuVersion: QemuVersion,
  io: CliIo,
): { doc: ConfigDocument; result: MachineResult & { layout: NonNullable<MachineResult['layout']> } } | number {
  const doc = loadDocument(parsed, extraCommands.loadJson);
  if (typeof doc === 'string') {
    io.stderr(doc + '\n');
    return 1;
  }
  if ('qemuError' in doc) {
    io.stderr(doc.qemuError + '\n');
    return 2;
  }
  const result = computeMachine(doc, { qemuVersion });
  if (result.error || !result.layout) {
    io.stderr(formatQemuError(result.error!) + '\n');
    return 2;
  }
  return { doc, result: result as MachineResult & { layout: NonNullable<MachineResult['layout']> } };
}

export function writeTables(result: MachineResult, out: string): void {
  const layout = result.layout!;
  mkdirSync(out, { recursive: true });
  if (layout.srat) writeFileSync(join(out, 'SRAT.bin'), layout.srat.bytes);
  writeFileSync(join(out, 'e820.bin'), layout.e820Bytes);
  writeFileSync(join(out, 'e820.json'), JSON.stringify(e820ToJson(layout.e820), null, 2) + '\n');
  writeFileSync(join(out, 'memory-devices.json'), memoryDevicesToJson(layout.memoryDevices) + '\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n${USAGE}`);
    return 1;
  }
  if (parsed.command === 'help' || parsed.flags.has('help')) {
    io.stdout(USAGE + extraCommands.usage);
    return 0;
  }
  const version = qemuVersionFlag(parsed.flags);
  if (!version.match(/^\d/)) {
    io.stderr(version + '\n');
    return 1;
  }
  const qemuVersion = version as QemuVersion;
  if (parsed.command === 'tables') {
    const out = parsed.flags.get('out');
    if (!out) {
      io.stderr('tables needs --out DIR\n');
      return 1;
    }
    const loaded = loadAndCompute(parsed, qemuVersion, io);
    if (typeof loaded === 'number') return loaded;
    writeTables(loaded.result, out);
    return 0;
  }
  const handler = extraCommands.handlers[parsed.command];
  if (handler) return handler(parsed, qemuVersion, io);
  io.stderr(`unknown command '${parsed.command}'\n${USAGE}${extraCommands.usage}`);
  return 1;
}
