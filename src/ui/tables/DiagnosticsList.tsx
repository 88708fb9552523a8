/** QEMU's error (exactly as it prints it), QEMU's warnings, and the designer's advice. */
import { useRef } from 'react';
import { useDesignerApi } from '../../state/store.ts';
import { QEMU_PROGRAM } from '../format.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useLinks } from '../hooks/useLinks.ts';
import { useRovingRows } from '../hooks/useRovingRows.ts';
import { lowest } from '../hooks/useVirtualRows.ts';
import { CHANGE_HOLD_MS, CommandLineChange, useRecordCommandLine } from './changes.tsx';

export function DiagnosticsList() {
  const { result, current, failure, args } = useDerivedView();
  useRecordCommandLine(args);
  const { links, diagnostics } = useLinks();
  const store = useDesignerApi();
  const hasError = Boolean(result?.error);
  // one Tab stop: ↑/↓ go through the messages, Enter selects the option one names
  const listRef = useRef<HTMLUListElement>(null);
  const roving = useRovingRows(listRef, diagnostics.length, { preferred: lowest(links.diagnostics) });
  return (
    <section className="panel contained table-panel diagnostics-panel" aria-label="Diagnostics">
      <header className="table-header">
        <h2>Diagnostics</h2>
        {!current ? <span className="muted">updating…</span> : null}
      </header>
      <CommandLineChange hold={CHANGE_HOLD_MS} />
      <ul className="diagnostics" data-testid="diagnostics" ref={listRef} onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
        {failure ? <li className="diag error">The core failed: {failure}</li> : null}
        {result && !hasError ? (
          <li className="diag ok" data-testid="diagnostic-ok">
            <span className="diag-tag">QEMU</span> accepts this configuration.
          </li>
        ) : null}
        {diagnostics.map((d, i) => {
          const linked = links.diagnostics.has(i);
          const clickable = d.optionIndex !== null;
          const select = () => {
            if (d.optionIndex === null) return;
            const a = store.getState().actions;
            a.select({ kind: 'option', index: d.optionIndex });
            a.setActivePanel('inspector');
          };
          return (
            <li
              key={i}
              className={`diag ${d.severity}${linked ? ' linked' : ''}${clickable ? ' clickable' : ''}`}
              data-testid="diagnostic"
              data-severity={d.severity}
              data-row={i}
              tabIndex={roving.isTabStop(i) ? 0 : -1}
              onClick={select}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  select();
                }
              }}
            >
              <span className="diag-tag">{d.source === 'qemu' ? 'QEMU' : 'Designer'}</span>
              <span className="diag-sev">{d.severity}</span>
              {d.source === 'qemu' ? (
                <span className="mono diag-text">
                  {QEMU_PROGRAM}: {d.severity === 'warning' ? 'warning: ' : ''}
                  {d.text}
                </span>
              ) : (
                <span className="diag-text">{d.text}</span>
              )}
              {d.field ? <span className="muted"> (field {d.field})</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
