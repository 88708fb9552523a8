/** The stand-ins for the map's on-demand pointer controllers: calls before the chunk is there wait, in order. */
import { describe, expect, it } from 'vitest';
import { deferred, loadInteractions } from './lazy.ts';

interface Recorder {
  a(x: number): void;
  b(): void;
}

describe('deferred', () => {
  it('replays the calls made before the chunk loaded, in order, then calls straight through', async () => {
    const calls: string[] = [];
    let made = 0;
    const r = deferred<Recorder>(
      () => {
        made++;
        return { a: (x) => calls.push(`a${x}`), b: () => calls.push('b') };
      },
      ['a', 'b'],
    );
    r.a(1);
    r.b();
    r.a(2);
    expect(calls).toEqual([]);
    const m = await loadInteractions();
    await Promise.resolve();
    expect(typeof m.createD3ZoomController).toBe('function');
    expect(calls).toEqual(['a1', 'b', 'a2']);
    r.b();
    expect(calls).toEqual(['a1', 'b', 'a2', 'b']);
    expect(made).toBe(1);
  });

  it('loads the chunk once', async () => {
    expect(loadInteractions()).toBe(loadInteractions());
    await loadInteractions();
  });
});
