/**
 * What the import dialog knows of an import before and after reading it: the kinds of text it takes, what the
 * text looks like, the answer's shape and where a 1-based line and column point. The reading itself
 * (import-any.ts) runs in the core worker.
 */
import type { ConfigDocument } from '../../core/document/index.ts';

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
  // a link or a bare fragment: one word holding #z= or #d= (or starting with z= or d=)
  if (!/\s/.test(t) && (/#(?:[^#]*&)?[dz]=/.test(t) || /^[dz]=/.test(t))) return 'share-link';
  return 'command-line';
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
