/**
 * The import dialog: paste (or drop a file holding) a QEMU command line, a JSON argv, a saved design or a share
 * link. A refusal says what and where, puts the caret on it, and leaves the current design exactly as it was; an
 * accepted import replaces the design as one undoable step and reports its notes.
 */
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useDesignerApi } from '../../state/store.ts';
import { readTextFile } from './browser-files.ts';
import { applyDocument } from './DocumentIo.tsx';
import { useCoreClient } from '../core-client-context.ts';
import { detectImportKind, IMPORT_KIND_LABEL, offsetOf, type AnyImportResult } from './import-kind.ts';
import { useIo, useIoApi, type IoStore } from './io-store.ts';
import type { DesignerStore } from '../../state/store.ts';
import './io.css';

/** Apply an accepted import and report it in the toolbar's messages. */
export function reportImport(store: DesignerStore, io: IoStore, r: Extract<AnyImportResult, { ok: true }>, from?: string): void {
  applyDocument(store, r.doc, from ? `the file ${from}` : 'an import');
  const n = r.doc.options.length;
  const source = from ? `${from} (${IMPORT_KIND_LABEL[r.kind]})` : `a ${IMPORT_KIND_LABEL[r.kind]}`;
  io.getState().post({
    tone: 'info',
    text: `Imported ${source}: “${r.doc.name}”, ${n} option${n === 1 ? '' : 's'}. Undo (Ctrl+Z) returns to the previous design.`,
    notes: r.notes,
    testId: 'import-notes',
  });
}

/** Where a 1-based line and column point in `text`, and the end of the word there. */
function wordRange(text: string, line: number, column: number): [number, number] {
  const start = offsetOf(text, line, column);
  let end = start;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return [start, Math.max(end, Math.min(start + 1, text.length))];
}

export function ImportDialog() {
  const store = useDesignerApi();
  const io = useIoApi();
  const client = useCoreClient();
  const state = useIo((s) => s.importDialog);
  const ref = useRef<HTMLDialogElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<{ message: string; line?: number; column?: number } | null>(null);
  const [dragOver, setDragOver] = useState(false);

  // a new opening starts from what it was opened with
  useEffect(() => {
    if (!state.open) return;
    setText(state.text);
    setError(state.error);
  }, [state.session, state.open, state.text, state.error]);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (state.open && !d.open) {
      d.showModal();
      textRef.current?.focus();
    } else if (!state.open && d.open) d.close();
  }, [state.open]);

  // point at the problem
  useEffect(() => {
    const ta = textRef.current;
    if (!ta || !error || error.line === undefined || error.column === undefined) return;
    const [a, b] = wordRange(ta.value, error.line, error.column);
    ta.focus();
    ta.setSelectionRange(a, b);
  }, [error]);

  const kind = useMemo(() => detectImportKind(text), [text]);
  const lines = useMemo(() => (text === '' ? 0 : text.split('\n').length), [text]);

  // the text is read in the worker (import-any.ts there); an answer for a dialog since closed or reopened is dropped
  const apply = async () => {
    const session = io.getState().importDialog.session;
    const r = await client.importText(text);
    const now = io.getState().importDialog;
    if (!now.open || now.session !== session) return;
    if (!r.ok) {
      const e: { message: string; line?: number; column?: number } = { message: r.message };
      if (r.line !== undefined) e.line = r.line;
      if (r.column !== undefined) e.column = r.column;
      setError(e);
      return;
    }
    setError(null);
    io.getState().closeImport();
    reportImport(store, io, r);
  };

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    const r = await readTextFile(file);
    if (!r.ok) {
      setError({ message: r.message });
      return;
    }
    setText(r.text);
    setError(null);
  };

  const onDragOver = (e: DragEvent) => {
    if (!Array.from(e.dataTransfer.types).includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragOver(true);
  };
  const onDrop = (e: DragEvent) => {
    setDragOver(false);
    const file = e.dataTransfer.files[0];
    if (!file) return; // dropped text: the textarea inserts it
    e.preventDefault();
    void loadFile(file);
  };

  return (
    <dialog
      ref={ref}
      className="modal import-dialog"
      aria-labelledby="import-title"
      data-testid="import-dialog"
      onClose={() => io.getState().closeImport()}
    >
      <header className="modal-head">
        <h2 id="import-title">Import a design</h2>
        <button type="button" className="link" aria-label="Close" onClick={() => io.getState().closeImport()}>
          ×
        </button>
      </header>
      <p className="modal-intro">
        Paste a QEMU command line (on one line, or over several joined by <code>\</code>), a JSON argv array, a saved design
        (<code>.json</code>) or a share link, or drop a file onto the text area.
      </p>
      <textarea
        ref={textRef}
        className={`import-text mono${dragOver ? ' drag-over' : ''}${error ? ' invalid' : ''}`}
        data-testid="import-text"
        aria-label="Text to import"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'import-error' : undefined}
        spellCheck={false}
        autoComplete="off"
        wrap="off"
        rows={14}
        value={text}
        placeholder={'qemu-system-x86_64 \\\n  -machine q35 \\\n  -m 8G,slots=2,maxmem=32G \\\n  …'}
        onChange={(e) => {
          setText(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void apply();
          }
        }}
        onDragOver={onDragOver}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
      />
      <div className="import-meta">
        <span className="muted" data-testid="import-kind">
          {kind ? `Reads as: ${IMPORT_KIND_LABEL[kind]} · ${lines} line${lines === 1 ? '' : 's'}` : 'Nothing pasted yet'}
        </span>
        <button type="button" onClick={() => fileRef.current?.click()}>
          Choose file…
        </button>
        <input
          ref={fileRef}
          type="file"
          hidden
          accept=".json,.txt,.sh,.args,application/json,text/plain"
          onChange={(e) => {
            void loadFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {error ? (
        <div className="import-error" id="import-error" data-testid="import-error" role="alert">
          <strong>Not imported.</strong> <span className="mono">{error.message}</span>
          <div className="muted">The current design is unchanged.</div>
        </div>
      ) : null}
      <footer className="modal-foot">
        <span className="muted">Replaces the current design as one step; Undo brings it back.</span>
        <button type="button" onClick={() => io.getState().closeImport()}>
          Cancel
        </button>
        <button type="button" className="primary" data-testid="import-apply" onClick={() => void apply()} title="Import (Ctrl+Enter)">
          Import
        </button>
      </footer>
    </dialog>
  );
}
