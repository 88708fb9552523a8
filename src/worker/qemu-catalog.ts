/**
 * The release catalogs (src/core/machine/qemu-catalog.ts) in the worker. The lists are large: neither the page
 * nor the worker's first chunk carries them; each is a file of its own (a JSON asset), read the first time a
 * computation needs it. In the worker it is read synchronously then (once, a few milliseconds), so even the first
 * answer is QEMU's verdict; where that cannot be done (the main-thread fallback, a test without a server) it is
 * fetched, and until it is there the core computes without it and its result says so (`catalogPending`, and a
 * designer note): nothing QEMU may refuse is shown as accepted. Once `loadQemuCatalog` resolves, computing again
 * gives QEMU's verdict.
 */
import { prepareCatalog, qemuRelease, type ComputeOptions, type QemuCatalog, type QemuCatalogData, type QemuVersion } from '../core/machine/index.ts';
import catalog72Url from '../core/syntax/qemu-help/catalog-7.2.json?url';
import catalog111Url from '../core/syntax/qemu-help/catalog-11.1.json?url';

type Lists = QemuCatalogData['helpLists'];

const URLS: Record<Lists, string> = { '7.2': catalog72Url, '11.1': catalog111Url };

const ready = new Map<Lists, QemuCatalog>();
const loading = new Map<Lists, Promise<QemuCatalog | null>>();

/** Reads a catalog file's text (the default: fetch its URL). */
export type CatalogReader = (lists: Lists, url: string) => Promise<string>;

const fetchText: CatalogReader = async (_lists, url) => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.text();
};

function keep(lists: Lists, text: string): QemuCatalog {
  const c = prepareCatalog(JSON.parse(text) as QemuCatalogData);
  ready.set(lists, c);
  return c;
}

/** The catalog of a release, read once; null when it cannot be read (the checks stay pending; a later call tries again). */
export function loadQemuCatalog(version: QemuVersion = '11.1', read: CatalogReader = fetchText): Promise<QemuCatalog | null> {
  const lists = qemuRelease(version).helpLists;
  const have = ready.get(lists);
  if (have) return Promise.resolve(have);
  // one request at a time for the default reader; another reader reads for itself
  let p = read === fetchText ? loading.get(lists) : undefined;
  if (!p) {
    p = read(lists, URLS[lists])
      .then((text) => keep(lists, text))
      .catch(() => {
        if (read === fetchText) loading.delete(lists);
        return null;
      });
    if (read === fetchText) loading.set(lists, p);
  }
  return p;
}

/** In a worker: the catalog read at once (a synchronous request, which a worker may make); null elsewhere or on failure. */
function readNow(lists: Lists): QemuCatalog | null {
  const g = globalThis as { WorkerGlobalScope?: unknown; XMLHttpRequest?: typeof XMLHttpRequest };
  if (g.WorkerGlobalScope === undefined || g.XMLHttpRequest === undefined) return null;
  try {
    const x = new g.XMLHttpRequest();
    x.open('GET', URLS[lists], false);
    x.send();
    return x.status === 200 ? keep(lists, x.responseText) : null;
  } catch {
    return null;
  }
}

/** The options with the release's catalog, read now if it can be; otherwise as given, and the catalog on its way. */
export function withQemuCatalog(opts: ComputeOptions | undefined): ComputeOptions {
  const o = opts ?? {};
  if (o.catalog) return o;
  const lists = qemuRelease(o.qemuVersion ?? '11.1').helpLists;
  const c = ready.get(lists) ?? readNow(lists);
  if (c) return { ...o, catalog: c };
  void loadQemuCatalog(o.qemuVersion);
  return o;
}

/** Where each api method that computes takes its ComputeOptions (argument index). */
const OPTS_ARG: Record<string, number> = {
  derive: 1,
  check: 1,
  checkMove: 1,
  exportDesign: 2,
  inspectWindow: 1,
  guestView: 2,
};

/**
 * The api with the catalog passed to every computation (`withQemuCatalog`). A method answering once a catalog
 * is loaded (for the client to derive again) is `loadQemuCatalog`, for the api table to offer when it wants it.
 */
export function withQemuCatalogs<T extends object>(api: T): T {
  const methods = api as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...methods };
  for (const [name, at] of Object.entries(OPTS_ARG)) {
    const f = methods[name];
    if (typeof f !== 'function') continue;
    out[name] = (...args: unknown[]) => {
      const a = [...args];
      while (a.length <= at) a.push(undefined);
      a[at] = withQemuCatalog(a[at] as ComputeOptions | undefined);
      return (f as (...x: unknown[]) => unknown)(...a);
    };
  }
  return out as T;
}
