/**
 * Whatever a user pastes or drops into the import dialog → a document, or why not. Recognises a saved design
 * (versioned JSON object), a share link (`…#z=…` or `…#d=…`), a JSON argv array and a QEMU command line (one line or several
 * joined by `\`). Pure and total: every input gives a result, nothing throws.
 */
import type { ConfigDocument } from '../../core/document/index.ts';
import { loadDocument, MAX_DOCUMENT_CHARS } from '../../core/io/index.ts';
import { importQemuText } from '../../core/io/index.ts';
import { decodeShareLink } from '../../core/io/index.ts';
import { detectImportKind, type AnyImportResult } from './import-kind.ts';
import { decodeShareLinkAsync } from '../../state/share.ts';

// the page imports import-kind.ts only; this reader runs in the core worker (worker/api.ts: importText), so QEMU's
// option parser and messages never load on the main thread
export { detectImportKind, IMPORT_KIND_LABEL, offsetOf, type AnyImportResult, type ImportKind } from './import-kind.ts';

/**
 * importAnyText, compressed share links (`#z=`) included: those are inflated with the web's DecompressionStream
 * (state/share.ts), which only an async reader can use.
 */
export async function importAnyTextAsync(text: string): Promise<AnyImportResult> {
  if (detectImportKind(text) === 'share-link' && text.length <= MAX_DOCUMENT_CHARS) {
    const r = await decodeShareLinkAsync(text);
    return r.ok ? { ok: true, kind: 'share-link', doc: r.doc, notes: r.notes } : { ok: false, kind: 'share-link', message: r.message };
  }
  return importAnyText(text);
}

/** Read pasted or dropped text as a design (a compressed `#z=` link needs importAnyTextAsync). */
export function importAnyText(text: string): AnyImportResult {
  const kind = detectImportKind(text);
  if (kind === null) {
    return { ok: false, kind: null, message: 'nothing to import: paste a QEMU command line, a saved design (.json) or a share link' };
  }
  if (text.length > MAX_DOCUMENT_CHARS) {
    return { ok: false, kind, message: `the text is too long (${text.length} characters; at most ${MAX_DOCUMENT_CHARS})` };
  }
  switch (kind) {
    case 'document': {
      const r = loadDocument(text);
      return r.ok ? { ok: true, kind, doc: r.doc, notes: r.notes } : { ok: false, kind, message: `not a design this version can open: ${r.message}` };
    }
    case 'share-link': {
      const r = decodeShareLink(text);
      return r.ok ? { ok: true, kind, doc: r.doc, notes: r.notes } : { ok: false, kind, message: r.message };
    }
    default: {
      const r = importQemuText(text);
      if (r.ok) {
        const guest = guestName(r.doc);
        if (guest === null) return { ok: true, kind, doc: r.doc, notes: r.notes };
        return { ok: true, kind, doc: { ...r.doc, name: guest }, notes: [...r.notes, `the design is named after -name: “${guest}”`] };
      }
      const out: AnyImportResult = { ok: false, kind, message: r.message };
      if (r.line !== undefined) out.line = r.line;
      if (r.column !== undefined) out.column = r.column;
      return out;
    }
  }
}

/** QEMU's option syntax: comma-separated, `,,` for a literal comma. */
function splitOptionList(value: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== ',') cur += value[i];
    else if (value[i + 1] === ',') {
      cur += ',';
      i++;
    } else {
      parts.push(cur);
      cur = '';
    }
  }
  parts.push(cur);
  return parts;
}

/** The guest name of the last `-name [guest=]NAME[,…]` of a document (kept as an unmodelled option), if any. */
export function guestName(doc: ConfigDocument): string | null {
  let name: string | null = null;
  for (const o of doc.options) {
    if (o.kind !== 'raw' || o.args[0] !== '-name' || o.args.length < 2) continue;
    const parts = splitOptionList(o.args[1]!);
    const first = parts[0]!;
    const given = !first.includes('=') ? first : (parts.find((p) => p.startsWith('guest='))?.slice(6) ?? null);
    if (given !== null && given.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(given)) name = given;
  }
  return name;
}
