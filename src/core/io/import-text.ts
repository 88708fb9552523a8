/**
 * Pasted text → config document. Accepts
 *   - a QEMU command line on one line, or over several lines joined by `\` continuations, with or without the
 *     program (`qemu-system-x86_64`, a path to it, `qemu-kvm`), leading `NAME=value` environment assignments
 *     and a `$ ` prompt;
 *   - shell quoting as POSIX sh reads it: '…', "…" (backslash escapes `$`, `` ` ``, `"`, `\`, newline), backslash
 *     outside quotes, `#` comments, and bash's $'…'; plus the `"$(printf '\ooo')"` form the shell export uses for
 *     control characters;
 *   - a JSON argv array (`["qemu-system-x86_64", "-m", "4G"]`).
 * What a shell would expand or execute (variables, command substitution, `~`, `|`, `;`, redirections) cannot be
 * reproduced here and is refused with its line and column. Nothing throws: every outcome is a result.
 */
import type { ConfigDocument, DocOption } from '../document/index.ts';
import { parseQemuArgs } from '../syntax/index.ts';
import { formatQemuError } from '../base/index.ts';
import { findLoneSurrogate, printable, utf8Decode, utf8Encode } from '../document/index.ts';
import { MAX_DOCUMENT_CHARS, MAX_OPTIONS, MAX_STRING_LENGTH, validateDocument } from './document-io.ts';

/** A word of the pasted text and where it starts (1-based line and column); JSON words have no position. */
export interface TextWord {
  text: string;
  line: number;
  column: number;
  /** the first word on a line that does not continue the previous one */
  startsLine: boolean;
}

export type SplitResult =
  | { ok: true; words: TextWord[]; notes: string[] }
  | { ok: false; message: string; line: number; column: number };

export type ImportTextResult =
  | {
      ok: true;
      doc: ConfigDocument;
      notes: string[];
      /** the QEMU arguments read (without the program) */
      argv: string[];
    }
  | {
      ok: false;
      /** what is wrong and where, ready to show */
      message: string;
      /** 1-based position in the pasted text, when known */
      line?: number;
      column?: number;
      /** index of the offending word among the words of the text (the program included), when known */
      wordIndex?: number;
    };

export interface ImportTextOptions {
  /** name of the new document (`imported` unless given) */
  name?: string;
}

