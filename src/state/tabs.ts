/**
 * Several tabs of the designer in one browser, and never losing either tab's work.
 *
 * The design: one tab at a time owns the autosave key (`memory-map-designer/autosave`), the "main" tab; every
 * other tab saves its own design under a key of its own (`memory-map-designer/tab/<id>`, listed with the kept
 * designs, see kept.ts), so no tab ever writes over another's work, and each can open the other's design (the
 * Restore list shows it). A tab keeps its id in sessionStorage, so a reload reopens that tab's own design.
 *
 *  - Ownership is a Web Lock (`navigator.locks`, exclusive, held for the tab's life and released by the browser
 *    when the tab goes away). A new tab asks for it and waits (a reload of the main tab releases it as the old
 *    page unloads); as soon as another tab answers that it is main, or after a while, this tab is "separate".
 *    Without Web Locks, a BroadcastChannel roll call decides: any tab answering as main makes it separate.
 *  - The tabs greet each other over a BroadcastChannel, so each knows how many others are open and says so.
 *  - Safety net: if the autosave key changes under the main tab (a tab that does not take part, such as an older
 *    version, wrote it: the `storage` event), the main tab becomes separate. And before a tab's first write to
 *    the autosave key, whatever design is there that it did not open is kept (persist.ts), so the one design
 *    that a tab taking over the key would replace is kept too.
 *  - A separate tab stays separate until it is reloaded; a closed tab's own design stays in the kept list and
 *    is offered by every tab opened later.
 */
import type { KeyValueStorage } from './kept.ts';

export type TabRole = 'pending' | 'main' | 'separate';

export interface TabStatus {
  id: string;
  role: TabRole;
  /** other designer tabs known to be open (from the BroadcastChannel) */
  others: number;
  /** their tab ids */
  peers: string[];
  /** why the tab is separate when it is not simply that another tab owns the autosave (for the status line) */
  reason: string | null;
}

export interface Tabs {
  readonly id: string;
  status(): TabStatus;
  subscribe(listener: (s: TabStatus) => void): () => void;
  /** the autosave key was written by someone else: stop writing it */
  yieldMain(reason: string): void;
  stop(): void;
}

/** The parts of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  close(): void;
}

/** The part of the Web Locks API used here. */
export interface LocksLike {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<unknown>): Promise<unknown>;
}

export interface TabsEnv {
  /** sessionStorage (keeps the tab id across reloads of this tab) */
  session: KeyValueStorage | null;
  locks: LocksLike | null;
  channel: ChannelLike | null;
  /** how long a new tab waits for the autosave key (ms) */
  waitMs?: number;
}

export const TAB_ID_KEY = 'memory-map-designer/tab-id';
export const AUTOSAVE_LOCK = 'memory-map-designer/autosave';
export const TABS_CHANNEL = 'memory-map-designer/tabs';

type Message =
  | { type: 'hello'; id: string; instance: string; started: number; role: TabRole }
  | { type: 'here'; id: string; instance: string; started: number; role: TabRole; to: string }
  | { type: 'bye'; id: string; instance: string }
  | { type: 'role'; id: string; instance: string; role: TabRole };

const randomId = () =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

function sessionId(session: KeyValueStorage | null): string {
  try {
    const had = session?.getItem(TAB_ID_KEY);
    if (had && /^[A-Za-z0-9-]{8,64}$/.test(had)) return had;
  } catch {
    /* no session storage */
  }
  const id = randomId();
  try {
    session?.setItem(TAB_ID_KEY, id);
  } catch {
    /* the id lasts this page only */
  }
  return id;
}

/** The environment of a browser tab (what exists of it). */
export function browserTabsEnv(): TabsEnv {
  let session: KeyValueStorage | null = null;
  try {
    session = window.sessionStorage;
  } catch {
    session = null;
  }
  const locks = typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks as unknown as LocksLike) : null;
  let channel: ChannelLike | null = null;
  try {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(TABS_CHANNEL) : null;
  } catch {
    channel = null;
  }
  return { session, locks, channel };
}

