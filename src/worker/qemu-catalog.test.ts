/** The worker's release catalogs: loaded on first need, then passed to every computation of the api. */
import { describe, expect, it } from 'vitest';
import { computeMachine, type ComputeOptions } from '../core/machine/index.ts';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { readFile } from 'node:fs/promises';
import { loadQemuCatalog, withQemuCatalog, withQemuCatalogs, type CatalogReader } from './qemu-catalog.ts';

/** The files as the test reads them (no server here): from disk. */
const fromDisk: CatalogReader = (lists) => readFile(new URL(`../core/syntax/qemu-help/catalog-${lists}.json`, import.meta.url), 'utf8');

const doc = () => {
  const p = parseQemuArgs(['-M', 'q35', '-m', '1G', '-device', 'spmem'], 't');
  if (!p.ok) throw new Error('parse');
  return p.doc;
};

describe('worker catalogs', () => {
  it('computes as pending until the catalog is there, then with it (QEMU 7.2.22 refuses spmem)', async () => {
    const api = withQemuCatalogs({ check: (d: ReturnType<typeof doc>, opts: ComputeOptions = {}) => computeMachine(d, opts) });
    const first = api.check(doc(), { qemuVersion: '7.2' });
    // a first call may come before the chunk: then it says so instead of accepting
    if (first.error === null) expect(first.catalogPending).toBe(true);
    expect(await loadQemuCatalog('7.2', fromDisk)).not.toBeNull();
    const r = api.check(doc(), { qemuVersion: '7.2' });
    expect(r.catalogPending).toBeUndefined();
    expect(r.error?.message).toBe("'spmem' is not a valid device model name");
  });
  it('gives each release its own lists, and keeps a catalog the caller passed', async () => {
    const c11 = await loadQemuCatalog('11.1', fromDisk);
    expect(withQemuCatalog({ qemuVersion: '10.2' }).catalog).toBe(c11);
    expect(withQemuCatalog(undefined).catalog).toBe(c11);
    const c72 = await loadQemuCatalog('7.2', fromDisk);
    expect(withQemuCatalog({ qemuVersion: '7.2', catalog: c72 }).catalog).toBe(c72);
    expect(c72?.helpLists).toBe('7.2');
  });
});

describe('where the lists are loaded from', () => {
  it('only this module reads them in the app, and only as files of their own (URLs, not modules)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const src = new URL('..', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) {
          if (n !== 'cli' && n !== 'testdata' && n !== 'node_modules') walk(p);
        } else if (/\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n)) files.push(p);
      }
    };
    walk(src);
    const readers = files.filter((f) => /qemu-help\/(catalog|qemu)-[\d.]+\.json/.test(readFileSync(f, 'utf8'))).map((f) => relative(src, f));
    expect(readers).toEqual(['worker/qemu-catalog.ts']);
    const text = readFileSync(join(src, 'worker/qemu-catalog.ts'), 'utf8');
    // every import of a list is of its URL
    const imports = text.match(/^import[^\n]*qemu-help[^\n]*$/gm) ?? [];
    expect(imports).toHaveLength(2);
    for (const line of imports) expect(line).toMatch(/\.json\?url';$/);
  });
});
