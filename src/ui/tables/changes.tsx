/**
 * What changed: after an edit, an undo or a redo, the table rows that changed (added, changed, removed) and the
 * words of the command line that changed, each shown for a moment, in words as well as in colour.
 *
 * Rows are compared by what they say (`sig`): a row saying the same as a row of the previous table is unchanged.
 * The rest are paired by what they stand for (`ident`, e.g. "the SRAT entry of sp-mem hbm0"): a pair is a changed
 * row, a new row alone is added, an old one alone removed. Linear in the number of rows (large designs).
 */
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';

/** how long the marks stay */
export const CHANGE_HOLD_MS = 6000;

export type RowMark = 'added' | 'changed';

export interface RowChanges<T> {
  marks: ReadonlyMap<number, RowMark>;
  /** rows no longer there, with the index of the row they stood before in the new table */
  removed: ReadonlyArray<{ before: number; entry: T }>;
}

const NONE: RowChanges<never> = { marks: new Map(), removed: [] };

/** Run `fn` once the page is idle (after the edit has been drawn); returns a cancel. */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const h = requestIdleCallback(fn, { timeout: 300 });
    return () => cancelIdleCallback(h);
  }
  const t = setTimeout(fn, 0);
  return () => clearTimeout(t);
}

export function diffRows<T>(prev: readonly T[], next: readonly T[], sig: (e: T) => string, ident: (e: T) => string): RowChanges<T> {
  // the core keeps the objects of unchanged entries from one result to the next: those need no comparing
  const at = new Map<T, number>();
  prev.forEach((e, i) => at.set(e, i));
  const prevUsed = new Uint8Array(prev.length);
  const rest: number[] = [];
  next.forEach((e, i) => {
    const j = at.get(e);
    if (j !== undefined && !prevUsed[j]) prevUsed[j] = 1;
    else rest.push(i);
  });
  const unmatched = new Map<string, number[]>();
  prev.forEach((e, i) => {
    if (prevUsed[i]) return;
    const k = sig(e);
    const l = unmatched.get(k);
    if (l) l.push(i);
    else unmatched.set(k, [i]);
  });
  const fresh: number[] = [];
  for (const i of rest) {
    const j = unmatched.get(sig(next[i]!))?.shift();
    if (j === undefined) fresh.push(i);
    else prevUsed[j] = 1;
  }
  const left = new Map<string, number[]>();
  prev.forEach((e, i) => {
    if (prevUsed[i]) return;
    const k = ident(e);
    const l = left.get(k);
    if (l) l.push(i);
    else left.set(k, [i]);
  });
  const marks = new Map<number, RowMark>();
  for (const i of fresh) {
    const j = left.get(ident(next[i]!))?.shift();
    if (j === undefined) marks.set(i, 'added');
    else {
      marks.set(i, 'changed');
      prevUsed[j] = 1;
    }
  }
  const removed: Array<{ before: number; entry: T }> = [];
  prev.forEach((e, i) => {
    if (!prevUsed[i]) removed.push({ before: Math.min(i, next.length), entry: e });
  });
  return { marks, removed };
}

/**
 * The changes of the last edit, undo or redo, for `CHANGE_HOLD_MS`. `rows` is null until there is a table to
 * show (the first table marks nothing).
 */
export function useRowChanges<T>(rows: readonly T[] | null, sig: (e: T) => string, ident: (e: T) => string): RowChanges<T> {
  const prev = useRef<readonly T[] | null>(null);
  const [changes, setChanges] = useState<RowChanges<T>>(NONE);
  useEffect(() => {
    const before = prev.current;
    if (!rows || rows === before) return;
    prev.current = rows;
    if (!before) return;
    let t: ReturnType<typeof setTimeout> | undefined;
    const cancel = whenIdle(() => {
      const d = diffRows(before, rows, sig, ident);
      if (d.marks.size === 0 && d.removed.length === 0) return;
      setChanges(d);
      t = setTimeout(() => setChanges(NONE), CHANGE_HOLD_MS);
    });
    return () => {
      cancel();
      clearTimeout(t);
    };
  }, [rows]);
  return changes;
}

/** The mark in a changed row's first cell: a word (read out, and not colour alone). */
export function RowMarkBadge({ mark }: { mark: RowMark | 'removed' | undefined }) {
  if (!mark) return null;
  return (
    <span className={`row-mark row-mark-${mark}`} data-testid="row-mark" data-mark={mark}>
      {mark === 'added' ? 'new' : mark}
    </span>
  );
}

/** "2 changed · 1 new · 1 removed" beside a table's title while its marks are shown. */
export function ChangesSummary({ changes, testId }: { changes: RowChanges<unknown>; testId: string }) {
  let added = 0;
  let changed = 0;
  for (const m of changes.marks.values()) m === 'added' ? added++ : changed++;
  const parts = [changed ? `${changed} changed` : '', added ? `${added} new` : '', changes.removed.length ? `${changes.removed.length} removed` : ''].filter(Boolean);
  return (
    <span className="changes-summary" role="status" data-testid={testId}>
      {parts.length ? `Just now: ${parts.join(' · ')}` : ''}
    </span>
  );
}

