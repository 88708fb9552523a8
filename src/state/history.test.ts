import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, recordEdit, redo, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = createHistory<string>();
    let cur = 'a';
    h = recordEdit(h, cur);
    cur = 'b';
    h = recordEdit(h, cur);
    cur = 'c';
    expect(canUndo(h)).toBe(true);
    let r = undo(h, cur)!;
    expect(r.value).toBe('b');
    h = r.history;
    cur = r.value;
    r = undo(h, cur)!;
    expect(r.value).toBe('a');
    h = r.history;
    cur = r.value;
    expect(undo(h, cur)).toBeNull();
    expect(canRedo(h)).toBe(true);
    r = redo(h, cur)!;
    expect(r.value).toBe('b');
    h = r.history;
    cur = r.value;
    r = redo(h, cur)!;
    expect(r.value).toBe('c');
    expect(redo(r.history, r.value)).toBeNull();
  });

  it('drops the redo branch on a new edit', () => {
    let h = createHistory<number>();
    h = recordEdit(h, 1);
    const r = undo(h, 2)!;
    h = recordEdit(r.history, r.value);
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual([1]);
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    let h = createHistory<number>(3);
    for (let i = 0; i < 5; i++) h = recordEdit(h, i);
    expect(h.past).toEqual([2, 3, 4]);
  });
});
