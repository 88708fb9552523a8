import { describe, expect, it } from 'vitest';
import type { ConfigDocument, DocOption } from '../core/document/index.ts';
import { DocSender, DocStore, MISSING_BASE } from './doc-transfer.ts';
import { api } from './api.ts';
import { workerApi } from './worker-api.ts';

const dev = (id: string, node: string): DocOption => ({ kind: 'device', driver: 'sp-mem', id, memdev: `${id}-mem`, node });
const doc = (options: DocOption[], name = 'x'): ConfigDocument => ({ format: 'memory-map-designer', version: 1, name, options });
/** what crosses postMessage */
const wire = <T>(v: T): T => structuredClone(v);

describe('document deltas', () => {
  const machine: DocOption = { kind: 'machine', type: 'q35' };
  const a = dev('a', '0');
  const b = dev('b', '0');
  const c = dev('c', '1');

  it('sends only the options that are not the objects sent before, and the worker rebuilds the document', () => {
    const sender = new DocSender();
    const store = new DocStore();
    const d1 = doc([machine, a, b, c]);
    const r1 = sender.encode(d1);
    expect('doc' in r1).toBe(true);
    expect(store.resolve(wire(r1))).toEqual(d1);

    const b2 = dev('b', '1');
    const d2 = doc([machine, a, b2, c], 'y');
    const r2 = sender.encode(d2);
    expect(r2).toMatchObject({ base: r1.seq, changes: [[2, b2]], length: 4, name: 'y' });
    const got = store.resolve(wire(r2))!;
    expect(got).toEqual(d2);
    const kept = store.resolve(wire(r1))!;
    expect(got.options[1]).toBe(kept.options[1]);

    // the same document again: nothing but its number
    const r3 = sender.encode(d2);
    expect(r3).toEqual({ seq: r2.seq, same: true });
    expect(store.resolve(wire(r3))).toBe(got);

    // options removed and added
    const d4 = doc([machine, a, b2]);
    expect(store.resolve(wire(sender.encode(d4)))).toEqual(d4);
    const d5 = doc([machine, a, b2, dev('e', '0')]);
    expect(store.resolve(wire(sender.encode(d5)))).toEqual(d5);
  });

  it('answers MISSING_BASE for a base it no longer keeps, and the whole document is sent again', () => {
    const sender = new DocSender();
    const d1 = doc([machine, a, b, c]);
    sender.encode(d1);
    const fresh = new DocStore();
    const w = workerApi(api, fresh);
    const d2 = doc([machine, a, dev('b', '1'), c]);
    expect(w.check(wire(sender.encode(d2)))).toBe(MISSING_BASE);
    expect(w.check(wire(sender.full(d2)))).toEqual(api.check(d2));
    expect(w.check(wire(sender.encode(d2)))).toEqual(api.check(d2));
  });

  it('keeps only the last few documents', () => {
    const sender = new DocSender();
    const store = new DocStore(2);
    const refs = [0, 1, 2].map((i) => wire(sender.encode(doc([machine, dev('a', String(i))]))));
    for (const r of refs) store.resolve(r);
    expect(store.resolve({ seq: refs[0]!.seq, same: true })).toBeNull();
    expect(store.resolve({ seq: refs[2]!.seq, same: true })).not.toBeNull();
  });
});