// ---------- the command line ----------

export interface OptionChange {
  /** the option, as `-device sp-mem,id=hbm0` (its flag and what names it) */
  option: string;
  added: string[];
  removed: string[];
}

/** The argv as options: a flag and its value (`-m 4G`), or a lone word (`value`: the value as written, '' for none). */
function options(args: readonly string[]): Array<{ flag: string; value: string }> {
  const out: Array<{ flag: string; value: string }> = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w.startsWith('-') && i + 1 < args.length && !args[i + 1]!.startsWith('-')) {
      out.push({ flag: w, value: args[i + 1]! });
      i++;
    } else out.push({ flag: w, value: '' });
  }
  return out;
}

const wordsOf = (o: { value: string }): string[] => (o.value ? o.value.split(',') : []);

/** What names an option among its kind: -device and -object their type, and an id= or nodeid= when it has one. */
function optionName(o: { flag: string; value: string }): string {
  const words = wordsOf(o);
  const id = words.find((w) => /^(id|nodeid)=/.test(w));
  const first = words[0];
  const kind = (o.flag === '-device' || o.flag === '-object') && first && !first.includes('=') ? first : '';
  return [o.flag, [kind, id].filter(Boolean).join(',')].filter(Boolean).join(' ');
}

/**
 * The words each option gained and lost, option by option, in the new command line's order. The options both
 * command lines start and end with alike are left out first: an edit changes a few options of thousands.
 */
export function diffCommandLine(prev: readonly string[], next: readonly string[]): OptionChange[] {
  let a = options(prev);
  let b = options(next);
  const same = (x: { flag: string; value: string }, y: { flag: string; value: string }) => x.flag === y.flag && x.value === y.value;
  let head = 0;
  while (head < a.length && head < b.length && same(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  a = a.slice(head, a.length - tail);
  b = b.slice(head, b.length - tail);
  const before = new Map<string, string[][]>();
  for (const o of a) {
    const k = optionName(o);
    const l = before.get(k);
    if (l) l.push(wordsOf(o));
    else before.set(k, [wordsOf(o)]);
  }
  const out: OptionChange[] = [];
  for (const o of b) {
    const k = optionName(o);
    const words = wordsOf(o);
    const old = before.get(k)?.shift();
    if (!old) {
      out.push({ option: k, added: words.length ? words : [o.flag], removed: [] });
      continue;
    }
    const left = [...old];
    const added: string[] = [];
    for (const w of words) {
      const j = left.indexOf(w);
      if (j >= 0) left.splice(j, 1);
      else added.push(w);
    }
    if (added.length || left.length) out.push({ option: k, added, removed: left });
  }
  for (const [k, rest] of before) for (const words of rest) out.push({ option: k, added: [], removed: words.length ? words : [k] });
  return out;
}

interface CommandLineChangeState {
  changes: OptionChange[];
  at: number;
  record(prev: readonly string[], next: readonly string[]): void;
}

/** The last change of the command line (kept here so that a panel opened later shows it too). */
export const useCommandLineChange = create<CommandLineChangeState>()((set) => ({
  changes: [],
  at: 0,
  record: (prev, next) => set({ changes: diffCommandLine(prev, next), at: Date.now() }),
}));

/** Record each change of `args` (the first argv records nothing). */
export function useRecordCommandLine(args: readonly string[]): void {
  const prev = useRef<readonly string[] | null>(null);
  useEffect(() => {
    if (args.length === 0) return;
    const before = prev.current;
    prev.current = args;
    if (!before || before === args) return;
    return whenIdle(() => {
      if (before.length !== args.length || before.some((w, i) => w !== args[i])) useCommandLineChange.getState().record(before, args);
    });
  }, [args]);
}

/** The words of the command line the last change added and removed; `hold`: shown that long (ms), else until the next change. */
export function CommandLineChange({ hold }: { hold?: number }) {
  const { changes, at } = useCommandLineChange();
  const [, expire] = useState(0);
  useEffect(() => {
    if (!hold || !at) return;
    const t = setTimeout(() => expire((n) => n + 1), Math.max(0, at + hold - Date.now()));
    return () => clearTimeout(t);
  }, [at, hold]);
  if (changes.length === 0 || (hold && Date.now() - at >= hold)) return null;
  return (
    <div className="cmd-change" role="status" data-testid="cmdline-change">
      <span className="cmd-change-title">Command line just now:</span>
      {changes.map((c, i) => (
        <span key={i} className="cmd-change-option" data-testid="cmdline-change-option">
          <code className="mono">{c.option}</code>
          {c.removed.map((w, k) => (
            <del key={`r${k}`} className="mono" data-testid="cmdline-removed">
              <span className="sr-only">removed </span>− {w}
            </del>
          ))}
          {c.added.map((w, k) => (
            <ins key={`a${k}`} className="mono" data-testid="cmdline-added">
              <span className="sr-only">added </span>+ {w}
            </ins>
          ))}
        </span>
      ))}
    </div>
  );
}
