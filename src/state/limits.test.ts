/**
 * Whatever the designer accepts, it can save, reopen and share — tested at its limits: QEMU's 128 NUMA nodes,
 * all 256 DIMM slots and sp-mem devices up to MAX_OPTIONS options (about 2 MiB saved): import → save → reopen,
 * link → open, autosave → reload; one option more is refused up front, saying so.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../core/document/index.ts';
import {
  MAX_DOCUMENT_CHARS,
  MAX_OPTIONS,
  MAX_SHARE_LINK_CHARS,
  importQemuText,
  loadDocument,
  serializeDocument,
  serializeDocumentCompact,
} from '../core/io/index.ts';
import { computeMachine } from '../core/machine/index.ts';
import { bigDesignArgs } from './big-design.ts';
import type { KeyValueStorage } from './kept.ts';
import { resolveStartup, startAutosave } from './persist.ts';
import { createSession } from './session.ts';
import { decodeShareLinkAsync, makeShareLink } from './share.ts';
import { createDesignerStore } from './store.ts';

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const text = (args: string[]) => 'qemu-system-x86_64 ' + args.join(' ');
const same = (a: ConfigDocument, b: ConfigDocument) => expect(serializeDocumentCompact(a)).toBe(serializeDocumentCompact(b));

describe('the largest design round-trips', () => {
  const args = bigDesignArgs();
  const imported = importQemuText(text(args), { name: 'largest' });
  if (!imported.ok) throw new Error(imported.message);
  const doc = imported.doc;

  it('is what QEMU accepts: 128 nodes, 256 DIMMs, sp-mem up to the option limit', () => {
    expect(doc.options).toHaveLength(MAX_OPTIONS - 1);
    const r = computeMachine(doc, {});
    expect(r.error).toBeNull();
    expect(r.layout!.nodes).toHaveLength(128);
    expect(r.layout!.devices.filter((d) => d.driver === 'pc-dimm')).toHaveLength(256);
    expect(r.layout!.devices.filter((d) => d.driver === 'sp-mem').length).toBeGreaterThan(4600);
  });

  it('save → reopen', () => {
    const saved = serializeDocument(doc);
    expect(saved.length).toBeGreaterThan(1 << 20); // over the old 1 MiB limit
    expect(saved.length).toBeLessThanOrEqual(MAX_DOCUMENT_CHARS);
    const back = loadDocument(saved);
    expect(back.ok).toBe(true);
    if (back.ok) same(back.doc, doc);
  });

  it('share link → open (compressed, well under the longest URL)', async () => {
    const made = await makeShareLink(doc, 'http://127.0.0.1:4173/');
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.link.length).toBeLessThan(MAX_SHARE_LINK_CHARS / 8);
    const back = await decodeShareLinkAsync(made.link);
    expect(back.ok).toBe(true);
    if (back.ok) same(back.doc, doc);
    // and at startup
    const s = await resolveStartup({ hash: made.link.slice(made.link.indexOf('#')), storage: new MapStorage(), example: () => doc });
    expect(s.source).toBe('link');
    same(s.doc, doc);
  });

  it('autosave → reload', async () => {
    const storage = new MapStorage();
    const store = createDesignerStore({ ...doc, name: 'before' }, { session: createSession(storage) });
    const saver = startAutosave(store, storage, { delayMs: 1 });
    store.getState().actions.commit(doc);
    saver.flush();
    saver.stop();
    const s = await resolveStartup({ hash: '', storage, example: () => doc, session: createSession(storage) });
    expect(s.source).toBe('autosave');
    same(s.doc, doc);
  });

  it('one option more is refused up front, saying so', () => {
    const over = importQemuText(text([...args, '-S', '-S']), { name: 'over' });
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.message).toContain(`at most ${MAX_OPTIONS}`);
  });
});
