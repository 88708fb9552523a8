/** src/core/designer: the folder's public surface. */
export * from './advice.ts';
export * from './design.ts';
export * from './presets.ts';
export * from './window-inspector.ts';
export * from './host-access.ts';
