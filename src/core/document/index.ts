/** src/core/document: the folder's public surface. */
export * from './document.ts';
export * from './text-codec.ts';
export * from './edits.ts';
