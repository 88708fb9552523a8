/**
 * Results of `derive` sent to the client as deltas. The worker keeps the last Derived it sent (with a sequence
 * number); the next one goes as a patch against it: only the fields that differ, and for arrays (devices, SRAT
 * entries, E820, …) only the elements that differ, by index. The client keeps the last few it received and
 * rebuilds the full result from the base, reusing every unchanged object of the base (so memoised views of
 * unchanged devices stay as they are, and the structured clone of a result is a few elements, not hundreds of
 * objects holding bigints). A client that does not hold the base asks again for the whole result.
 */
import type { Derived } from './api.ts';

/** A change to a value: replace it, patch an object's fields, or patch an array's elements. */
export type Patch =
  | { t: 'v'; v: unknown }
  | { t: 'o'; set: Record<string, Patch> }
  | { t: 'a'; n: number; set: Array<[number, unknown]> };

export type DerivedWire =
  /** the whole result */
  | { seq: number; full: Derived }
  /** the result sent under `base` with `patch` (null: unchanged) */
  | { seq: number; base: number; patch: Patch | null };

/** No sequence number the worker ever sends (asks for the whole result). */
export const NO_BASE = -1;

const isPlainObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && x.constructor === Object;

/** Equality of plain data (objects, arrays, typed arrays, bigint and the other primitives). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || a.constructor !== b.constructor) return false;
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

/** Worker side: encodes each result against the last one sent, when the client says it holds that one. */
export class ResultSender {
  private seq = 0;
  private last: { seq: number; derived: Derived } | null = null;

  /** `held`: the sequence number of the result the client holds (NO_BASE: none) */
  encode(derived: Derived, held: number): DerivedWire {
    const base = this.last;
    const seq = ++this.seq;
    this.last = { seq, derived };
    if (!base || base.seq !== held) return { seq, full: derived };
    return { seq, base: base.seq, patch: diffValue(base.derived, derived) };
  }
}

/** Client side: the last few results received, by sequence number. */
export class ResultReceiver {
  private readonly results = new Map<number, Derived>();
  private latest = NO_BASE;

  /** the sequence number to tell the worker (the latest result received) */
  held(): number {
    return this.latest;
  }

  /** the full result, or null when the base is not held (ask again with NO_BASE) */
  decode(wire: DerivedWire): Derived | null {
    let derived: Derived;
    if ('full' in wire) {
      derived = wire.full;
    } else {
      const base = this.results.get(wire.base);
      if (!base) return null;
      derived = applyPatch(base, wire.patch);
    }
    this.results.set(wire.seq, derived);
    this.latest = wire.seq;
    if (this.results.size > 2) this.results.delete(this.results.keys().next().value!);
    return derived;
  }
}
