/**
 * Share links: the whole document in the URL fragment, `#d=` followed by the base64url (RFC 4648 §5, no
 * padding) of the document's compact JSON in UTF-8. The fragment never reaches a server. No compression, so the
 * core stays dependency-free; a link is about 4/3 of the JSON's size. Decoding applies the same validation as
 * loading a saved file.
 */
import type { ConfigDocument } from '../document/index.ts';
import { MAX_DOCUMENT_CHARS, loadDocument, serializeDocumentCompact, type LoadResult } from './document-io.ts';
import { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from '../document/index.ts';

export const SHARE_PARAM = 'd';
/** Longest `d=` value read: the base64url of the largest document (3 bytes per character at most). */
export const MAX_SHARE_VALUE_CHARS = Math.ceil((MAX_DOCUMENT_CHARS * 3 * 4) / 3);

/** `#d=…` for the document. */
export function encodeShareFragment(doc: ConfigDocument): string {
  return `#${SHARE_PARAM}=` + base64UrlEncode(utf8Encode(serializeDocumentCompact(doc)));
}

/** A full link: `baseUrl` without its fragment, then `#d=…`. */
export function encodeShareLink(doc: ConfigDocument, baseUrl: string): string {
  const hash = baseUrl.indexOf('#');
  return (hash >= 0 ? baseUrl.slice(0, hash) : baseUrl) + encodeShareFragment(doc);
}

/**
 * A link, a fragment (`#d=…`, `d=…`) or a bare `d` value → the document, or why not. Other `&`-separated
 * fragment parameters are ignored. Never throws.
 */
export function decodeShareLink(input: string): LoadResult {
  try {
    if (typeof input !== 'string') return { ok: false, message: 'expected a link' };
    const text = input.trim();
    const hash = text.indexOf('#');
    const fragment = hash >= 0 ? text.slice(hash + 1) : text;
    let value: string | null = null;
    if (hash < 0 && !fragment.includes('=') && !fragment.includes('&')) {
      value = fragment; // a bare value
    } else {
      for (const part of fragment.split('&')) {
        if (part.startsWith(`${SHARE_PARAM}=`)) value = part.slice(SHARE_PARAM.length + 1);
      }
    }
    if (value === null || value === '') return { ok: false, message: `the link holds no design (no #${SHARE_PARAM}=…)` };
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
    const json = utf8Decode(b.bytes);
    if (json === null) return { ok: false, message: 'the link is damaged: the design data is not UTF-8 text' };
    return loadDocument(json);
  } catch (e) {
    return { ok: false, message: `cannot read the link: ${String(e)}` };
  }
}
