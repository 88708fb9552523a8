/**
 * Every call's answer as a delta (worker-api.ts `answer`, client-core.ts): after a one-device edit the window
 * inspection and the drag check come back as a patch a few elements long, and the client rebuilds exactly what
 * the api answers, with the unchanged elements the very objects it already held.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../core/syntax/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { api, type CoreApi } from './api.ts';
import { createCoreClientCore, type CoreClient, type WorkerLike } from './client-core.ts';
import { DocSender, MISSING_BASE } from './doc-transfer.ts';
import { NO_BASE, ResultReceiver, sameValue, type ResultWire } from './result-transfer.ts';
import { workerApi } from './worker-api.ts';

const wire = <T>(v: T): T => structuredClone(v);

/** q35 with two nodes and `n` 1 GiB pc-dimms, device `moved` on node 1 instead of 0 */
function machine(n: number, moved = -1): ConfigDocument {
  const args = ['-machine', 'q35', '-m', `4G,slots=${n},maxmem=${n + 8}G`, '-smp', '2'];
  args.push('-object', 'memory-backend-ram,id=ram0,size=2G', '-object', 'memory-backend-ram,id=ram1,size=2G');
  args.push('-numa', 'node,nodeid=0,memdev=ram0,cpus=0', '-numa', 'node,nodeid=1,memdev=ram1,cpus=1');
  for (let i = 0; i < n; i++) args.push('-object', `memory-backend-ram,id=m${i},size=1G`, '-device', `pc-dimm,id=d${i},memdev=m${i},node=${i === moved ? 1 : 0}`);
  const r = parseQemuArgs(args, 'x');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

/** A document edited as the store edits: the same option objects but the one changed. */
function edited(doc: ConfigDocument, from: ConfigDocument): ConfigDocument {
  return { ...doc, options: doc.options.map((o, i) => (JSON.stringify(o) === JSON.stringify(from.options[i]) ? from.options[i]! : o)) };
}

describe('answers as deltas (worker side)', () => {
  it('a window inspection after a one-device edit: a small patch, rebuilt equal to the api’s answer', async () => {
    const w = workerApi(api);
    const docs = new DocSender();
    const receiver = new ResultReceiver<unknown>();
    const ask = async (d: ConfigDocument) => {
      const out = wire(await w.answer('inspectWindow', [wire(docs.encode(d))], receiver.held()));
      if (out === MISSING_BASE) throw new Error('missing base');
      return { out: out as ResultWire<ReturnType<CoreApi['inspectWindow']>>, got: receiver.open(out)!.value as ReturnType<CoreApi['inspectWindow']> };
    };
    const d0 = machine(40);
    const first = await ask(d0);
    expect('full' in first.out).toBe(true);
    expect(first.got).toEqual(api.inspectWindow(d0));

    const d1 = edited(machine(40, 7), d0);
    const second = await ask(d1);
    expect('patch' in second.out).toBe(true);
    expect(second.got).toEqual(api.inspectWindow(d1));
    // the patch names a few parts, not the 40 devices' (and the free space's) parts
    const parts = second.got.inspection!.parts;
    const before = first.got.inspection!.parts;
    expect(parts.length).toBeGreaterThan(40);
    const same = parts.filter((p, i) => p === before[i]).length;
    expect(same).toBeGreaterThanOrEqual(parts.length - 2);
    // …and what crosses postMessage is far smaller than the whole answer
    expect(JSON.stringify(second.out, (_, v) => (typeof v === 'bigint' ? v.toString() : v)).length).toBeLessThan(
      JSON.stringify(second.got, (_, v) => (typeof v === 'bigint' ? v.toString() : v)).length / 5,
    );
  });

  it('the check of a candidate: only the placements that differ', async () => {
    const w = workerApi(api);
    const docs = new DocSender();
    const receiver = new ResultReceiver<unknown>();
    const ask = async (d: ConfigDocument) => {
      const out = await w.answer('check', [wire(docs.encode(d))], receiver.held());
      if (out === MISSING_BASE) throw new Error('missing base');
      return receiver.open(wire(out))!.value;
    };
    const d0 = machine(30);
    expect(await ask(d0)).toEqual(api.check(d0));
    const d1 = edited(machine(30, 3), d0);
    expect(await ask(d1)).toEqual(api.check(d1));
    expect(await ask(d0)).toEqual(api.check(d0));
  });

  it('an answer that is null, and an answer patched against a base the client no longer holds', async () => {
    const w = workerApi(api);
    const receiver = new ResultReceiver<unknown>();
    const none = await w.answer('presetDocument', ['no-such-example'], receiver.held());
    if (none === MISSING_BASE) throw new Error('missing base');
    // null is an answer (not "ask again")
    expect(receiver.open(wire(none))).toEqual({ value: null });
    const again = await w.answer('presetDocument', ['no-such-example'], 999);
    expect('full' in (again as object)).toBe(true);
    // a fresh receiver cannot rebuild a patch: it asks again with NO_BASE
    const held = receiver.held();
    const patched = await w.answer('presetDocument', ['no-such-example'], held);
    expect(new ResultReceiver<unknown>().open(wire(patched as ResultWire<unknown>))).toBeNull();
    const whole = await w.answer('presetDocument', ['no-such-example'], NO_BASE);
    expect(whole).toMatchObject({ full: null });
  });

  it('an unknown document base: MISSING_BASE, as for the other calls', async () => {
    const w = workerApi(api);
    expect(await w.answer('inspectWindow', [{ seq: 41, same: true }], NO_BASE)).toBe(MISSING_BASE);
  });

  it('compares Maps, Sets and other objects by identity only (sent whole when they are not the same object)', () => {
    expect(sameValue(new Map([[1, 'a']]), new Map([[1, 'b']]))).toBe(false);
    expect(sameValue(new Set([1]), new Set([2]))).toBe(false);
    const m = new Map([[1, 'a']]);
    expect(sameValue(m, m)).toBe(true);
    expect(sameValue({ a: [1n, { b: 'x' }] }, { a: [1n, { b: 'x' }] })).toBe(true);
  });
});

/** The worker in a MessageChannel, as the client sees it. */
class ChannelWorker implements WorkerLike {
  private readonly channel = new MessageChannel();
  /** messages the worker received, by method */
  readonly calls: string[] = [];
  constructor() {
    const real = workerApi(api);
    const seen = new Proxy(real, {
      get: (t, k) => {
        const f = (t as unknown as Record<string | symbol, unknown>)[k];
        if (typeof f !== 'function') return f;
        return (...args: unknown[]) => {
          this.calls.push(k === 'answer' ? `answer:${String(args[0])}` : String(k));
          return (f as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
    expose(seen, this.channel.port2 as unknown as Parameters<typeof expose>[1]);
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.channel.port1.postMessage(message, (transfer ?? []) as never);
  }
  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type !== 'message') return;
    this.channel.port1.addEventListener('message', listener as never);
    this.channel.port1.start();
  }
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.channel.port1.removeEventListener('message', listener as never);
  }
  terminate(): void {
    this.channel.port1.close();
    this.channel.port2.close();
  }
}

describe('answers as deltas (through the client)', () => {
  let client: CoreClient | null = null;
  afterEach(() => {
    client?.dispose();
    client = null;
  });

  it('every call answers what the api answers, edit after edit; only ping goes as it is', async () => {
    const workers: ChannelWorker[] = [];
    client = createCoreClientCore({
      spawn: () => {
        const w = new ChannelWorker();
        workers.push(w);
        return w;
      },
      loadLocal: async () => api as CoreApi,
    });
    const d0 = machine(20);
    const d1 = edited(machine(20, 5), d0);
    const d2 = edited(machine(20, 11), d1);
    for (const d of [d0, d1, d2, d0]) {
      expect(await client.inspectWindow(d)).toEqual(api.inspectWindow(d));
      expect(await client.check(d)).toEqual(api.check(d));
      expect(await client.guestView(d, { firmware: null, kernel: '6.3+', ovmfBuild: null })).toEqual(
        api.guestView(d, { firmware: null, kernel: '6.3+', ovmfBuild: null }),
      );
    }
    // calls of one kind at once: each answer is still the api's
    const all = await Promise.all([d0, d1, d2, d1, d0].map((d) => client!.inspectWindow(d)));
    all.forEach((r, i) => expect(r).toEqual(api.inspectWindow([d0, d1, d2, d1, d0][i]!)));
    expect(await client.presetDocument('no-such-example')).toBeNull();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.calls.filter((c) => !c.startsWith('answer:') && c !== 'derive' && c !== 'ping')).toEqual([]);
    expect(workers[0]!.calls).toContain('answer:inspectWindow');
    // the unchanged parts of the inspection are the objects the client already held
    const a = await client.inspectWindow(d1);
    const b = await client.inspectWindow(d2);
    const same = b.inspection!.parts.filter((p, i) => p === a.inspection!.parts[i]).length;
    expect(same).toBeGreaterThanOrEqual(b.inspection!.parts.length - 4);
  });
});
