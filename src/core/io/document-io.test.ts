/**
 * Saved documents: round trips for presets and generated documents, and hostile JSON refused with a message
 * naming the field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../document/index.ts';
import {
  MAX_DOCUMENT_CHARS,
  MAX_OPTIONS,
  MAX_STRING_LENGTH,
  documentLimitProblem,
  loadDocument,
  savedDocumentChars,
  serializeDocument,
  serializeDocumentCompact,
  validateDocument,
} from './document-io.ts';
import { PRESETS, presetDocument } from '../designer/index.ts';
import { arbDocument } from '../testing/doc-arbitraries.ts';

const SEED = 20260403;

function doc(options: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'memory-map-designer', version: 1, name: 'x', options, ...extra });
}

function refused(text: string): string {
  const r = loadDocument(text);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.message;
}

describe('serializeDocument / loadDocument', () => {
  it('writes the format, version, name and options', () => {
    const d: ConfigDocument = {
      format: 'memory-map-designer',
      version: 1,
      name: 'small',
      options: [
        { kind: 'memory', size: '4G', flag: '-m', text: '4G' },
        { kind: 'raw', args: ['-nographic'] },
      ],
    };
    expect(serializeDocument(d)).toBe(
      `{
  "format": "memory-map-designer",
  "version": 1,
  "name": "small",
  "options": [
    {
      "kind": "memory",
      "size": "4G",
      "flag": "-m",
      "text": "4G"
    },
    {
      "kind": "raw",
      "args": [
        "-nographic"
      ]
    }
  ]
}
`,
    );
  });

  it.each(PRESETS.map((p) => p.id))('preset %s round-trips', (id) => {
    const d = presetDocument(id)!;
    const r = loadDocument(serializeDocument(d));
    expect(r.ok && r.doc).toEqual(d);
  });

  it('generated documents round-trip (2 000)', () => {
    fc.assert(
      fc.property(arbDocument, (d) => {
        const r = loadDocument(serializeDocument(d));
        if (!r.ok) throw new Error(r.message);
        expect(r.doc).toEqual(d);
        expect(serializeDocument(r.doc)).toBe(serializeDocument(d));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('savedDocumentChars is the length of the saved text (2 000 generated documents, and an empty one)', () => {
    fc.assert(
      fc.property(arbDocument, (d) => {
        expect(savedDocumentChars(d)).toBe(serializeDocument(d).length);
      }),
      { seed: SEED + 1, numRuns: 2000 },
    );
    const empty: ConfigDocument = { format: 'memory-map-designer', version: 1, name: 'é"\n', options: [] };
    expect(savedDocumentChars(empty)).toBe(serializeDocument(empty).length);
  });

  it('whatever it reads, it can save and read again: a compact text whose saved form is too large is refused up front', () => {
    // a compact text under the limit whose indented saved form is over it
    const opt = { kind: 'numa-dist', src: '1', dst: '2', val: '20' };
    const n = Math.min(MAX_OPTIONS, Math.ceil(MAX_DOCUMENT_CHARS / serializeDocument({ format: 'memory-map-designer', version: 1, name: 'x', options: [opt as never] }).length) * 2);
    const long = 'x'.repeat(MAX_STRING_LENGTH);
    const options = Array.from({ length: n }, (_, i) => ({ ...opt, src: String(i), extra: [[long.slice(0, 300), null]] }));
    const compact = doc(options);
    expect(compact.length).toBeLessThanOrEqual(MAX_DOCUMENT_CHARS);
    const r = loadDocument(compact);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^the design is too large to save and reopen \(its saved form would be \d+ characters; at most 4194304\)$/);
    // a document just under the limit saves and reopens
    const fits = options.slice(0, Math.floor(options.length / 2));
    const ok = loadDocument(doc(fits));
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(documentLimitProblem(ok.doc)).toBeNull();
      expect(loadDocument(serializeDocument(ok.doc))).toEqual({ ok: true, doc: ok.doc, notes: [] });
      expect(loadDocument(serializeDocumentCompact(ok.doc)).ok).toBe(true);
    }
  });

  it('returns a fresh object, not the parsed graph', () => {
    const value = JSON.parse(doc([{ kind: 'numa-node', cpus: ['0-1'], extra: [['a', null]] }])) as Record<string, unknown>;
    const r = validateDocument(value);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc).not.toBe(value);
    const parsedOpt = (value.options as Array<Record<string, unknown>>)[0]!;
    expect(r.doc.options[0]).not.toBe(parsedOpt);
    expect((r.doc.options[0] as { cpus: string[] }).cpus).not.toBe(parsedOpt.cpus);
    expect(Object.getPrototypeOf(r.doc)).toBe(Object.prototype);
  });
});

describe('hostile or corrupt documents are refused, naming the field', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"format": ', 'not valid JSON'],
    ['an array', '[]', 'expected a document object, got an array'],
    ['another format', JSON.stringify({ format: 'other', version: 1, name: 'x', options: [] }), 'format: not a Memory Map Designer document'],
    ['a version from the future', doc([], { version: 2 }), 'version: version 2 was written by a newer Memory Map Designer'],
    ['version 0', doc([], { version: 0 }), 'version: there is no version 0'],
    ['a huge version', '{"format":"memory-map-designer","version":1e400,"name":"x","options":[]}', 'version: expected a version number, got Infinity'],
    ['a fractional version', doc([], { version: 1.5 }), 'version: expected a version number, got 1.5'],
    ['a string version', doc([], { version: '1' }), 'version: expected a version number, got a string'],
    ['a numeric name', doc([], { name: 7 }), 'name: expected a string, got a number'],
    ['options not an array', doc([], { options: {} }), 'options: expected an array of options, got an object'],
    ['an unknown root field', doc([], { extra: 1 }), 'extra: unknown field'],
    ['an unknown option kind', doc([{ kind: 'bogus' }]), "options[0].kind: unknown option kind 'bogus'"],
    ['a missing kind', doc([{ size: '1G' }]), 'options[0].kind: expected an option kind, got a undefined'],
    ['a number where text belongs', doc([{ kind: 'memory', size: 4294967296 }]), 'options[0].size: expected a string, got a number'],
    ['an unknown field', doc([{ kind: 'memory', sise: '1G' }]), "options[0].sise: unknown field for an option of kind 'memory'"],
    ['a field of Object.prototype', doc([{ kind: 'memory', toString: 'x' }]), "options[0].toString: unknown field for an option of kind 'memory'"],
    ['a missing machine type', doc([{ kind: 'machine' }]), 'options[0].type: missing'],
    ['a bad backend type', doc([{ kind: 'object', qomType: 'memory-backend-epc', id: 'm' }]), 'options[0].qomType: must be one of'],
    ['a bad device driver', doc([{ kind: 'device', driver: 'virtio-mem' }]), 'options[0].driver: must be one of'],
    ['cpus not a list', doc([{ kind: 'numa-node', cpus: '0-3' }]), 'options[0].cpus: expected an array of strings, got a string'],
    ['a number in cpus', doc([{ kind: 'numa-node', cpus: ['0', 1] }]), 'options[0].cpus[1]: expected a string, got a number'],
    ['extra not pairs', doc([{ kind: 'cpu', model: 'max', extra: [['a']] }]), 'options[0].extra[0]: expected a [name, value] pair'],
    ['an extra value of the wrong type', doc([{ kind: 'cpu', model: 'max', extra: [['a', true]] }]), 'options[0].extra[0][1]: expected a string, got a boolean'],
    ['raw args empty', doc([{ kind: 'raw', args: [] }]), 'options[0].args: must hold the option'],
    ['a raw unknown option', doc([{ kind: 'raw', args: ['-bogus', 'x'] }]), "options[0].args[0]: '-bogus' is not a QEMU option"],
    ['a raw option missing its argument', doc([{ kind: 'raw', args: ['-drive'] }]), 'options[0].args: -drive takes one argument, but 0 are given'],
    ['a raw field', doc([{ kind: 'raw', args: ['-S'], flag: '-S' }]), "options[0].flag: unknown field for an option of kind 'raw'"],
    ['a NUL character', doc([{ kind: 'memory', size: '1G\u0000' }]), 'options[0].size: contains a NUL character'],
    ['a lone surrogate', '{"format":"memory-map-designer","version":1,"name":"\\ud800","options":[]}', 'name: not valid Unicode'],
    ['__proto__ at the root', '{"format":"memory-map-designer","version":1,"name":"x","options":[],"__proto__":{"polluted":1}}', "__proto__: the key '__proto__' is not allowed"],
    ['__proto__ in an option', doc([JSON.parse('{"kind":"memory","__proto__":{"size":"1G"}}')]), "options[0].__proto__: the key '__proto__' is not allowed"],
    ['constructor in an option', doc([{ kind: 'memory', constructor: { prototype: { x: 1 } } }]), "options[0].constructor: the key 'constructor' is not allowed"],
    ['prototype deep inside', doc([{ kind: 'cpu', model: 'max', extra: [{ prototype: 1 }] }]), "options[0].extra[0].prototype: the key 'prototype' is not allowed"],
    // levels: the document 1, options 2, the option 3, extra 4, then extra[0] 5 … extra[0][0][1][0][0] 9
    ['deep nesting', doc([{ kind: 'cpu', model: 'max', extra: [[['a', [[[[['b']]]]]], null]] }]), 'options[0].extra[0][0][1][0][0]: nested too deeply (more than 8 levels)'],
    ['a long string', doc([{ kind: 'memory', size: 'x'.repeat(MAX_STRING_LENGTH + 1) }]), `options[0].size: string too long (${MAX_STRING_LENGTH + 1} characters`],
    ['too many options', doc(Array.from({ length: MAX_OPTIONS + 1 }, () => ({ kind: 'raw', args: ['-S'] }))), `options: too many options (${MAX_OPTIONS + 1}`],
    ['too much text', ' '.repeat(MAX_DOCUMENT_CHARS + 1), 'the document is too large'],
  ];
  it.each(cases)('%s', (_what, text, message) => {
    const m = refused(text);
    expect(m).toContain(message);
  });

  it('never pollutes Object.prototype', () => {
    refused('{"__proto__":{"polluted":"yes"},"format":"memory-map-designer","version":1,"name":"x","options":[]}');
    refused(doc([JSON.parse('{"kind":"memory","__proto__":{"polluted":"yes"}}')]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives the path separately for the UI', () => {
    const r = loadDocument(doc([{ kind: 'memory' }, { kind: 'object', qomType: 'memory-backend-ram', id: 5 }]));
    expect(r).toEqual({ ok: false, message: 'options[1].id: expected a string, got a number', path: 'options[1].id' });
  });
});
