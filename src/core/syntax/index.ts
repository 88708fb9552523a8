/** src/core/syntax: the folder's public surface. */
export * from './cmdline-format.ts';
export * from './cmdline-options.ts';
export * from './cmdline-parse.ts';
export * from './json-options.ts';
export * from './qemu-opts.ts';
