/**
 * Documents sent to the worker as deltas. The store keeps unchanged option objects identical from one revision
 * to the next, so the client sends only the options that are not the very objects it sent last time (by index,
 * with a sequence number); the worker rebuilds the document from the one it kept under the base sequence, with
 * its own (interned) option objects in the unchanged places. When the worker no longer knows the base it answers
 * MISSING_BASE and the client sends the whole document.
 */
import type { ConfigDocument, DocOption } from '../core/document/index.ts';
import { internDocument } from './intern.ts';

export type DocRef =
  /** the whole document */
  | { seq: number; doc: ConfigDocument }
  /** exactly the document sent under `seq` */
  | { seq: number; same: true }
  /** the document under `base` with `changes` (index, option) and `length` options */
  | {
      seq: number;
      base: number;
      name: string;
      format: ConfigDocument['format'];
      version: ConfigDocument['version'];
      length: number;
      changes: Array<[number, DocOption]>;
    };

/** The worker's answer when it cannot rebuild a document from a delta. */
export const MISSING_BASE = 'memory-map-designer:missing-base-document';
export type MissingBase = typeof MISSING_BASE;

/** Client side: encodes each document against the previous one sent. */
export class DocSender {
  private seq = 0;
  private last: ConfigDocument | null = null;

  encode(doc: ConfigDocument): DocRef {
    const base = this.last;
    if (base === doc) return { seq: this.seq, same: true };
    const baseSeq = this.seq;
    const seq = ++this.seq;
    this.last = doc;
    if (!base) return { seq, doc };
    const changes: Array<[number, DocOption]> = [];
    const n = doc.options.length;
    for (let i = 0; i < n; i++) {
      const o = doc.options[i]!;
      if (o !== base.options[i]) changes.push([i, o]);
    }
    if (changes.length * 2 > n) return { seq, doc };
    return { seq, base: baseSeq, name: doc.name, format: doc.format, version: doc.version, length: n, changes };
  }

  /** the whole document (after MISSING_BASE) */
  full(doc: ConfigDocument): DocRef {
    const seq = ++this.seq;
    this.last = doc;
    return { seq, doc };
  }
}

/** Worker side: the last few documents by sequence number. */
export class DocStore {
  private readonly docs = new Map<number, ConfigDocument>();

  constructor(private readonly keep = 4) {}

  resolve(ref: DocRef): ConfigDocument | null {
    if ('same' in ref) return this.docs.get(ref.seq) ?? null;
    let doc: ConfigDocument;
    if ('doc' in ref) {
      doc = internDocument(ref.doc);
    } else {
      const base = this.docs.get(ref.base);
      if (!base) return null;
      const options: DocOption[] = base.options.slice(0, ref.length);
      for (const [i, o] of ref.changes) options[i] = o;
      if (options.length !== ref.length || options.includes(undefined as unknown as DocOption)) return null;
      doc = { format: ref.format, version: ref.version, name: ref.name, options };
    }
    this.docs.set(ref.seq, doc);
    if (this.docs.size > this.keep) this.docs.delete(this.docs.keys().next().value!);
    return doc;
  }
}
