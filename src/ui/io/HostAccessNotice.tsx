/**
 * "Nothing hidden": when a design is opened — a share link, the autosaved design, a file, an import, a kept
 * design restored — a notice under the document toolbar lists every option the designer keeps without modelling
 * it (and exports as written), and flags each option that reaches the host when QEMU runs the design: a host
 * command, a host file, socket or device, a monitor, the QEMU process itself (core/designer/host-access.ts).
 *
 * A design counts as opened when it replaces the current one wholesale: it shares no option object with the
 * design before it (an edit, an undo or a redo keeps every option it does not change), and it was not shown
 * before. The built-in examples are not reported. Text only: nothing here is rendered as HTML.
 */
import { useEffect, useState } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import type { HostAccessKind, OptionHostAccess } from '../../core/designer/host-access.ts';
import { useDesignerApi } from '../../state/store.ts';
import { useCoreClient } from '../core-client-context.ts';
import { presetIdOf } from '../preset-docs.ts';
import './host-access.css';

/** Kinds as the badges name them (core/designer/host-access.ts HOST_ACCESS_LABEL, kept here so the page loads no core code for it). */
const KIND_LABEL: Readonly<Record<HostAccessKind, string>> = {
  command: 'runs a host command',
  file: 'host file',
  socket: 'network or socket',
  device: 'host device',
  monitor: 'QEMU monitor',
  process: 'QEMU process',
};

/** At most this many options are listed; the rest are counted. */
const MAX_LISTED = 60;

/** An option on one line, control characters as escapes, long values shortened. */
function label(o: Pick<OptionHostAccess, 'flag' | 'text'>, max = 200): string {
  const s = (o.text === '' ? o.flag : `${o.flag} ${o.text}`).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The options of a notice: each as written, the ones that reach the host flagged with what they touch and why. */
export function UnmodelledList({ items }: { items: readonly OptionHostAccess[] }) {
  const shown = items.slice(0, MAX_LISTED);
  return (
    <ul className="unmodelled-list">
      {shown.map((o) => {
        const flagged = o.access.length > 0;
        const kinds = [...new Set(o.access.map((a) => a.kind))];
        return (
          <li
            key={o.index}
            className={flagged ? 'flagged' : ''}
            data-testid="unmodelled-option"
            data-index={o.index}
            data-host-access={flagged ? kinds.join(' ') : undefined}
          >
            <code className="mono">{label(o)}</code>
            {o.modelled ? <span className="muted"> (modelled)</span> : null}
            {flagged ? (
              <>
                <span className="host-flag" data-testid="host-access-flag" title="This option reaches the host when QEMU runs the design">
                  {kinds.map((k) => KIND_LABEL[k]).join(' · ')}
                </span>
                <ul className="host-access-why">
                  {o.access.map((a, i) => (
                    <li key={i}>
                      {a.why}
                      {a.value ? (
                        <>
                          : <code className="mono">{label({ flag: a.value, text: '' }, 160)}</code>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        );
      })}
      {items.length > shown.length ? <li className="muted">and {items.length - shown.length} more (the Command line panel shows them all)</li> : null}
    </ul>
  );
}

/** Does `next` share no option object with `prev` (a wholesale replacement, not an edit)? */
function replacesWholesale(next: ConfigDocument, prev: ConfigDocument): boolean {
  if (next.options.length === 0 || prev.options.length === 0) return true;
  const before = new Set<object>(prev.options);
  return !next.options.some((o) => before.has(o));
}

interface Notice {
  name: string;
  items: OptionHostAccess[];
}

/** The notice for the design opened last (nothing when it keeps no unmodelled option and reaches nothing). */
export function OpenedDesignNotice() {
  const store = useDesignerApi();
  const client = useCoreClient();
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    const seen = new WeakSet<ConfigDocument>();
    let latest = 0;
    const opened = (doc: ConfigDocument): void => {
      const token = ++latest;
      if (presetIdOf(doc) !== null) {
        setNotice(null);
        return;
      }
      // the classifier runs in the core worker (it parses option text: QEMU's syntax and messages stay there)
      void client.unmodelledOptions(doc).then((items) => {
        if (token !== latest) return;
        setNotice(items.length ? { name: doc.name, items } : null);
      });
    };
    const first = store.getState().doc;
    seen.add(first);
    opened(first);
    return store.subscribe((s, prev) => {
      if (s.doc === prev.doc) return;
      const fresh = !seen.has(s.doc) && replacesWholesale(s.doc, prev.doc);
      seen.add(s.doc);
      if (fresh) opened(s.doc);
    });
  }, [store, client]);

  if (!notice) return null;
  const flagged = notice.items.filter((o) => o.access.length > 0).length;
  const raw = notice.items.filter((o) => !o.modelled).length;
  const text = [
    raw ? `“${notice.name}” keeps ${raw} option${raw === 1 ? '' : 's'} the designer does not model; ${raw === 1 ? 'it is' : 'they are'} exported as written.` : `“${notice.name}”:`,
    flagged
      ? `${flagged} option${flagged === 1 ? ' reaches' : 's reach'} the host when QEMU runs the design (flagged below): check ${flagged === 1 ? 'it' : 'them'} before you run or export it.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={`io-message host-notice${flagged ? ' flagged' : ''}`}
      data-testid="unmodelled-notice"
      data-flagged={flagged}
      role={flagged ? 'alert' : 'status'}
    >
      <div className="io-message-body">
        <span>{text}</span>
        <UnmodelledList items={notice.items} />
      </div>
      <button type="button" className="link" aria-label="Dismiss the list of unmodelled options" onClick={() => setNotice(null)}>
        ×
      </button>
    </div>
  );
}
