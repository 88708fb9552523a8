/**
 * The Export panel: the current design in the format last exported (or picked here), kept up to date as the
 * design changes, with Copy, Download for file formats, and a wide view. When QEMU refuses the design, the
 * formats that need its tables show QEMU's message instead. Text only: nothing here is rendered as HTML.
 */
import { useEffect, useRef, useState } from 'react';
import { QEMU_PROGRAM } from '../format.ts';
import { copyText, downloadFile } from '../io/browser-files.ts';
import { EXPORT_FORMATS, EXPORT_INFO, type ExportFormat, type ExportOutcome } from '../../core/io/index.ts';
import { useIo, useIoApi } from '../io/io-store.ts';
import { useLiveExport } from '../io/useExport.ts';
import { ExportHostAccess, HOST_ACCESS_NOTE } from '../io/ExportHostAccess.tsx';
import '../io/io.css';

function byteSize(data: Uint8Array | string): number {
  return typeof data === 'string' ? new TextEncoder().encode(data).length : data.length;
}

function refusalText(outcome: Extract<ExportOutcome, { ok: false }>): string {
  const title = EXPORT_INFO[outcome.format].title;
  return outcome.refusedByQemu
    ? `QEMU refuses this design, so there is no ${title} to export:\n\n${QEMU_PROGRAM}: ${outcome.message}\n\nThe JSON argv and the saved design (JSON) export it as written.`
    : outcome.message;
}

/** Copy, Download and (in the panel) Expand for an outcome. */
function Actions({ outcome, onExpand }: { outcome: ExportOutcome | null; onExpand?: () => void }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(t);
  }, [copied]);
  const copy = async () => {
    if (outcome?.ok) setCopied((await copyText(outcome.text)) ? 'ok' : 'failed');
  };
  const file = outcome?.ok ? outcome.file : null;
  return (
    <span className="export-actions">
      <button type="button" data-testid={onExpand ? 'export-copy' : undefined} disabled={!outcome?.ok} onClick={() => void copy()} title="Copy the text to the clipboard">
        {copied === 'ok' ? 'Copied' : copied === 'failed' ? 'Copy blocked' : 'Copy'}
      </button>
      {file ? (
        <button type="button" data-testid={onExpand ? 'export-download' : 'export-wide-download'} onClick={() => downloadFile(file)} title={`Download ${file.name}`}>
          Download
        </button>
      ) : null}
      {onExpand ? (
        <button type="button" data-testid="export-expand" disabled={!outcome} onClick={onExpand} title="Show the whole text in a wide view">
          Expand
        </button>
      ) : null}
    </span>
  );
}

/**
 * The command that checks the design against the user's own QEMU (the CLI's `verify`), under the command line
 * formats: folded, with its own Copy.
 */
function VerifyCommand({ outcome }: { outcome: ExportOutcome | null }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const text = outcome?.ok ? outcome.verify : undefined;
  if (!text) return null;
  return (
    <details className="export-verify" data-testid="export-verify">
      <summary>Check it against your own QEMU</summary>
      <p className="muted">
        Run from a clone of this project (its README sets it up): your <span className="mono">{QEMU_PROGRAM}</span> starts on the design,
        paused and without a guest, and its SRAT, SLIT, HMAT, etc/e820 and memory devices are compared with the designer&rsquo;s. Exit
        status 0: identical, 1: different, 2: QEMU refused the design. For another binary, put <span className="mono">--qemu PATH</span>{' '}
        before the second <span className="mono">--</span>.
      </p>
      <pre className="export-output mono" data-testid="export-verify-command" role="region" tabIndex={0} aria-label="verify command">
        {text}
      </pre>
      <button type="button" data-testid="export-verify-copy" onClick={() => void copyText(text).then((ok) => setCopied(ok ? 'ok' : 'failed'))}>
        {copied === 'ok' ? 'Copied' : copied === 'failed' ? 'Copy blocked' : 'Copy command'}
      </button>
    </details>
  );
}

function FileFacts({ outcome, updating }: { outcome: ExportOutcome | null; updating: boolean }) {
  return (
    <>
      {outcome?.ok && outcome.file ? (
        <span className="muted mono">
          {outcome.file.name} · {byteSize(outcome.file.data)} B
        </span>
      ) : null}
      {updating ? <span className="muted">updating…</span> : null}
    </>
  );
}

