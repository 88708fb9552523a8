/**
 * The text layer of the libvirt export: what XML 1.0 can carry, escaping for attributes and element text, and
 * sizes as libvirt's scaled integers. A value XML cannot carry throws NotRepresentable, which the export turns
 * into its message.
 */
import { findLoneSurrogate } from '../document/index.ts';

/** Characters XML 1.0 cannot carry at all, not even as character references. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Thrown for a value the domain XML cannot carry; `message` says which and why. */
export class NotRepresentable {
  constructor(readonly message: string) {}
}

/** `s` unchanged, or NotRepresentable naming `what` when XML cannot carry it. */
export function checkXmlText(s: string, what: string): string {
  const bad = XML_FORBIDDEN.exec(s);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw new NotRepresentable(`${what} contains the character U+${code.toUpperCase()}, which XML cannot carry`);
  }
  if (findLoneSurrogate(s) >= 0) throw new NotRepresentable(`${what} is not valid Unicode`);
  return s;
}

/**
 * DEL and the C1 controls (U+007F–U+009F): XML 1.0 allows them as characters but discourages them, XML 1.1 wants
 * them as references, and U+0085 is a line end to XML 1.1 readers. They are written as character references, which
 * every XML reader turns back into the same character.
 */
const C1_CONTROLS = /[\u007f-\u009f]/g;
const charRef = (c: string): string => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;

/** Escape for an attribute value in single quotes; tab, newline, CR and the C1 controls as references so parsers keep them. */
export function xmlAttr(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll("'", '&apos;')
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replace(C1_CONTROLS, charRef);
}

/** Escape for element text (CR and the C1 controls as references). */
export function xmlText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\r', '&#13;').replace(C1_CONTROLS, charRef);
}

/** A size as libvirt scaled-integer attributes: KiB when exact, bytes otherwise. */
export function scaledSize(bytes: bigint): { value: string; unit: string } {
  return bytes % 1024n === 0n ? { value: (bytes / 1024n).toString(), unit: 'KiB' } : { value: bytes.toString(), unit: 'b' };
}

/** `<tag unit='KiB'>n</tag>` (or bytes), with optional attributes before the unit. */
export function sizeElement(tag: string, bytes: bigint, attrs = ''): string {
  const s = scaledSize(bytes);
  return `<${tag}${attrs} unit='${s.unit}'>${s.value}</${tag}>`;
}
