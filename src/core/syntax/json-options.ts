/**
 * QEMU's JSON option syntax: `-object '{"qom-type":"memory-backend-ram","id":"m0","size":1073741824}'` and
 * `-device '{"driver":"pc-dimm","id":"d0","memdev":"m0","node":1}'`, what libvirt writes. QEMU takes an option
 * value as JSON when its first character is `{` (softmmu/vl.c; a leading space makes it `key=value` text).
 *
 * Reading, as QEMU 11.1 does:
 *   - the text: qobject/json-lexer.c, json-parser.c (the push parser with `LINE:COLUMN:` in its messages, counted
 *     in bytes from 1), json-streamer.c and qjson.c (`Expecting at most one JSON value`); QEMU's extensions
 *     (single-quoted strings, `\'`) included. Errors are QEMU's text, position quirks included (a token that
 *     directly follows a number or keyword is placed one column to the right, as the lexer does).
 *   - `-object` (qom/object_interfaces.c, the QObject input visitor on the QAPI type ObjectOptions): at argument
 *     parsing time, the members of `memory-backend-{ram,file,memfd}` in schema order, each of its JSON type
 *     (a size is a JSON number: `"size":"1G"` is refused), a missing one, then an unexpected one. Any other
 *     qom-type is kept verbatim after the checks every object gets (qom-type and id).
 *   - `-device` (qdev-monitor.c `qdev_device_add_from_qdict`): at device creation, the properties in QDict order
 *     (QEMU's hash of the key, qobject/qdict.c), each of its JSON type. Other drivers are kept verbatim.
 *
 * The document gets the same options as from `key=value` text, values as the text QEMU would read (a JSON
 * number is its decimal text, negative ones wrapped as QEMU wraps them for an unsigned property; `true`/`false`
 * are `on`/`off`), so the machine model sees one form. The option's `text` keeps the JSON as written: that is
 * what marks an option as JSON (`isJsonOption`), what QEMU quotes in its messages, and what an export writes
 * back; after an edit the export writes the JSON with the changed members only (`editJsonOptionText`).
 *
 * What QEMU checks at creation (the JSON `-device` properties, a backend's id) is reported here, when the
 * arguments are read, so before what the machine model reports: exact when it is the only problem.
 */
import {
  BACKEND_TYPES,
  MEMORY_DEVICE_DRIVERS,
  isWellFormedId,
  utf8Decode,
  utf8Encode,
  type BackendObject,
  type BackendType,
  type DocOption,
  type ExtraProp,
  type MemoryDeviceDriver,
  type MemoryDeviceOption,
} from '../document/index.ts';
import { GStrTable, parseQemuSize, parseQemuUint, type CoreError, type ErrorKind, type OptionRef } from '../base/index.ts';

// ---------------------------------------------------------------------------------------------------------------
// QEMU's message texts (recorded from QEMU 11.1.3 and 7.2.22; the same in both unless said)
// ---------------------------------------------------------------------------------------------------------------

