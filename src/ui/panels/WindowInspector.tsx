/**
 * The hotplug-window inspector: the window drawn on its own with the SRAT entries over each part, the figures
 * that show what an sp-mem in the middle costs (free space, largest free and hotpluggable ranges, the largest DIMM
 * QEMU would still place, SRAT entries, fragmentation with its definition), and the advisor that proposes sp-mem
 * first and DIMMs on top, applied as one undoable edit. Everything is computed by the core in the worker.
 */
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatSize } from '../../core/base/index.ts';
import type { DimmFit, LayoutProposal, WindowFigures, WindowInspection } from '../../core/designer/index.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { useDeck } from '../deck/deck-store.ts';
import { useDocQuery } from '../deck/useDocQuery.ts';
import { Sources } from './Provenance.tsx';
import { WindowDiagram, type FocusRange } from './WindowDiagram.tsx';

const hex = (v: bigint) => '0x' + v.toString(16);
const pct = (r: number) => (r === 0 ? '0 %' : r < 0.001 ? '< 0.1 %' : `${(r * 100).toFixed(1)} %`);
const LIMIT: Record<DimmFit['limitedBy'], string> = {
  space: 'limited by the free space',
  capacity: 'limited by maxmem',
  slots: 'no free slot',
};

function Figure({
  label,
  children,
  sub,
  focus,
  onFocus,
  testId,
}: {
  label: string;
  children: ReactNode;
  sub?: ReactNode;
  focus?: FocusRange | null;
  onFocus(f: FocusRange | null): void;
  testId?: string;
}) {
  const hasFocus = Boolean(focus);
  return (
    <div
      className={`wi-fig${hasFocus ? ' focusable' : ''}`}
      data-testid={testId}
      onMouseEnter={hasFocus ? () => onFocus(focus!) : undefined}
      onMouseLeave={hasFocus ? () => onFocus(null) : undefined}
    >
      <div className="wi-fig-label">{label}</div>
      <div className="wi-fig-value">{children}</div>
      {sub ? <div className="wi-fig-sub">{sub}</div> : null}
    </div>
  );
}

