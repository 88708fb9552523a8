/** src/core/io: the folder's public surface. */
export * from './design-exports.ts';
export * from './document-io.ts';
export * from './export-formats.ts';
export * from './export-libvirt.ts';
export * from './export-qemu.ts';
export * from './import-text.ts';
export * from './share-link.ts';
export * from './libvirt-elements.ts';
export * from './libvirt-xml.ts';