export const JSON_MESSAGES = {
  /** qobject/json-parser.c, QEMU 11.1: `1:61: JSON parse error, premature end of input` */
  parseError: (line: number, column: number, what: string) => `${line}:${column}: JSON parse error, ${what}`,
  stray: (token: string) => `stray '${token}'`,
  prematureEnd: () => 'premature end of input',
  expectingKey: () => 'expecting key',
  expectingColon: () => "expecting ':'",
  expectingValue: () => 'expecting value',
  expectedCommaOrCurly: () => "expected ',' or '}'",
  expectedCommaOrSquare: () => "expected ',' or ']'",
  duplicateKey: () => 'duplicate key',
  invalidKeyword: (k: string) => `invalid keyword '${k}'`,
  invalidEscape: () => 'invalid escape sequence in string',
  invalidUnicode: (escape: string) => `${escape} is not a valid Unicode character`,
  invalidUtf8: () => 'invalid UTF-8 sequence in string',
  /** QEMU 7.2 (and 10.2): no position, and other words for some */
  legacyParseError: (what: string) => `JSON parse error, ${what}`,
  legacyPrematureEnd: () => 'premature EOI',
  legacyKeyNotString: () => 'key is not a string in object',
  legacyMissingColon: () => 'missing : in object pair',
  legacyMissingValue: () => 'Missing value in dict',
  legacyExpectedSeparator: (where: 'dict' | 'list') => `expected separator in ${where}`,
  /** qobject/json-streamer.c (no position) */
  nestingTooDeep: () => 'JSON nesting depth limit exceeded',
  /** qobject/qjson.c */
  moreThanOneValue: () => 'Expecting at most one JSON value',
  /** qapi/qobject-input-visitor.c (QERR_MISSING_PARAMETER, QERR_INVALID_PARAMETER_TYPE, _VALUE) */
  missing: (name: string) => `Parameter '${name}' is missing`,
  unexpected: (name: string) => `Parameter '${name}' is unexpected`,
  wrongType: (name: string, type: 'boolean' | 'string' | 'integer' | 'array') => `Invalid parameter type for '${name}', expected: ${type}`,
  expects: (name: string, type: string) => `Parameter '${name}' expects ${type}`,
  notInEnum: (name: string, value: string) => `Parameter '${name}' does not accept value '${value}'`,
  /** qom/object_interfaces.c user_creatable_add_type (printed without the option) */
  idNotIdentifier: () => "Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.",
  /** qom/object.c object_property_try_add_child, a second object of that id (printed without the option) */
  duplicateObject: (id: string) => `attempt to add duplicate property '${id}' to object (type 'container')`,
  /** qdev-monitor.c */
  driverMissing: () => "Parameter 'driver' is missing",
  /** QEMU 11.1 only: 7.2 takes any id */
  invalidQdevId: (id: string) => `Invalid qdev ID '${id}'`,
  duplicateDevice: (id: string) => `Duplicate device ID '${id}'`,
  /** qom/object.c object_property_set */
  notWritable: (driver: string, prop: string) => `Property '${driver}.${prop}' is not writable`,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// The JSON values, with where each lies in the text (UTF-16 offsets, end exclusive)
// ---------------------------------------------------------------------------------------------------------------

export interface JsonSpan {
  start: number;
  end: number;
}

/** How QEMU holds a JSON number (qobject/json-parser.c parse_literal): int64 if it fits, else uint64, else double. */
export type QNumKind = 'int' | 'uint' | 'double';

export type JsonValue =
  | ({ kind: 'object'; members: JsonMember[] } & JsonSpan)
  | ({ kind: 'array'; items: JsonValue[] } & JsonSpan)
  | ({ kind: 'string'; value: string } & JsonSpan)
  | ({ kind: 'number'; text: string; qnum: QNumKind } & JsonSpan)
  | ({ kind: 'bool'; value: boolean } & JsonSpan)
  | ({ kind: 'null' } & JsonSpan);

export interface JsonMember {
  key: string;
  value: JsonValue;
  /** where the member's key starts */
  start: number;
}

export type JsonObject = Extract<JsonValue, { kind: 'object' }>;

// ---------------------------------------------------------------------------------------------------------------
// The lexer (qobject/json-lexer.c): a byte-wise state machine
// ---------------------------------------------------------------------------------------------------------------

const LOOKAHEAD = 0x100;
// lexer states
const S_RECOVERY = 1;
const S_DQ_ESC = 2;
const S_DQ = 3;
const S_SQ_ESC = 4;
const S_SQ = 5;
const S_ZERO = 6;
const S_EXP_DIGITS = 7;
const S_EXP_SIGN = 8;
const S_EXP_E = 9;
const S_MANTISSA = 10;
const S_MANTISSA_DIGITS = 11;
const S_DIGITS = 12;
const S_SIGN = 13;
const S_KEYWORD = 14;
const S_START = 15;
// token types (JSON_ERROR is 0, as in QEMU)
const T_ERROR = 0;
const T_LCURLY = 20;
const T_RCURLY = 21;
const T_LSQUARE = 22;
const T_RSQUARE = 23;
const T_COLON = 24;
const T_COMMA = 25;
const T_INTEGER = 26;
const T_FLOAT = 27;
const T_KEYWORD = 28;
const T_STRING = 29;
const T_END = 30;

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** json_lexer[state][byte]: the next state or token, with LOOKAHEAD when the byte is not consumed. */
function step(state: number, b: number): number {
  switch (state) {
    case S_RECOVERY:
      if ((b < 0x20 && b !== 0x09) || b >= 0xfe) return S_START | LOOKAHEAD;
      if (b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x3a || b === 0x2c) return S_START | LOOKAHEAD;
      return S_RECOVERY;
    case S_DQ_ESC:
      return b >= 0x20 && b <= 0xfd ? S_DQ : T_ERROR;
    case S_DQ:
      if (b === 0x5c) return S_DQ_ESC;
      if (b === 0x22) return T_STRING;
      return b >= 0x20 && b <= 0xfd ? S_DQ : T_ERROR;
    case S_SQ_ESC:
      return b >= 0x20 && b <= 0xfd ? S_SQ : T_ERROR;
    case S_SQ:
      if (b === 0x5c) return S_SQ_ESC;
      if (b === 0x27) return T_STRING;
      return b >= 0x20 && b <= 0xfd ? S_SQ : T_ERROR;
    case S_ZERO:
      if (isDigit(b)) return T_ERROR;
      if (b === 0x2e) return S_MANTISSA;
      return T_INTEGER | LOOKAHEAD;
    case S_EXP_DIGITS:
      return isDigit(b) ? S_EXP_DIGITS : T_FLOAT | LOOKAHEAD;
    case S_EXP_SIGN:
      return isDigit(b) ? S_EXP_DIGITS : T_ERROR;
    case S_EXP_E:
      if (b === 0x2d || b === 0x2b) return S_EXP_SIGN;
      return isDigit(b) ? S_EXP_DIGITS : T_ERROR;
    case S_MANTISSA_DIGITS:
      if (isDigit(b)) return S_MANTISSA_DIGITS;
      if (b === 0x65 || b === 0x45) return S_EXP_E;
      return T_FLOAT | LOOKAHEAD;
    case S_MANTISSA:
      return isDigit(b) ? S_MANTISSA_DIGITS : T_ERROR;
    case S_DIGITS:
      if (isDigit(b)) return S_DIGITS;
      if (b === 0x65 || b === 0x45) return S_EXP_E;
      if (b === 0x2e) return S_MANTISSA;
      return T_INTEGER | LOOKAHEAD;
    case S_SIGN:
      if (b === 0x30) return S_ZERO;
      return b >= 0x31 && b <= 0x39 ? S_DIGITS : T_ERROR;
    case S_KEYWORD:
      return b >= 0x61 && b <= 0x7a ? S_KEYWORD : T_KEYWORD | LOOKAHEAD;
    default: // S_START
      switch (b) {
        case 0x22:
          return S_DQ;
        case 0x27:
          return S_SQ;
        case 0x30:
          return S_ZERO;
        case 0x2d:
          return S_SIGN;
        case 0x7b:
          return T_LCURLY;
        case 0x7d:
          return T_RCURLY;
        case 0x5b:
          return T_LSQUARE;
        case 0x5d:
          return T_RSQUARE;
        case 0x2c:
          return T_COMMA;
        case 0x3a:
          return T_COLON;
        case 0x20:
        case 0x09:
        case 0x0d:
        case 0x0a:
          return S_START;
      }
      if (b >= 0x31 && b <= 0x39) return S_DIGITS;
      if (b >= 0x61 && b <= 0x7a) return S_KEYWORD;
      return T_ERROR;
  }
}

interface Token {
  type: number;
  /** byte range in the input */
  from: number;
  to: number;
  /** 1-based, as QEMU 11.1 reports it */
  line: number;
  column: number;
}

/** Feed `bytes` through QEMU's lexer, then flush; `emit` gets every token and, last, the end of input. */
function lex(bytes: Uint8Array, emit: (t: Token) => void): void {
  let state = S_START;
  let x = 1;
  let y = 1;
  let curX = 1;
  let curY = 1;
  let from = -1;
  const feed = (b: number, i: number, flush: boolean) => {
    curX++;
    if (b === 0x0a) {
      curX = 1;
      curY++;
    }
    let consumed = false;
    while (flush ? state !== S_START : !consumed) {
      const code = step(state, b);
      const next = code & 0xff;
      consumed = !flush && (code & LOOKAHEAD) === 0;
      if (consumed && from < 0) from = i;
      const to = consumed ? i + 1 : i;
      let newState = next;
      if (next >= T_LCURLY && next <= T_STRING) {
        emit({ type: next, from, to, line: y, column: x });
        newState = S_START;
      }
      if (newState === S_START) {
        from = -1;
        x = curX;
        y = curY;
      } else if (next === T_ERROR) {
        emit({ type: T_ERROR, from: from < 0 ? i : from, to, line: y, column: x });
        newState = S_RECOVERY;
        from = -1;
      } else if (next === S_RECOVERY) {
        from = -1;
      }
      state = newState;
    }
  };
  for (let i = 0; i < bytes.length; i++) feed(bytes[i]!, i, false);
  feed(0, bytes.length, true);
  emit({ type: T_END, from: bytes.length, to: bytes.length, line: y, column: x });
}

// ---------------------------------------------------------------------------------------------------------------
// The parser (qobject/json-parser.c, QEMU 11.1's push parser), the streamer and qobject_from_json
// ---------------------------------------------------------------------------------------------------------------

/** Whether QEMU's modified UTF-8 takes the code point (util/unicode.c is_valid_codepoint). */
function isValidCodepoint(cp: number): boolean {
  if (cp < 0 || cp > 0x10ffff) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp >= 0xfdd0 && cp <= 0xfdef) return false;
  return (cp & 0xfffe) !== 0xfffe;
}

