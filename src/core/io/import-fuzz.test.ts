/**
 * Fuzzing the three importers (pasted text, saved documents, share links) with over 100 000 generated and
 * mutated inputs: none may throw, every refusal must carry a message, and whatever is accepted must be a valid
 * document that saves and loads back unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../document/index.ts';
import { loadDocument, serializeDocument, serializeDocumentCompact, validateDocument, type LoadResult } from './document-io.ts';
import { exportQemuJson, exportQemuShell } from './export-qemu.ts';
import { importQemuText, type ImportTextResult } from './import-text.ts';
import { decodeShareLink, encodeShareFragment } from './share-link.ts';
import { arbDocument } from '../testing/doc-arbitraries.ts';
import { base64UrlEncode, utf8Encode } from '../document/index.ts';

const SEED = 20260407;

/** mulberry32: a small seeded generator for the mutations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHELL_TOKENS = [
  "'", '"', '\\', '$', '$(', '${', '`', "$'", '\\\n', '\n', '\r\n', '#', '~', '|', ';', '&', '(', ')', '<', '>', '*', '?', '[', ']', '{', '}',
  ' ', '\t', 'qemu-system-x86_64 ', '/usr/bin/qemu-kvm ', '$ ', 'A=b ', ' -m ', ' -object ', ' -device ', ' -numa ', ' -machine ', ' -drive ', ' -bogus ',
  'pc-dimm,', 'sp-mem,', 'memory-backend-ram,', 'node,', ',', ',,', '=', '\u0000', '\ud800', '\udc00', '🙂', 'é', '\u202e', '"$(printf \'\\011\')"',
  "$'\\x'", "$'\\u'", "$'\\377'", "$'\\c", '[', '["', '"]', '[1,', 'null', '{}', 'x'.repeat(5000),
];

const JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud800', 'null', 'true', '1e400', '-0', '__proto__', '"__proto__":', '"constructor":', '"prototype":', '"kind":', '"raw"', '"args":', '\u0000', ' '];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)]!;
}

/** One random edit: insert a token, delete, replace a character, duplicate, truncate or splice. */
function mutate(r: () => number, s: string, tokens: readonly string[]): string {
  const at = Math.floor(r() * (s.length + 1));
  switch (Math.floor(r() * 7)) {
    case 0:
    case 1:
      return s.slice(0, at) + pick(r, tokens) + s.slice(at);
    case 2:
      return s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 8));
    case 3:
      return s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(at + 1);
    case 4: {
      const len = Math.floor(r() * 40);
      return s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    }
    case 5:
      return s.slice(0, at);
    default:
      return s.slice(at) + s.slice(0, at);
  }
}

function mutations(r: () => number, s: string, tokens: readonly string[]): string {
  let out = s;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) out = mutate(r, out, tokens);
  return out;
}

const HOSTILE_VALUES: unknown[] = [
  null, true, 0, -1, 1e300, 4294967296, '', 'x'.repeat(5000), [], {}, [[[[[[[[[[1]]]]]]]]]], { kind: 'raw', args: ['-S'] },
  JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } }, ['a', null], [['k', 'v']], 'memory-backend-ram', '\u0000',
];

/** Replace a random value inside the parsed document by a hostile one. */
function structuralMutation(r: () => number, doc: ConfigDocument): string {
  const root = JSON.parse(serializeDocumentCompact(doc)) as unknown;
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (slots.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) (slots.push({ parent: v as Record<string, unknown>, key: k }), walk((v as Record<string, unknown>)[k]));
  };
  walk(root);
  const n = 1 + Math.floor(r() * 2);
  for (let k = 0; k < n && slots.length; k++) {
    const { parent, key } = pick(r, slots);
    const choice = r();
    if (choice < 0.7) (parent as Record<string | number, unknown>)[key] = pick(r, HOSTILE_VALUES);
    else if (choice < 0.85 && !Array.isArray(parent)) {
      delete (parent as Record<string, unknown>)[key as string];
    } else if (!Array.isArray(parent)) {
      (parent as Record<string, unknown>)[pick(r, ['__proto__', 'constructor', 'prototype', 'extra', 'kind', 'bogus', 'size', 'cpus'])] = pick(r, HOSTILE_VALUES);
    }
  }
  return JSON.stringify(root);
}

