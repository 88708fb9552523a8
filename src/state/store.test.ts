import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../core/syntax/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { setDeviceNode } from './doc-edits.ts';
import { createDesignerStore } from './store.ts';

function doc(line: string): ConfigDocument {
  const r = parseQemuArgs(line.split(' '));
  if (!r.ok) throw new Error('parse');
  return r.doc;
}

const BASE = doc('-machine q35 -m 2G,slots=2,maxmem=8G -numa node -numa node -object memory-backend-ram,id=m,size=1G -device sp-mem,id=s,memdev=m,node=1');
const DEV = BASE.options.findIndex((o) => o.kind === 'device');

describe('designer store', () => {
  it('counts a revision for every change, undo and redo included', () => {
    const store = createDesignerStore(BASE);
    const a = store.getState().actions;
    expect(store.getState().revision).toBe(1);
    a.commit(setDeviceNode(store.getState().doc, DEV, 0));
    expect(store.getState().revision).toBe(2);
    a.undo();
    expect(store.getState().doc).toBe(BASE);
    expect(store.getState().revision).toBe(3);
    a.redo();
    expect(store.getState().revision).toBe(4);
    expect(store.getState().doc.options[DEV]).toMatchObject({ node: '0' });
  });

  it('does not record an edit that changes nothing', () => {
    const store = createDesignerStore(BASE);
    store.getState().actions.commit(store.getState().doc);
    expect(store.getState().revision).toBe(1);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('replaces the document with or without an undo step (the autosave hook point)', () => {
    const store = createDesignerStore(BASE);
    const other = doc('-machine pc -m 1G');
    store.getState().actions.replaceDocument(other, { recordHistory: false });
    expect(store.getState().doc).toBe(other);
    expect(store.getState().history.past).toHaveLength(0);
    store.getState().actions.replaceDocument(BASE, { recordHistory: true });
    store.getState().actions.undo();
    expect(store.getState().doc).toBe(other);
  });

  it('drops a selection that no longer names the same option after undo', () => {
    const store = createDesignerStore(BASE);
    const a = store.getState().actions;
    const withExtra = { ...BASE, options: [...BASE.options, { kind: 'numa-node' as const, nodeid: '2' }] };
    a.commit(withExtra, { selection: { kind: 'option', index: withExtra.options.length - 1 } });
    a.undo();
    expect(store.getState().selection).toBeNull();
    a.select({ kind: 'option', index: DEV });
    a.commit(setDeviceNode(store.getState().doc, DEV, 0));
    a.undo();
    expect(store.getState().selection).toEqual({ kind: 'option', index: DEV });
  });

  it('lets subscribers see document changes only when the document changes', () => {
    const store = createDesignerStore(BASE);
    let saves = 0;
    store.subscribe((s, prev) => {
      if (s.doc !== prev.doc) saves++;
    });
    store.getState().actions.select({ kind: 'option', index: DEV });
    store.getState().actions.setViewport({ k: 2, x: -10 });
    expect(saves).toBe(0);
    store.getState().actions.commit(setDeviceNode(store.getState().doc, DEV, 0));
    expect(saves).toBe(1);
  });
});
