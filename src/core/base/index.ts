/** src/core/base: the folder's public surface. */
export * from './diagnostics.ts';
export * from './qemu-messages.ts';
export * from './qemu-program.ts';
export * from './qemu-numbers.ts';
export * from './glib-hash.ts';
