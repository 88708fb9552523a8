/**
 * The config document as a file: versioned JSON. `loadDocument` reads any version of the format written so far
 * (migrating it to the current one) and refuses anything else with a message naming the offending field, e.g.
 * `options[3].size: expected a string, got a number`. The input is treated as hostile: sizes are capped,
 * prototype-related keys are refused, and the result is a fresh plain object built from the known fields only,
 * never the parsed object graph itself. Nothing throws.
 */
import {
  BACKEND_TYPES,
  GENERIC_AFFINITY_TYPES,
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  MEMORY_DEVICE_DRIVERS,
  type ConfigDocument,
  type DocOption,
  type DocOptionKind,
  type ExtraProp,
} from '../document/index.ts';
import { optionArity, optionName } from '../syntax/index.ts';
import { findLoneSurrogate, hostCpuProblem, type HostCpu } from '../document/index.ts';

/**
 * Largest document text read, in characters (4 MiB), and the largest saved form (`serializeDocument`) of a
 * document the designer takes in: every document it accepts (`validateDocument`, hence a loaded file, an import,
 * a link) saves within this, so whatever it accepts it can save and reopen; anything more is refused up front
 * (`documentLimitProblem`). 4 MiB holds the largest machines the designer models with room to spare: 128 NUMA
 * nodes (QEMU's MAX_NODES), 256 DIMMs (all of QEMU's slots) and sp-mem devices up to MAX_OPTIONS options save in
 * about 2 MiB.
 */
export const MAX_DOCUMENT_CHARS = 4 << 20;
/** Most options in a document. */
export const MAX_OPTIONS = 10_000;
/** Longest string anywhere in a document, in characters (4 KiB). */
export const MAX_STRING_LENGTH = 4096;
/** Most `extra` properties on one option. */
export const MAX_EXTRA = 1000;
/** Deepest nesting of arrays and objects (a valid document nests 5 deep). */
export const MAX_DEPTH = 8;

export type LoadResult =
  | { ok: true; doc: ConfigDocument; /** e.g. that an older version was migrated */ notes: string[] }
  | { ok: false; message: string; /** the field path the message is about (`options[2].id`), when there is one */ path?: string };

/** Field types of an option kind: a string, a required string, one of a set, a list of strings. */
type FieldType = 'string' | 'required' | 'string[]' | { oneOf: readonly string[] };

const SOURCE_FIELDS: Record<string, FieldType> = { flag: 'string', text: 'string' };

/** Each modelled option kind's fields, in canonical order (`extra`, `flag` and `text` follow). */
const FIELDS: Record<Exclude<DocOptionKind, 'raw'>, Record<string, FieldType>> = {
  machine: { type: 'required', maxRamBelow4g: 'string', nvdimm: 'string', hmat: 'string' },
  cpu: { model: 'required', vendor: 'string', physBits: 'string' },
  smp: { cpus: 'string', maxcpus: 'string', sockets: 'string', dies: 'string', modules: 'string', cores: 'string', threads: 'string' },
  memory: { size: 'string', slots: 'string', maxmem: 'string' },
  object: {
    qomType: { oneOf: BACKEND_TYPES },
    id: 'required',
    size: 'string',
    align: 'string',
    memPath: 'string',
    share: 'string',
    prealloc: 'string',
    hugetlb: 'string',
    hugetlbsize: 'string',
  },
  'numa-node': { nodeid: 'string', memdev: 'string', mem: 'string', cpus: 'string[]', initiator: 'string' },
  'numa-cpu': { nodeId: 'string', socketId: 'string', dieId: 'string', moduleId: 'string', coreId: 'string', threadId: 'string' },
  'numa-dist': { src: 'string', dst: 'string', val: 'string' },
  'numa-hmat-lb': { initiator: 'string', target: 'string', hierarchy: 'string', dataType: 'string', latency: 'string', bandwidth: 'string' },
  'numa-hmat-cache': { nodeId: 'string', size: 'string', level: 'string', associativity: 'string', policy: 'string', line: 'string' },
  'generic-affinity': { qomType: { oneOf: GENERIC_AFFINITY_TYPES }, id: 'required', pciDev: 'string', pciBus: 'string', node: 'string' },
  device: {
    driver: { oneOf: MEMORY_DEVICE_DRIVERS },
    id: 'string',
    memdev: 'string',
    node: 'string',
    addr: 'string',
    slot: 'string',
    labelSize: 'string',
  },
};