function DimmFigure({ fit, onFocus }: { fit: DimmFit; onFocus(f: FocusRange | null): void }) {
  const label = fit.backendAlign === 1n << 30n ? 'Largest DIMM that fits · 1 GiB huge pages' : 'Largest DIMM that fits · 2 MiB (RAM backend)';
  return (
    <Figure
      label={label}
      focus={fit.addr !== null ? { range: { start: fit.addr, end: fit.addr + fit.size, size: fit.size }, label } : null}
      onFocus={onFocus}
      testId={fit.backendAlign === 1n << 30n ? 'window-dimm-1g' : 'window-dimm-2m'}
      sub={
        fit.size > 0n ? (
          <>
            at <span className="mono">{hex(fit.addr!)}</span> (QEMU's first fit) · {LIMIT[fit.limitedBy]}
          </>
        ) : (
          LIMIT[fit.limitedBy]
        )
      }
    >
      {fit.size > 0n ? formatSize(fit.size) : 'none'} <span className="mono wi-hex">{fit.sizeHex}</span>
    </Figure>
  );
}

function Figures({ f, onFocus }: { f: WindowFigures; onFocus(f: FocusRange | null): void }) {
  return (
    <div className="wi-figures">
      <Figure label="Window (device memory)" onFocus={onFocus} testId="window-size" sub={<span className="mono">[{hex(f.base)}, {hex(f.end)})</span>}>
        {formatSize(f.size)} <span className="mono wi-hex">{hex(f.size)}</span>
      </Figure>
      <Figure
        label="Hotpluggable free space"
        onFocus={onFocus}
        testId="window-free"
        sub={`${f.freeRanges.length} free range${f.freeRanges.length === 1 ? '' : 's'} · ${formatSize(f.capacityLeft)} left under maxmem · ${f.freeSlots} of ${f.slots} slots free`}
      >
        {formatSize(f.hotpluggableFree)} <span className="mono wi-hex">{hex(f.hotpluggableFree)}</span>
      </Figure>
      <Figure
        label="Largest contiguous free range"
        onFocus={onFocus}
        focus={f.largestFree ? { range: f.largestFree, label: 'largest free range' } : null}
        sub={
          f.largestFree ? (
            <>
              {formatSize(f.largestFree.size)} at <span className="mono">[{hex(f.largestFree.start)}, {hex(f.largestFree.end)})</span>
            </>
          ) : (
            'nothing is free'
          )
        }
      >
        <span className="mono" data-testid="window-largest-free">
          {f.largestFreeHex}
        </span>
      </Figure>
      <Figure
        label="Largest hotpluggable range"
        onFocus={onFocus}
        focus={f.largestHotpluggable ? { range: f.largestHotpluggable, label: 'largest hotpluggable range' } : null}
        sub={`${formatSize(f.largestHotpluggable?.size ?? 0n)} · the window minus sp-mem is ${f.hotpluggableRanges.length} range${f.hotpluggableRanges.length === 1 ? '' : 's'}`}
      >
        <span className="mono" data-testid="window-largest-hotpluggable">
          {f.largestHotpluggableHex}
        </span>
      </Figure>
      <DimmFigure fit={f.largestDimm.ram2M} onFocus={onFocus} />
      <DimmFigure fit={f.largestDimm.huge1G} onFocus={onFocus} />
      <Figure
        label="SRAT memory entries for the window"
        onFocus={onFocus}
        testId="window-srat-entries"
        sub={`stock QEMU: ${f.sratEntriesWithoutSpMem} (the umbrella)${f.nvdimmEntries ? ` · plus ${f.nvdimmEntries} NVDIMM entr${f.nvdimmEntries === 1 ? 'y' : 'ies'} overlapping a gap` : ''}`}
      >
        <span data-testid="window-srat-count">{f.sratEntries}</span>
      </Figure>
      <Figure label="Fragmentation (free space)" onFocus={onFocus} testId="window-fragmentation" sub="definition below">
        {pct(f.fragmentation)}
      </Figure>
      <Figure label="Fragmentation (hotpluggable area)" onFocus={onFocus} testId="window-hotplug-fragmentation" sub="definition below">
        {pct(f.hotplugFragmentation)}
      </Figure>
    </div>
  );
}

type Row = [label: string, before: bigint | number, after: bigint | number, kind: 'size' | 'count' | 'ratio', better: 'up' | 'down'];

function BeforeAfter({ before, after }: { before: WindowFigures; after: WindowFigures }) {
  const rows: Row[] = [
    ['Largest free range', before.largestFree?.size ?? 0n, after.largestFree?.size ?? 0n, 'size', 'up'],
    ['Largest hotpluggable range', before.largestHotpluggable?.size ?? 0n, after.largestHotpluggable?.size ?? 0n, 'size', 'up'],
    ['Hotpluggable ranges', before.hotpluggableRanges.length, after.hotpluggableRanges.length, 'count', 'down'],
    ['Fragmentation (free space)', before.fragmentation, after.fragmentation, 'ratio', 'down'],
    ['Fragmentation (hotpluggable area)', before.hotplugFragmentation, after.hotplugFragmentation, 'ratio', 'down'],
    ['SRAT entries for the window', before.sratEntries, after.sratEntries, 'count', 'down'],
    ['Largest DIMM · 2 MiB', before.largestDimm.ram2M.size, after.largestDimm.ram2M.size, 'size', 'up'],
    ['Largest DIMM · 1 GiB pages', before.largestDimm.huge1G.size, after.largestDimm.huge1G.size, 'size', 'up'],
  ];
  const show = (v: bigint | number, kind: Row[3]) =>
    kind === 'size' ? (
      <>
        {formatSize(v as bigint)} <span className="mono wi-hex">{hex(v as bigint)}</span>
      </>
    ) : kind === 'ratio' ? (
      pct(v as number)
    ) : (
      String(v)
    );
  return (
    <table className="data-table wi-ba" data-testid="window-before-after">
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Now</th>
          <th scope="col">Proposed</th>
          <th scope="col" aria-label="Change" />
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, b, a, kind, better]) => {
          const cmp = a === b ? 0 : a > b ? 1 : -1;
          const good = cmp !== 0 && (cmp > 0) === (better === 'up');
          return (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{show(b, kind)}</td>
              <td>{show(a, kind)}</td>
              <td className={cmp === 0 ? 'muted' : good ? 'wi-better' : 'wi-worse'}>{cmp === 0 ? '=' : cmp > 0 ? '▲' : '▼'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Lists of the advice show at most this many rows (a large design moves thousands of devices). */
const LIST_MAX = 50;

function More({ total }: { total: number }) {
  return total > LIST_MAX ? <li className="muted">…and {total - LIST_MAX} more</li> : null;
}

function Advice({ proposal, current, onApply, onHide }: { proposal: LayoutProposal | undefined; current: boolean; onApply(): void; onHide(): void }) {
  if (!proposal) return <p className="muted">Computing the advice…</p>;
  return (
    <div className={`wi-advice-body${current ? '' : ' stale'}`} data-testid="window-advice">
      <div className={`callout ${proposal.doc ? 'info' : proposal.needed ? 'warning' : 'ok'}`}>{proposal.reason}</div>
      {proposal.doc && proposal.before && proposal.after ? (
        <>
          <div className="wi-advice-grid">
            <BeforeAfter before={proposal.before} after={proposal.after} />
            <div>
              <h4>Changes to the command line</h4>
              <ul className="wi-changes">
                {proposal.changes.slice(0, LIST_MAX).map((c, i) => (
                  <li key={i}>{c.text}</li>
                ))}
                <More total={proposal.changes.length} />
              </ul>
              {proposal.moves.length ? (
                <>
                  <h4>Addresses that move</h4>
                  <ul className="wi-changes mono">
                    {proposal.moves.slice(0, LIST_MAX).map((m) => (
                      <li key={`${m.driver}-${m.id}`}>
                        {m.driver} {m.id ?? '(unnamed)'}: {hex(m.from)} → {hex(m.to)}
                      </li>
                    ))}
                    <More total={proposal.moves.length} />
                  </ul>
                </>
              ) : null}
              {proposal.warnings.map((w, i) => (
                <div key={i} className="callout warning">
                  {w}
                </div>
              ))}
              {proposal.args ? (
                <details className="wi-args">
                  <summary>Proposed QEMU arguments</summary>
                  <pre className="cmdline mono">{proposal.args.join(' ')}</pre>
                </details>
              ) : null}
            </div>
          </div>
          <div className="form-actions">
            <button type="button" className="primary" data-testid="window-apply-advice" disabled={!current} onClick={onApply}>
              Apply the advice
            </button>
            <span className="muted">one undoable step (Ctrl+Z takes it back)</span>
            <span className="spacer" />
            <Sources sources={proposal.sources} label="sources of the advice" />
            <button type="button" className="link" onClick={onHide}>
              Hide
            </button>
          </div>
        </>
      ) : (
        <div className="form-actions">
          <Sources sources={proposal.sources} label="sources of the advice" />
          <span className="spacer" />
          <button type="button" className="link" onClick={onHide}>
            Hide
          </button>
        </div>
      )}
    </div>
  );
}

export default function WindowInspector() {
  const store = useDesignerApi();
  const selection = useDesigner((s) => s.selection);
  const adviceShown = useDeck((s) => s.adviceShown);
  const setAdviceShown = useDeck((s) => s.setAdviceShown);
  const report = useDocQuery('window', [], (c, d) => c.inspectWindow(d));
  const lastGood = useRef<WindowInspection | null>(null);
  const [focus, setFocus] = useState<FocusRange | null>(null);
  if (report.data?.inspection) lastGood.current = report.data.inspection;
  const insp = report.data?.inspection ?? lastGood.current;
  const refused = report.data?.error ?? null;
  const fragmented = Boolean(insp?.fragmentedBySpMem) && !refused;
  const showAdvice = (adviceShown ?? fragmented) && !refused;
  const advice = useDocQuery('advice', [], (c, d) => c.proposeWindowLayout(d), showAdvice);

  const onAdvise = () => {
    setAdviceShown(true);
    if (advice.current) void advice.query.refetch();
  };
  const onApply = () => {
    const p = advice.data;
    if (!p?.doc || !advice.current) return;
    const s = store.getState();
    s.actions.commit(p.doc, { selection: null });
    s.actions.notify('info', 'Applied the advice: sp-mem first, DIMMs on top. Ctrl+Z takes it back.');
  };
  const f = insp?.figures ?? null;
  // (memoized on the inspection's identity: a new one comes with each result, none with an edit still computing)
  const deviceCount = useMemo(() => (insp ? insp.parts.reduce((n, p) => (p.kind !== 'free' ? n + 1 : n), 0) : 0), [insp]);
  const onSelectOption = useCallback((index: number) => store.getState().actions.select({ kind: 'option', index }), [store]);

  return (
    <div className={`wi${refused ? ' stale' : ''}`} data-testid="window-inspector">
      <header className="deck-head">
        <div>
          <h3>Hotplug window</h3>
          <p className="muted deck-sub">
            {f ? (
              <>
                <span className="mono">
                  [{hex(f.base)}, {hex(f.end)})
                </span>{' '}
                · {formatSize(f.size)} · {deviceCount} memory device
                {deviceCount === 1 ? '' : 's'} · hover a part for its SRAT entries, click a device to select it
              </>
            ) : (
              'QEMU’s device-memory region, where pc-dimm, nvdimm and sp-mem live'
            )}
          </p>
        </div>
        <div className="deck-actions">
          <button type="button" data-testid="window-advise" onClick={onAdvise} disabled={!f || Boolean(refused)}>
            {showAdvice ? 'Refresh advice' : 'Advise a layout'}
          </button>
        </div>
      </header>
      {refused ? (
        <div className="callout error" role="status">
          QEMU refuses the current design ({refused}); {insp ? 'showing the last design it accepted.' : 'nothing to show.'}
        </div>
      ) : null}
      {!insp ? (
        <p className="muted">Computing…</p>
      ) : !f ? (
        <div className="callout info">{insp.notes.join(' ')}</div>
      ) : (
        <>
          <WindowDiagram
            inspection={insp}
            focus={focus}
            selectedOption={selection?.kind === 'option' ? selection.index : null}
            onSelectOption={onSelectOption}
          />
          <div className="wi-legend muted">
            <span>
              <span className="swatch swatch-sp-mem" /> sp-mem: ENABLED-only SRAT entry at its node
            </span>
            <span>
              <span className="swatch swatch-pc-dimm" /> pc-dimm / <span className="swatch swatch-nvdimm" /> nvdimm: inside a HOTPLUGGABLE gap
            </span>
            <span>
              <span className="swatch swatch-free" /> free
            </span>
            <span>
              <span className="swatch wd-swatch-hotplug" /> HOTPLUGGABLE | ENABLED entry (PXM = nodes − 1)
            </span>
          </div>
          <Figures f={f} onFocus={setFocus} />
          <dl className="wi-defs">
            <dt>Fragmentation (free space)</dt>
            <dd>{f.definitions.fragmentation}</dd>
            <dt>Fragmentation (hotpluggable area)</dt>
            <dd>{f.definitions.hotplugFragmentation}</dd>
            <dt>SRAT entries</dt>
            <dd>{f.definitions.sratEntries}</dd>
            <dt>Largest DIMM</dt>
            <dd>
              Found with QEMU’s own placement rules: capacity (maxmem − RAM), size multiple of the backend’s alignment, first fit in the window, and a
              free slot.
            </dd>
          </dl>
          {insp.notes.length ? (
            <ul className="wi-notes">
              {insp.notes.slice(0, LIST_MAX).map((n, i) => (
                <li key={i}>{n}</li>
              ))}
              <More total={insp.notes.length} />
            </ul>
          ) : null}
          <section className="wi-advice" aria-label="Layout advice">
            <h4>Advisor: sp-mem first, DIMMs on top</h4>
            {showAdvice ? (
              <Advice proposal={advice.data} current={advice.current} onApply={onApply} onHide={() => setAdviceShown(false)} />
            ) : fragmented ? (
              <div className="callout warning">
                An sp-mem sits between hotpluggable ranges: the area memory can be hot-added into is split into {f.hotpluggableRanges.length} ranges.
                “Advise a layout” shows the proposal.
              </div>
            ) : (
              <div className="callout ok">
                No sp-mem sits between hotpluggable ranges: the area memory can be hot-added into is one range.
              </div>
            )}
          </section>
          <div className="deck-sources">
            <Sources sources={insp.sources} label="where these figures come from" />
          </div>
        </>
      )}
    </div>
  );
}
