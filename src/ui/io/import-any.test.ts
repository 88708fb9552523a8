import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../../core/syntax/index.ts';
import { serializeDocument } from '../../core/io/index.ts';
import { encodeShareLink } from '../../core/io/index.ts';
import { detectImportKind, importAnyText, offsetOf } from './import-any.ts';

const sample = parseQemuArgs(['-machine', 'q35', '-m', '2G'], 'sample');
if (!sample.ok) throw new Error('bad sample');
const doc = sample.doc;

describe('what pasted text is read as', () => {
  it('tells the four kinds apart', () => {
    expect(detectImportKind('  ')).toBeNull();
    expect(detectImportKind('{"format":"memory-map-designer"}')).toBe('document');
    expect(detectImportKind('["qemu-system-x86_64","-m","1G"]')).toBe('argv');
    expect(detectImportKind('https://example.org/mmd/#d=eyJ9')).toBe('share-link');
    expect(detectImportKind('#d=abc')).toBe('share-link');
    expect(detectImportKind('d=abc')).toBe('share-link');
    expect(detectImportKind('qemu-system-x86_64 -m 1G')).toBe('command-line');
    // a command line that merely mentions #d= in a quoted word is still a command line
    expect(detectImportKind("qemu-system-x86_64 -name 'x#d=1'")).toBe('command-line');
  });
});

describe('importing any of them', () => {
  it('a command line over several lines, with its notes', () => {
    const r = importAnyText('qemu-system-x86_64 \\\n  -machine q35 \\\n  -m 2G \\\n  -nographic\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.kind).toBe('command-line');
    expect(r.doc.options.map((o) => o.kind)).toEqual(['machine', 'memory', 'raw']);
    expect(r.notes.join('\n')).toContain('-nographic');
  });

  it('a saved design and a share link give back the same document', () => {
    const saved = importAnyText(serializeDocument(doc));
    const link = importAnyText(encodeShareLink(doc, 'http://127.0.0.1:4173/'));
    expect(saved.ok && saved.kind).toBe('document');
    expect(link.ok && link.kind).toBe('share-link');
    expect(saved.ok && serializeDocument(saved.doc)).toBe(serializeDocument(doc));
    expect(link.ok && serializeDocument(link.doc)).toBe(serializeDocument(doc));
  });

  it('refuses with the option and its place', () => {
    const r = importAnyText('qemu-system-x86_64 \\\n  -machine q35 \\\n  -m $MEM');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('$MEM');
    expect(r.message).toContain('-m');
    expect([r.line, r.column]).toEqual([3, 6]);
  });

  it('refuses a damaged saved design naming the field', () => {
    const text = serializeDocument(doc).replace('"2G"', '2');
    const r = importAnyText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('options[1].size');
  });

  it('refuses a damaged link', () => {
    const r = importAnyText('http://h/#d=@@@');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/damaged/);
  });

  it('refuses blank text', () => {
    expect(importAnyText('\n  \n').ok).toBe(false);
  });
});

describe('the guest name', () => {
  it('names an imported design after -name', () => {
    const plain = importAnyText('qemu-system-x86_64 -m 1G -name lab1');
    expect(plain.ok && plain.doc.name).toBe('lab1');
    expect(plain.ok && plain.notes.join('\n')).toContain('“lab1”');
    const keyed = importAnyText('qemu-system-x86_64 -name process=q,guest=a,,b -m 1G');
    expect(keyed.ok && keyed.doc.name).toBe('a,b');
    // the option itself is kept as written
    expect(keyed.ok && keyed.doc.options.some((o) => o.kind === 'raw' && o.args[1] === 'process=q,guest=a,,b')).toBe(true);
    const none = importAnyText('qemu-system-x86_64 -m 1G -name process=q');
    expect(none.ok && none.doc.name).toBe('imported');
  });
});

describe('offsets of line and column', () => {
  it('counts from 1, and CRLF as two characters', () => {
    expect(offsetOf('ab\ncd', 2, 2)).toBe(4);
    expect(offsetOf('ab\r\ncd', 2, 2)).toBe(5);
    expect(offsetOf('ab', 5, 1)).toBe(2);
  });
});
