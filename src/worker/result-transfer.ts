/**
 * Results of the worker's calls sent to the client as deltas (`derive`, and every other call but `ping`, each
 * call with its own sequence, worker-api.ts). The worker keeps the last few results of a call it sent (with
 * sequence numbers); the next one goes as a patch against the one the client says it holds: only the fields
 * that differ, and for arrays (devices, SRAT entries, E820, window parts, placements, …) only the elements that
 * differ, by index. The client keeps the last few it received and rebuilds the full result from the base,
 * reusing every unchanged object of the base (so memoised views of unchanged devices stay as they are, and the
 * structured clone the main thread reads is a few elements, not thousands of objects holding bigints). A client
 * that does not hold the base asks again for the whole result.
 */
import type { Derived } from './api.ts';

/** A change to a value: replace it, patch an object's fields, or patch an array's elements. */
export type Patch =
  | { t: 'v'; v: unknown }
  | { t: 'o'; set: Record<string, Patch> }
  | { t: 'a'; n: number; set: Array<[number, unknown]> };

export type ResultWire<T> =
  /** the whole result */
  | { seq: number; full: T }
  /** the result sent under `base` with `patch` (null: unchanged) */
  | { seq: number; base: number; patch: Patch | null };

export type DerivedWire = ResultWire<Derived>;

/** No sequence number the worker ever sends (asks for the whole result). */
export const NO_BASE = -1;

const isPlainObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && x.constructor === Object;

/**
 * Equality of plain data (objects, arrays, typed arrays, bigint and the other primitives). Any other object (a
 * Map, a Set, a Date, …) equals only itself: its contents are not compared, so it is sent whole.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || a.constructor !== b.constructor) return false;
  if (!Array.isArray(a) && !ArrayBuffer.isView(a) && !isPlainObject(a)) return false;
  if (Array.isArray(a) || ArrayBuffer.isView(a)) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!(k in b) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** The patch that turns `prev` into a value equal to `next`; null when they are equal. */
export function diffValue(prev: unknown, next: unknown): Patch | null {
  if (sameValue(prev, next)) return null;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const set: Array<[number, unknown]> = [];
    next.forEach((v, i) => {
      if (!sameValue(prev[i], v)) set.push([i, v]);
    });
    // mostly new: the whole array is as small
    return set.length * 2 > next.length ? { t: 'v', v: next } : { t: 'a', n: next.length, set };
  }
  // (an object that lost fields is sent whole)
  if (isPlainObject(prev) && isPlainObject(next) && Object.keys(prev).every((k) => k in next)) {
    const set: Record<string, Patch> = {};
    for (const k in next) {
      const p = k in prev ? diffValue(prev[k], next[k]) : { t: 'v' as const, v: next[k] };
      if (p) set[k] = p;
    }
    return { t: 'o', set };
  }
  return { t: 'v', v: next };
}

/** `prev` with `patch` applied (a patch made against `prev`): unchanged parts are the very objects of `prev`. */
export function applyPatch<T>(prev: T, patch: Patch | null): T {
  if (!patch) return prev;
  if (patch.t === 'v') return patch.v as T;
  if (patch.t === 'a') {
    const out = (prev as unknown[]).slice(0, patch.n);
    for (const [i, v] of patch.set) out[i] = v;
    return out as T;
  }
  const from = prev as Record<string, unknown>;
  const out = { ...from };
  for (const k in patch.set) out[k] = applyPatch(from[k], patch.set[k]!);
  return out as T;
}

/** How many results of a call each side keeps (calls of one kind may overlap: a patch may name an older base). */
const KEEP = 3;

/**
 * Worker side: encodes each result against the one the client says it holds, when that is one of the last few
 * sent; otherwise the whole result.
 */
export class ResultSender<T = Derived> {
  private seq = 0;
  private readonly sent = new Map<number, T>();

  /** `held`: the sequence number of the result the client holds (NO_BASE: none) */
  encode(result: T, held: number): ResultWire<T> {
    const known = held !== NO_BASE && this.sent.has(held);
    const base = known ? this.sent.get(held) : undefined;
    const seq = ++this.seq;
    this.sent.set(seq, result);
    if (this.sent.size > KEEP) this.sent.delete(this.sent.keys().next().value!);
    if (!known) return { seq, full: result };
    return { seq, base: held, patch: diffValue(base, result) };
  }
}

/** Client side: the last few results received, by sequence number. */
export class ResultReceiver<T = Derived> {
  private readonly results = new Map<number, T>();
  private latest = NO_BASE;

  /** the sequence number to tell the worker (the latest result received) */
  held(): number {
    return this.latest;
  }

  /** the full result, or null when the base is not held (ask again with NO_BASE) */
  decode(wire: ResultWire<T>): T | null {
    return this.open(wire)?.value ?? null;
  }

  /** the full result (which may itself be null), or null when the base is not held (ask again with NO_BASE) */
  open(wire: ResultWire<T>): { value: T } | null {
    let result: T;
    if ('full' in wire) {
      result = wire.full;
    } else {
      if (!this.results.has(wire.base)) return null;
      result = applyPatch(this.results.get(wire.base) as T, wire.patch);
    }
    this.results.set(wire.seq, result);
    if (wire.seq > this.latest) this.latest = wire.seq;
    if (this.results.size > KEEP) this.results.delete(this.results.keys().next().value!);
    return { value: result };
  }
}
