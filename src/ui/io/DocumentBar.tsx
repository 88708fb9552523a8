/**
 * The document toolbar under the app bar: the design's name, Import…, Open…, Share link, the export buttons and
 * the autosave status; under it, the messages about what they did. Every text shown is plain text. The import
 * dialog and the importers (command line, argv, saved design, link) load on first use.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { MAX_STRING_LENGTH } from '../../core/io/index.ts';
import { makeShareLink } from '../../state/share.ts';
import { findLoneSurrogate } from '../../core/document/index.ts';
import { readKeptDesign } from '../../state/persist.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { copyText, readTextFile } from './browser-files.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useCoreClient } from '../core-client-context.ts';
import { applyDocument } from './DocumentIo.tsx';
import { EXPORT_FORMATS, EXPORT_INFO } from '../../core/io/index.ts';
import { useIo, useIoApi, type AutosaveStatus, type IoMessage } from './io-store.ts';
import { useExportAction } from './useExport.ts';
import './io.css';

/** What an opened design asks of the host (always mounted; loaded with the map's chunk, not the page's first one). */
const OpenedDesignNotice = lazy(() => import('./HostAccessNotice.tsx').then((m) => ({ default: m.OpenedDesignNotice })));
const ImportDialog = lazy(() => import('./ImportDialog.tsx').then((m) => ({ default: m.ImportDialog })));

/** The import dialog, loaded the first time it opens and kept from then on. */
function ImportDialogSlot() {
  const open = useIo((s) => s.importDialog.open);
  const [wanted, setWanted] = useState(open);
  if (open && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <ImportDialog />
    </Suspense>
  );
}

/** Links longer than this may be cut by mail and chat tools. */
const LONG_LINK = 8000;

function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'the name cannot be empty';
  if (name.length > MAX_STRING_LENGTH) return `the name is too long (at most ${MAX_STRING_LENGTH} characters)`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the name cannot hold control characters';
  if (findLoneSurrogate(name) >= 0) return 'the name is not valid Unicode';
  return null;
}

function DesignName() {
  const store = useDesignerApi();
  const name = useDesigner((s) => s.doc.name);
  const [draft, setDraft] = useState(name);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setDraft(name);
    setProblem(null);
  }, [name]);
  const commit = () => {
    if (draft === name) return;
    const p = nameProblem(draft);
    if (p) {
      setProblem(p);
      return;
    }
    const s = store.getState();
    s.actions.commit({ ...s.doc, name: draft });
  };
  return (
    <label className={`doc-name${problem ? ' invalid' : ''}`} title={problem ?? 'Used for the file names of downloads and the libvirt domain name'}>
      <span>Design</span>
      <input
        data-testid="doc-name"
        value={draft}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(name);
            setProblem(null);
          }
        }}
      />
    </label>
  );
}

/** The time of the last save, as "14:05" in the user's locale (one formatter: making one per save is slow). */
let savedTime: Intl.DateTimeFormat | null = null;
function formatSavedTime(at: number): string {
  savedTime ??= new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
  return savedTime.format(at);
}

function AutosaveBadge({ status }: { status: AutosaveStatus }) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (status.state !== 'saved') return;
    const t = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, [status]);
  let text: string;
  let title: string;
  switch (status.state) {
    case 'off':
      text = 'Autosave off';
      title = `Not saved in this browser: ${status.reason}`;
      break;
    case 'failed':
      text = 'Autosave failed';
      title = 'Browser storage refused the design; download it as JSON to keep it';
      break;
    case 'saved': {
      text = `Autosaved ${formatSavedTime(status.at)}`;
      title = 'The design is kept in this browser and reopens on the next visit';
      break;
    }
    default:
      text = 'Autosave on';
      title = 'Changes are kept in this browser and reopen on the next visit';
  }
  return (
    <span className={`autosave-badge ${status.state}`} data-testid="autosave-status" title={title}>
      {text}
    </span>
  );
}

