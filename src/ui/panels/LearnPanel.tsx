/**
 * SPM vs RESERVED vs RAM, side by side for a selected range: the E820 type, the SRAT entry, the /proc/iomem line,
 * who may use the memory and what the kernel does by default, with the command line for each, every statement
 * with its sources one click away. The alternatives are computed by the core on variants of the document, so the
 * addresses shown are the ones QEMU would use.
 */
import { useRef } from 'react';
import type { Statement } from '../../core/guest/index.ts';
import type { DeliveryWay, LearnRange, LineFact, WayFacts } from '../../core/teach/index.ts';
import { formatSize } from '../../core/base/index.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import type { LearnReport, LearnTarget } from '../../worker/guest-api.ts';
import { useDeck } from '../deck/deck-store.ts';
import { useDocQuery } from '../deck/useDocQuery.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { StatementView } from './Provenance.tsx';
import { KernelSelect } from './KernelSelect.tsx';

const hex = (v: bigint) => '0x' + v.toString(16);

const WAY_SHORT: Record<DeliveryWay, string> = { spm: 'SPM', reserved: 'RESERVED', ram: 'RAM' };

function Lines({ lines, testId }: { lines: readonly string[]; testId?: string }) {
  if (lines.length === 0) return <div className="learn-lines none muted">(no line)</div>;
  return (
    <pre className="learn-lines mono" data-testid={testId}>
      {lines.join('\n')}
    </pre>
  );
}

function Fact({ fact, testId }: { fact: LineFact; testId?: string }) {
  return (
    <>
      <Lines lines={fact.lines} testId={testId} />
      <StatementView s={fact} />
    </>
  );
}

function Caveats({ list }: { list: readonly Statement[] }) {
  return (
    <ul className="learn-caveats">
      {list.map((s, i) => (
        <li key={i}>
          <StatementView s={s} />
        </li>
      ))}
    </ul>
  );
}

function Command({ w }: { w: WayFacts }) {
  return (
    <div className="learn-cmd">
      <div className="learn-cmd-label muted">QEMU</div>
      <pre className="learn-lines mono">{pairs(w.cmdline.qemu).join('\n')}</pre>
      <div className="learn-cmd-label muted">guest kernel</div>
      <pre className="learn-lines mono">{w.cmdline.guestKernel ?? '(nothing)'}</pre>
      {w.cmdline.note ? <p className="muted learn-note">{w.cmdline.note}</p> : null}
    </div>
  );
}

/** `-object a,b` pairs on one line each. */
function pairs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && i + 1 < args.length && !args[i + 1]!.startsWith('-')) {
      out.push(`${a} ${args[i + 1]}`);
      i++;
    } else out.push(a);
  }
  return out;
}

type RowDef = [label: string, render: (w: WayFacts, selected: boolean) => React.ReactNode];

