import { describe, expect, it } from 'vitest';
import { createLatestRunner } from './latest.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('latest-wins runner', () => {
  it('runs one call at a time and keeps only the newest waiting request', async () => {
    const started: number[] = [];
    const gates = new Map<number, ReturnType<typeof deferred<number>>>();
    const runner = createLatestRunner<number, number>((n) => {
      started.push(n);
      const d = deferred<number>();
      gates.set(n, d);
      return d.promise;
    });
    const p1 = runner.submit(1);
    const p2 = runner.submit(2);
    const p3 = runner.submit(3);
    expect(started).toEqual([1]);
    expect(await p2).toEqual({ status: 'superseded' });
    gates.get(1)!.resolve(10);
    expect(await p1).toEqual({ status: 'done', output: 10 });
    await Promise.resolve();
    expect(started).toEqual([1, 3]);
    gates.get(3)!.resolve(30);
    expect(await p3).toEqual({ status: 'done', output: 30 });
    expect(runner.busy()).toBe(false);
  });

  it('reports a failing call and goes on', async () => {
    let n = 0;
    const runner = createLatestRunner<number, number>(async (x) => {
      n++;
      if (x === 0) throw new Error('boom');
      return x;
    });
    const a = await runner.submit(0);
    expect(a.status).toBe('failed');
    expect(await runner.submit(5)).toEqual({ status: 'done', output: 5 });
    expect(n).toBe(2);
  });
});