export function startTabs(env: TabsEnv): Tabs {
  let id = sessionId(env.session);
  const instance = randomId();
  const started = Date.now();
  let role: TabRole = 'pending';
  let reason: string | null = null;
  /** the other tabs, by instance (a page's own random id: a tab's id can change, see below) */
  const others = new Map<string, { id: string; role: TabRole }>();
  const listeners = new Set<(s: TabStatus) => void>();
  let release: (() => void) | null = null;
  let stopped = false;
  const abort = new AbortController();
  /** stop waiting for the autosave lock (another tab owns it) */
  let giveUpWait = () => {};

  const status = (): TabStatus => ({ id, role, others: others.size, peers: [...others.values()].map((o) => o.id), reason });
  const emit = () => {
    const s = status();
    for (const l of [...listeners]) l(s);
  };
  const post = (m: Message) => {
    try {
      env.channel?.postMessage(m);
    } catch {
      /* the channel is gone */
    }
  };
  const setRole = (r: TabRole, why: string | null = null) => {
    if (stopped || role === r) return;
    role = r;
    reason = why;
    post({ type: 'role', id, instance, role });
    emit();
  };

  env.channel?.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as Message;
    if (!m || typeof m !== 'object' || typeof m.id !== 'string' || m.instance === instance) return;
    if (m.type === 'bye') {
      others.delete(m.instance);
      emit();
      return;
    }
    if (m.type === 'here' && m.to !== instance) return;
    // a duplicated tab (its sessionStorage copied): the newer of the two takes a new id
    if (m.id === id && (m.type === 'hello' || m.type === 'here') && m.started > started) {
      /* the other one renames itself */
    } else if (m.id === id && (m.type === 'hello' || m.type === 'here')) {
      id = randomId();
      try {
        env.session?.setItem(TAB_ID_KEY, id);
      } catch {
        /* keep it for this page */
      }
    }
    others.set(m.instance, { id: m.id, role: m.role });
    if (role === 'pending' && m.role === 'main' && m.id !== id) giveUpWait();
    if (m.type === 'hello') post({ type: 'here', id, instance, started, role, to: m.instance });
    emit();
  });
  post({ type: 'hello', id, instance, started, role });

  const waitMs = env.waitMs ?? 1000;
  if (env.locks) {
    // Wait for the lock while no other tab says it owns the autosave: the holder may be this very tab's previous
    // page, still going away after a reload (slow when it held a large design). A tab answering as main, or
    // no release within 10 × waitMs (a holder that does not answer: an older version), makes this one separate.
    const timer = setTimeout(() => abort.abort(), waitMs * 10);
    giveUpWait = () => {
      clearTimeout(timer);
      abort.abort();
    };
    env.locks
      .request(AUTOSAVE_LOCK, { signal: abort.signal }, () => {
        clearTimeout(timer);
        if (stopped) return Promise.resolve();
        setRole('main');
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      })
      .catch(() => {
        clearTimeout(timer);
        if (role === 'pending') setRole('separate');
      });
  } else if (env.channel) {
    setTimeout(() => {
      if (role !== 'pending') return;
      const mainElsewhere = [...others.values()].some((o) => o.role === 'main');
      setRole(mainElsewhere ? 'separate' : 'main');
    }, Math.min(waitMs, 300));
  } else {
    setRole('main');
  }

  const onHide = () => post({ type: 'bye', id, instance });
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onHide);

  return {
    get id() {
      return id;
    },
    status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    yieldMain(why) {
      if (role === 'separate') return;
      setRole('separate', why);
      release?.();
      release = null;
    },
    stop() {
      onHide();
      stopped = true;
      abort.abort();
      release?.();
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
      env.channel?.close();
    },
  };
}