function WaysTable({ learn, report, mode, onMode }: { learn: LearnRange; report: LearnReport; mode: DeliveryWay; onMode(m: DeliveryWay): void }) {
  const rows: RowDef[] = [
    [
      'E820 type',
      (w, selected) => {
        const t = report.e820[w.way];
        return (
          <>
            <div className="learn-type">
              <span className="type-word mono" data-testid={selected ? 'learn-e820-type' : undefined} data-way={w.way}>
                {t.word}
              </span>
              <span className="muted">
                {t.name} ({t.type > 0xffff ? '0x' + t.type.toString(16) : t.type})
              </span>
            </div>
            <Fact fact={w.e820} />
          </>
        );
      },
    ],
    ['SRAT entry', (w) => <Fact fact={w.srat} />],
    ['/proc/iomem', (w) => <Fact fact={w.iomem} />],
    ['Who may use it', (w) => <StatementView s={w.whoMayUse} />],
    ['Kernel default', (w) => <StatementView s={w.kernelDefault} />],
    ['Caveats', (w) => <Caveats list={w.caveats} />],
    ['Command line', (w) => <Command w={w} />],
  ];
  return (
    <div className="learn-scroll">
      <table className="learn-table">
        <colgroup>
          <col className="learn-col-head" />
          {learn.ways.map((w) => (
            <col key={w.way} className={w.way === mode ? 'sel' : ''} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" />
            {learn.ways.map((w) => (
              <th key={w.way} scope="col" className={`learn-way-head way-${w.way}${w.way === mode ? ' sel' : ''}`} data-testid={`learn-way-${w.way}`} aria-current={w.way === mode ? 'true' : undefined}>
                <button type="button" className="learn-way-btn" onClick={() => onMode(w.way)} aria-pressed={w.way === mode}>
                  <span className="learn-way-short">{WAY_SHORT[w.way]}</span>
                  <span className="learn-way-title">{w.title}</span>
                </button>
                {w.range ? (
                  <div className="muted mono learn-range">
                    [{hex(w.range.base)}, {hex(w.range.base + w.range.size)})
                  </div>
                ) : (
                  <div className="muted learn-range">address chosen by QEMU</div>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, render]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {learn.ways.map((w) => (
                <td key={w.way} className={w.way === mode ? 'sel' : ''}>
                  {render(w, w.way === mode)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function LearnPanel() {
  const store = useDesignerApi();
  const selection = useDesigner((s) => s.selection);
  const { layout } = useDerivedView();
  const kernel = useDeck((s) => s.kernel);
  const mode = useDeck((s) => s.learnMode);
  const { setKernel, setLearnMode } = useDeck.getState();

  const devices = layout?.devices ?? [];
  let target: LearnTarget | null = null;
  let key = 'auto';
  if (selection?.kind === 'option' && devices.some((d) => d.optionIndex === selection.index)) {
    target = { kind: 'device', optionIndex: selection.index };
    key = `dev:${selection.index}`;
  } else if (selection?.kind === 'range' && selection.node !== null && selection.end > selection.start) {
    target = { kind: 'range', base: selection.start, size: selection.end - selection.start, node: selection.node };
    key = `range:${selection.start.toString(16)}:${(selection.end - selection.start).toString(16)}:${selection.node}`;
  }
  const q = useDocQuery('learn', [key, kernel], (c, d) => c.learnRange(d, target, kernel));
  const lastGood = useRef<LearnReport | null>(null);
  if (q.data?.learn) lastGood.current = q.data;
  const report = q.data?.learn ? q.data : q.data?.error ? lastGood.current : (q.data ?? null);
  const learn = report?.learn ?? null;
  const sel = report?.selection ?? null;

  const sorted = [...devices].sort((a, b) => (a.driver === 'sp-mem' ? 0 : 1) - (b.driver === 'sp-mem' ? 0 : 1) || (a.addr < b.addr ? -1 : 1));
  const pickValue = target?.kind === 'range' && report?.optionIndex == null ? 'range' : report?.optionIndex != null ? `dev:${report.optionIndex}` : '';

  return (
    <div className={`learn${q.data?.error ? ' stale' : ''}`} data-testid="learn-panel">
      <header className="deck-head">
        <div>
          <h3>SPM, RESERVED or RAM?</h3>
          <p className="muted deck-sub">
            Three ways to give a range to a guest, side by side
            {sel ? (
              <>
                {' '}
                — for <strong>{sel.id ?? 'the selected range'}</strong>: {formatSize(sel.size)} at <span className="mono">{hex(sel.base)}</span>, node{' '}
                {sel.node}
              </>
            ) : null}
            . Select a block on the map to change the range.
          </p>
        </div>
        <div className="deck-actions">
          <label className="inline-field">
            <span>Range</span>
            <select
              data-testid="learn-target"
              value={pickValue}
              onChange={(e) => {
                const v = e.target.value;
                if (v.startsWith('dev:')) store.getState().actions.select({ kind: 'option', index: Number(v.slice(4)) });
              }}
            >
              {pickValue === '' ? <option value="">(none)</option> : null}
              {target?.kind === 'range' && report?.optionIndex == null ? (
                <option value="range">
                  selected range [{hex(target.base)}, +{hex(target.size)}) node {target.node}
                </option>
              ) : null}
              {sorted.map((d) => (
                <option key={d.optionIndex} value={`dev:${d.optionIndex}`}>
                  {d.id ?? `#${d.optionIndex}`} — {d.driver}, {formatSize(d.size)} at {hex(d.addr)}, node {d.node}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>Show</span>
            <select data-testid="learn-mode" value={mode} onChange={(e) => setLearnMode(e.target.value as DeliveryWay)}>
              <option value="spm">SPM (soft reserved)</option>
              <option value="reserved">RESERVED</option>
              <option value="ram">RAM</option>
            </select>
          </label>
          <KernelSelect testId="learn-kernel" value={kernel} onChange={setKernel} />
        </div>
      </header>
      {q.data?.error ? (
        <div className="callout error" role="status">
          QEMU refuses the current design ({q.data.error}); {learn ? 'showing the last design it accepted.' : 'nothing to show.'}
        </div>
      ) : null}
      {!report ? (
        <p className="muted">Computing…</p>
      ) : !learn ? (
        <div className="callout info">The design has no memory device to compare. Add an sp-mem, or pick a RAM range in the SRAT table.</div>
      ) : (
        <>
          <StatementView s={learn.summary} className="learn-summary" />
          <WaysTable learn={learn} report={report} mode={mode} onMode={setLearnMode} />
        </>
      )}
    </div>
  );
}