const KINDS: readonly DocOptionKind[] = [...(Object.keys(FIELDS) as DocOptionKind[]), 'raw'];
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ROOT_FIELDS = new Set(['format', 'version', 'name', 'options', 'host']);

/**
 * Migrations from each earlier version to the next (`MIGRATIONS[n]` turns version n into n + 1). Version 1 is
 * the first version of the format, so there is nothing to migrate yet; a future version 2 adds `1: (v) => …`
 * here and bumps DOCUMENT_VERSION.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};
/** The oldest version this build reads. */
export const OLDEST_DOCUMENT_VERSION = 1;

class Invalid {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

function fail(path: string, message: string): never {
  throw new Invalid(path, message);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return `a ${typeof v}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, `expected a string, got ${typeName(v)}`);
  if (v.length > MAX_STRING_LENGTH) fail(path, `string too long (${v.length} characters; at most ${MAX_STRING_LENGTH})`);
  if (v.includes('\0')) fail(path, 'contains a NUL character, which a command line cannot carry');
  if (findLoneSurrogate(v) >= 0) fail(path, 'not valid Unicode (a lone surrogate)');
  return v;
}

/**
 * Walk the whole parsed value once, iteratively: refuse prototype-related keys and nesting beyond MAX_DEPTH
 * anywhere, before any field is looked at.
 */
function checkShape(root: unknown): void {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: root, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) fail(path, `nested too deeply (more than ${MAX_DEPTH} levels)`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
    } else {
      for (const key of Object.keys(v)) {
        const p = path === '' ? key : `${path}.${key}`;
        if (FORBIDDEN_KEYS.has(key)) fail(p, `the key '${key}' is not allowed`);
        stack.push({ v: (v as Record<string, unknown>)[key], path: p, depth: depth + 1 });
      }
    }
  }
}

function readExtra(v: unknown, path: string): ExtraProp[] {
  if (!Array.isArray(v)) fail(path, `expected an array of [name, value] pairs, got ${typeName(v)}`);
  if (v.length > MAX_EXTRA) fail(path, `too many properties (${v.length}; at most ${MAX_EXTRA})`);
  return v.map((pair, i): ExtraProp => {
    const p = `${path}[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2) fail(p, `expected a [name, value] pair, got ${typeName(pair)}${Array.isArray(pair) ? ` of length ${pair.length}` : ''}`);
    const key = str(pair[0], `${p}[0]`);
    const value = pair[1] === null ? null : str(pair[1], `${p}[1]`);
    return [key, value];
  });
}

function readRaw(o: Record<string, unknown>, path: string): DocOption {
  for (const key of Object.keys(o)) {
    if (key !== 'kind' && key !== 'args') fail(`${path}.${key}`, "unknown field for an option of kind 'raw'");
  }
  const args = o.args;
  if (!Array.isArray(args)) fail(`${path}.args`, `expected an array of strings, got ${typeName(args)}`);
  const out = args.map((a, i) => str(a, `${path}.args[${i}]`));
  if (out.length === 0) fail(`${path}.args`, 'must hold the option and its argument, not be empty');
  const name = optionName(out[0]!);
  if (name === null) {
    if (out.length !== 1) fail(`${path}.args`, `a bare word ('${out[0]}') stands alone, but ${out.length} words are given`);
  } else {
    const arity = optionArity(name);
    if (arity === 'unknown') fail(`${path}.args[0]`, `'${out[0]}' is not a QEMU option`);
    const want = arity === 'arg' ? 2 : 1;
    if (out.length !== want) fail(`${path}.args`, `${out[0]} takes ${want === 2 ? 'one argument' : 'no argument'}, but ${out.length - 1} are given`);
  }
  return { kind: 'raw', args: out };
}

