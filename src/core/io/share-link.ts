/**
 * Share links: the whole document in the URL fragment. The fragment never reaches a server. Two versions, told
 * apart by the parameter name:
 *
 *   #z=…  the base64url (RFC 4648 §5, no padding) of the document's compact JSON in UTF-8, compressed with raw
 *         DEFLATE (RFC 1951; `CompressionStream('deflate-raw')`). What the designer writes.
 *   #d=…  the same without compression (the first version; still read, and written by `encodeShareFragment`).
 *
 * The core stays pure and dependency-free: it does no compression itself. It turns a document into the bytes to
 * put in a link (`sharePayload`) and a link back into its version and bytes (`readShareFragment`); the caller
 * (src/state/share.ts, where the web's CompressionStream exists) compresses and inflates them. Decoding applies
 * the same validation as loading a saved file, so a link opens exactly what a saved file would.
 */
import type { ConfigDocument } from '../document/index.ts';
import { MAX_DOCUMENT_CHARS, loadDocument, serializeDocumentCompact, type LoadResult } from './document-io.ts';
import { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from '../document/index.ts';

/** The parameter of the uncompressed version (`#d=`). */
export const SHARE_PARAM = 'd';
/** The parameter of the deflate-raw version (`#z=`). */
export const SHARE_PARAM_DEFLATE = 'z';

/** How the bytes of a link's value are coded: `d` as they are, `z` compressed with raw DEFLATE. */
export type ShareVersion = typeof SHARE_PARAM | typeof SHARE_PARAM_DEFLATE;

/** Most bytes of a document's compact JSON in UTF-8 (a UTF-16 unit takes at most 3 bytes). */
export const MAX_SHARE_PAYLOAD_BYTES = MAX_DOCUMENT_CHARS * 3;
/**
 * Longest link value read: the base64url of the largest payload, with room for DEFLATE's worst case on data
 * that does not compress (5 bytes per 16 KiB block stored as it is).
 */
export const MAX_SHARE_VALUE_CHARS = Math.ceil(((MAX_SHARE_PAYLOAD_BYTES + Math.ceil(MAX_SHARE_PAYLOAD_BYTES / 16_384) * 5 + 16) * 4) / 3);
/**
 * Longest link the designer hands out: Chromium refuses URLs over 2 MiB (and other browsers are similar), so a
 * longer link would not open. The designer says so up front instead.
 */
export const MAX_SHARE_LINK_CHARS = 2 * 1024 * 1024 - 1;

/** The bytes a link carries for `doc` before any compression: its compact JSON in UTF-8. */
export function sharePayload(doc: ConfigDocument): Uint8Array {
  return utf8Encode(serializeDocumentCompact(doc));
}

/** `#z=…` or `#d=…` for bytes already coded the way `version` says. */
export function encodeShareFragmentBytes(bytes: Uint8Array, version: ShareVersion): string {
  return `#${version}=` + base64UrlEncode(bytes);
}

/** `#d=…` for the document (the uncompressed version). */
export function encodeShareFragment(doc: ConfigDocument): string {
  return encodeShareFragmentBytes(sharePayload(doc), SHARE_PARAM);
}

/** `baseUrl` without its fragment, then `fragment`. */
export function withFragment(baseUrl: string, fragment: string): string {
  const hash = baseUrl.indexOf('#');
  return (hash >= 0 ? baseUrl.slice(0, hash) : baseUrl) + fragment;
}

/** A full link: `baseUrl` without its fragment, then `#d=…`. */
export function encodeShareLink(doc: ConfigDocument, baseUrl: string): string {
  return withFragment(baseUrl, encodeShareFragment(doc));
}

export type ShareFragment = { ok: true; version: ShareVersion; bytes: Uint8Array } | { ok: false; message: string };

/**
 * A link, a fragment (`#z=…`, `#d=…`, `z=…`, `d=…`) or a bare `d` value → its version and bytes (still
 * compressed for `z`), or why not. Other `&`-separated fragment parameters are ignored; the last design
 * parameter counts. Never throws.
 */
export function readShareFragment(input: string): ShareFragment {
  try {
    if (typeof input !== 'string') return { ok: false, message: 'expected a link' };
    const text = input.trim();
    const hash = text.indexOf('#');
    const fragment = hash >= 0 ? text.slice(hash + 1) : text;
    let value: string | null = null;
    let version: ShareVersion = SHARE_PARAM;
    if (hash < 0 && !fragment.includes('=') && !fragment.includes('&')) {
      value = fragment; // a bare value (of the uncompressed version)
    } else {
      for (const part of fragment.split('&')) {
        for (const v of [SHARE_PARAM, SHARE_PARAM_DEFLATE] as const) {
          if (part.startsWith(`${v}=`)) {
            value = part.slice(v.length + 1);
            version = v;
          }
        }
      }
    }
    if (value === null || value === '') return { ok: false, message: `the link holds no design (no #${SHARE_PARAM_DEFLATE}=… or #${SHARE_PARAM}=…)` };
    if (value.length > MAX_SHARE_VALUE_CHARS) {
      return { ok: false, message: `the link is too long (${value.length} characters; at most ${MAX_SHARE_VALUE_CHARS})` };
    }
    if (value.includes('%')) {
      try {
        value = decodeURIComponent(value);
      } catch {
        return { ok: false, message: 'the link is damaged: bad %-escape' };
      }
    }
    const b = base64UrlDecode(value);
    if (!b.ok) return { ok: false, message: `the link is damaged: ${b.message} (at character ${b.index + 1} of the design data)` };
    return { ok: true, version, bytes: b.bytes };
  } catch (e) {
    return { ok: false, message: `cannot read the link: ${String(e)}` };
  }
}

/** The uncompressed bytes of a link (UTF-8 JSON) → the document, or why not. Never throws. */
export function decodeSharePayload(bytes: Uint8Array): LoadResult {
  if (bytes.length > MAX_SHARE_PAYLOAD_BYTES) {
    return { ok: false, message: `the link holds too much data (more than ${MAX_SHARE_PAYLOAD_BYTES} bytes)` };
  }
  const json = utf8Decode(bytes);
  if (json === null) return { ok: false, message: 'the link is damaged: the design data is not UTF-8 text' };
  return loadDocument(json);
}

/**
 * An uncompressed link (`#d=`) → the document, or why not; a compressed one (`#z=`) needs its bytes inflated
 * first (src/state/share.ts `decodeShareLinkAsync`), and is refused here saying so. Never throws.
 */
export function decodeShareLink(input: string): LoadResult {
  const f = readShareFragment(input);
  if (!f.ok) return f;
  if (f.version !== SHARE_PARAM) return { ok: false, message: `a compressed link (#${f.version}=) is read with decodeShareLinkAsync` };
  return decodeSharePayload(f.bytes);
}
