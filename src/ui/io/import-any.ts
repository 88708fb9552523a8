/**
 * Whatever a user pastes or drops into the import dialog → a document, or why not. Recognises a saved design
 * (versioned JSON object), a share link (`…#d=…`), a JSON argv array and a QEMU command line (one line or several
 * joined by `\`). Pure and total: every input gives a result, nothing throws.
 */
import type { ConfigDocument } from '../../core/document/index.ts';
import { loadDocument, MAX_DOCUMENT_CHARS } from '../../core/io/index.ts';
import { importQemuText } from '../../core/io/index.ts';
import { decodeShareLink } from '../../core/io/index.ts';

export type ImportKind = 'command-line' | 'argv' | 'document' | 'share-link';

export const IMPORT_KIND_LABEL: Record<ImportKind, string> = {
  'command-line': 'QEMU command line',
  argv: 'JSON argv',
  document: 'saved design',
  'share-link': 'share link',
};

export type AnyImportResult =
  | { ok: true; kind: ImportKind; doc: ConfigDocument; notes: string[] }
  | {
      ok: false;
      /** what the text was read as (null: nothing to read) */
      kind: ImportKind | null;
      message: string;
      /** 1-based position in the text, when known */
      line?: number;
      column?: number;
    };

/** What the text looks like, before reading it; null for blank text. */
export function detectImportKind(text: string): ImportKind | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.startsWith('{')) return 'document';
  if (t.startsWith('[')) return 'argv';
  // a link or a bare fragment: one word holding #d= (or starting with d=)
  if (!/\s/.test(t) && (/#(?:[^#]*&)?d=/.test(t) || t.startsWith('d='))) return 'share-link';
  return 'command-line';
}

/** Read pasted or dropped text as a design. */
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

/** The character offset of a 1-based line and column in `text` (to put the caret where the problem is). */
export function offsetOf(text: string, line: number, column: number): number {
  const s = text.replace(/\r\n/g, '\n');
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = s.indexOf('\n', off);
    if (nl < 0) return s.length;
    off = nl + 1;
  }
  const offset = Math.min(off + column - 1, s.length);
  // back to the text as given (CRLF counted as two characters)
  if (s.length === text.length) return offset;
  let crlfs = 0;
  for (let k = 0, seen = 0; k < text.length && seen < offset; k++) {
    if (text[k] === '\r' && text[k + 1] === '\n') crlfs++;
    else seen++;
  }
  return offset + crlfs;
}
