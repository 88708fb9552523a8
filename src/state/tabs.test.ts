/**
 * Two tabs on one storage, with a fake Web Locks manager and BroadcastChannel: the first owns the autosave key,
 * the second saves under its own; neither overwrites the other's work; a reload of a tab reopens that tab's own
 * design; a tab that takes over the autosave key keeps the design there first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../core/document/index.ts';
import { serializeDocumentCompact } from '../core/io/index.ts';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { AUTOSAVE_KEY, listKept, readKept, tabKey, type KeyValueStorage } from './kept.ts';
import { resolveStartup, startAutosave, type Autosave } from './persist.ts';
import { createSession } from './session.ts';
import { createDesignerStore, type DesignerStore } from './store.ts';
import { startTabs, type ChannelLike, type LocksLike, type Tabs } from './tabs.ts';

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

/** One exclusive lock per name, held until the holder's promise settles (or its "tab" closes). */
class FakeLocks {
  private held = new Set<string>();
  private queue: Array<{ name: string; grant: () => void }> = [];
  view(): LocksLike & { closeAll(): void } {
    const mine: Array<() => void> = [];
    return {
      request: (name, options, callback) =>
        new Promise((resolve, reject) => {
          const grant = () => {
            this.held.add(name);
            let done = false;
            const release = () => {
              if (done) return;
              done = true;
              this.held.delete(name);
              const next = this.queue.findIndex((q) => q.name === name);
              if (next >= 0) this.queue.splice(next, 1)[0]!.grant();
            };
            mine.push(release);
            callback({}).then(release, release);
            resolve(undefined);
          };
          if (!this.held.has(name)) return grant();
          const entry = { name, grant };
          this.queue.push(entry);
          options.signal?.addEventListener('abort', () => {
            const i = this.queue.indexOf(entry);
            if (i >= 0) {
              this.queue.splice(i, 1);
              reject(new DOMException('aborted', 'AbortError'));
            }
          });
        }),
      closeAll: () => mine.forEach((r) => r()),
    };
  }
}

/** A BroadcastChannel bus: a message reaches every other channel. */
class Bus {
  private channels = new Set<{ deliver: (m: unknown) => void }>();
  channel(): ChannelLike {
    const listeners: Array<(e: MessageEvent) => void> = [];
    const self = { deliver: (m: unknown) => listeners.forEach((l) => l({ data: m } as MessageEvent)) };
    this.channels.add(self);
    return {
      postMessage: (m) => {
        const copy = structuredClone(m);
        for (const c of this.channels) if (c !== self) queueMicrotask(() => c.deliver(copy));
      },
      addEventListener: (_t, l) => listeners.push(l),
      close: () => this.channels.delete(self),
    };
  }
}