interface Failure {
  importer: string;
  input: string;
  problem: string;
}

function checkImport(input: string, failures: Failure[]): boolean {
  let r: ImportTextResult;
  try {
    r = importQemuText(input);
  } catch (e) {
    failures.push({ importer: 'import-text', input, problem: `threw ${String(e)}` });
    return false;
  }
  if (!r.ok) {
    if (typeof r.message !== 'string' || r.message === '') failures.push({ importer: 'import-text', input, problem: 'empty message' });
    return false;
  }
  const again = loadDocument(serializeDocument(r.doc));
  if (!again.ok) failures.push({ importer: 'import-text', input, problem: `accepted but cannot be saved: ${again.message}` });
  return true;
}

function checkLoad(importer: string, input: string, load: (s: string) => LoadResult, failures: Failure[]): boolean {
  let r: LoadResult;
  try {
    r = load(input);
  } catch (e) {
    failures.push({ importer, input, problem: `threw ${String(e)}` });
    return false;
  }
  if (!r.ok) {
    if (typeof r.message !== 'string' || r.message === '') failures.push({ importer, input, problem: 'empty message' });
    return false;
  }
  const v = validateDocument(r.doc);
  if (!v.ok) failures.push({ importer, input, problem: `accepted an invalid document: ${v.message}` });
  else if (serializeDocument(v.doc) !== serializeDocument(r.doc)) failures.push({ importer, input, problem: 'not a fixed point' });
  return true;
}

describe('importer fuzzing', () => {
  const base = fc.sample(arbDocument, { seed: SEED, numRuns: 1500 });
  const r = rng(SEED);

  it('pasted text: 50 000 generated and mutated command lines', () => {
    const failures: Failure[] = [];
    let accepted = 0;
    let n = 0;
    for (let k = 0; n < 50_000; k++) {
      const doc = base[k % base.length]!;
      const seeds = [exportQemuShell(doc), exportQemuJson(doc)];
      for (const s of seeds) {
        if (checkImport(s, failures)) accepted++;
        n++;
        for (let m = 0; m < 15; m++, n++) if (checkImport(mutations(r, s, SHELL_TOKENS), failures)) accepted++;
      }
      // plain noise from the token alphabet
      let noise = '';
      for (let t = Math.floor(r() * 20); t > 0; t--) noise += pick(r, SHELL_TOKENS);
      checkImport(noise, failures);
      n++;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(5_000); // the mutations do not only produce garbage
  });

  it('saved documents: 40 000 mutated JSON texts and values', () => {
    const failures: Failure[] = [];
    let accepted = 0;
    for (let n = 0; n < 40_000; n++) {
      const doc = base[n % base.length]!;
      const input = n % 2 === 0 ? mutations(r, serializeDocument(doc), JSON_TOKENS) : structuralMutation(r, doc);
      if (checkLoad('document-io', input, loadDocument, failures)) accepted++;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('share links: 15 000 mutated links', () => {
    const failures: Failure[] = [];
    let accepted = 0;
    for (let n = 0; n < 15_000; n++) {
      const doc = base[n % base.length]!;
      let input: string;
      if (n % 3 === 0) input = mutations(r, encodeShareFragment(doc), ['#', 'd=', '&', '%', '%3D', '=', '+', '/', '-', '_', 'A', '\u00e9']);
      else input = '#d=' + base64UrlEncode(utf8Encode(n % 3 === 1 ? structuralMutation(r, doc) : mutations(r, serializeDocumentCompact(doc), JSON_TOKENS)));
      if (checkLoad('share-link', input, decodeShareLink, failures)) accepted++;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(500);
  });

  it('left Object.prototype alone', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
