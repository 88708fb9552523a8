/**
 * Share links as the designer makes and opens them: compressed (`#z=`, deflate-raw through Node's own
 * CompressionStream), the older `#d=` still opened, damaged or hostile links refused (a small link that would
 * inflate past the largest design included), and a link only handed out when it opens the design again.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../core/document/index.ts';
import {
  MAX_SHARE_LINK_CHARS,
  MAX_SHARE_PAYLOAD_BYTES,
  decodeShareLink,
  encodeShareFragment,
  readShareFragment,
  serializeDocumentCompact,
} from '../core/io/index.ts';
import { PRESETS, presetDocument } from '../core/designer/index.ts';
import { decodeShareLinkAsync, encodeShareFragmentAsync, makeShareLink } from './share.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('compressed share links (#z=)', () => {
  it('are #z= and the base64url of the raw DEFLATE of the compact JSON', async () => {
    const doc = presetDocument('accelerator')!;
    const frag = await encodeShareFragmentAsync(doc);
    expect(frag.startsWith('#z=')).toBe(true);
    const f = readShareFragment(frag);
    expect(f.ok && f.version).toBe('z');
    // zlib inflates what CompressionStream wrote
    const { inflateRawSync } = await import('node:zlib');
    if (f.ok) expect(inflateRawSync(f.bytes).toString('utf8')).toBe(serializeDocumentCompact(doc));
    // and much shorter than the uncompressed version
    expect(frag.length * 3).toBeLessThan(encodeShareFragment(doc).length);
  });

  it.each(PRESETS.map((p) => p.id))('preset %s: link → open gives the design', async (id) => {
    const doc = presetDocument(id)!;
    const made = await makeShareLink(doc, 'http://127.0.0.1:4173/?x=1#old');
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.link.startsWith('http://127.0.0.1:4173/?x=1#z=')).toBe(true);
    expect(await decodeShareLinkAsync(made.link)).toEqual({ ok: true, doc, notes: [] });
  });

  it('old #d= links still open, and a compressed link made by zlib too', async () => {
    const doc = presetDocument('nvdimm')!;
    expect(await decodeShareLinkAsync(encodeShareFragment(doc))).toEqual({ ok: true, doc, notes: [] });
    const z = '#z=' + b64(deflateRawSync(Buffer.from(serializeDocumentCompact(doc))));
    expect(await decodeShareLinkAsync(`https://h/#v=2&${z.slice(1)}`)).toEqual({ ok: true, doc, notes: [] });
    // the core alone says that a compressed link needs the async reader
    const sync = decodeShareLink(z);
    expect(sync.ok).toBe(false);
  });

  it.each([
    ['not DEFLATE data', '#z=' + b64(new Uint8Array([0xff, 0xff, 0xff, 0xff])), 'the link is damaged: the design data is not compressed data that can be read'],
    ['DEFLATE of something else', '#z=' + b64(deflateRawSync(Buffer.from('{"a":'))), 'not valid JSON'],
    ['DEFLATE of a hostile document', '#z=' + b64(deflateRawSync(Buffer.from('{"format":"memory-map-designer","version":1,"name":"x","options":[{"kind":"memory","__proto__":{}}]}'))), "the key '__proto__' is not allowed"],
    ['a truncated stream', '#z=' + b64(deflateRawSync(Buffer.from(JSON.stringify({ format: 'memory-map-designer', version: 1, name: 'x'.repeat(500), options: [] }))).subarray(0, 20)), 'the link is damaged'],
    ['a character outside base64url', '#z=ab+c', "the link is damaged: character '+' is not base64url"],
  ])('refuses %s', async (_what, link, message) => {
    const r = await decodeShareLinkAsync(link);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('refuses a small link that would inflate past the largest design (a zip bomb), without inflating it all', async () => {
    const bomb = deflateRawSync(Buffer.alloc(MAX_SHARE_PAYLOAD_BYTES * 4, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const r = await decodeShareLinkAsync('#z=' + b64(bomb));
    expect(r).toEqual({ ok: false, message: `the link holds more data than a design can (over ${MAX_SHARE_PAYLOAD_BYTES} bytes)` });
  });

  it('refuses up front a link too long for a browser to open, saying so', async () => {
    // a design whose compressed link is over 2 MiB: long strings of random text (which DEFLATE cannot shrink)
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) >>> 8;
    const word = () => Array.from({ length: 4000 }, () => String.fromCharCode(0x4e00 + (rnd() % 0x5000))).join('');
    const doc: ConfigDocument = { format: 'memory-map-designer', version: 1, name: 'noise', options: Array.from({ length: 300 }, () => ({ kind: 'raw', args: ['-name', word()] })) };
    const made = await makeShareLink(doc, 'http://127.0.0.1:4173/');
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.message).toMatch(new RegExp(`^No share link: it would be \\d+ characters long, and browsers open links of at most ${MAX_SHARE_LINK_CHARS}\\. Download the design as JSON to share it\\.$`));
  });
});
