/** src/core/tables: the folder's public surface. */
export * from './acpi-header.ts';
export * from './byte-writer.ts';
export * from './e820.ts';
export * from './fields.ts';
export * from './hmat.ts';
export * from './slit.ts';
export * from './srat-text.ts';
export * from './srat.ts';
