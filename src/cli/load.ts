/**
 * What every CLI command starts from: the shape of a command (its options, usage and handler), its arguments
 * read with node:util `parseArgs` (strict, against the options it declares; QEMU arguments after `--`), the
 * document they name (QEMU arguments after `--`, `--args-file FILE` or `--from-json FILE`, FILE `-` for stdin),
 * and QEMU's verdict on it. Files are read up to the largest a design can be, never further (`/dev/zero`).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAX_DOCUMENT_CHARS, importQemuText } from '../core/io/index.ts';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { computeMachine } from '../core/machine/index.ts';
import { qemuCatalog } from './qemu-catalog.ts';
import { formatQemuError } from '../core/base/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import type { MachineResult, QemuVersion } from '../core/machine/index.ts';
import { loadJsonForCli } from './load-json.ts';
import { parseHostCpuFlag, thisHostCpu } from './host-cpu.ts';
import { oneLine, qemuMessage } from './terminal.ts';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The options a command declares: each takes one value, `--name value` or `--name=value`. */
export type CommandOptions = Record<string, { type: 'string'; default?: string }>;

/** A command's arguments, read. */
export interface CommandInput<K extends string = string> {
  /** the values of the command's options that were given (or have a default) */
  values: { [k in K]?: string };
  /** the words after `--` (null: no `--`) */
  qemuArgs: string[] | null;
  qemuVersion: QemuVersion;
}

export interface CliCommand<O extends CommandOptions = CommandOptions> {
  name: string;
  /** its lines of the usage text */
  usage: string;
  /** its options, besides the ones every command takes (`--qemu-version`, `--help`) */
  options: O;
  run(input: CommandInput<Extract<keyof O, string>>, io: CliIo): Promise<number>;
}

/** A command of the table, its handler typed by the options it declares. */
export function defineCommand<O extends CommandOptions>(command: CliCommand<O>): CliCommand {
  return command as unknown as CliCommand;
}

/** `--from-json FILE` and `--host-cpu VENDOR[,phys-bits=N]` (host-cpu.ts): what the commands that read a document declare. */
export const DOCUMENT_OPTIONS = { 'from-json': { type: 'string' }, 'args-file': { type: 'string' }, 'host-cpu': { type: 'string' } } as const satisfies CommandOptions;

/** Most bytes read from a file: the UTF-8 of the largest document text (3 bytes per UTF-16 unit at most). */
export const MAX_INPUT_BYTES = MAX_DOCUMENT_CHARS * 3;

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The text of `file` (`-`: stdin), read up to `limit` bytes and no further, as UTF-8; or why not (a file over
 * the limit — such as /dev/zero — is refused when the limit is passed, naming it).
 */
export function readInputFile(file: string, limit = MAX_INPUT_BYTES): { ok: true; text: string } | { ok: false; message: string } {
  const name = file === '-' ? 'stdin' : file;
  let fd: number;
  try {
    fd = file === '-' ? 0 : openSync(file, 'r');
  } catch (e) {
    return { ok: false, message: `cannot read ${name}: ${(e as Error).message}` };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const buf = Buffer.alloc(Math.min(1 << 20, limit + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          sleepSync(10); // a non-blocking stdin with nothing in it yet
          continue;
        }
        if (code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit) {
        return {
          ok: false,
          message: `cannot read ${name}: it is larger than ${limit} bytes, the most a design document or command line can take (${MAX_DOCUMENT_CHARS} characters)`,
        };
      }
    }
  } catch (e) {
    return { ok: false, message: `cannot read ${name}: ${(e as Error).message}` };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, message: `cannot read ${name}: it is not UTF-8 text` };
  }
}

const QEMU_VERSIONS: readonly QemuVersion[] = ['11.1', '10.2', '7.2'];

const COMMON_OPTIONS = {
  'qemu-version': { type: 'string', default: '11.1' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Declared = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string }>;

/** What the command line gave a command. */
export interface CommandArgs {
  help: boolean;
  /** `--qemu-version` as given (see qemuVersionOf) */
  qemuVersion: string;
  /** the values of the command's own options */
  values: Record<string, string>;
  /** the words after `--` (null: no `--`) */
  qemuArgs: string[] | null;
}

/**
 * The arguments after the command name: options (`--name value` or `--name=value`) up to the first `--`, the QEMU
 * arguments after it. A string is what was wrong (printed with the usage, exit status 1).
 */
export function parseCommandArgs(command: CliCommand, words: readonly string[]): CommandArgs | string {
  const split = words.indexOf('--');
  const args = split < 0 ? [...words] : words.slice(0, split);
  const qemuArgs = split < 0 ? null : words.slice(split + 1);
  const options: Declared = { ...command.options, ...COMMON_OPTIONS };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true }));
  } catch (e) {
    return argumentProblem(command.name, args, options) ?? (e as Error).message;
  }
  if (positionals.length > 0) return unexpected(positionals[0]!);
  const { help, 'qemu-version': qemuVersion, ...given } = values;
  return { help: help === true, qemuVersion: String(qemuVersion), values: given as Record<string, string>, qemuArgs };
}