function readOption(v: unknown, path: string): DocOption {
  if (!isPlainObject(v)) fail(path, `expected an option object, got ${typeName(v)}`);
  const kind = v.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    fail(`${path}.kind`, typeof kind === 'string' ? `unknown option kind '${kind.slice(0, 64)}'` : `expected an option kind, got ${typeName(kind)}`);
  }
  if (kind === 'raw') return readRaw(v, path);
  const fields = FIELDS[kind as Exclude<DocOptionKind, 'raw'>];
  for (const key of Object.keys(v)) {
    if (key !== 'kind' && key !== 'extra' && !Object.hasOwn(fields, key) && !Object.hasOwn(SOURCE_FIELDS, key)) {
      fail(`${path}.${key}`, `unknown field for an option of kind '${kind}'`);
    }
  }
  const out: Record<string, unknown> = { kind };
  for (const [key, type] of Object.entries(fields)) {
    const p = `${path}.${key}`;
    const val = v[key];
    if (val === undefined) {
      if (type === 'required' || typeof type === 'object') fail(p, 'missing');
      continue;
    }
    if (type === 'string[]') {
      if (!Array.isArray(val)) fail(p, `expected an array of strings, got ${typeName(val)}`);
      out[key] = val.map((x, i) => str(x, `${p}[${i}]`));
    } else if (typeof type === 'object') {
      const s = str(val, p);
      if (!type.oneOf.includes(s)) fail(p, `must be one of ${type.oneOf.join(', ')} (got '${s.slice(0, 64)}')`);
      out[key] = s;
    } else {
      out[key] = str(val, p);
    }
  }
  if (v.extra !== undefined) out.extra = readExtra(v.extra, `${path}.extra`);
  for (const key of Object.keys(SOURCE_FIELDS)) {
    if (v[key] !== undefined) out[key] = str(v[key], `${path}.${key}`);
  }
  return out as unknown as DocOption;
}

/** Check a parsed value and build a fresh document from it. */
export function validateDocument(value: unknown): LoadResult {
  try {
    checkShape(value);
    if (!isPlainObject(value)) fail('', `expected a document object, got ${typeName(value)}`);
    if (value.format !== DOCUMENT_FORMAT) {
      fail('format', `not a Memory Map Designer document (expected '${DOCUMENT_FORMAT}')`);
    }
    const version = value.version;
    if (typeof version !== 'number' || !Number.isSafeInteger(version)) {
      fail('version', `expected a version number, got ${typeof version === 'number' ? String(version) : typeName(version)}`);
    }
    if (version > DOCUMENT_VERSION) {
      fail('version', `version ${version} was written by a newer Memory Map Designer; this one reads versions ${OLDEST_DOCUMENT_VERSION} to ${DOCUMENT_VERSION}`);
    }
    if (version < OLDEST_DOCUMENT_VERSION) fail('version', `there is no version ${version} of the format`);
    const notes: string[] = [];
    let current: Record<string, unknown> = value;
    for (let v = version; v < DOCUMENT_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) fail('version', `cannot read version ${v}`);
      current = step(current);
    }
    if (version < DOCUMENT_VERSION) notes.push(`converted from version ${version} of the format`);
    for (const key of Object.keys(current)) if (!ROOT_FIELDS.has(key)) fail(key, 'unknown field');
    const name = str(current.name, 'name');
    const options = current.options;
    if (!Array.isArray(options)) fail('options', `expected an array of options, got ${typeName(options)}`);
    if (options.length > MAX_OPTIONS) fail('options', `too many options (${options.length}; at most ${MAX_OPTIONS})`);
    const doc: ConfigDocument = {
      format: DOCUMENT_FORMAT,
      version: DOCUMENT_VERSION,
      name,
      options: options.map((o, i) => readOption(o, `options[${i}]`)),
    };
    if (current.host !== undefined) {
      const bad = hostCpuProblem(current.host);
      if (bad) fail(bad.field, bad.message);
      const h = current.host as HostCpu;
      doc.host = { vendor: h.vendor, physBits: h.physBits };
    }
    const tooLarge = documentLimitProblem(doc);
    if (tooLarge) fail('', tooLarge);
    return { ok: true, doc, notes };
  } catch (e) {
    if (e instanceof Invalid) {
      const r: LoadResult = { ok: false, message: e.path === '' ? e.message : `${e.path}: ${e.message}` };
      if (e.path !== '') r.path = e.path;
      return r;
    }
    return { ok: false, message: `cannot read the document: ${String(e)}` };
  }
}

