/** A saved design document for the CLI (`--from-json FILE`): the document, or the reason it is refused. */
import type { ConfigDocument } from '../core/document/index.ts';
import { loadDocument } from '../core/io/index.ts';

export function loadJsonForCli(text: string): ConfigDocument | string {
  const r = loadDocument(text);
  return r.ok ? r.doc : `not a usable design document: ${r.message}`;
}