const NAME_START = /[A-Za-z_]/;
const PARAM_AFTER_DOLLAR = /[A-Za-z_0-9{(?#@*!$-]/;
const OPERATORS = '|&;<>()';
const PRINTF_SUBST = /\$\(printf '((?:\\[0-7]{1,3})+)'\)/y;

/** `qemu-system-x86_64`, `/usr/bin/qemu-system-x86_64`, `qemu-kvm`, `/usr/libexec/qemu-kvm`, `kvm`. */
export function isQemuProgram(word: string): boolean {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return /^(qemu-system-[A-Za-z0-9_]+|qemu-kvm|kvm)(\.exe)?$/.test(base);
}

class Refusal {
  constructor(
    readonly message: string,
    readonly index: number,
  ) {}
}

/** Split shell text into words as POSIX sh would, refusing what a shell would expand or execute. */
export function splitShellWords(input: string): SplitResult {
  const s = input.replace(/\r\n/g, '\n');
  const lineStarts = [0];
  for (let k = 0; k < s.length; k++) if (s[k] === '\n') lineStarts.push(k + 1);
  const position = (index: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - lineStarts[lo]! + 1 };
  };
  const words: TextWord[] = [];
  const notes: string[] = [];
  let cur: string | null = null;
  let curStart = 0;
  let onNewLine = true;
  let curOnNewLine = true;
  let globNoted = false;
  const start = (index: number) => {
    if (cur === null) {
      cur = '';
      curStart = index;
      curOnNewLine = onNewLine;
      onNewLine = false;
    }
  };
  const add = (t: string) => {
    cur = (cur ?? '') + t;
  };
  const end = () => {
    if (cur !== null) {
      const p = position(curStart);
      words.push({ text: cur, line: p.line, column: p.column, startsLine: curOnNewLine });
      cur = null;
    }
  };
  const codePointAt = (k: number): string => String.fromCodePoint(s.codePointAt(k) ?? 0);
  try {
    let i = 0;
    // a copied prompt: `$ qemu-system-x86_64 …`
    const prompt = /^\s*\$[ \t]+/.exec(s);
    if (prompt) {
      i = prompt[0].length;
      notes.push("the leading '$ ' prompt is ignored");
    }
    while (i < s.length) {
      const c = s[i]!;
      if (c === ' ' || c === '\t') {
        end();
        i++;
      } else if (c === '\n') {
        end();
        onNewLine = true;
        i++;
      } else if (c === '\\') {
        if (s[i + 1] === '\n') {
          i += 2; // line continuation
        } else if (i + 1 >= s.length) {
          i++;
        } else {
          start(i);
          const ch = codePointAt(i + 1);
          add(ch);
          i += 1 + ch.length;
        }
      } else if (c === "'") {
        start(i);
        const j = s.indexOf("'", i + 1);
        if (j < 0) throw new Refusal('a single quote is not closed', i);
        add(s.slice(i + 1, j));
        i = j + 1;
      } else if (c === '"') {
        start(i);
        i = readDoubleQuoted(s, i, add);
      } else if (c === '$' && s[i + 1] === "'") {
        start(i);
        i = readAnsiC(s, i, add);
      } else if (c === '$' && i + 1 < s.length && PARAM_AFTER_DOLLAR.test(s[i + 1]!)) {
        throw new Refusal(expansionMessage(s, i), i);
      } else if (c === '`') {
        throw new Refusal('command substitution (`…`) is not run here; write the value itself', i);
      } else if (OPERATORS.includes(c)) {
        throw new Refusal(`the shell operator '${c}' is not supported here; paste a single QEMU command`, i);
      } else if (c === '#' && cur === null) {
        while (i < s.length && s[i] !== '\n') i++; // comment
      } else if (c === '~' && cur === null) {
        throw new Refusal("'~' (home directory) is not expanded here; write the full path", i);
      } else {
        if (!globNoted && (c === '*' || c === '?' || c === '[')) {
          globNoted = true;
          notes.push(`'${c}' outside quotes is kept as written; a shell would expand it if files matched`);
        }
        start(i);
        const ch = codePointAt(i);
        add(ch);
        i += ch.length;
      }
    }
    end();
  } catch (e) {
    if (e instanceof Refusal) {
      const p = position(e.index);
      // name the option the problem is in
      const partial = cur as string | null;
      const last = words.at(-1)?.text;
      const before = words.at(-2)?.text;
      let context = '';
      if (partial !== null && partial.startsWith('-')) context = `in ${partial}, `;
      else if (last !== undefined && last.startsWith('-')) context = `in the argument of ${last}, `;
      else if (partial === null && last !== undefined && before !== undefined && before.startsWith('-')) {
        context = `after ${before} ${last}, `;
      }
      return { ok: false, message: `${e.message} (${context}line ${p.line}, column ${p.column})`, ...p };
    }
    return { ok: false, message: `cannot read the text: ${String(e)}`, line: 1, column: 1 };
  }
  return { ok: true, words, notes };
}

function expansionMessage(s: string, i: number): string {
  const next = s[i + 1]!;
  if (next === '(') return 'command substitution ($(…)) is not run here; write the value itself';
  if (next === '{') return 'parameter expansion (${…}) is not done here; write the value itself';
  const name = NAME_START.test(next) ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1))![0] : next;
  return `the shell variable $${name} is not expanded here; write its value`;
}

/** Read "…" from `s[i]`; returns the index after the closing quote. */
function readDoubleQuoted(s: string, i: number, emit: (t: string) => void): number {
  const open = i;
  i++;
  for (;;) {
    if (i >= s.length) throw new Refusal('a double quote is not closed', open);
    const c = s[i]!;
    if (c === '"') return i + 1;
    if (c === '\\') {
      const nx = s[i + 1];
      if (nx === '$' || nx === '`' || nx === '"' || nx === '\\') {
        emit(nx);
        i += 2;
      } else if (nx === '\n') {
        i += 2;
      } else {
        emit('\\');
        i++;
      }
    } else if (c === '$') {
      PRINTF_SUBST.lastIndex = i;
      const m = PRINTF_SUBST.exec(s);
      if (m) {
        const bytes = Array.from(m[1]!.matchAll(/\\([0-7]{1,3})/g), (x) => parseInt(x[1]!, 8) & 0xff);
        const text = utf8Decode(bytes);
        if (text === null) throw new Refusal('the printf bytes are not valid UTF-8', i);
        emit(text);
        i += m[0].length;
      } else if (i + 1 < s.length && PARAM_AFTER_DOLLAR.test(s[i + 1]!)) {
        throw new Refusal(expansionMessage(s, i), i);
      } else {
        emit('$');
        i++;
      }
    } else if (c === '`') {
      throw new Refusal('command substitution (`…`) is not run here; write the value itself', i);
    } else {
      emit(c);
      i++;
    }
  }
}

