/** Share links: the format (checked against Node's own base64url), round trips, and damaged links refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../document/index.ts';
import { serializeDocumentCompact } from './document-io.ts';
import { decodeShareLink, encodeShareFragment, encodeShareLink } from './share-link.ts';
import { PRESETS, presetDocument } from '../designer/index.ts';
import { arbDocument } from '../testing/doc-arbitraries.ts';

const SEED = 20260404;

describe('share links', () => {
  it('is #d= and the base64url of the compact JSON in UTF-8', () => {
    const doc: ConfigDocument = { format: 'memory-map-designer', version: 1, name: 'é', options: [{ kind: 'raw', args: ['-S'] }] };
    const json = '{"format":"memory-map-designer","version":1,"name":"é","options":[{"kind":"raw","args":["-S"]}]}';
    expect(serializeDocumentCompact(doc)).toBe(json);
    expect(encodeShareFragment(doc)).toBe('#d=' + Buffer.from(json, 'utf8').toString('base64url'));
  });

  it('replaces the fragment of the base URL', () => {
    const doc = presetDocument('nvdimm')!;
    const link = encodeShareLink(doc, 'https://example.org/designer/?x=1#old');
    expect(link.startsWith('https://example.org/designer/?x=1#d=')).toBe(true);
    expect(decodeShareLink(link)).toEqual({ ok: true, doc, notes: [] });
  });

  it.each(PRESETS.map((p) => p.id))('preset %s round-trips', (id) => {
    const doc = presetDocument(id)!;
    const r = decodeShareLink(encodeShareLink(doc, 'http://127.0.0.1:5173/'));
    expect(r.ok && r.doc).toEqual(doc);
  });

  it('generated documents round-trip (2 000), also as a bare fragment and with other parameters', () => {
    fc.assert(
      fc.property(arbDocument, (doc) => {
        const frag = encodeShareFragment(doc);
        for (const input of [frag, frag.slice(1), `https://h/#v=2&${frag.slice(1)}&z`, frag.slice(3)]) {
          const r = decodeShareLink(input);
          if (!r.ok) throw new Error(r.message);
          expect(r.doc).toEqual(doc);
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('accepts padding and percent-escapes that some tools add', () => {
    const doc = presetDocument('upstream-qtest')!;
    const b64 = Buffer.from(serializeDocumentCompact(doc), 'utf8').toString('base64url');
    const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
    expect(decodeShareLink('#d=' + padded.replaceAll('=', '%3D')).ok).toBe(true);
  });

  it.each([
    ['no design', 'https://h/#x=1', 'the link holds no design'],
    ['an empty value', '#d=', 'the link holds no design'],
    ['a character outside base64url', '#d=ab+c', "the link is damaged: character '+' is not base64url (at character 3"],
    ['an impossible length', '#d=abcde', 'the link is damaged: truncated data'],
    ['stray bits', '#d=AB', 'the link is damaged: the last character has stray bits set'],
    ['bad percent-escape', '#d=%E0%A4%A', 'the link is damaged: bad %-escape'],
    ['invalid UTF-8', '#d=' + Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url'), 'the link is damaged: the design data is not UTF-8 text'],
    ['not JSON', '#d=' + Buffer.from('{"a":').toString('base64url'), 'not valid JSON'],
    [
      'a hostile document',
      '#d=' + Buffer.from('{"format":"memory-map-designer","version":1,"name":"x","options":[{"kind":"memory","__proto__":{}}]}').toString('base64url'),
      "options[0].__proto__: the key '__proto__' is not allowed",
    ],
  ])('refuses %s', (_what, link, message) => {
    const r = decodeShareLink(link);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});