function Message({ m }: { m: IoMessage }) {
  const store = useDesignerApi();
  const io = useIoApi();
  const restore = () => {
    if (!m.restoreKey) return;
    const doc = readKeptDesign(io.getState().storage, m.restoreKey);
    io.getState().dismiss(m.id);
    if (!doc) {
      io.getState().post({ tone: 'error', text: 'The kept design could not be read any more; nothing was changed.', testId: 'io-message' });
      return;
    }
    applyDocument(store, doc);
    io.getState().post({ tone: 'info', text: `Restored “${doc.name}”. Undo (Ctrl+Z) returns to the design from the link.`, testId: 'io-message' });
  };
  return (
    <div className={`io-message ${m.tone}`} data-testid={m.testId ?? 'io-message'} role={m.tone === 'error' ? 'alert' : 'status'}>
      <div className="io-message-body">
        <span>{m.text}</span>
        {m.link ? (
          <input className="share-url mono" data-testid="share-link-url" readOnly value={m.link} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
        ) : null}
        {m.notes && m.notes.length > 0 ? (
          <ul className="io-notes">
            {m.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {m.restoreKey ? (
        <button type="button" data-testid="restore-previous" onClick={restore}>
          Restore it
        </button>
      ) : null}
      <button type="button" className="link" aria-label="Dismiss message" onClick={() => io.getState().dismiss(m.id)}>
        ×
      </button>
    </div>
  );
}

export function DocumentBar() {
  const store = useDesignerApi();
  const io = useIoApi();
  const client = useCoreClient();
  const messages = useIo((s) => s.messages);
  const autosave = useIo((s) => s.autosave);
  const refused = useDesignerRefusal();
  const runExport = useExportAction();
  const openRef = useRef<HTMLInputElement>(null);

  const share = async () => {
    const doc = store.getState().doc;
    // compressed (#z=), checked to open this design again, or refused up front saying why (state/share.ts)
    const made = await makeShareLink(doc, window.location.href);
    if (!made.ok) {
      io.getState().post({ tone: 'error', text: made.message, testId: 'share-message' });
      return;
    }
    const link = made.link;
    window.history.replaceState(window.history.state, '', link);
    const copied = await copyText(link);
    const long = link.length > LONG_LINK ? ` It is ${link.length} characters long; some mail and chat tools cut links that long.` : '';
    io.getState().post({
      tone: 'info',
      text: `${copied ? 'Share link copied to the clipboard and put in the address bar.' : 'Share link put in the address bar (the browser did not allow copying; copy it from here).'} Opening it shows this design.${long}`,
      link,
      testId: 'share-message',
    });
  };

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const r = await readTextFile(file);
    if (!r.ok) {
      io.getState().post({ tone: 'error', text: `Not opened: ${r.message}. The design is unchanged.`, testId: 'io-message' });
      return;
    }
    // read in the worker (import-any.ts there)
    const [got, { reportImport }] = await Promise.all([client.importText(r.text), import('./ImportDialog.tsx')]);
    if (got.ok) {
      reportImport(store, io, got, file.name);
      return;
    }
    const e: { message: string; line?: number; column?: number } = { message: `${file.name}: ${got.message}` };
    if (got.line !== undefined) e.line = got.line;
    if (got.column !== undefined) e.column = got.column;
    io.getState().openImport(r.text, e);
  };

  return (
    <div className="doc-bar-wrap">
      {/* a group of independent controls (a text field among them), each its own Tab stop: not a toolbar */}
      <div className="doc-bar" role="group" aria-label="Design file">
        <DesignName />
        <div className="doc-bar-group">
          <button type="button" data-testid="import-qemu" onClick={() => io.getState().openImport()} title="Paste a QEMU command line, a JSON argv, a saved design or a share link">
            Import…
          </button>
          <button type="button" data-testid="open-file" onClick={() => openRef.current?.click()} title="Open a saved design (.json) or a file holding a command line">
            Open…
          </button>
          <input
            ref={openRef}
            type="file"
            hidden
            data-testid="open-file-input"
            accept=".json,.txt,.sh,.args,application/json,text/plain"
            onChange={(e) => {
              void openFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button type="button" data-testid="share-link" onClick={() => void share()} title="Put a link holding the whole design in the address bar and copy it">
            Share link
          </button>
        </div>
        <div className="doc-bar-group export-group" role="group" aria-label="Export">
          <span className="doc-bar-label">Export</span>
          {EXPORT_FORMATS.map((f) => {
            const blocked = refused && EXPORT_INFO[f].needsLayout;
            return (
              <button
                key={f}
                type="button"
                data-testid={`export-${f}`}
                className={blocked ? 'blocked' : ''}
                title={blocked ? `QEMU refuses the design: ${EXPORT_INFO[f].title} cannot be exported (click for QEMU’s message)` : exportTitle(f)}
                onClick={() => void runExport(f)}
              >
                {EXPORT_INFO[f].label}
              </button>
            );
          })}
        </div>
        <AutosaveBadge status={autosave} />
      </div>
      {messages.length > 0 ? (
        <div className="io-messages" aria-live="polite">
          {messages.map((m) => (
            <Message key={m.id} m={m} />
          ))}
        </div>
      ) : null}
      <div className="io-messages host-notices">
        <Suspense fallback={null}>
          <OpenedDesignNotice />
        </Suspense>
      </div>
      <ImportDialogSlot />
    </div>
  );
}

function exportTitle(f: (typeof EXPORT_FORMATS)[number]): string {
  switch (f) {
    case 'srat':
      return 'Preview the SRAT as iasl -d text (Download there saves SRAT.bin)';
    case 'e820':
      return 'Preview QEMU’s etc/e820 (Download there saves e820.bin)';
    case 'json':
      return 'Preview the design as versioned JSON (Download there saves it)';
    case 'libvirt':
      return 'Preview the libvirt domain XML (Download there saves it)';
    default:
      return `Preview the ${EXPORT_INFO[f].title}`;
  }
}

/** Whether QEMU refuses the current design (from the latest result of the current revision). */
function useDesignerRefusal(): boolean {
  const { result, current } = useDerivedView();
  return Boolean(current && result?.error);
}