export function qemuVersionOf(v: string): QemuVersion | { error: string } {
  return (QEMU_VERSIONS as readonly string[]).includes(v) ? (v as QemuVersion) : { error: `--qemu-version must be 11.1, 10.2 or 7.2 (got '${v}')` };
}

const unexpected = (word: string) => `unexpected argument '${word}' (QEMU arguments go after --)`;

/** What strict parsing refused, said the CLI's way (from the tokens of a lenient parse). */
function argumentProblem(command: string, args: string[], options: Declared): string | null {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === 'positional') return unexpected(t.value);
    if (t.kind !== 'option') continue;
    const declared = Object.hasOwn(options, t.name) ? options[t.name]! : undefined;
    // a single-dash word is QEMU's syntax: the arguments were meant to follow `--`
    if (!declared) return t.rawName.startsWith('--') ? `${command}: unknown option ${t.rawName}` : unexpected(args[t.index]!);
    if (declared.type === 'boolean') {
      if (t.value !== undefined) return `option ${t.rawName} takes no value`;
    } else if (t.value === undefined) {
      return `option ${t.rawName} needs a value`;
    } else if (!t.inlineValue && t.value.startsWith('-')) {
      return `option ${t.rawName} needs a value (a value starting with '-' is written ${t.rawName}=${t.value})`;
    }
  }
  return null;
}

/** A document from `-- <QEMU arguments>`, `--args-file FILE` or `--from-json FILE`; a string is an error message. */
export function loadDocument(input: CommandInput<'from-json' | 'args-file' | 'host-cpu'>): ConfigDocument | { qemuError: string } | string {
  const doc = loadDocumentOnly(input);
  if (typeof doc === 'string' || 'qemuError' in doc) return doc;
  // --host-cpu is part of the design (a saved design keeps its own otherwise); computeFor adds this machine's
  const flag = input.values['host-cpu'];
  if (flag === undefined) return doc;
  const host = parseHostCpuFlag(flag);
  return typeof host === 'string' ? host : { ...doc, host };
}

/** The document as the CLI computes it: its host CPU (--host-cpu or its own), else the machine the CLI runs on. */
export function computeFor(doc: ConfigDocument): ConfigDocument {
  return doc.host ? doc : { ...doc, host: thisHostCpu().host };
}

function loadDocumentOnly(input: CommandInput<'from-json' | 'args-file' | 'host-cpu'>): ConfigDocument | { qemuError: string } | string {
  const file = input.values['from-json'];
  const argsFile = input.values['args-file'];
  const given = [file !== undefined, argsFile !== undefined, input.qemuArgs !== null].filter(Boolean).length;
  if (given > 1) {
    return argsFile === undefined ? 'give either --from-json or QEMU arguments after --, not both' : 'give one of --from-json FILE, --args-file FILE or QEMU arguments after --';
  }
  if (file !== undefined) {
    const r = readInputFile(file);
    return r.ok ? loadJsonForCli(r.text) : r.message;
  }
  if (argsFile !== undefined) {
    // the command line as the designer's Import reads it: one line or several joined by \, shell quoting, or a JSON argv
    const r = readInputFile(argsFile);
    if (!r.ok) return r.message;
    const got = importQemuText(r.text, { name: 'cli' });
    if (got.ok) return got.doc;
    const where = got.line !== undefined ? `:${got.line}:${got.column ?? 1}` : '';
    return { qemuError: `${argsFile === '-' ? 'stdin' : argsFile}${where}: ${got.message}` };
  }
  if (input.qemuArgs === null) return 'missing QEMU arguments after -- (or --args-file FILE)';
  const p = parseQemuArgs(input.qemuArgs, 'imported', { qemuVersion: input.qemuVersion });
  if (!p.ok) return { qemuError: formatQemuError(p.error) };
  return p.doc;
}

/**
 * The document the command works on and QEMU's verdict on it; on a problem, the message is printed and the exit
 * code returned (1: the command was used wrongly, 2: QEMU would reject the configuration).
 */
export function loadAndCompute(
  input: CommandInput<'from-json' | 'args-file' | 'host-cpu'>,
  io: CliIo,
): { doc: ConfigDocument; result: MachineResult & { layout: NonNullable<MachineResult['layout']> } } | number {
  const doc = loadDocument(input);
  if (typeof doc === 'string') {
    io.stderr(oneLine(doc) + '\n');
    return 1;
  }
  if ('qemuError' in doc) {
    io.stderr(qemuMessage(doc.qemuError) + '\n');
    return 2;
  }
  const result = computeMachine(computeFor(doc), { qemuVersion: input.qemuVersion, catalog: qemuCatalog(input.qemuVersion) });
  if (result.error || !result.layout) {
    io.stderr(qemuMessage(formatQemuError(result.error!)) + '\n');
    return 2;
  }
  return { doc, result: result as MachineResult & { layout: NonNullable<MachineResult['layout']> } };
}
