/**
 * Where a statement comes from: its confidence (read in source, seen on a running guest, or inferred) and its
 * sources (a Linux or QEMU file and function, a review thread, an observation), one click away.
 */
import { useId, useState, type ReactNode } from 'react';
import type { Confidence, SourceRef, Statement } from '../../core/guest/index.ts';

const KIND_LABEL: Record<SourceRef['kind'], string> = {
  linux: 'Linux',
  qemu: 'QEMU',
  seabios: 'SeaBIOS',
  edk2: 'edk2',
  seed: 'review thread',
  doc: 'project doc',
  observed: 'observed',
};

const CONFIDENCE_TITLE: Record<Confidence, string> = {
  documented: 'read in source code or documentation',
  observed: 'seen on a running guest (QEMU 11.1.3)',
  inferred: 'derived from the sources, not seen on a running guest',
};

const PATH = /^[\w.-]+(\/[\w.-]+)+$/;

/** A public address for a source, when there is one. */
export function sourceUrl(s: SourceRef): string | null {
  switch (s.kind) {
    case 'linux':
      return PATH.test(s.ref) ? `https://github.com/torvalds/linux/blob/master/${s.ref}` : null;
    case 'qemu':
      return PATH.test(s.ref) ? `https://gitlab.com/qemu-project/qemu/-/blob/master/${s.ref}` : null;
    case 'seabios':
      return PATH.test(s.ref) ? `https://github.com/coreboot/seabios/blob/master/${s.ref}` : null;
    case 'edk2': {
      const pr = /PR #(\d+)/.exec(s.ref);
      return pr ? `https://github.com/tianocore/edk2/pull/${pr[1]}` : null;
    }
    default:
      return null;
  }
}

/** The place a source names, as a reader would look it up. */
export function sourcePlace(s: SourceRef): string {
  if (s.kind === 'seed') return `shared/seeds/${s.ref}`;
  return s.ref;
}

export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  return (
    <span className={`conf conf-${confidence}`} title={CONFIDENCE_TITLE[confidence]}>
      {confidence}
    </span>
  );
}

export function SourceList({ sources, id }: { sources: readonly SourceRef[]; id?: string }) {
  return (
    <ul className="source-list" id={id}>
      {sources.map((s, i) => {
        const url = sourceUrl(s);
        const place = sourcePlace(s);
        return (
          <li key={i}>
            <span className={`src-kind src-${s.kind}`}>{KIND_LABEL[s.kind]}</span>
            {url ? (
              <a className="mono" href={url} target="_blank" rel="noreferrer">
                {place}
              </a>
            ) : (
              <span className={s.kind === 'observed' ? '' : 'mono'}>{place}</span>
            )}
            {s.detail ? <span className="src-detail"> — {s.detail}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** A "sources (n)" toggle and, when open, the list. */
export function Sources({ sources, label = 'sources' }: { sources: readonly SourceRef[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (sources.length === 0) return null;
  return (
    <>
      <button type="button" className="src-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {label} ({sources.length})
      </button>
      {open ? <SourceList sources={sources} id={id} /> : null}
    </>
  );
}

/** A statement with its confidence and its sources. */
export function StatementView({ s, lead, className }: { s: Statement; lead?: ReactNode; className?: string }) {
  return (
    <div className={`stmt${className ? ` ${className}` : ''}`}>
      {lead}
      <span className="stmt-text">{s.text}</span> <ConfidenceBadge confidence={s.confidence} /> <Sources sources={s.sources} />
    </div>
  );
}