/** A saved document's text → the document, or why not. Never throws. */
export function loadDocument(text: string): LoadResult {
  if (typeof text !== 'string') return { ok: false, message: 'expected the text of a document' };
  if (text.length > MAX_DOCUMENT_CHARS) {
    return { ok: false, message: `the document is too large (${text.length} characters; at most ${MAX_DOCUMENT_CHARS})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${(e as Error).message ?? String(e)}` };
  }
  return validateDocument(value);
}

/** An option with its fields in canonical order and nothing else (undefined fields dropped). */
function canonicalOption(o: DocOption): DocOption {
  if (o.kind === 'raw') return { kind: 'raw', args: [...o.args] };
  const rec = o as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { kind: o.kind };
  for (const key of Object.keys(FIELDS[o.kind])) {
    const v = rec[key];
    if (v !== undefined) out[key] = Array.isArray(v) ? [...(v as string[])] : v;
  }
  if (o.extra !== undefined) out.extra = o.extra.map(([k, v]) => [k, v]);
  if (o.flag !== undefined) out.flag = o.flag;
  if (o.text !== undefined) out.text = o.text;
  return out as unknown as DocOption;
}

/** The document with its fields in canonical order and nothing else (undefined fields dropped). */
export function canonicalDocument(doc: ConfigDocument): ConfigDocument {
  const out: ConfigDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: doc.name, options: doc.options.map(canonicalOption) };
  if (doc.host) out.host = { vendor: doc.host.vendor, physBits: doc.host.physBits };
  return out;
}

/** Characters each option takes in the saved form (options are immutable: the same object, the same text). */
const optionChars = new WeakMap<DocOption, number>();

/**
 * `serializeDocument(doc).length`, without building the text: each option's share is computed once per option
 * object and remembered, so checking a document after an edit costs a lookup per option.
 */
export function savedDocumentChars(doc: ConfigDocument): number {
  // {"format", "version", "name" and "options" lines, the brackets, the final newline}
  let n = `{\n  "format": ${JSON.stringify(DOCUMENT_FORMAT)},\n  "version": ${DOCUMENT_VERSION},\n  "name": ${JSON.stringify(doc.name)},\n  "options": [`.length;
  // `,\n  "host": {…}` after the options, indented as JSON.stringify(…, null, 2) does
  if (doc.host) n += (',\n  "host": ' + JSON.stringify({ vendor: doc.host.vendor, physBits: doc.host.physBits }, null, 2).replace(/\n/g, '\n  ')).length;
  const options = doc.options;
  if (options.length === 0) return n + ']\n}\n'.length;
  for (const o of options) {
    let c = optionChars.get(o);
    if (c === undefined) {
      const text = JSON.stringify(canonicalOption(o), null, 2);
      let lines = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
      c = text.length + 4 * lines; // indented by 4 inside the options array
      optionChars.set(o, c);
    }
    n += c;
  }
  // "\n" before the first option, ",\n" between options, "\n  ]\n}\n" at the end
  return n + 1 + 2 * (options.length - 1) + '\n  ]\n}\n'.length;
}

/**
 * Why the designer cannot take `doc` in (it could not save and reopen it): too many options, or a saved form
 * over MAX_DOCUMENT_CHARS. Null when it fits.
 */
export function documentLimitProblem(doc: ConfigDocument): string | null {
  if (doc.options.length > MAX_OPTIONS) return `the design has too many options (${doc.options.length}; at most ${MAX_OPTIONS})`;
  const chars = savedDocumentChars(doc);
  if (chars > MAX_DOCUMENT_CHARS) {
    return `the design is too large to save and reopen (its saved form would be ${chars} characters; at most ${MAX_DOCUMENT_CHARS})`;
  }
  return null;
}

/** The document as the JSON text of a saved file (2-space indented, ends with a newline). */
export function serializeDocument(doc: ConfigDocument): string {
  return JSON.stringify(canonicalDocument(doc), null, 2) + '\n';
}

/** The document as compact JSON (for share links). */
export function serializeDocumentCompact(doc: ConfigDocument): string {
  return JSON.stringify(canonicalDocument(doc));
}
