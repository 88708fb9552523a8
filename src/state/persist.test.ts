import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseQemuArgs } from '../core/syntax/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { serializeDocument, serializeDocumentCompact } from '../core/io/index.ts';
import { encodeShareFragment } from '../core/io/index.ts';
import { listKept } from './kept.ts';
import {
  AUTOSAVE_CORE_QUIET_MS,
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_MAX_WAIT_MS,
  hasShareFragment,
  readKeptDesign,
  resolveStartup,
  startAutosave,
  STORAGE_KEYS,
  type KeyValueStorage,
} from './persist.ts';
import { createSession } from './session.ts';
import { createDesignerStore } from './store.ts';

function doc(name: string, mem = '2G'): ConfigDocument {
  const r = parseQemuArgs(['-machine', 'q35', '-m', mem], name);
  if (!r.ok) throw new Error('bad test line');
  return r.doc;
}

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  failWrites = false;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const example = () => doc('example', '16G');

describe('which design opens', () => {
  it('the example when nothing is saved and there is no link', async () => {
    const s = await resolveStartup({ hash: '', storage: new MapStorage(), example });
    expect(s.source).toBe('example');
    expect(s.doc.name).toBe('example');
    expect(s.messages).toEqual([]);
    expect(s.autosave).toBe(true);
  });

  it('the autosaved design before the example', async () => {
    const st = new MapStorage();
    st.setItem(STORAGE_KEYS.autosave, serializeDocument(doc('mine')));
    const s = await resolveStartup({ hash: '', storage: st, example });
    expect(s.source).toBe('autosave');
    expect(serializeDocument(s.doc)).toBe(serializeDocument(doc('mine')));
  });

  it('a share link before the autosaved design, which is kept and can be restored', async () => {
    const st = new MapStorage();
    st.setItem(STORAGE_KEYS.autosave, serializeDocument(doc('mine')));
    const s = await resolveStartup({ hash: encodeShareFragment(doc('theirs', '4G')), storage: st, example });
    expect(s.source).toBe('link');
    expect(s.doc.name).toBe('theirs');
    const restore = s.messages.find((m) => m.restoreKey);
    expect(restore?.restoreKey).toMatch(/^memory-map-designer\/kept\//);
    expect(readKeptDesign(st, restore!.restoreKey!)?.name).toBe('mine');
    expect(listKept(st).map((e) => [e.name, e.replacedBy])).toEqual([['mine', 'a link opened at startup']]);
    // the autosave itself is untouched until the design is saved again
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocument(doc('mine')));
  });

  it('a bad link: a message, and the last good design', async () => {
    const st = new MapStorage();
    st.setItem(STORAGE_KEYS.autosave, serializeDocument(doc('mine')));
    const s = await resolveStartup({ hash: '#d=!!!', storage: st, example });
    expect(s.source).toBe('autosave');
    expect(s.doc.name).toBe('mine');
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]!.tone).toBe('error');
    expect(s.messages[0]!.text).toMatch(/share link .* could not be opened/);
  });

  it('a corrupt autosave: kept under a backup key, a message, the example', async () => {
    const st = new MapStorage();
    st.setItem(STORAGE_KEYS.autosave, '{"format":"memory-map-designer","version":1,"name":"x","options":[{"kind":"memory","size":2}]}');
    const s = await resolveStartup({ hash: '', storage: st, example });
    expect(s.source).toBe('example');
    expect(s.autosave).toBe(true);
    expect(s.messages[0]!.text).toContain('options[0].size');
    expect(s.messages[0]!.text).toContain(STORAGE_KEYS.corrupt);
    expect(st.getItem(STORAGE_KEYS.corrupt)).toBe(st.getItem(STORAGE_KEYS.autosave));
  });

  it('an earlier backup is never replaced', async () => {
    const st = new MapStorage();
    st.setItem(STORAGE_KEYS.corrupt, 'older junk');
    st.setItem(STORAGE_KEYS.autosave, 'newer junk');
    const s = await resolveStartup({ hash: '', storage: st, example });
    expect(st.getItem(STORAGE_KEYS.corrupt)).toBe('older junk');
    expect(st.getItem(`${STORAGE_KEYS.corrupt}.2`)).toBe('newer junk');
    expect(s.messages[0]!.text).toContain(`${STORAGE_KEYS.corrupt}.2`);
  });

  it('a corrupt autosave that cannot be backed up turns autosave off', async () => {
    const st = new MapStorage();
    st.setItem(STORAGE_KEYS.autosave, 'not json');
    st.failWrites = true;
    const s = await resolveStartup({ hash: '', storage: st, example });
    expect(s.autosave).toBe(false);
    expect(s.messages[0]!.text).toMatch(/autosave is off/);
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe('not json');
  });

  it('without storage: the example, autosave off', async () => {
    const s = await resolveStartup({ hash: '', storage: null, example });
    expect(s.source).toBe('example');
    expect(s.autosave).toBe(false);
  });

  it('recognises the fragment', async () => {
    expect(hasShareFragment('#d=abc')).toBe(true);
    expect(hasShareFragment('#z=abc')).toBe(true);
    expect(hasShareFragment('#x=1&d=abc')).toBe(true);
    expect(hasShareFragment('#data')).toBe(false);
    expect(hasShareFragment('')).toBe(false);
  });
});