const ANSI_SIMPLE: Record<string, number> = {
  a: 7, b: 8, e: 27, E: 27, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63,
};

/** Read bash's $'…' from `s[i]` (the `$`); returns the index after the closing quote. */
function readAnsiC(s: string, i: number, emit: (t: string) => void): number {
  const open = i;
  i += 2;
  const bytes: number[] = [];
  const pushCodePoint = (cp: number) => {
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Refusal('an escape in $\'…\' is not a Unicode character', i);
    bytes.push(...utf8Encode(String.fromCodePoint(cp)));
  };
  for (;;) {
    if (i >= s.length) throw new Refusal("a $'…' quote is not closed", open);
    const c = s[i]!;
    if (c === "'") break;
    if (c !== '\\') {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      bytes.push(...utf8Encode(ch));
      i += ch.length;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) throw new Refusal("a $'…' quote is not closed", open);
    let m: RegExpExecArray | null;
    if (ANSI_SIMPLE[e] !== undefined) {
      bytes.push(ANSI_SIMPLE[e]!);
      i += 2;
    } else if ((m = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4)))) {
      bytes.push(parseInt(m[0], 8) & 0xff);
      i += 1 + m[0].length;
    } else if (e === 'x' && (m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2, i + 4)))) {
      bytes.push(parseInt(m[0], 16));
      i += 2 + m[0].length;
    } else if (e === 'u' && (m = /^[0-9a-fA-F]{1,4}/.exec(s.slice(i + 2, i + 6)))) {
      pushCodePoint(parseInt(m[0], 16));
      i += 2 + m[0].length;
    } else if (e === 'U' && (m = /^[0-9a-fA-F]{1,8}/.exec(s.slice(i + 2, i + 10)))) {
      pushCodePoint(parseInt(m[0], 16));
      i += 2 + m[0].length;
    } else if (e === 'c' && i + 2 < s.length) {
      bytes.push(s.charCodeAt(i + 2) & 0x1f);
      i += 3;
    } else {
      bytes.push(92);
      i++;
    }
  }
  const text = utf8Decode(bytes);
  if (text === null) throw new Refusal("the bytes of a $'…' quote are not valid UTF-8", open);
  emit(text);
  return i + 1;
}

type WordsResult = { ok: true; words: TextWord[]; json: boolean; notes: string[] } | Extract<ImportTextResult, { ok: false }>;

function jsonWords(text: string): WordsResult {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    const at = /position (\d+)/.exec(msg);
    const where: { line?: number; column?: number } = {};
    if (at) {
      const pos = Number(at[1]);
      const before = text.slice(0, pos);
      where.line = before.split('\n').length;
      where.column = pos - before.lastIndexOf('\n');
    }
    return { ok: false, message: `not a valid JSON argv array: ${msg}`, ...where };
  }
  if (!Array.isArray(v)) return { ok: false, message: 'a JSON argv must be an array of strings' };
  const words: TextWord[] = [];
  for (let k = 0; k < v.length; k++) {
    const w: unknown = v[k];
    if (typeof w !== 'string') {
      return { ok: false, message: `element ${k} of the JSON argv array is ${describe(w)}, not a string`, wordIndex: k };
    }
    words.push({ text: w, line: 0, column: 0, startsLine: k === 0 });
  }
  return { ok: true, words, json: true, notes: [] };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function where(w: TextWord | undefined, index: number, json: boolean): string {
  if (!w) return '';
  return json ? ` (element ${index} of the array)` : ` (line ${w.line}, column ${w.column})`;
}

function located(message: string, w: TextWord | undefined, index: number, json: boolean): Extract<ImportTextResult, { ok: false }> {
  const r: Extract<ImportTextResult, { ok: false }> = { ok: false, message: message + where(w, index, json), wordIndex: index };
  if (w && !json) {
    r.line = w.line;
    r.column = w.column;
  }
  return r;
}

