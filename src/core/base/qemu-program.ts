/**
 * The program QEMU's messages start with (`qemu-system-x86_64: …`), and that the exports run. A module of its own:
 * the page's first script shows it, and must not carry the message catalogue with it.
 */
export const QEMU_PROGRAM = 'qemu-system-x86_64';