describe('autosave', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves the latest design once edits pause, and reports a failing save once', async () => {
    vi.useFakeTimers();
    const st = new MapStorage();
    const store = createDesignerStore(doc('a'));
    const errors: string[] = [];
    const saver = startAutosave(store, st, { delayMs: 100, onError: (m) => errors.push(m) });
    store.getState().actions.commit(doc('b'));
    vi.advanceTimersByTime(50);
    store.getState().actions.commit(doc('c'));
    vi.advanceTimersByTime(50);
    expect(st.getItem(STORAGE_KEYS.autosave)).toBeNull();
    vi.advanceTimersByTime(60);
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocumentCompact(doc('c')));

    st.failWrites = true;
    store.getState().actions.commit(doc('d'));
    vi.advanceTimersByTime(200);
    store.getState().actions.commit(doc('e'));
    vi.advanceTimersByTime(200);
    expect(errors).toHaveLength(1);
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocumentCompact(doc('c')));

    st.failWrites = false;
    store.getState().actions.undo();
    saver.flush();
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocumentCompact(doc('d')));
    saver.stop();
  });
});

describe('autosave off the edits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a pause of the edits, and for the core to be quiet, before it saves', () => {
    vi.useFakeTimers();
    const st = new MapStorage();
    const session = createSession(st);
    // the core computing the result of the edit (null), then done at `doneAt`
    let doneAt: number | null = null;
    session.coreIdleSince = () => doneAt;
    const store = createDesignerStore(doc('a'), { session });
    const saved: string[] = [];
    const saver = startAutosave(store, st, { session, onSaved: (d) => saved.push(d.name) });
    store.getState().actions.commit(doc('b'));
    // edits one after another, each sooner than the pause: nothing is saved meanwhile
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 100);
      store.getState().actions.commit(doc(`e${i}`));
    }
    expect(st.getItem(STORAGE_KEYS.autosave)).toBeNull();
    // the pause is over, but the core is still computing: not yet
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS + 1000);
    expect(st.getItem(STORAGE_KEYS.autosave)).toBeNull();
    // the result is in: saved once the core has been quiet a while
    doneAt = Date.now();
    vi.advanceTimersByTime(AUTOSAVE_CORE_QUIET_MS - 50);
    expect(st.getItem(STORAGE_KEYS.autosave)).toBeNull();
    vi.advanceTimersByTime(100);
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocumentCompact(doc('e4')));
    expect(saved).toEqual(['e4']);
    saver.stop();
  });

  it('edits that never pause are saved all the same, at most AUTOSAVE_MAX_WAIT_MS after the first', () => {
    vi.useFakeTimers();
    const st = new MapStorage();
    const session = createSession(st);
    session.coreIdleSince = () => Date.now();
    const store = createDesignerStore(doc('a'), { session });
    const saver = startAutosave(store, st, { session });
    let n = 0;
    const start = Date.now();
    while (st.getItem(STORAGE_KEYS.autosave) === null && Date.now() - start < 2 * AUTOSAVE_MAX_WAIT_MS) {
      store.getState().actions.commit(doc(`e${n++}`));
      vi.advanceTimersByTime(300);
    }
    expect(Date.now() - start).toBeLessThanOrEqual(AUTOSAVE_MAX_WAIT_MS + 300);
    // the latest design at the time of the save
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocumentCompact(doc(`e${n - 1}`)));
    saver.stop();
  });

  it('a pending save is written at once when the page goes away (flush), busy core or not', () => {
    vi.useFakeTimers();
    const st = new MapStorage();
    const session = createSession(st);
    session.coreIdleSince = () => null;
    const store = createDesignerStore(doc('a'), { session });
    const saver = startAutosave(store, st, { session });
    store.getState().actions.commit(doc('unsaved'));
    vi.advanceTimersByTime(10);
    saver.flush();
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocumentCompact(doc('unsaved')));
    store.getState().actions.commit(doc('at stop'));
    saver.stop();
    expect(st.getItem(STORAGE_KEYS.autosave)).toBe(serializeDocumentCompact(doc('at stop')));
  });
});
