/** src/core/guest: the folder's public surface. */
export * from './guest-firmware.ts';
export * from './guest-iomem-tree.ts';
export * from './guest-numa.ts';
export * from './guest-sources.ts';
export * from './guest-sp-mem.ts';
export * from './guest-srat.ts';
export * from './guest-view.ts';