/** Pasted text → document. Never throws. */
export function importQemuText(text: string, opts: ImportTextOptions = {}): ImportTextResult {
  try {
    return importUnchecked(text, opts);
  } catch (e) {
    return { ok: false, message: `cannot import the text: ${String(e)}` };
  }
}

function importUnchecked(text: string, opts: ImportTextOptions): ImportTextResult {
  if (typeof text !== 'string') return { ok: false, message: 'nothing to import: expected text' };
  if (text.length > MAX_DOCUMENT_CHARS) {
    return { ok: false, message: `the text is too long (${text.length} characters; at most ${MAX_DOCUMENT_CHARS})` };
  }
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'nothing to import: paste a QEMU command line' };
  let got: WordsResult;
  if (trimmed.startsWith('[')) {
    got = jsonWords(trimmed);
  } else {
    const split = splitShellWords(text);
    got = split.ok ? { ok: true, words: split.words, json: false, notes: split.notes } : split;
  }
  if (!got.ok) return got;
  const { words, json } = got;
  if (words.length === 0) return { ok: false, message: 'nothing to import: the text holds only comments' };
  const notes = [...got.notes];
  if (words.length > 2 * MAX_OPTIONS + 1) {
    return { ok: false, message: `too many words (${words.length}; at most ${2 * MAX_OPTIONS + 1})` };
  }
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const bad = w.text.indexOf('\0');
    if (bad >= 0) return located(`word ${k} contains a NUL character, which a command line cannot carry`, w, k, json);
    if (findLoneSurrogate(w.text) >= 0) return located(`word ${k} is not valid Unicode (a lone surrogate)`, w, k, json);
    if (w.text.length > MAX_STRING_LENGTH) {
      return located(`word ${k} is too long (${w.text.length} characters; at most ${MAX_STRING_LENGTH})`, w, k, json);
    }
  }
  // the program, possibly after environment assignments
  let first = 0;
  if (!json) {
    let k = 0;
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]!.text)) k++;
    if (k > 0 && k < words.length && isQemuProgram(words[k]!.text)) {
      notes.push(`environment assignments are ignored: ${words.slice(0, k).map((w) => w.text.split('=')[0]).join(', ')}`);
      first = k;
    }
  }
  if (words[first] && isQemuProgram(words[first]!.text)) {
    const prog = words[first]!.text;
    const base = prog.slice(prog.lastIndexOf('/') + 1);
    if (!/^qemu-system-x86_64(\.exe)?$|^qemu-kvm$|^kvm$/.test(base)) {
      notes.push(`the program is ${base}; the designer models qemu-system-x86_64`);
    }
    first++;
  }
  // a second command on a later line
  let joinedLines = false;
  for (let k = first; k < words.length; k++) {
    const w = words[k]!;
    if (!json && w.startsLine && k > 0) {
      if (isQemuProgram(w.text)) {
        return located('a second command starts here; paste one QEMU command', w, k, json);
      }
      joinedLines = true;
    }
  }
  if (joinedLines) notes.push("lines not ending in '\\' are read as one command");
  const argv = words.slice(first).map((w) => w.text);
  if (argv.length === 0) notes.push('the command has no options: QEMU starts its default machine');
  const parsed = parseQemuArgs(argv, opts.name ?? 'imported');
  if (!parsed.ok) {
    const k = first + parsed.argIndex;
    return located(formatQemuError(parsed.error), words[k], k, json);
  }
  // what is imported can be saved and loaded again
  const valid = validateDocument(parsed.doc);
  if (!valid.ok) return { ok: false, message: `the command cannot be kept as a design: ${valid.message}` };
  notes.push(...parsed.notes);
  const kept = unmodelledFlags(parsed.doc.options);
  if (kept.length) notes.push(`kept unchanged, in place (not modelled by the designer): ${kept.join(', ')}`);
  return { ok: true, doc: parsed.doc, notes, argv };
}

/** The distinct flags of the raw options, in order of first appearance. */
export function unmodelledFlags(options: readonly DocOption[]): string[] {
  const seen: string[] = [];
  for (const o of options) {
    if (o.kind !== 'raw') continue;
    const f = o.args[0]!.startsWith('-') ? o.args[0]! : `'${[...o.args[0]!].map(printable).join('')}'`;
    if (!seen.includes(f)) seen.push(f);
  }
  return seen;
}
