/**
 * The compact saved text of a document (`serializeDocumentCompact`, core/io), built from a text remembered per
 * option object. Documents are immutable and an edit makes new objects only where it changes, so the text of a
 * 10,000-option design after an edit costs a lookup per option, the new options' texts and one join, instead of
 * copying and stringifying every option again (what the autosave does after every edit).
 */
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type ConfigDocument, type DocOption } from '../core/document/index.ts';
import { serializeDocumentCompact } from '../core/io/index.ts';

const optionText = new WeakMap<DocOption, string>();
const OPTIONS_KEY = '"options":[';

/** One option as it appears in the saved text: the core's own serialisation of a document holding it alone. */
function textOf(o: DocOption): string {
  let t = optionText.get(o);
  if (t === undefined) {
    const whole = serializeDocumentCompact({ format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: '', options: [o] });
    const at = whole.indexOf(OPTIONS_KEY) + OPTIONS_KEY.length;
    // `…"options":[<option>]}` (no host: nothing follows the options)
    t = whole.slice(at, whole.length - 2);
    optionText.set(o, t);
  }
  return t;
}

/** `serializeDocumentCompact(doc)`, equal to it character for character. */
export function compactText(doc: ConfigDocument): string {
  // the document without options gives everything around them: `{…,"options":[]…}`
  const frame = serializeDocumentCompact({ ...doc, options: [] });
  // (the key occurs once unescaped: inside a JSON string a quote is always escaped)
  const at = frame.indexOf(OPTIONS_KEY) + OPTIONS_KEY.length;
  const parts = new Array<string>(doc.options.length);
  for (let i = 0; i < doc.options.length; i++) parts[i] = textOf(doc.options[i]!);
  return frame.slice(0, at) + parts.join(',') + frame.slice(at);
}
