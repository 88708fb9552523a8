/**
 * Nothing lost: every way a design is replaced (a link opened in the tab, an import, an example, a restore)
 * keeps the replaced design restorable, from storage, after a reload too; and the designer takes in no design
 * it could not save and reopen.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../core/document/index.ts';
import { MAX_OPTIONS, serializeDocumentCompact } from '../core/io/index.ts';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { KEPT_INDEX_KEY, MAX_KEPT, listKept, readKept, type KeyValueStorage } from './kept.ts';
import { openShareLinkInTab, resolveStartup } from './persist.ts';
import { createSession } from './session.ts';
import { encodeShareFragmentAsync } from './share.ts';
import { createDesignerStore } from './store.ts';

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  /** refuse writes once the stored text would pass this many characters */
  quota = Infinity;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    let total = v.length;
    for (const [key, val] of this.map) if (key !== k) total += val.length;
    if (total > this.quota) throw new Error('QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

function doc(name: string, mem = '2G'): ConfigDocument {
  const r = parseQemuArgs(['-machine', 'q35', '-m', mem], name);
  if (!r.ok) throw new Error('bad test line');
  return r.doc;
}

function setup(initial = doc('mine')) {
  const storage = new MapStorage();
  const session = createSession(storage, { reproducible: (d) => d.name === 'example' });
  const store = createDesignerStore(initial, { session });
  return { storage, session, store };
}

const same = (a: ConfigDocument | null, b: ConfigDocument) => expect(a && serializeDocumentCompact(a)).toBe(serializeDocumentCompact(b));

describe('replacing the design keeps the one it replaces', () => {
  it.each([
    ['an import', 'an import'],
    ['an opened file', 'the file lab.json'],
    ['an example', 'the example “Accelerator”'],
  ])('%s: kept in storage, listed, restorable (and the restore keeps the current one in turn)', (_what, replacedBy) => {
    const { storage, store } = setup();
    const mine = store.getState().doc;
    expect(store.getState().actions.replaceDocument(doc('theirs', '4G'), { recordHistory: true, replacedBy })).toBe(true);
    const r = store.getState().replaced!;
    expect(r).toMatchObject({ name: 'mine', replacedBy, problem: null });
    same(readKept(storage, r.key!), mine);
    expect(store.getState().kept.map((e) => [e.name, e.replacedBy])).toEqual([['mine', replacedBy]]);
    // a fresh store on the same storage (a reload) lists it too
    expect(createDesignerStore(doc('x'), { session: createSession(storage) }).getState().kept.map((e) => e.name)).toEqual(['mine']);

    expect(store.getState().actions.restoreKept(r.key!)).toBe(true);
    same(store.getState().doc, mine);
    expect(store.getState().kept.map((e) => e.name)).toEqual(['theirs', 'mine']);
  });

  it('a link opened in the tab (hashchange): kept, the message offers it', async () => {
    const { storage, store } = setup();
    const theirs = doc('theirs', '8G');
    const m = await openShareLinkInTab(store, await encodeShareFragmentAsync(theirs));
    expect(m?.tone).toBe('info');
    expect(m?.text).toBe('Opened the design “theirs” from the link. Your design “mine” is kept (Restore…); Undo (Ctrl+Z) also returns to it.');
    same(store.getState().doc, theirs);
    same(readKept(storage, m!.restoreKey!), doc('mine'));
    // a bad link changes nothing
    const rev = store.getState().revision;
    expect((await openShareLinkInTab(store, '#z=AAAA'))?.tone).toBe('error');
    expect(store.getState().revision).toBe(rev);
  });

  it('a link at startup over the autosaved design: kept (and not twice)', async () => {
    const storage = new MapStorage();
    storage.setItem('memory-map-designer/autosave', serializeDocumentCompact(doc('mine')));
    const hash = await encodeShareFragmentAsync(doc('theirs', '4G'));
    for (let i = 0; i < 2; i++) {
      const s = await resolveStartup({ hash, storage, example: () => doc('example'), session: createSession(storage) });
      expect(s.source).toBe('link');
    }
    expect(listKept(storage).map((e) => [e.name, e.replacedBy])).toEqual([['mine', 'a link opened at startup']]);
  });

  it('keeps a design once, and not an unedited example nor the same design', () => {
    const { storage, store } = setup(doc('example'));
    const a = store.getState().actions;
    a.replaceDocument(doc('mine'), { recordHistory: true, replacedBy: 'an import' }); // the example: not kept
    a.replaceDocument(doc('mine'), { recordHistory: true, replacedBy: 'an import' }); // the same design
    a.replaceDocument(doc('b'), { recordHistory: true, replacedBy: 'an import' });
    a.replaceDocument(doc('mine'), { recordHistory: true, replacedBy: 'an import' });
    a.replaceDocument(doc('c'), { recordHistory: true, replacedBy: 'an import' }); // "mine" again: already kept
    expect(listKept(storage).map((e) => e.name)).toEqual(['b', 'mine']);
  });

  it(`holds at most ${MAX_KEPT} designs, dropping the oldest; when storage is full, the oldest make room`, () => {
    const { storage, store } = setup(doc('d0'));
    for (let i = 1; i <= MAX_KEPT + 4; i++) store.getState().actions.replaceDocument(doc(`d${i}`, `${i}G`), { recordHistory: true, replacedBy: 'an import' });
    const names = listKept(storage).map((e) => e.name);
    expect(names).toHaveLength(MAX_KEPT);
    expect(names[0]).toBe(`d${MAX_KEPT + 3}`);
    expect(names.at(-1)).toBe('d4');
    // storage nearly full: the next one still fits by dropping old ones
    storage.quota = [...storage.map.values()].reduce((n, v) => n + v.length, 0) + 10;
    store.getState().actions.replaceDocument(doc('last', '64G'), { recordHistory: true, replacedBy: 'an import' });
    expect(store.getState().replaced?.problem).toBeNull();
    expect(listKept(storage)[0]!.name).toBe(`d${MAX_KEPT + 4}`);
    // no room at all: said so, and Undo still has it
    storage.quota = 0;
    store.getState().actions.replaceDocument(doc('after', '32G'), { recordHistory: true, replacedBy: 'an import' });
    expect(store.getState().replaced).toMatchObject({ name: 'last', key: null, problem: 'browser storage is full or blocked' });
    store.getState().actions.undo();
    expect(store.getState().doc.name).toBe('last');
    expect(storage.getItem(KEPT_INDEX_KEY)).not.toBeNull();
  });

  it('refuses up front a design it could not save and reopen (a replacement or an edit)', () => {
    const { store } = setup();
    const notices: string[] = [];
    store.subscribe((s) => s.notice && notices.push(s.notice.text));
    const tooMany: ConfigDocument = { ...doc('big'), options: Array.from({ length: MAX_OPTIONS + 1 }, () => ({ kind: 'raw', args: ['-S'] })) };
    expect(store.getState().actions.replaceDocument(tooMany, { recordHistory: true })).toBe(false);
    store.getState().actions.commit(tooMany);
    expect(store.getState().doc.name).toBe('mine');
    expect(notices).toEqual([
      `Not opened: the design has too many options (${MAX_OPTIONS + 1}; at most ${MAX_OPTIONS}). The design is unchanged.`,
      `Not applied: the design has too many options (${MAX_OPTIONS + 1}; at most ${MAX_OPTIONS}).`,
    ]);
  });
});