/** Bytes as text for a message (what QEMU prints; bytes that are not UTF-8 as U+FFFD). */
function bytesText(bytes: Uint8Array, from: number, to: number): string {
  const slice = bytes.subarray(from, to);
  return utf8Decode(slice) ?? Array.from(slice, (b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
}

function hex4(bytes: Uint8Array, at: number, end: number): number {
  let cp = 0;
  for (let k = 0; k < 4; k++) {
    const b = at + k < end ? bytes[at + k]! : 0;
    let d: number;
    if (b >= 0x30 && b <= 0x39) d = b - 0x30;
    else if (b >= 0x61 && b <= 0x66) d = b - 0x61 + 10;
    else if (b >= 0x41 && b <= 0x46) d = b - 0x41 + 10;
    else return -1;
    cp = (cp << 4) | d;
  }
  return cp;
}

/** One UTF-8 sequence at `at` (util/unicode.c mod_utf8_codepoint): [code point or -1, its length]. */
function utf8At(bytes: Uint8Array, at: number, end: number): [number, number] {
  const b0 = bytes[at]!;
  if (b0 < 0x80) return [b0, 1];
  const n = b0 >= 0xf0 && b0 <= 0xf4 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc2 && b0 < 0xe0 ? 2 : 0;
  if (n === 0 || at + n > end) return [-1, 1];
  let cp = b0 & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const b = bytes[at + k]!;
    if ((b & 0xc0) !== 0x80) return [-1, k];
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  return [cp < min || !isValidCodepoint(cp) ? -1 : cp, n];
}

const MAX_NESTING = 1 << 10;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

type Entry =
  | { kind: 'object'; members: JsonMember[]; keys: Set<string>; start: number; state: 'after-lcurly' | 'before-key' | 'end-of-value' }
  | { kind: 'array'; items: JsonValue[]; start: number; state: 'after-lsquare' | 'before-value' | 'end-of-value' }
  | { kind: 'key'; key: string; start: number; state: 'end-of-key' | 'before-value' };

/**
 * The text as QEMU's `qobject_from_json` reads it: the value, or QEMU 11.1's message. Offsets in the value are
 * UTF-16 offsets into `text`.
 */
export function parseQemuJson(text: string, wording: JsonWording = 'current'): { ok: true; value: JsonValue } | { ok: false; message: string } {
  const bytes = utf8Encode(text);
  // byte offset → UTF-16 offset
  const at = new Uint32Array(bytes.length + 1);
  for (let i = 0, b = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    const pair = c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    for (let k = 0; k < n; k++) at[b + k] = i;
    b += n;
    if (pair) i++;
  }
  at[bytes.length] = text.length;

  let stack: Entry[] = [];
  let err: string | null = null;
  const fail = (t: Token | null, what: string) => {
    if (err === null) err = wording === 'legacy' || t === null ? JSON_MESSAGES.legacyParseError(what) : JSON_MESSAGES.parseError(t.line, t.column, what);
  };
  const span = (from: number, to: number): JsonSpan => ({ start: at[from]!, end: at[to]! });

  const parseString = (t: Token): string | null => {
    let out = '';
    const end = t.to - 1;
    let p = t.from + 1;
    while (p < end) {
      const b = bytes[p]!;
      if (b === 0x5c) {
        const beg = p;
        const e = bytes[p + 1]!;
        p += 2;
        switch (e) {
          case 0x22:
            out += '"';
            break;
          case 0x27:
            out += "'";
            break;
          case 0x5c:
            out += '\\';
            break;
          case 0x2f:
            out += '/';
            break;
          case 0x62:
            out += '\b';
            break;
          case 0x66:
            out += '\f';
            break;
          case 0x6e:
            out += '\n';
            break;
          case 0x72:
            out += '\r';
            break;
          case 0x74:
            out += '\t';
            break;
          case 0x75: {
            let cp = hex4(bytes, p, t.to);
            p += 4;
            if (cp >= 0xd800 && cp <= 0xdbff && bytes[p] === 0x5c && bytes[p + 1] === 0x75 && p + 1 < t.to) {
              const trailing = hex4(bytes, p + 2, t.to);
              if (trailing >= 0xdc00 && trailing <= 0xdfff) {
                cp = 0x10000 + ((cp & 0x3ff) << 10) + (trailing & 0x3ff);
                p += 6;
              } else {
                cp = -1;
              }
            }
            if (cp !== 0 && !isValidCodepoint(cp)) {
              fail(t, JSON_MESSAGES.invalidUnicode(bytesText(bytes, beg, Math.min(p, t.to))));
              return null;
            }
            out += String.fromCodePoint(cp);
            break;
          }
          default:
            fail(t, JSON_MESSAGES.invalidEscape());
            return null;
        }
      } else {
        const [cp, n] = utf8At(bytes, p, end);
        if (cp < 0) {
          fail(t, JSON_MESSAGES.invalidUtf8());
          return null;
        }
        out += String.fromCodePoint(cp);
        p += n;
      }
    }
    return out;
  };

  const literal = (t: Token): JsonValue | null => {
    const s = span(t.from, t.to);
    switch (t.type) {
      case T_STRING: {
        const v = parseString(t);
        return v === null ? null : { kind: 'string', value: v, ...s };
      }
      case T_INTEGER: {
        const txt = bytesText(bytes, t.from, t.to);
        const n = BigInt(txt);
        const qnum: QNumKind = n >= INT64_MIN && n <= INT64_MAX ? 'int' : n >= 0n && n <= U64_MAX ? 'uint' : 'double';
        return { kind: 'number', text: txt, qnum, ...s };
      }
      case T_FLOAT:
        return { kind: 'number', text: bytesText(bytes, t.from, t.to), qnum: 'double', ...s };
      default: {
        const k = bytesText(bytes, t.from, t.to);
        if (k === 'true' || k === 'false') return { kind: 'bool', value: k === 'true', ...s };
        if (k === 'null') return { kind: 'null', ...s };
        fail(t, JSON_MESSAGES.invalidKeyword(k));
        return null;
      }
    }
  };

  /** json_parser_parse_token: a complete top-level value, or null. */
  const parseToken = (t: Token): JsonValue | null => {
    let entry = stack.at(-1);
    let value: JsonValue | null = null;
    const state = entry ? entry.state : 'before-value';
    const closeContainer = (): JsonValue => {
      const e = stack.pop()!;
      const s = span(t.from, t.to);
      if (e.kind === 'object') return { kind: 'object', members: e.members, start: e.start, end: s.end };
      if (e.kind === 'array') return { kind: 'array', items: e.items, start: e.start, end: s.end };
      throw new Error('unreachable');
    };
    const beginValue = (): JsonValue | null => {
      if (t.type === T_LCURLY) {
        stack.push({ kind: 'object', members: [], keys: new Set(), start: at[t.from]!, state: 'after-lcurly' });
        return null;
      }
      if (t.type === T_LSQUARE) {
        stack.push({ kind: 'array', items: [], start: at[t.from]!, state: 'after-lsquare' });
        return null;
      }
      if (t.type === T_INTEGER || t.type === T_FLOAT || t.type === T_STRING || t.type === T_KEYWORD) return literal(t);
      fail(t, JSON_MESSAGES.expectingValue());
      return null;
    };
    switch (state) {
      case 'after-lcurly':
      case 'before-key': {
        const e = entry as Extract<Entry, { kind: 'object' }>;
        if (state === 'after-lcurly' && t.type === T_RCURLY) {
          value = closeContainer();
          break;
        }
        e.state = 'before-key';
        if (t.type === T_STRING) {
          const key = parseString(t);
          if (key === null) return null;
          stack.push({ kind: 'key', key, start: at[t.from]!, state: 'end-of-key' });
        } else {
          fail(t, JSON_MESSAGES.expectingKey());
        }
        return null;
      }
      case 'end-of-key':
        if (t.type === T_COLON) entry!.state = 'before-value';
        else fail(t, JSON_MESSAGES.expectingColon());
        return null;
      case 'after-lsquare':
      case 'before-value':
        if (state === 'after-lsquare' && t.type === T_RSQUARE) {
          value = closeContainer();
          break;
        }
        if (entry) entry.state = 'before-value';
        value = beginValue();
        if (!value) return null;
        break;
      case 'end-of-value':
        if (entry!.kind === 'array') {
          if (t.type !== T_RSQUARE) {
            if (t.type === T_COMMA) entry!.state = 'before-value';
            else fail(t, JSON_MESSAGES.expectedCommaOrSquare());
            return null;
          }
        } else if (t.type !== T_RCURLY) {
          if (t.type === T_COMMA) entry!.state = 'before-key';
          else fail(t, JSON_MESSAGES.expectedCommaOrCurly());
          return null;
        }
        value = closeContainer();
        break;
    }
    entry = stack.at(-1);
    if (!entry) return value;
    if (entry.kind === 'key') {
      stack.pop();
      const obj = stack.at(-1) as Extract<Entry, { kind: 'object' }>;
      if (obj.keys.has(entry.key)) {
        fail(t, JSON_MESSAGES.duplicateKey());
        return null;
      }
      obj.keys.add(entry.key);
      obj.members.push({ key: entry.key, value, start: entry.start });
      obj.state = 'end-of-value';
    } else if (entry.kind === 'array') {
      entry.items.push(value);
      entry.state = 'end-of-value';
    }
    return null;
  };

  // json-streamer.c and qjson.c consume_json
  let braces = 0;
  let brackets = 0;
  let recovering = false;
  let result: JsonValue | null = null;
  let resultErr: string | null = null;
  const consume = (json: JsonValue | null, e: string | null) => {
    if (result) {
      result = null;
      resultErr = JSON_MESSAGES.moreThanOneValue();
    }
    if (resultErr !== null) return;
    result = json;
    resultErr = e;
  };
  if (wording === 'legacy') {
    lex(bytes, legacyStreamer(bytes, consume, fail, literal, span, () => err, (e) => (err = e)));
    if (resultErr !== null) return { ok: false, message: resultErr };
    if (result === null) return { ok: false, message: JSON_MESSAGES.legacyParseError(JSON_MESSAGES.legacyPrematureEnd()) };
    return { ok: true, value: result };
  }
  lex(bytes, (t) => {
    if (t.type === T_LCURLY) braces++;
    else if (t.type === T_RCURLY && braces > 0) braces--;
    else if (t.type === T_LSQUARE) brackets++;
    else if (t.type === T_RSQUARE && brackets > 0) brackets--;
    if (!recovering) {
      let e: string | null = null;
      if (braces + brackets > MAX_NESTING) e = JSON_MESSAGES.nestingTooDeep();
      else {
        let json: JsonValue | null = null;
        if (t.type === T_ERROR) fail(t, JSON_MESSAGES.stray(bytesText(bytes, t.from, t.to)));
        else if (t.type === T_END) {
          if (stack.length) fail(t, JSON_MESSAGES.prematureEnd());
        } else json = parseToken(t);
        if (json) consume(json, null);
        e = err;
      }
      if (e !== null) {
        consume(null, e);
        recovering = true;
      }
    }
    if ((braces === 0 && brackets === 0) || t.type === T_END) {
      recovering = false;
      braces = brackets = 0;
      stack = [];
      err = null;
    }
  });
  if (resultErr !== null) return { ok: false, message: resultErr };
  if (result === null) return { ok: false, message: JSON_MESSAGES.prematureEnd() };
  return { ok: true, value: result };
}

/**
 * Which JSON parser's messages: `current` (QEMU 11.0 on: the push parser, `LINE:COLUMN:` in front) or `legacy`
 * (QEMU 7.2 and 10.2: json-streamer.c queues a message's tokens until its brackets balance, then the recursive
 * parser of json-parser.c reads them; no position; a lexer error is reported as soon as it is met).
 */
export type JsonWording = 'current' | 'legacy';

/** The JSON wording of a QEMU release (`11.1` unless given). */
export function jsonWordingOf(qemuVersion: string | undefined): JsonWording {
  return qemuVersion === '7.2' || qemuVersion === '10.2' ? 'legacy' : 'current';
}

/** QEMU 7.2's json-streamer.c and recursive json-parser.c, fed the lexer's tokens. */
function legacyStreamer(
  bytes: Uint8Array,
  consume: (json: JsonValue | null, e: string | null) => void,
  fail: (t: Token | null, what: string) => void,
  literal: (t: Token) => JsonValue | null,
  span: (from: number, to: number) => JsonSpan,
  getErr: () => string | null,
  setErr: (e: string | null) => void,
): (t: Token) => void {
  let queue: Token[] = [];
  let braces = 0;
  let brackets = 0;
  const M = JSON_MESSAGES;
  /** json_parser_parse over the queued tokens */
  const parseQueue = (): JsonValue | null => {
    setErr(null);
    let pos = 0;
    const peek = (): Token | undefined => queue[pos];
    const pop = (): Token | undefined => queue[pos++];
    const value = (): JsonValue | null => {
      const t = peek();
      if (!t) {
        fail(null, M.legacyPrematureEnd());
        return null;
      }
      switch (t.type) {
        case T_LCURLY:
          return object();
        case T_LSQUARE:
          return array();
        case T_INTEGER:
        case T_FLOAT:
        case T_STRING:
        case T_KEYWORD:
          pop();
          return literal(t);
        default:
          fail(t, M.expectingValue());
          return null;
      }
    };
    const object = (): JsonValue | null => {
      const open = pop()!;
      const members: JsonMember[] = [];
      const keys = new Set<string>();
      const pair = (): boolean => {
        const keyTok = peek();
        if (!keyTok) {
          fail(null, M.legacyPrematureEnd());
          return false;
        }
        const key = value();
        if (!key || key.kind !== 'string') {
          fail(keyTok, M.legacyKeyNotString());
          return false;
        }
        const colon = pop();
        if (!colon) {
          fail(null, M.legacyPrematureEnd());
          return false;
        }
        if (colon.type !== T_COLON) {
          fail(colon, M.legacyMissingColon());
          return false;
        }
        const v = value();
        if (!v) {
          fail(colon, M.legacyMissingValue());
          return false;
        }
        if (keys.has(key.value)) {
          fail(colon, M.duplicateKey());
          return false;
        }
        keys.add(key.value);
        members.push({ key: key.value, value: v, start: key.start });
        return true;
      };
      const first = peek();
      if (!first) {
        fail(null, M.legacyPrematureEnd());
        return null;
      }
      let close: Token;
      if (first.type !== T_RCURLY) {
        if (!pair()) return null;
        let t = pop();
        if (!t) {
          fail(null, M.legacyPrematureEnd());
          return null;
        }
        while (t.type !== T_RCURLY) {
          if (t.type !== T_COMMA) {
            fail(t, M.legacyExpectedSeparator('dict'));
            return null;
          }
          if (!pair()) return null;
          t = pop();
          if (!t) {
            fail(null, M.legacyPrematureEnd());
            return null;
          }
        }
        close = t;
      } else {
        close = pop()!;
      }
      return { kind: 'object', members, ...span(open.from, close.to) };
    };
    const array = (): JsonValue | null => {
      const open = pop()!;
      const items: JsonValue[] = [];
      const first = peek();
      if (!first) {
        fail(null, M.legacyPrematureEnd());
        return null;
      }
      let close: Token;
      if (first.type !== T_RSQUARE) {
        let v = value();
        if (!v) {
          fail(open, M.expectingValue());
          return null;
        }
        items.push(v);
        let t = pop();
        if (!t) {
          fail(null, M.legacyPrematureEnd());
          return null;
        }
        while (t.type !== T_RSQUARE) {
          if (t.type !== T_COMMA) {
            fail(t, M.legacyExpectedSeparator('list'));
            return null;
          }
          v = value();
          if (!v) {
            fail(t, M.expectingValue());
            return null;
          }
          items.push(v);
          t = pop();
          if (!t) {
            fail(null, M.legacyPrematureEnd());
            return null;
          }
        }
        close = t;
      } else {
        close = pop()!;
      }
      return { kind: 'array', items, ...span(open.from, close.to) };
    };
    return value();
  };
  const emit = (json: JsonValue | null, e: string | null) => {
    braces = brackets = 0;
    queue = [];
    consume(json, e);
  };
  return (t: Token) => {
    switch (t.type) {
      case T_LCURLY:
        braces++;
        break;
      case T_RCURLY:
        braces--;
        break;
      case T_LSQUARE:
        brackets++;
        break;
      case T_RSQUARE:
        brackets--;
        break;
      case T_ERROR:
        emit(null, M.legacyParseError(M.stray(bytesText(bytes, t.from, t.to))));
        return;
      case T_END: {
        if (queue.length === 0) return;
        const v = parseQueue();
        emit(v, getErr());
        return;
      }
    }
    if (braces + brackets > MAX_NESTING) {
      emit(null, M.nestingTooDeep());
      return;
    }
    queue.push(t);
    if ((braces > 0 || brackets > 0) && braces >= 0 && brackets >= 0) return;
    const v = parseQueue();
    emit(v, getErr());
  };
}

// ---------------------------------------------------------------------------------------------------------------
// QAPI types as the QObject input visitor reads them (qapi/qobject-input-visitor.c)
// ---------------------------------------------------------------------------------------------------------------

export type MemberType =
  | 'bool'
  | 'str'
  | 'size'
  | 'uint64'
  | 'uint32'
  | 'int32'
  | { enum: readonly string[] }
  | { list: 'uint16' };

class VisitError {
  constructor(readonly message: string) {}
}

/** An unsigned integer as QEMU reads it: a JSON integer, a negative one wrapped (qobject_input_type_uint64). */
function visitUint64(name: string, v: JsonValue): bigint {
  if (v.kind !== 'number' || v.qnum === 'double') throw new VisitError(JSON_MESSAGES.expects(name, 'uint64'));
  const n = BigInt(v.text);
  return n < 0n ? n + (1n << 64n) : n;
}

function visitInt64(name: string, v: JsonValue): bigint {
  if (v.kind !== 'number' || v.qnum !== 'int') throw new VisitError(JSON_MESSAGES.wrongType(name, 'integer'));
  return BigInt(v.text);
}

/**
 * The value of a member as the text the document holds (what `key=value` would say), or a VisitError with
 * QEMU's message. `rangeChecks`: also refuse an integer out of the type's range (false: that is left to the
 * machine model, which says the same of the text).
 */
function visitMember(name: string, type: MemberType, v: JsonValue, rangeChecks: boolean): string {
  if (type === 'bool') {
    if (v.kind !== 'bool') throw new VisitError(JSON_MESSAGES.wrongType(name, 'boolean'));
    return v.value ? 'on' : 'off';
  }
  if (type === 'str') {
    if (v.kind !== 'string') throw new VisitError(JSON_MESSAGES.wrongType(name, 'string'));
    return v.value;
  }
  if (type === 'size' || type === 'uint64') return String(visitUint64(name, v));
  if (type === 'uint32') {
    const n = visitUint64(name, v);
    if (rangeChecks && n > 0xffffffffn) throw new VisitError(JSON_MESSAGES.expects(name, 'uint32_t'));
    return String(n);
  }
  if (type === 'int32') {
    const n = visitInt64(name, v);
    if (rangeChecks && (n > 0x7fffffffn || n < -0x80000000n)) throw new VisitError(JSON_MESSAGES.expects(name, 'int32_t'));
    return String(n);
  }
  if ('enum' in type) {
    if (v.kind !== 'string') throw new VisitError(JSON_MESSAGES.wrongType(name, 'string'));
    if (!type.enum.includes(v.value)) throw new VisitError(JSON_MESSAGES.notInEnum(name, v.value));
    return v.value;
  }
  // a list of uint16 (host-nodes): QEMU names an element `host-nodes[N]`, and `null` in the range check
  if (v.kind !== 'array') throw new VisitError(JSON_MESSAGES.wrongType(name, 'array'));
  const out: string[] = [];
  v.items.forEach((item, i) => {
    const n = visitUint64(`${name}[${i}]`, item);
    if (n > 0xffffn) throw new VisitError(JSON_MESSAGES.expects('null', 'uint16_t'));
    out.push(String(n));
  });
  return out.join(',');
}

// ---------------------------------------------------------------------------------------------------------------
// -object memory-backend-*: the QAPI schema (qapi/qom.json), members in visiting order
// ---------------------------------------------------------------------------------------------------------------

interface SchemaMember {
  name: string;
  type: MemberType;
  required?: boolean;
  /** not in QEMU 7.2 */
  since8?: boolean;
}

const HOST_MEM_POLICY = ['default', 'preferred', 'bind', 'interleave'] as const;
const ON_OFF_AUTO = ['auto', 'on', 'off'] as const;

/** MemoryBackendProperties */
const BACKEND_BASE: readonly SchemaMember[] = [
  { name: 'dump', type: 'bool' },
  { name: 'host-nodes', type: { list: 'uint16' } },
  { name: 'merge', type: 'bool' },
  { name: 'policy', type: { enum: HOST_MEM_POLICY } },
  { name: 'prealloc', type: 'bool' },
  { name: 'prealloc-threads', type: 'uint32' },
  { name: 'prealloc-context', type: 'str' },
  { name: 'share', type: 'bool' },
  { name: 'reserve', type: 'bool' },
  { name: 'size', type: 'size', required: true },
  { name: 'x-use-canonical-path-for-ramblock-id', type: 'bool' },
];

export const BACKEND_SCHEMAS: Record<BackendType, readonly SchemaMember[]> = {
  'memory-backend-ram': BACKEND_BASE,
  'memory-backend-file': [
    ...BACKEND_BASE,
    { name: 'align', type: 'size' },
    { name: 'offset', type: 'size', since8: true },
    { name: 'discard-data', type: 'bool' },
    { name: 'mem-path', type: 'str', required: true },
    { name: 'pmem', type: 'bool' },
    { name: 'readonly', type: 'bool' },
    { name: 'rom', type: { enum: ON_OFF_AUTO }, since8: true },
  ],
  'memory-backend-memfd': [
    ...BACKEND_BASE,
    { name: 'hugetlb', type: 'bool' },
    { name: 'hugetlbsize', type: 'size' },
    { name: 'seal', type: 'bool' },
  ],
};

/** Document field ← member, for the members BackendObject models (the rest go to `extra`). */
const BACKEND_FIELDS: Record<string, keyof BackendObject> = {
  size: 'size',
  align: 'align',
  'mem-path': 'memPath',
  share: 'share',
  prealloc: 'prealloc',
  hugetlb: 'hugetlb',
  hugetlbsize: 'hugetlbsize',
};

// ---------------------------------------------------------------------------------------------------------------
// -device pc-dimm|nvdimm|sp-mem: the qdev properties and their types
// ---------------------------------------------------------------------------------------------------------------

const DIMM_PROPS: Record<string, MemberType> = { addr: 'uint64', memdev: 'str', node: 'uint32', size: 'uint64', slot: 'int32' };

export const DEVICE_PROPERTY_TYPES: Record<MemoryDeviceDriver, Record<string, MemberType>> = {
  'pc-dimm': DIMM_PROPS,
  nvdimm: { ...DIMM_PROPS, 'label-size': 'size', unarmed: 'bool', uuid: 'str' },
  'sp-mem': { addr: 'uint64', memdev: 'str', node: 'uint32' },
};

/** Read-only properties (setting one: `Property 'pc-dimm.size' is not writable`). */
const READ_ONLY_PROPS = new Set(['size']);

const DEVICE_FIELDS: Record<string, keyof MemoryDeviceOption> = {
  memdev: 'memdev',
  node: 'node',
  addr: 'addr',
  slot: 'slot',
  'label-size': 'labelSize',
};

/** qobject/qdict.c tdb_hash: QDict's hash of a key. */
function tdbHash(key: string): number {
  const b = utf8Encode(key);
  let v = Math.imul(0x238f13af, b.length) >>> 0;
  for (let i = 0; i < b.length; i++) v = (v + ((b[i]! << ((i * 5) % 24)) >>> 0)) >>> 0;
  return (Math.imul(1103515243, v) + 12345) >>> 0;
}

const QDICT_BUCKET_MAX = 512;

/** The keys in the order QEMU walks a QDict (qdict_first/qdict_next): by bucket, the later-inserted first. */
export function qdictOrder<T extends { key: string }>(members: readonly T[]): T[] {
  return members
    .map((m, i) => ({ m, i, bucket: tdbHash(m.key) % QDICT_BUCKET_MAX }))
    .sort((a, b) => a.bucket - b.bucket || b.i - a.i)
    .map((x) => x.m);
}

/**
 * The key `visit_check_struct` reports as unexpected (qobject_input_check_struct): the first one left in the
 * GHashTable the visitor built from the QDict (keys inserted in QDict order, each visited member removed), in
 * GLib's bucket order. GLib's open addressing (ghash.c): a power-of-two array, initial index hash × 11 mod a
 * prime, quadratic probing, tombstones on removal, a resize (tombstones dropped, entries relocated in place)
 * when the table is 15/16 occupied or under 1/4 full (base/glib-hash.ts).
 */
export function firstUnvisitedKey(insertOrder: readonly string[], visited: ReadonlySet<string>): string | undefined {
  const t = new GStrTable();
  for (const k of insertOrder) t.insert(k);
  for (const k of insertOrder) if (visited.has(k)) t.remove(k);
  return t.first();
}

// ---------------------------------------------------------------------------------------------------------------
// Reading one option
// ---------------------------------------------------------------------------------------------------------------

export interface JsonReadOptions {
  /** the QEMU release to follow (`11.1` unless given); `7.2` has no `offset`/`rom` and takes any device id */
  qemuVersion?: string;
}

/** What the value text of a `-object`/`-device` option reads to, when it is JSON. */
export type JsonOptionRead =
  /** not JSON (`key=value` text) */
  | { kind: 'not-json' }
  /** QEMU refuses it when reading the arguments */
  | { kind: 'error'; message: string; field?: string }
  /** JSON QEMU reads, not modelled: kept verbatim */
  | { kind: 'raw'; value: JsonObject }
  | { kind: 'option'; option: BackendObject | MemoryDeviceOption; value: JsonObject };

/** QEMU's test: JSON when the first character is `{`. */
export function isJsonText(text: string): boolean {
  return text.startsWith('{');
}

/** An option read from JSON (its remembered text is JSON): QEMU reads it so, and an export writes it so. */
export function isJsonOption(opt: DocOption): boolean {
  return (opt.kind === 'object' || opt.kind === 'device') && opt.text !== undefined && isJsonText(opt.text);
}

const member = (o: JsonObject, key: string): JsonValue | undefined => o.members.find((m) => m.key === key)?.value;

/** The text of an extra member: what `key=value` would say (a list or object as its JSON text). */
function extraText(text: string, v: JsonValue): string {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'bool':
      return v.value ? 'on' : 'off';
    case 'number':
      return v.qnum === 'double' ? v.text : BigInt(v.text).toString();
    default:
      return text.slice(v.start, v.end);
  }
}

function readBackend(text: string, o: JsonObject, qomType: BackendType, id: string, opts: JsonReadOptions): JsonOptionRead {
  const schema = BACKEND_SCHEMAS[qomType].filter((m) => !(m.since8 && opts.qemuVersion === '7.2'));
  const out: BackendObject = { kind: 'object', qomType, id };
  const rec = out as unknown as Record<string, string>;
  const values = new Map<string, string>();
  for (const s of schema) {
    const v = member(o, s.name);
    const field = BACKEND_FIELDS[s.name] ?? s.name;
    if (v === undefined) {
      if (s.required) return { kind: 'error', message: JSON_MESSAGES.missing(s.name), field };
      continue;
    }
    try {
      values.set(s.name, visitMember(s.name, s.type, v, true));
    } catch (e) {
      if (!(e instanceof VisitError)) throw e;
      return { kind: 'error', message: e.message, field };
    }
  }
  const known = new Set(['qom-type', 'id', ...schema.map((s) => s.name)]);
  if (o.members.some((m) => !known.has(m.key))) {
    const key = firstUnvisitedKey(qdictOrder(o.members).map((m) => m.key), known)!;
    return { kind: 'error', message: JSON_MESSAGES.unexpected(key), field: key };
  }
  const extra: ExtraProp[] = [];
  for (const m of o.members) {
    if (m.key === 'qom-type' || m.key === 'id') continue;
    const field = BACKEND_FIELDS[m.key];
    if (field) rec[field] = values.get(m.key)!;
    else extra.push([m.key, m.key === 'host-nodes' ? text.slice(m.value.start, m.value.end) : values.get(m.key)!]);
  }
  if (extra.length) out.extra = extra;
  return { kind: 'option', option: out, value: o };
}

function readDevice(text: string, o: JsonObject, driver: MemoryDeviceDriver): JsonOptionRead {
  const out: MemoryDeviceOption = { kind: 'device', driver };
  const rec = out as unknown as Record<string, string>;
  const id = member(o, 'id');
  // a non-string id is no id (qdict_get_try_str)
  if (id?.kind === 'string') out.id = id.value;
  const types = DEVICE_PROPERTY_TYPES[driver];
  const extra: ExtraProp[] = [];
  // properties in QDict order, as QEMU sets them; a value of the wrong JSON type stays out of the fields (the
  // check at creation, `jsonDeviceProblem`, reports it)
  for (const m of qdictOrder(o.members)) {
    if (m.key === 'driver' || m.key === 'id') continue;
    const type = types[m.key];
    const field = DEVICE_FIELDS[m.key];
    let value: string;
    try {
      value = type ? visitMember(m.key, type, m.value, false) : extraText(text, m.value);
    } catch (e) {
      if (!(e instanceof VisitError)) throw e;
      continue;
    }
    if (field && !READ_ONLY_PROPS.has(m.key)) rec[field] = value;
    else extra.push([m.key, value]);
  }
  if (extra.length) out.extra = extra;
  return { kind: 'option', option: out, value: o };
}

/**
 * The value text of `-object` or `-device` (`name`), read as QEMU reads JSON; `not-json` for `key=value` text.
 * An option returned is the caller's own (a fresh object every call).
 */
export function readJsonOption(name: string, text: string, opts: JsonReadOptions = {}): JsonOptionRead {
  if ((name !== 'object' && name !== 'device') || !isJsonText(text)) return { kind: 'not-json' };
  const cacheKey = `${name}\0${opts.qemuVersion ?? ''}\0${text}`;
  let r = readCache.get(cacheKey);
  if (!r) {
    r = readUncached(name, text, opts);
    if (readCache.size >= READ_CACHE_SIZE) readCache.delete(readCache.keys().next().value!);
    readCache.set(cacheKey, r);
  }
  if (r.kind !== 'option') return r;
  const option = { ...r.option };
  if (option.extra) option.extra = option.extra.map(([k, v]) => [k, v]);
  return { kind: 'option', option, value: r.value };
}

/** The option a JSON value text reads to (null: not JSON, refused, or kept verbatim), for `parseOptionValue`. */
export function jsonOptionValue(name: string, text: string): BackendObject | MemoryDeviceOption | null {
  const r = readJsonOption(name, text);
  return r.kind === 'option' ? r.option : null;
}

/** A refusal of `readJsonOption` as the error QEMU prints for the option (`-object TEXT: message`). */
export function jsonReadError(name: string, flag: string, text: string, r: Extract<JsonOptionRead, { kind: 'error' }>): CoreError {
  const error: CoreError = { kind: name === 'object' ? 'object/invalid' : 'device/invalid', message: r.message, option: { index: -1, flag, text } };
  if (r.field !== undefined) error.field = r.field;
  return error;
}

/** Options are read twice (checked, then built) and their text again by the formatter: the last few, kept. */
const READ_CACHE_SIZE = 64;
const readCache = new Map<string, JsonOptionRead>();

function readUncached(name: string, text: string, opts: JsonReadOptions): JsonOptionRead {
  const p = parseQemuJson(text, jsonWordingOf(opts.qemuVersion));
  if (!p.ok) return { kind: 'error', message: p.message };
  // the text starts with '{': a JSON object
  const o = p.value as JsonObject;
  if (name === 'device') {
    const driver = member(o, 'driver');
    if (driver?.kind === 'string' && (MEMORY_DEVICE_DRIVERS as readonly string[]).includes(driver.value)) {
      return readDevice(text, o, driver.value as MemoryDeviceDriver);
    }
    return { kind: 'raw', value: o };
  }
  // ObjectOptions: qom-type, then id, then the members of its type
  const qomType = member(o, 'qom-type');
  if (qomType === undefined) return { kind: 'error', message: JSON_MESSAGES.missing('qom-type'), field: 'qom-type' };
  if (qomType.kind !== 'string') return { kind: 'error', message: JSON_MESSAGES.wrongType('qom-type', 'string'), field: 'qom-type' };
  const id = member(o, 'id');
  if (id === undefined) return { kind: 'error', message: JSON_MESSAGES.missing('id'), field: 'id' };
  if (id.kind !== 'string') return { kind: 'error', message: JSON_MESSAGES.wrongType('id', 'string'), field: 'id' };
  if (!(BACKEND_TYPES as readonly string[]).includes(qomType.value)) return { kind: 'raw', value: o };
  return readBackend(text, o, qomType.value as BackendType, id.value, opts);
}

// ---------------------------------------------------------------------------------------------------------------
// The checks QEMU makes later, at object and device creation, that the machine model cannot make from the
// option's fields (run once all arguments are read)
// ---------------------------------------------------------------------------------------------------------------

/** One -object or -device argument as read. */
export interface ReadArgument {
  /** `object` or `device` */
  name: string;
  /** the flag as written */
  flag: string;
  text: string;
  /** index of the flag in argv */
  argIndex: number;
  /** index of the option it became */
  optionIndex: number;
}

export interface LateProblem {
  error: CoreError;
  argIndex: number;
}

function idOfRaw(text: string): string | null {
  if (isJsonText(text)) {
    const r = parseQemuJson(text);
    const id = r.ok && r.value.kind === 'object' ? member(r.value, 'id') : undefined;
    return id?.kind === 'string' ? id.value : null;
  }
  const m = /(?:^|,)id=((?:[^,]|,,)*)/.exec(text);
  return m ? m[1]!.replaceAll(',,', ',') : null;
}

function problem(a: ReadArgument, kind: ErrorKind, message: string, withOption: boolean, field?: string): LateProblem {
  const option: OptionRef | null = withOption ? { index: -1, flag: a.flag, text: a.text } : null;
  const error: CoreError = { kind, message, option };
  if (field !== undefined) error.field = field;
  return { error, argIndex: a.argIndex };
}

/**
 * What QEMU refuses at creation that only JSON options give: a JSON backend's id that is no identifier or
 * that another object has (softmmu/vl.c creates the backends in argument order), a JSON device without a
 * driver, with an ill-formed (11.1) or taken id, or with a property value of the wrong JSON type (checked in
 * the order QEMU sets them; a `memdev` naming no object stops the checks: the machine model reports it).
 * QEMU creates the `key=value` devices before the JSON ones.
 */
export function jsonCreationProblem(args: readonly ReadArgument[], options: readonly DocOption[], opts: JsonReadOptions = {}): LateProblem | null {
  if (!args.some((a) => isJsonText(a.text))) return null;
  // late backends, in argument order
  const objectIds = new Map<string, boolean>(); // id → any of that id given as JSON
  for (const a of args) {
    if (a.name !== 'object') continue;
    const json = isJsonText(a.text);
    const o = options[a.optionIndex];
    const id = o?.kind === 'object' ? o.id : idOfRaw(a.text);
    if (id === null) continue;
    if (json && o?.kind === 'object' && !isWellFormedId(id)) return problem(a, 'object/invalid', JSON_MESSAGES.idNotIdentifier(), false, 'id');
    const earlierJson = objectIds.get(id);
    if (earlierJson !== undefined && (json || earlierJson)) return problem(a, 'object/duplicate-id', JSON_MESSAGES.duplicateObject(id), false, 'id');
    objectIds.set(id, (earlierJson ?? false) || json);
  }
  // devices: the key=value ones first, then the JSON ones
  const deviceIds = new Set<string>();
  for (const a of args) {
    if (a.name === 'device' && !isJsonText(a.text)) {
      const o = options[a.optionIndex];
      const id = o?.kind === 'device' ? o.id : idOfRaw(a.text);
      if (id != null) deviceIds.add(id);
    }
  }
  for (const a of args) {
    if (a.name !== 'device' || !isJsonText(a.text)) continue;
    const r = readJsonOption('device', a.text, opts);
    if (r.kind !== 'raw' && r.kind !== 'option') continue;
    const driver = member(r.value, 'driver');
    if (driver?.kind !== 'string') return problem(a, 'device/invalid', JSON_MESSAGES.driverMissing(), true, 'driver');
    const idv = member(r.value, 'id');
    const id = idv?.kind === 'string' ? idv.value : null;
    if (r.kind === 'option') {
      if (id !== null && opts.qemuVersion !== '7.2' && !isWellFormedId(id)) return problem(a, 'device/invalid', JSON_MESSAGES.invalidQdevId(id), true, 'id');
      if (id !== null && deviceIds.has(id)) return problem(a, 'device/invalid', JSON_MESSAGES.duplicateDevice(id), true, 'id');
      const p = devicePropertyProblem(r.value, driver.value as MemoryDeviceDriver, objectIds);
      if (p) return problem(a, 'device/invalid', p.message, true, p.field);
    } else if (id !== null && deviceIds.has(id)) {
      return problem(a, 'device/invalid', JSON_MESSAGES.duplicateDevice(id), true, 'id');
    }
    if (id !== null) deviceIds.add(id);
  }
  return null;
}

/** The first property (in QDict order) QEMU refuses for its JSON type; null when the model takes it from here. */
function devicePropertyProblem(o: JsonObject, driver: MemoryDeviceDriver, objectIds: Map<string, boolean>): { message: string; field: string } | null {
  const types = DEVICE_PROPERTY_TYPES[driver];
  for (const m of qdictOrder(o.members)) {
    if (m.key === 'driver' || m.key === 'id') continue;
    const type = types[m.key];
    // not a property: `Property '…' not found`, which the model reports from `extra`
    if (!type || m.key === 'bus') return null;
    const field = DEVICE_FIELDS[m.key] ?? m.key;
    if (READ_ONLY_PROPS.has(m.key)) return { message: JSON_MESSAGES.notWritable(driver, m.key), field };
    try {
      const v = visitMember(m.key, type, m.value, false);
      if (m.key === 'memdev' && !objectIds.has(v)) return null;
    } catch (e) {
      if (!(e instanceof VisitError)) throw e;
      return { message: e.message, field };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing JSON back after an edit: the text as written, with the changed members only
// ---------------------------------------------------------------------------------------------------------------

function parseBoolText(t: string): boolean | null {
  if (t === 'on' || t === 'yes' || t === 'true' || t === 'y') return true;
  if (t === 'off' || t === 'no' || t === 'false' || t === 'n') return false;
  return null;
}

/** A document value as JSON of the member's type (a value that is none: a JSON string, which QEMU refuses). */
function encodeMember(type: MemberType | undefined, value: string | null): string {
  if (value === null) return 'true';
  if (type === 'bool') {
    const b = parseBoolText(value);
    if (b !== null) return String(b);
  } else if (type === 'size') {
    const n = parseQemuSize(value);
    if (n !== null) return n.toString();
  } else if (type === 'uint64' || type === 'uint32') {
    const n = parseQemuUint(value);
    if (n !== null) return n.toString();
  } else if (type === 'int32') {
    if (/^-?\d+$/.test(value.trim())) return BigInt(value.trim()).toString();
    const n = parseQemuUint(value);
    if (n !== null) return n.toString();
  } else if (type !== undefined && typeof type === 'object' && 'list' in type) {
    if (/^\[.*\]$/s.test(value.trim())) return value.trim();
    if (/^\d+(,\d+)*$/.test(value)) return `[${value}]`;
  }
  return JSON.stringify(value);
}

type Modelled = BackendObject | MemoryDeviceOption;

/** member name → [document field, type] of an option's kind (qom-type/driver and id included). */
function memberTable(opt: Modelled): Array<{ key: string; get: (o: Modelled) => string | undefined; type: MemberType | undefined }> {
  const rows: Array<{ key: string; get: (o: Modelled) => string | undefined; type: MemberType | undefined }> = [];
  if (opt.kind === 'object') {
    const schema = BACKEND_SCHEMAS[opt.qomType] ?? BACKEND_BASE;
    rows.push({ key: 'qom-type', get: (o) => (o as BackendObject).qomType, type: 'str' });
    rows.push({ key: 'id', get: (o) => (o as BackendObject).id, type: 'str' });
    for (const [key, field] of Object.entries(BACKEND_FIELDS)) {
      rows.push({ key, get: (o) => (o as unknown as Record<string, string | undefined>)[field], type: schema.find((s) => s.name === key)?.type });
    }
  } else {
    const types = DEVICE_PROPERTY_TYPES[opt.driver] ?? DIMM_PROPS;
    rows.push({ key: 'driver', get: (o) => (o as MemoryDeviceOption).driver, type: 'str' });
    rows.push({ key: 'id', get: (o) => (o as MemoryDeviceOption).id, type: 'str' });
    for (const [key, field] of Object.entries(DEVICE_FIELDS)) {
      rows.push({ key, get: (o) => (o as unknown as Record<string, string | undefined>)[field], type: types[key] });
    }
  }
  return rows;
}

/**
 * The JSON `text` an option was read from (`before`: what it reads to), rewritten to say what `after` says:
 * each changed member's value replaced in place, a removed member cut out with its comma, a new one appended.
 * Everything else stays as written. Null when `text` is no JSON object.
 */
export function editJsonOptionText(text: string, before: Modelled, after: Modelled): string | null {
  const p = parseQemuJson(text);
  if (!p.ok || p.value.kind !== 'object') return null;
  const o = p.value;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const removed = new Set<JsonMember>();
  const appended: string[] = [];
  const setMember = (key: string, type: MemberType | undefined, value: string | null | undefined, old: string | null | undefined) => {
    if (value === old) return;
    const ms = o.members.filter((m) => m.key === key);
    if (value === undefined) {
      for (const m of ms) removed.add(m);
      return;
    }
    // a member the model leaves out (a value of the wrong type) is replaced too
    const json = encodeMember(type, value);
    if (ms.length) edits.push({ start: ms[0]!.value.start, end: ms[0]!.value.end, text: json });
    else appended.push(`${JSON.stringify(key)}:${json}`);
  };
  const rows = memberTable(after);
  for (const r of rows) setMember(r.key, r.type, r.get(after), r.get(before));
  // the unmodelled members
  const types: Record<string, MemberType> =
    after.kind === 'object'
      ? Object.fromEntries((BACKEND_SCHEMAS[after.qomType] ?? BACKEND_BASE).map((s) => [s.name, s.type]))
      : (DEVICE_PROPERTY_TYPES[after.driver] ?? DIMM_PROPS);
  const lastOf = (extra: ExtraProp[] | undefined) => new Map((extra ?? []).map(([k, v]) => [k, v]));
  const was = lastOf(before.extra);
  const now = lastOf(after.extra);
  for (const [k, v] of now) {
    if (was.has(k) && was.get(k) === v) continue;
    const m = o.members.find((x) => x.key === k);
    const type = types[k] ?? (m?.value.kind === 'number' ? 'uint64' : m?.value.kind === 'bool' ? 'bool' : undefined);
    setMember(k, type, v, was.has(k) ? was.get(k) : undefined);
  }
  for (const k of was.keys()) if (!now.has(k)) setMember(k, undefined, undefined, was.get(k));
  if (edits.length === 0 && removed.size === 0 && appended.length === 0) return text;
  // removals: a member with the separator after it (or, for the last one kept, before it)
  const kept = o.members.filter((m) => !removed.has(m));
  const ms = o.members;
  let lastKept = -1;
  ms.forEach((m, i) => {
    if (!removed.has(m)) lastKept = i;
  });
  // before the last member kept: up to the next member's key; after it, from the end of its value
  ms.forEach((m, i) => {
    if (removed.has(m) && i < lastKept) edits.push({ start: m.start, end: ms[i + 1]!.start, text: '' });
  });
  if (lastKept < ms.length - 1) {
    edits.push({ start: lastKept >= 0 ? ms[lastKept]!.value.end : ms[0]!.start, end: ms.at(-1)!.value.end, text: '' });
  }
  if (appended.length) {
    const close = o.end - 1;
    edits.push({ start: close, end: close, text: (kept.length ? ',' : '') + appended.join(',') });
  }
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