function Notes({ outcome, testId }: { outcome: ExportOutcome | null; testId: string }) {
  // (the options that reach the host are flagged on their own, above: ExportHostAccess)
  const notes = outcome?.ok ? outcome.notes.filter((n) => !n.startsWith(HOST_ACCESS_NOTE)) : [];
  if (!outcome?.ok || notes.length === 0) return null;
  return (
    <ul className="export-notes" data-testid={testId}>
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
}

function Output({ outcome, testId, className = '' }: { outcome: ExportOutcome | null; testId: string; className?: string }) {
  if (outcome === null) {
    return (
      <pre className={`export-output mono pending ${className}`} data-testid={testId} data-state="pending" aria-busy="true">
        computing…
      </pre>
    );
  }
  if (!outcome.ok) {
    return (
      <pre className={`export-output mono refused ${className}`} data-testid={testId} data-state="refused" data-format={outcome.format} role="alert">
        {refusalText(outcome)}
      </pre>
    );
  }
  return (
    <pre
      className={`export-output mono ${className}`}
      data-testid={testId}
      data-state="ok"
      data-format={outcome.format}
      role="region"
      tabIndex={0}
      aria-label={EXPORT_INFO[outcome.format].title}
    >
      {outcome.text}
    </pre>
  );
}

function WideView({ open, onClose, outcome, updating, format }: { open: boolean; onClose: () => void; outcome: ExportOutcome | null; updating: boolean; format: ExportFormat }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="modal export-wide" aria-label={EXPORT_INFO[format].title} onClose={onClose} data-testid="export-wide">
      <header className="modal-head">
        <h2>{EXPORT_INFO[format].title}</h2>
        <span className="export-wide-facts">
          <FileFacts outcome={outcome} updating={updating} />
        </span>
        <Actions outcome={outcome} />
        <button type="button" className="link" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {open ? (
        <div className="export-wide-body">
          <ExportHostAccess outcome={outcome} testId="export-host-access-wide" />
          <Notes outcome={outcome} testId="export-notes-wide" />
          <Output outcome={outcome} testId="export-output-wide" className="wide" />
        </div>
      ) : null}
    </dialog>
  );
}

export function ExportPanel() {
  const io = useIoApi();
  const format = useIo((s) => s.exportFormat) ?? 'qemu';
  const { outcome, updating } = useLiveExport(format);
  const [wide, setWide] = useState(false);

  return (
    <div className="export-panel" data-testid="export-panel">
      {/* one Tab stop (the chosen format); the arrows choose the next or previous one, as in any radio group */}
      <div
        className="export-formats"
        role="radiogroup"
        aria-label="Export format"
        onKeyDown={(e) => {
          const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
          if (!step) return;
          e.preventDefault();
          const next = EXPORT_FORMATS[(EXPORT_FORMATS.indexOf(format) + step + EXPORT_FORMATS.length) % EXPORT_FORMATS.length]!;
          io.getState().showExport(next);
          e.currentTarget.querySelector<HTMLElement>(`[data-testid="export-view-${next}"]`)?.focus();
        }}
      >
        {EXPORT_FORMATS.map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            tabIndex={f === format ? 0 : -1}
            aria-checked={f === format}
            className={f === format ? 'active' : ''}
            title={EXPORT_INFO[f].title}
            data-testid={`export-view-${f}`}
            onClick={() => io.getState().showExport(f)}
          >
            {EXPORT_INFO[f].label}
          </button>
        ))}
      </div>
      <ExportHostAccess outcome={outcome} />
      <div className="export-head">
        <span className="export-title">{EXPORT_INFO[format].title}</span>
        <FileFacts outcome={outcome} updating={updating} />
        <Actions outcome={outcome} onExpand={() => setWide(true)} />
      </div>
      <Notes outcome={outcome} testId="export-notes" />
      <Output outcome={outcome} testId="export-output" />
      <VerifyCommand outcome={outcome} />
      <WideView open={wide} onClose={() => setWide(false)} outcome={outcome} updating={updating} format={format} />
    </div>
  );
}
