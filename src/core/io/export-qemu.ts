/**
 * The document as a QEMU command line: a POSIX shell command to paste into a terminal, or a JSON argv array for
 * tools that start QEMU without a shell. Options keep document order (backends before the nodes and devices
 * that use them, unmodelled options in place), which is an order QEMU accepts. Each option is written in the
 * syntax it was read in: an option read from JSON (`-object '{"qom-type":…}'`) stays JSON (cmdline-format.ts).
 *
 * Shell quoting is chosen so that pasting the text into an interactive shell (bash, dash, zsh in sh mode) runs
 * exactly the argv of `exportQemuArgv`: a word is written bare only when it consists of characters no shell
 * treats specially; anything else is single-quoted (no expansion of `$`, `` ` ``, `\`, `!`, globs, `~`, `#`).
 * Characters a terminal could act on when pasted (control characters such as tab, CR or ESC, and the Unicode
 * bidirectional overrides that make text display differently from what it is) are not written literally but
 * produced by `"$(printf '\ooo')"` (octal UTF-8 bytes; printf is a shell builtin everywhere). A newline inside a
 * value stays literal inside its single quotes, which every shell reads as part of the word; a `^` right after
 * it is produced by printf too, as interactive bash would take a line starting with `^` for a history
 * substitution.
 *
 * A word needing many such characters is produced by one printf for the whole word instead (every byte outside
 * a small safe set written in octal), so that a shell runs one command substitution per word, however many
 * control characters the word holds: dash runs out of stack (and crashes) on a word of a few thousand
 * substitutions, such as an `-append` of 2 000 tabs one substitution each.
 */
import type { ConfigDocument, DocOption } from '../document/index.ts';
import { optionFlagAndText } from '../syntax/index.ts';
import { utf8Encode } from '../document/index.ts';
import { QEMU_PROGRAM } from '../base/index.ts';

export { QEMU_PROGRAM };

export interface QemuExportOptions {
  /** program name in front of the arguments (`qemu-system-x86_64` unless given) */
  program?: string;
}

/** One option as the words QEMU receives: `['-m', '4G']`, `['-nographic']`, `['disk.img']`. */
export function optionWords(opt: DocOption): string[] {
  if (opt.kind === 'raw') return [...opt.args];
  const { flag, text } = optionFlagAndText(opt);
  return [flag, text];
}

/** The document's options, each as its words, in document order. */
export function optionWordGroups(doc: ConfigDocument): string[][] {
  return doc.options.map(optionWords);
}

/** Program name and arguments, as `execve` would receive them. */
export function exportQemuArgv(doc: ConfigDocument, opts: QemuExportOptions = {}): string[] {
  return [opts.program ?? QEMU_PROGRAM, ...optionWordGroups(doc).flat()];
}

/** The argv as a one-line JSON array: `["qemu-system-x86_64", "-machine", "q35", …]`. */
export function exportQemuJson(doc: ConfigDocument, opts: QemuExportOptions = {}): string {
  return '[' + exportQemuArgv(doc, opts).map((w) => JSON.stringify(w)).join(', ') + ']';
}

/**
 * The command as shell text: the program on the first line, then one option per line, lines continued with
 * ` \`. Ends with a newline.
 */
export function exportQemuShell(doc: ConfigDocument, opts: QemuExportOptions = {}): string {
  return formatShellCommand(opts.program ?? QEMU_PROGRAM, optionWordGroups(doc));
}

/** Shell text for a program and its argument groups (one group per line). */
export function formatShellCommand(program: string, groups: readonly (readonly string[])[]): string {
  const lines = [shellQuote(program, true), ...groups.map((g) => '  ' + g.map((w) => shellQuote(w)).join(' '))];
  return lines.join(' \\\n') + '\n';
}

/** Characters that no POSIX shell (nor bash or zsh) gives a meaning to anywhere in a word. */
const BARE_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Characters written through printf rather than literally: C0 controls except newline (tab would trigger
 * completion when pasted, CR becomes a newline on a terminal, ESC starts terminal sequences), DEL, C1 controls,
 * and the invisible bidirectional formatting characters.
 */
const NEEDS_PRINTF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** More printf substitutions than this in one word: the word is written by a single printf. */
export const MAX_PRINTF_PER_WORD = 16;

/** How many printf substitutions the character-by-character quoting of `word` makes (one per character). */
function printfCount(word: string): number {
  let n = 0;
  let prev = '';
  for (const ch of word) {
    if (NEEDS_PRINTF.test(ch) || (ch === '^' && prev === '\n')) n++;
    prev = ch;
  }
  return n;
}

/**
 * The word as one `"$(printf '…')"`, every byte an octal escape (newlines included, so the format is one line,
 * and nothing in it means anything to a shell or to printf; the designer's importer reads it back). Command
 * substitution drops trailing newlines, so those follow the substitution, single-quoted.
 */
function quoteWithOnePrintf(word: string): string {
  const body = word.replace(/\n+$/, '');
  const trailing = word.slice(body.length);
  const format = Array.from(utf8Encode(body), (b) => '\\' + b.toString(8).padStart(3, '0')).join('');
  return (body === '' ? '' : `"$(printf '${format}')"`) + (trailing === '' ? '' : `'${trailing}'`);
}

/**
 * Quote one word for a POSIX shell. `commandWord`: the word is in command position, where `NAME=value` would be
 * an assignment, so `=` is quoted too.
 */
export function shellQuote(word: string, commandWord = false): string {
  // zsh expands a word starting with '=' to a command's path
  if (BARE_SAFE.test(word) && !word.startsWith('=') && !(commandWord && word.includes('='))) return word;
  if (!commandWord && printfCount(word) > MAX_PRINTF_PER_WORD) return quoteWithOnePrintf(word);
  let out = '';
  let quoted = ''; // pending single-quoted run
  const flushQuoted = () => {
    if (quoted !== '') out += "'" + quoted + "'";
    quoted = '';
  };
  let prev = '';
  for (const ch of word) {
    // interactive bash reads `^old^new` at the start of any line, even inside quotes, as a history substitution
    const lineStartCaret = ch === '^' && prev === '\n';
    prev = ch;
    if (ch === "'") {
      flushQuoted();
      out += "\\'";
    } else if (NEEDS_PRINTF.test(ch) || lineStartCaret) {
      flushQuoted();
      const octal = Array.from(utf8Encode(ch), (b) => '\\' + b.toString(8).padStart(3, '0')).join('');
      out += `"$(printf '${octal}')"`;
    } else {
      quoted += ch;
    }
  }
  flushQuoted();
  return out === '' ? "''" : out;
}
