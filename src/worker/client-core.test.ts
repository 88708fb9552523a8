/**
 * The client and a worker that dies: a fake worker (the real api over a MessageChannel) that can crash silently
 * (as a terminated or crashed worker does: no event, no answer) or fail with an 'error' event. The client must
 * notice, restart it, say so in its status, and answer the calls under way from the new worker.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { api, type CoreApi } from './api.ts';
import { createCoreClientCore, type CoreClient, type CoreStatus, type WorkerLike } from './client-core.ts';
import { workerApi } from './worker-api.ts';

class FakeWorker implements WorkerLike {
  private readonly channel = new MessageChannel();
  private readonly errorListeners = new Set<(e: unknown) => void>();
  dead = false;
  /** a worker that never answers (hangs in a call) */
  hung = false;

  constructor() {
    const port = this.channel.port2;
    const real = workerApi(api);
    // the worker side: the api, unless dead or hung
    const guarded = new Proxy(real, {
      get: (t, k) => {
        const f = (t as unknown as Record<string | symbol, unknown>)[k];
        if (typeof f !== 'function') return f;
        return (...args: unknown[]) => (this.hung ? new Promise(() => {}) : (f as (...a: unknown[]) => unknown)(...args));
      },
    });
    expose(guarded, port as unknown as Parameters<typeof expose>[1]);
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (this.dead) return;
    this.channel.port1.postMessage(message, (transfer ?? []) as never);
  }

  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type === 'message') {
      this.channel.port1.addEventListener('message', listener as never);
      this.channel.port1.start();
    } else if (type === 'error') {
      this.errorListeners.add(listener as (e: unknown) => void);
    }
  }

  removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.channel.port1.removeEventListener('message', listener as never);
  }

  terminate(): void {
    this.dead = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }

  /** crash: stop answering, no event (what a killed or crashed worker looks like from the page) */
  crash(): void {
    this.dead = true;
  }

  fail(message: string): void {
    for (const l of this.errorListeners) l({ message });
  }
}

const doc = (mem: string) => {
  const r = parseQemuArgs(['-machine', 'q35', '-m', mem], 'x');
  if (!r.ok) throw new Error('bad test line');
  return r.doc;
};

let client: CoreClient | null = null;
afterEach(() => {
  client?.dispose();
  client = null;
});

function setup() {
  const workers: FakeWorker[] = [];
  let localLoads = 0;
  const statuses: CoreStatus[] = [];
  client = createCoreClientCore({
    spawn: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    loadLocal: async () => {
      localLoads++;
      return api as CoreApi;
    },
    startTimeoutMs: 2000,
    stuckMs: 150,
    pingTimeoutMs: 150,
  });
  client.subscribe((s) => statuses.push(s));
  return { client, workers, statuses, localLoads: () => localLoads };
}

const ramSize = async (c: CoreClient, mem: string) => (await c.derive(doc(mem))).result.layout!.ram.ramSize;

describe('a worker that dies is noticed and restarted', () => {
  it('a silent crash: the call under way is answered by a new worker, and the status says so', async () => {
    const { client, workers, statuses, localLoads } = setup();
    expect(await ramSize(client, '1G')).toBe(1n << 30n);
    expect(client.status()).toEqual({ engine: 'worker', state: 'ok', restarts: 0, message: null });

    workers[0]!.crash();
    const t0 = Date.now();
    // the result of a new document arrives all the same, recomputed by the second worker
    expect(await ramSize(client, '2G')).toBe(2n << 30n);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(workers).toHaveLength(2);
    expect(workers[0]!.dead).toBe(true);
    expect(client.engine()).toBe('worker');
    expect(client.status().state).toBe('restarted');
    expect(client.status().restarts).toBe(1);
    expect(client.status().message).toMatch(/^The core worker stopped answering .* and was restarted; the results were computed again\.$/);
    expect(statuses.at(-1)).toEqual(client.status());
    expect(localLoads()).toBe(0);
    // and it keeps working (documents go as deltas to the new worker again)
    expect(await ramSize(client, '3G')).toBe(3n << 30n);
  });

  it('a stuck call (the worker hangs): restarted, the call answered', async () => {
    const { client, workers } = setup();
    expect(await ramSize(client, '1G')).toBe(1n << 30n);
    workers[0]!.hung = true;
    expect(await ramSize(client, '4G')).toBe(4n << 30n);
    expect(workers).toHaveLength(2);
    expect(client.status().state).toBe('restarted');
  });

  it("an 'error' event after it has worked: restarted; before its first answer: the main thread", async () => {
    const { client, workers } = setup();
    expect(await ramSize(client, '1G')).toBe(1n << 30n);
    const pending = ramSize(client, '5G');
    workers[0]!.fail('out of memory');
    expect(await pending).toBe(5n << 30n);
    expect(client.status().message).toContain('stopped with an error (out of memory)');
    expect(client.engine()).toBe('worker');

    // a worker that fails before it ever answered cannot run here
    const broken = createCoreClientCore({
      spawn: () => {
        const w = new FakeWorker();
        queueMicrotask(() => w.fail('bad script'));
        return w;
      },
      loadLocal: async () => api as CoreApi,
    });
    try {
      expect(await ramSize(broken, '6G')).toBe(6n << 30n);
      expect(broken.engine()).toBe('main-thread');
      expect(broken.status().state).toBe('main-thread');
    } finally {
      broken.dispose();
    }
  });

  it('a worker that keeps dying is given up for the main thread', async () => {
    const { client, workers, localLoads } = setup();
    expect(await ramSize(client, '1G')).toBe(1n << 30n);
    for (let i = 0; i < 4; i++) {
      workers.at(-1)!.crash();
      expect(await ramSize(client, `${i + 2}G`)).toBe(BigInt(i + 2) << 30n);
    }
    expect(client.engine()).toBe('main-thread');
    expect(client.status().message).toMatch(/stopped 4 times within a minute/);
    expect(localLoads()).toBe(1);
  });
});
