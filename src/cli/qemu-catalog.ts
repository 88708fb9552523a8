/**
 * The release catalogs (src/core/machine/qemu-catalog.ts) as the CLI and the tests have them: read from the
 * files `npm run capture-qemu-help` writes (src/core/syntax/qemu-help/catalog-<release>.json), once each.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCatalog, qemuRelease, type QemuCatalog, type QemuCatalogData, type QemuVersion } from '../core/machine/index.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../core/syntax/qemu-help');
const loaded = new Map<string, QemuCatalog>();

/** The catalog of the release whose help lists `version` follows. */
export function qemuCatalog(version: QemuVersion = '11.1'): QemuCatalog {
  const lists = qemuRelease(version).helpLists;
  let c = loaded.get(lists);
  if (!c) {
    const data = JSON.parse(readFileSync(path.join(DIR, `catalog-${lists}.json`), 'utf8')) as QemuCatalogData;
    loaded.set(lists, (c = prepareCatalog(data)));
  }
  return c;
}
