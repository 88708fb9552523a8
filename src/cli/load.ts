/**
 * What every CLI command starts from: its arguments split into command, flags and QEMU arguments, the document
 * they name (QEMU arguments after `--`, or `--from-json FILE`), and QEMU's verdict on it.
 */
import { readFileSync } from 'node:fs';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { computeMachine } from '../core/machine/index.ts';
import { formatQemuError } from '../core/base/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import type { MachineResult, QemuVersion } from '../core/machine/index.ts';
import { loadJsonForCli } from './load-json.ts';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

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
  const doc = loadDocument(parsed, loadJsonForCli);
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

