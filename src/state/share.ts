/**
 * Share links as the designer writes and reads them: `#z=` (the document's compact JSON, compressed with the
 * web's `CompressionStream('deflate-raw')`, base64url), and the older uncompressed `#d=` still read. The core
 * (src/core/io/share-link.ts) codes the bytes; compression lives here, where the web API exists (browsers, and
 * Node 20 for the tests).
 *
 * A link is only handed out when it works: it must fit the longest URL browsers open (MAX_SHARE_LINK_CHARS), and
 * it is decoded again and compared with the design before it is offered. Inflating a link's data stops at the
 * largest payload a design can have, so a small hostile link cannot expand into gigabytes.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import {
  MAX_SHARE_LINK_CHARS,
  MAX_SHARE_PAYLOAD_BYTES,
  SHARE_PARAM,
  SHARE_PARAM_DEFLATE,
  decodeSharePayload,
  documentLimitProblem,
  encodeShareFragment,
  encodeShareFragmentBytes,
  readShareFragment,
  serializeDocumentCompact,
  sharePayload,
  withFragment,
  type LoadResult,
} from '../core/io/index.ts';

/** Whether this runtime can write compressed links. */
export function canCompress(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  const writer = transform.writable.getWriter();
  // errors surface on the reading side
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Raw DEFLATE of `bytes`. */
export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const out = await pipe(bytes, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return out!;
}

/** `bytes` inflated, or null when they are not raw DEFLATE data or would inflate to more than `limit` bytes. */
export async function inflateRaw(bytes: Uint8Array, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; tooLarge: boolean }> {
  try {
    const out = await pipe(bytes, new DecompressionStream('deflate-raw'), limit);
    return out ? { ok: true, bytes: out } : { ok: false, tooLarge: true };
  } catch {
    return { ok: false, tooLarge: false };
  }
}

/** `#z=…` for the document (`#d=…` where the runtime cannot compress). */
export async function encodeShareFragmentAsync(doc: ConfigDocument): Promise<string> {
  const payload = sharePayload(doc);
  if (!canCompress()) return encodeShareFragmentBytes(payload, SHARE_PARAM);
  return encodeShareFragmentBytes(await deflateRaw(payload), SHARE_PARAM_DEFLATE);
}

/** Any share link (`#z=`, `#d=`, with or without the address in front) → the document, or why not. Never throws. */
export async function decodeShareLinkAsync(input: string): Promise<LoadResult> {
  const f = readShareFragment(input);
  if (!f.ok) return f;
  if (f.version === SHARE_PARAM) return decodeSharePayload(f.bytes);
  if (!canCompress()) return { ok: false, message: 'this browser cannot read compressed links (#z=); open the link in a current browser' };
  const r = await inflateRaw(f.bytes, MAX_SHARE_PAYLOAD_BYTES);
  if (!r.ok) {
    return {
      ok: false,
      message: r.tooLarge ? `the link holds more data than a design can (over ${MAX_SHARE_PAYLOAD_BYTES} bytes)` : 'the link is damaged: the design data is not compressed data that can be read',
    };
  }
  return decodeSharePayload(r.bytes);
}

export type ShareLinkResult = { ok: true; link: string } | { ok: false; message: string };

/**
 * A link for `doc` at `baseUrl` (its fragment replaced), checked to open this very design; or, up front, why the
 * design cannot be shared as a link.
 */
export async function makeShareLink(doc: ConfigDocument, baseUrl: string): Promise<ShareLinkResult> {
  const big = documentLimitProblem(doc);
  if (big) return { ok: false, message: `No share link: ${big}.` };
  const link = withFragment(baseUrl, await encodeShareFragmentAsync(doc));
  if (link.length > MAX_SHARE_LINK_CHARS) {
    return {
      ok: false,
      message: `No share link: it would be ${link.length} characters long, and browsers open links of at most ${MAX_SHARE_LINK_CHARS}. Download the design as JSON to share it.`,
    };
  }
  const back = await decodeShareLinkAsync(link);
  if (!back.ok || serializeDocumentCompact(back.doc) !== serializeDocumentCompact(doc)) {
    return { ok: false, message: `No share link: the link made for this design does not open it again (${back.ok ? 'it opens another design' : back.message}).` };
  }
  const at = link.indexOf('#');
  rememberFragment(link.slice(at), doc);
  return { ok: true, link };
}

/** The fragment a design was last opened from or shared as (a compressed link is not made again to compare). */
let remembered: { hash: string; doc: ConfigDocument } | null = null;

/** Note that `hash` is the share fragment of `doc` (a link just opened, or just made for it). */
export function rememberFragment(hash: string, doc: ConfigDocument): void {
  remembered = { hash, doc };
}

/** Whether `hash` is the share fragment of `doc` (the one it was opened from or shared as, or its `#d=`). */
export function fragmentMatches(hash: string, doc: ConfigDocument): boolean {
  if (remembered && remembered.hash === hash && remembered.doc === doc) return true;
  return hash === encodeShareFragment(doc);
}