const doc = (name: string, mem = '2G'): ConfigDocument => {
  const r = parseQemuArgs(['-machine', 'q35', '-m', mem], name);
  if (!r.ok) throw new Error('bad test line');
  return r.doc;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rename = (store: DesignerStore, name: string) => store.getState().actions.commit({ ...store.getState().doc, name });

interface Page {
  tabs: Tabs;
  store: DesignerStore;
  autosave: Autosave;
  locks: ReturnType<FakeLocks['view']>;
  session: MapStorage;
  close(): void;
}

const open: Page[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

async function openPage(storage: MapStorage, locks: FakeLocks, bus: Bus, session = new MapStorage()): Promise<Page> {
  const view = locks.view();
  const tabs = startTabs({ session, locks: view, channel: bus.channel(), waitMs: 60 });
  const s = createSession(storage, { tabs });
  const startup = await resolveStartup({ hash: '', storage, example: () => doc('example'), session: s });
  const store = createDesignerStore(startup.doc, { session: s });
  const autosave = startAutosave(store, storage, { delayMs: 5 });
  await sleep(100); // the tab knows its place
  const page: Page = {
    tabs,
    store,
    autosave,
    locks: view,
    session,
    close() {
      autosave.stop();
      tabs.stop();
      view.closeAll();
    },
  };
  open.push(page);
  return page;
}

const stored = (storage: MapStorage, key: string) => readKept(storage, key)?.name ?? null;

describe('two tabs never lose either tab’s work', () => {
  it('the second tab saves on its own; each offers the other’s design; a reload reopens the tab’s own', async () => {
    const storage = new MapStorage();
    const locks = new FakeLocks();
    const bus = new Bus();
    const a = await openPage(storage, locks, bus);
    expect(a.tabs.status()).toMatchObject({ role: 'main', others: 0 });
    rename(a.store, 'alpha');
    await sleep(30);
    expect(stored(storage, AUTOSAVE_KEY)).toBe('alpha');

    const b = await openPage(storage, locks, bus);
    expect(b.store.getState().doc.name).toBe('alpha');
    expect(b.tabs.status()).toMatchObject({ role: 'separate', others: 1, reason: null });
    expect(a.tabs.status().others).toBe(1);
    expect(a.store.getState().tab?.others).toBe(1);

    rename(b.store, 'beta');
    rename(a.store, 'alpha 2');
    await sleep(30);
    // neither overwrote the other
    expect(stored(storage, AUTOSAVE_KEY)).toBe('alpha 2');
    expect(stored(storage, tabKey(b.tabs.id))).toBe('beta');
    // each offers the other's design (in a browser, the storage event refreshes the list)
    b.store.getState().actions.refreshKept();
    expect(a.store.getState().kept.map((e) => [e.name, e.otherTab])).toEqual([['beta', true]]);
    expect(b.store.getState().kept.map((e) => [e.name, e.otherTab])).toEqual([['alpha 2', true]]);

    // a reload of b (same sessionStorage, a new page): its own design, still separate
    b.close();
    const b2 = await openPage(storage, locks, bus, b.session);
    expect(b2.store.getState().doc.name).toBe('beta');
    expect(b2.tabs.status().role).toBe('separate');

    // both closed; a new tab opens the autosaved design and offers the other tab's
    a.close();
    b2.close();
    const c = await openPage(storage, locks, bus);
    expect(c.tabs.status().role).toBe('main');
    expect(c.store.getState().doc.name).toBe('alpha 2');
    expect(c.store.getState().kept.map((e) => e.name)).toEqual(['beta']);
    c.store.getState().actions.restoreKept(c.store.getState().kept[0]!.key);
    expect(c.store.getState().doc.name).toBe('beta');
  });

  it('a tab taking over the autosave key keeps the design there that it did not open', async () => {
    const storage = new MapStorage();
    const locks = new FakeLocks();
    const bus = new Bus();
    const a = await openPage(storage, locks, bus);
    rename(a.store, 'alpha');
    await sleep(30);
    const b = await openPage(storage, locks, bus);
    rename(b.store, 'beta');
    await sleep(30);
    a.close();
    // b reloads: the key is free now, b owns it, opens its own design
    b.close();
    const b2 = await openPage(storage, locks, bus, b.session);
    expect(b2.tabs.status().role).toBe('main');
    expect(b2.store.getState().doc.name).toBe('beta');
    rename(b2.store, 'beta 2');
    await sleep(30);
    expect(stored(storage, AUTOSAVE_KEY)).toBe('beta 2');
    // alpha, which the autosave key held, is kept
    expect(listKept(storage).map((e) => [e.name, e.replacedBy])).toContainEqual(['alpha', 'the design of another tab']);
  });

  it('a tab whose autosave key another page writes over saves its own design under its own key at once', async () => {
    const storage = new MapStorage();
    const locks = new FakeLocks();
    const a = await openPage(storage, locks, new Bus());
    rename(a.store, 'alpha');
    await sleep(30);
    a.tabs.yieldMain('another tab saved its design over this one’s');
    await sleep(30);
    expect(stored(storage, tabKey(a.tabs.id))).toBe('alpha');
    expect(a.store.getState().tab?.role).toBe('separate');
    expect(serializeDocumentCompact(readKept(storage, tabKey(a.tabs.id))!)).toBe(serializeDocumentCompact(a.store.getState().doc));
  });
});
