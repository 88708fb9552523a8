/**
 * What every CLI command starts from: the shape of a command (its options, usage and handler), its arguments
 * read with node:util `parseArgs` (strict, against the options it declares; QEMU arguments after `--`), the
 * document they name (QEMU arguments after `--`, or `--from-json FILE`), and QEMU's verdict on it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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

/** `--from-json FILE`: what the commands that read a document declare. */
export const DOCUMENT_OPTIONS = { 'from-json': { type: 'string' } } as const satisfies CommandOptions;

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

/** A document from `-- <QEMU arguments>` or `--from-json FILE`; a string is an error message. */
export function loadDocument(input: CommandInput<'from-json'>): ConfigDocument | { qemuError: string } | string {
  const file = input.values['from-json'];
  if (file !== undefined) {
    if (input.qemuArgs !== null) return 'give either --from-json or QEMU arguments after --, not both';
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return `cannot read ${file}: ${(e as Error).message}`;
    }
    return loadJsonForCli(text);
  }
  if (input.qemuArgs === null) return 'missing QEMU arguments after --';
  const p = parseQemuArgs(input.qemuArgs);
  if (!p.ok) return { qemuError: formatQemuError(p.error) };
  return p.doc;
}

/**
 * The document the command works on and QEMU's verdict on it; on a problem, the message is printed and the exit
 * code returned (1: the command was used wrongly, 2: QEMU would reject the configuration).
 */
export function loadAndCompute(
  input: CommandInput<'from-json'>,
  io: CliIo,
): { doc: ConfigDocument; result: MachineResult & { layout: NonNullable<MachineResult['layout']> } } | number {
  const doc = loadDocument(input);
  if (typeof doc === 'string') {
    io.stderr(doc + '\n');
    return 1;
  }
  if ('qemuError' in doc) {
    io.stderr(doc.qemuError + '\n');
    return 2;
  }
  const result = computeMachine(doc, { qemuVersion: input.qemuVersion });
  if (result.error || !result.layout) {
    io.stderr(formatQemuError(result.error!) + '\n');
    return 2;
  }
  return { doc, result: result as MachineResult & { layout: NonNullable<MachineResult['layout']> } };
}
