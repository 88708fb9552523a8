/**
 * Messages to a terminal: a design, a file name or an argument can hold an ESC (which starts a terminal
 * sequence), a CR, or a bidirectional override (which makes text display as something it is not); a message
 * quoting one writes it as an escape instead.
 */

/** C0 and C1 controls (but newline), DEL, and the invisible bidirectional and line-separator characters. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every character a terminal could act on written as an escape (`\x1b`, `\u202e`); newlines kept. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/**
 * One message on one line: its newlines escaped too (a value holding one cannot start a line of its own). QEMU's
 * own messages keep their lines (terminalSafe): QEMU prints its hints on lines of their own.
 */
export function oneLine(text: string): string {
  return terminalSafe(text).replace(/\n/g, '\\n');
}

/** The lines QEMU prints below an error message (its hints), each as it starts (src/core/base/qemu-messages.ts). */
const QEMU_HINT_LINE = /\n(?=(?:Identifiers consist of |Optional suffix k, M, G|and exabytes, respectively\.|Try x2apic=on in -cpu\.|Use -machine help |Use -numa node,memdev ))/g;

/**
 * A QEMU message for the terminal: escaped like `oneLine`, but the line breaks before QEMU's own hint lines kept, so
 * the message reads as QEMU prints it while a newline quoted from a value cannot start a line.
 */
export function qemuMessage(text: string): string {
  return text.split(QEMU_HINT_LINE).map(oneLine).join('\n');
}
