/**
 * The guest's view: the `BIOS-e820:` and `ACPI: SRAT:` lines of dmesg and the /proc/iomem tree a Linux guest
 * prints for the machine, under a chosen firmware and kernel; what the kernel does with every sp-mem range; and
 * QEMU's own `info memory-devices` / `query-memory-devices`. Line text is exactly the kernel's; where a line comes
 * from (QEMU's etc/e820, the firmware, approximate) is shown beside it, and a click on a line shows its sources.
 */
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GuestFirmware, GuestKernel, GuestView, IomemLine, NumaLine, NumaState, OvmfBuild, SpMemFate } from '../../core/guest/index.ts';
import type { SourceRef } from '../../core/guest/index.ts';
import { formatSize } from '../../core/base/index.ts';
import { E820_SOFT_RESERVED } from '../../core/machine/index.ts';
import { useDesignerApi } from '../../state/store.ts';
import type { GuestReport, GuestViewSources } from '../../worker/guest-api.ts';
import { useDeck } from '../deck/deck-store.ts';
import { useDocQuery } from '../deck/useDocQuery.ts';
import { ConfidenceBadge, SourceList, Sources, StatementView } from './Provenance.tsx';
import { KernelSelect } from './KernelSelect.tsx';

const hex = (v: bigint) => '0x' + v.toString(16);

const FIRMWARE_NAME: Record<GuestFirmware, string> = { seabios: 'SeaBIOS', ovmf: 'OVMF' };

interface Row {
  key: string;
  text: string;
  /** shown beside the line, never in it */
  tag: string;
  tone: string;
  spm: boolean;
  title: string;
  facts: Array<[string, ReactNode]>;
  sources: SourceRef[];
  note?: string;
  /** the -device option the line stands for */
  option?: number;
}

function dmesgRows(v: GuestView, SRC: GuestViewSources): Row[] {
  const rows: Row[] = [
    {
      key: 'h',
      text: v.dmesgE820[0] ?? '',
      tag: 'kernel',
      tone: 'kernel',
      spm: false,
      title: 'Header of the firmware map',
      facts: [['printed by', 'the kernel before the map (older kernels prefix it with "e820: ")']],
      sources: [SRC.e820Print, SRC.docGuestView],
    },
  ];
  v.e820.forEach((l, i) => {
    if (l.gapBefore) {
      rows.push({ key: `g${i}`, text: l.gapBefore, tag: 'kernel', tone: 'kernel', spm: false, title: 'A hole before the next entry (Linux 7.x)', facts: [['printed by', 'e820__print_table(), between entries that do not touch']], sources: l.sources });
    }
    const tag = l.origin === 'qemu' ? (l.approximate ? 'QEMU ≈' : 'QEMU') : l.origin === 'firmware' ? (l.approximate ? 'firmware ≈' : 'firmware') : 'firmware ≈';
    rows.push({
      key: `e${i}`,
      text: l.text,
      tag,
      tone: l.approximate ? 'approx' : l.origin === 'qemu' ? 'qemu' : 'firmware',
      spm: l.type === E820_SOFT_RESERVED,
      title: `E820 entry: ${l.word}`,
      facts: [
        ['range', <span className="mono">[{hex(l.start)}, {hex(l.end)}) · {formatSize(l.end - l.start)}</span>],
        [
          'comes from',
          l.origin === 'qemu'
            ? 'an entry of QEMU’s etc/e820, passed on by the firmware'
            : l.origin === 'firmware'
              ? 'the firmware itself, at an exact place'
              : 'the firmware itself; place and size depend on tables, RAM size or build',
        ],
        ['what', l.what.join(', ')],
        ['approximate', l.approximate ? 'yes: a boundary depends on firmware details (close to, not equal to, a real guest)' : 'no'],
      ],
      sources: l.sources,
      ...(l.optionIndices[0] !== undefined ? { option: l.optionIndices[0] } : {}),
    });
  });
  v.srat.forEach((l, i) => {
    rows.push({
      key: `s${i}`,
      text: l.text,
      tag: 'SRAT',
      tone: 'srat',
      spm: l.role === 'sp-mem',
      title: `SRAT memory affinity entry #${l.entryIndex} (${l.role})`,
      facts: [
        ['range', <span className="mono">[{hex(l.start)}, {hex(l.end)})</span>],
        ['proximity', `PXM ${l.pxm} → Linux node ${l.node} (nodes are handed out in order of first appearance)`],
        ['flags', `${l.hotplug ? 'HOTPLUGGABLE → " hotplug"' : 'no HOTPLUGGABLE flag'}${l.nonVolatile ? ', NON_VOLATILE → " non-volatile"' : ''}`],
        ['role', l.role === 'hotplug' ? 'a gap of the partitioned hotplug umbrella' : l.role === 'sp-mem' ? 'an sp-mem range (ENABLED only)' : l.role],
      ],
      sources: [SRC.sratPrint, SRC.pxmToNode, SRC.sratParseOrder, SRC.qemuUmbrella],
      ...(l.optionIndex !== undefined ? { option: l.optionIndex } : {}),
    });
  });
  return rows;
}

const IOMEM_KIND: Record<IomemLine['node']['kind'], string> = {
  e820: 'from the E820 map',
  pci: 'PCI host bridge window (DSDT _CRS)',
  platform: 'platform device',
  'memory-device': 'memory device hot-added at boot',
  dax: 'hmem / device-dax / kmem',
  'ram-buffer': 'padding after RAM (RAM buffer)',
};

function iomemRows(v: GuestView, SRC: GuestViewSources): Row[] {
  return v.iomemLines.map((l, i) => {
    const n = l.node;
    const tag = [n.approximate ? '≈' : '', n.inferred ? 'inferred' : ''].filter(Boolean).join(' ');
    return {
      key: `i${i}`,
      text: l.text,
      tag,
      tone: n.kind,
      spm: n.kind === 'dax' || n.name === 'Soft Reserved',
      title: `/proc/iomem: ${n.name}`,
      facts: [
        ['range', <span className="mono">[{hex(n.start)}, {hex(n.end)}] (inclusive)</span>],
        ['kind', IOMEM_KIND[n.kind]],
        ['approximate', n.approximate ? 'yes: place or size is not exact' : 'no'],
        ['inferred', n.inferred ? 'yes: derived from the kernel sources, not seen on a running guest' : 'no'],
      ],
      sources: [SRC.iomemFormat, ...n.sources],
      ...(n.note !== undefined ? { note: n.note } : {}),
      ...(n.optionIndices[0] !== undefined ? { option: n.optionIndices[0] } : {}),
    };
  });
}

function numaRows(lines: readonly NumaLine[], key: string, title: string): Row[] {
  return lines.map((l, i) => ({
    key: `${key}${i}`,
    text: l.text,
    tag: `${l.confidence}${l.approximate ? ' ≈' : ''}`,
    tone: l.approximate ? 'approx' : 'kernel',
    spm: false,
    title,
    facts: [
      ['confidence', l.confidence],
      ['approximate', l.approximate ? 'yes: a figure is close to, not equal to, what a guest prints' : 'no'],
    ],
    sources: l.sources,
    ...(l.note !== undefined ? { note: l.note } : {}),
  }));
}

function NumaBlock({ s, id, title, sub, selected, onSelect }: { s: NumaState; id: string; title: string; sub: string; selected: string | null; onSelect(r: Row): void }) {
  return (
    <section className="gv-block" aria-label={title}>
      <header className="gv-block-head">
        <h4>{title}</h4>
        <span className="muted">{sub}</span>
      </header>
      <Terminal rows={numaRows(s.numactl, `${id}n`, 'numactl -H')} testId={`guest-numactl-${id}`} label={`numactl -H ${sub}`} selected={selected} onSelect={onSelect} />
      <code className="mono muted">$ grep . /sys/devices/virtual/memory_tiering/memory_tier*/nodelist</code>
      <Terminal rows={numaRows(s.tiers, `${id}t`, 'memory tier')} testId={`guest-tiers-${id}`} label={`memory tiers ${sub}`} selected={selected} onSelect={onSelect} />
    </section>
  );
}

function Terminal({
  rows,
  testId,
  label,
  selected,
  onSelect,
}: {
  rows: Row[];
  testId: string;
  label: string;
  selected: string | null;
  onSelect(row: Row): void;
}) {
  const idBase = useId();
  const at = rows.findIndex((r) => r.key === selected);
  // one Tab stop; the arrow keys move from line to line
  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    const next = rows[Math.min(rows.length - 1, Math.max(0, at + step))];
    if (!step || !next) return;
    e.preventDefault();
    onSelect(next);
  };
  return (
    <div className="term" role="listbox" aria-label={label} tabIndex={0} onKeyDown={onKeyDown} aria-activedescendant={at >= 0 ? `${idBase}-${at}` : undefined}>
      <div className="term-lines" data-testid={testId}>
        {rows.map((r, i) => (
          <div
            key={r.key}
            id={`${idBase}-${i}`}
            role="option"
            aria-selected={selected === r.key}
            className={`tl tone-${r.tone}${r.spm ? ' spm' : ''}${selected === r.key ? ' selected' : ''}`}
            data-tag={r.tag}
            title={`${r.title}${r.tag ? ` · ${r.tag}` : ''} — click for its sources${r.option !== undefined ? ' (selects the device)' : ''}`}
            onClick={() => onSelect(r)}
          >
            {r.text}
          </div>
        ))}
      </div>
    </div>
  );
}

function LineDetails({ row }: { row: Row | null }) {
  if (!row) return <p className="muted gv-details-hint">Click a line to see where it comes from.</p>;
  return (
    <div className="gv-details" data-testid="guest-line-details">
      <div className="gv-details-head">
        <code className="mono">{row.text.trim()}</code>
      </div>
      <dl className="facts">
        <dt>line</dt>
        <dd>{row.title}</dd>
        {row.facts.map(([k, v]) => (
          <FactRow key={k} k={k} v={v} />
        ))}
        {row.note ? (
          <>
            <dt>note</dt>
            <dd>{row.note}</dd>
          </>
        ) : null}
      </dl>
      <SourceList sources={row.sources} />
    </div>
  );
}

function FactRow({ k, v }: { k: string; v: ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

function FatePath({ fate, kernel }: { fate: SpMemFate; kernel: GuestKernel }) {
  const steps: string[] = ['etc/e820 SOFT_RESERVED', 'SRAT ENABLED, PXM ' + fate.pxm];
  if (!fate.firmwareSees) steps.push('dropped by the firmware: a hole');
  else {
    steps.push(`E820 “${fate.e820Word}”`);
    steps.push(...fate.iomemPath.map((p) => `iomem “${p}”`));
    if (fate.devPath) steps.push(fate.devPath);
    if (fate.mode === 'system-ram') steps.push(`System RAM on node ${fate.targetNode ?? '?'}${fate.memoryOnlyNode ? ' (memory-only node, lower tier)' : ''}`);
  }
  return (
    <ol className="fate-path" aria-label={`What happens to ${fate.id ?? 'the sp-mem'} (${kernel})`}>
      {steps.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ol>
  );
}

const MODE_LABEL: Record<SpMemFate['mode'], string> = {
  devdax: 'device-dax',
  'system-ram': 'System RAM (kmem)',
  absent: 'not seen by the guest',
};

function Fate({ fate, kernel }: { fate: SpMemFate; kernel: GuestKernel }) {
  const name = fate.id ?? '(unnamed)';
  return (
    <article className={`fate fate-${fate.mode}`} data-testid={`guest-fate-${name}`}>
      <header>
        <span className="swatch swatch-sp-mem" aria-hidden="true" />
        <strong>{name}</strong>
        <span className="muted">
          {' '}
          sp-mem · {formatSize(fate.size)} at <span className="mono">{hex(fate.addr)}</span> · PXM {fate.pxm}
        </span>
        <span className={`fate-mode mode-${fate.mode}`} data-testid="guest-fate-mode">
          {MODE_LABEL[fate.mode]}
          {fate.devPath ? ` · ${fate.devPath}` : ''}
        </span>
      </header>
      <FatePath fate={fate} kernel={kernel} />
      <ol className="fate-chain">
        {fate.chain.map((s, i) => (
          <li key={i}>
            <StatementView s={s} />
          </li>
        ))}
      </ol>
      {fate.warnings.map((w, i) => (
        <StatementView key={i} s={w} className="callout warning" />
      ))}
    </article>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="link"
      aria-label={`Copy ${label}`}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setDone(true);
            setTimeout(() => setDone(false), 1200);
          },
          () => {},
        );
      }}
    >
      {done ? 'copied' : 'copy'}
    </button>
  );
}

export default function GuestViewPanel() {
  const store = useDesignerApi();
  const firmwareChoice = useDeck((s) => s.firmware);
  const ovmfBuild = useDeck((s) => s.ovmfBuild);
  const kernel = useDeck((s) => s.kernel);
  const { setFirmware, setOvmfBuild, setKernel } = useDeck.getState();
  const q = useDocQuery('guest', [firmwareChoice ?? 'auto', ovmfBuild, kernel], (c, d) =>
    c.guestView(d, { firmware: firmwareChoice, kernel, ovmfBuild }),
  );
  const lastGood = useRef<GuestReport | null>(null);
  if (q.data?.view) lastGood.current = q.data;
  const report = q.data?.view ? q.data : lastGood.current;
  const refused = q.data?.error ?? null;
  const view = report?.view ?? null;
  const designFirmware = report?.defaults?.firmware ?? null;
  const firmware: GuestFirmware = firmwareChoice ?? designFirmware ?? 'seabios';
  const [selected, setSelected] = useState<string | null>(null);

  const dRows = useMemo(() => (view && report ? dmesgRows(view, report.sources) : []), [view, report]);
  const iRows = useMemo(() => (view && report ? iomemRows(view, report.sources) : []), [view, report]);
  const numa = view?.numa ?? null;
  const nRows = useMemo(
    () => (numa ? [...numaRows(numa.devdax.numactl, 'devdaxn', ''), ...numaRows(numa.devdax.tiers, 'devdaxt', ''), ...numaRows(numa.kmem.numactl, 'kmemn', ''), ...numaRows(numa.kmem.tiers, 'kmemt', ''), ...numaRows(numa.dmesg, 'nd', 'dmesg')] : []),
    [numa],
  );
  const selectedRow = [...dRows, ...iRows, ...nRows].find((r) => r.key === selected) ?? null;
  const onSelect = (r: Row) => {
    setSelected(r.key);
    if (r.option !== undefined) store.getState().actions.select({ kind: 'option', index: r.option });
  };

  return (
    <div className={`gv${refused ? ' stale' : ''}`} data-testid="guest-view">
      <header className="deck-head">
        <div>
          <h3>Guest view</h3>
          <p className="muted deck-sub">What a Linux guest prints for this machine: the dmesg E820 and SRAT lines, /proc/iomem, and what becomes of each sp-mem.</p>
        </div>
        <div className="deck-actions gv-controls">
          <label className="inline-field">
            <span>Firmware</span>
            <select
              data-testid="guest-firmware"
              value={firmware}
              onChange={(e) => setFirmware(e.target.value === designFirmware ? null : (e.target.value as GuestFirmware))}
            >
              <option value="seabios">SeaBIOS</option>
              <option value="ovmf">OVMF (UEFI)</option>
            </select>
          </label>
          {firmware === 'ovmf' ? (
            <label className="inline-field">
              <span>OVMF build</span>
              <select data-testid="guest-ovmf-build" value={ovmfBuild} onChange={(e) => setOvmfBuild(e.target.value as OvmfBuild)}>
                <option value="edk2-2026.08">edk2 2026.08 · passes SP</option>
                <option value="edk2-2022.11">edk2 2022.11 · drops SP</option>
              </select>
            </label>
          ) : null}
          <KernelSelect testId="guest-kernel" value={kernel} onChange={setKernel} />
        </div>
      </header>
      <p className="gv-assume muted" data-testid="guest-assumes">
        Preview assumes <strong>{FIRMWARE_NAME[firmware]}</strong>
        {firmware === 'ovmf' ? ` (${ovmfBuild.replace('edk2-', 'edk2 ')})` : ''}
        {designFirmware ? (
          <>
            {' '}
            · the command line boots {FIRMWARE_NAME[designFirmware]}
            {firmwareChoice !== null && firmwareChoice !== designFirmware ? (
              <button type="button" className="link" onClick={() => setFirmware(null)}>
                use that
              </button>
            ) : null}
          </>
        ) : null}
        {' '}· {kernel === '7.x' ? 'Linux 7.x' : kernel === '6.3+' ? 'Linux 6.3 – 6.x' : 'Linux before 6.3'}
      </p>
      {refused ? (
        <div className="callout error" role="status">
          QEMU refuses the current design ({refused}); {view ? 'showing the last design it accepted.' : 'nothing to show.'}
        </div>
      ) : null}
      {!view || !report ? (
        <p className="muted">Computing…</p>
      ) : (
        <>
          {view.warnings.length ? (
            <div className="gv-warnings" data-testid="guest-warnings">
              {view.warnings.map((w, i) => (
                <StatementView key={i} s={w} className={`callout ${/drops|hides|never sees/.test(w.text) ? 'warning' : 'info'}`} />
              ))}
            </div>
          ) : null}
          <div className="gv-grid">
            <section className="gv-block" aria-label="dmesg">
              <header className="gv-block-head">
                <h4>dmesg</h4>
                <span className="muted">firmware map and SRAT memory lines</span>
                <span className="spacer" />
                <CopyButton text={report.dmesgText} label="dmesg lines" />
              </header>
              <Terminal rows={dRows} testId="guest-dmesg" label="dmesg lines" selected={selected} onSelect={onSelect} />
            </section>
            <section className="gv-block" aria-label="/proc/iomem">
              <header className="gv-block-head">
                <h4>/proc/iomem</h4>
                <span className="muted">as root (others see zero addresses)</span>
                <span className="spacer" />
                <CopyButton text={report.iomemText} label="/proc/iomem" />
              </header>
              <Terminal rows={iRows} testId="guest-iomem" label="/proc/iomem lines" selected={selected} onSelect={onSelect} />
            </section>
          </div>
          <div className="gv-legend muted" role="note" aria-label="Key to the marks beside the lines">
            <span>
              <span className="tag-demo">QEMU</span> entry of QEMU’s etc/e820, passed on
            </span>
            <span>
              <span className="tag-demo">firmware</span> added by the firmware (exact)
            </span>
            <span>
              <span className="tag-demo approx">≈</span> approximate: place or size depends on the firmware build, tables or RAM size
            </span>
            <span>
              <span className="tag-demo">inferred</span> derived from kernel sources, not seen on a running guest
            </span>
            <span>
              <span className="tag-demo spm-mark" /> sp-mem related
            </span>
          </div>
          <LineDetails row={selectedRow} />

          {numa ? (
            <section className="gv-section" aria-label="NUMA nodes, distances and memory tiers" data-testid="guest-numa">
              <h4>NUMA nodes, distances and memory tiers</h4>
              <div className="gv-grid">
                {(['devdax', 'kmem'] as const).map((st) => (
                  <NumaBlock
                    key={st}
                    s={numa[st]}
                    id={st}
                    title={st === 'devdax' ? 'while sp-mem is device-dax' : 'once kmem onlines sp-mem'}
                    sub={numa.defaultState === st ? 'the kernel’s default' : st === 'kmem' ? 'after daxctl reconfigure-device --mode=system-ram' : 'booted with memory offline'}
                    selected={selected}
                    onSelect={onSelect}
                  />
                ))}
              </div>
              {numa.dmesg.length ? (
                <>
                  <h4>dmesg: SLIT, HMAT and memory tiers</h4>
                  <Terminal rows={numaRows(numa.dmesg, 'nd', 'dmesg')} testId="guest-numa-dmesg" label="SLIT and HMAT dmesg lines" selected={selected} onSelect={onSelect} />
                </>
              ) : null}
              <ul className="fate-chain" data-testid="guest-node-tiers">
                {[...numa.nodeTiers.map((t) => t.why), ...numa.statements].map((s, i) => (
                  <li key={i}>
                    <StatementView s={s} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section className="gv-section" aria-label="What the kernel does with each sp-mem">
            <h4>What the kernel does with each sp-mem range</h4>
            {view.fates.length === 0 ? (
              <p className="muted">The machine has no sp-mem device.</p>
            ) : (
              <div className="fates">
                {view.fates.map((f) => (
                  <Fate key={f.optionIndex} fate={f} kernel={kernel} />
                ))}
              </div>
            )}
          </section>

          <section className="gv-section" aria-label="QEMU's view of the memory devices">
            <h4>QEMU’s own view of the memory devices</h4>
            <div className="gv-grid">
              <div className="gv-block">
                <header className="gv-block-head">
                  <code className="mono">(qemu) info memory-devices</code>
                  <span className="spacer" />
                  <CopyButton text={view.infoMemoryDevices} label="info memory-devices" />
                </header>
                <pre className="term-pre" data-testid="guest-info-memory-devices" tabIndex={0}>
                  {view.infoMemoryDevices || '(no memory devices)'}
                </pre>
              </div>
              <div className="gv-block">
                <header className="gv-block-head">
                  <code className="mono">{'{ "execute": "query-memory-devices" }'}</code>
                  <span className="spacer" />
                  <CopyButton text={report.queryMemoryDevices} label="query-memory-devices" />
                </header>
                <pre className="term-pre" data-testid="guest-query-memory-devices" tabIndex={0}>
                  {`{ "return": ${report.queryMemoryDevices.replace(/\n/g, '\n  ')} }`}
                </pre>
              </div>
            </div>
            <p className="muted gv-foot">
              Listed in address order, as QEMU 11.1 prints them (computed by the designer, not captured){' '}
              <ConfidenceBadge confidence="documented" />{' '}
              <Sources
                sources={[
                  { kind: 'doc', ref: 'shared/docs/qemu-memory.md', detail: '§6 info memory-devices and query-memory-devices' },
                  { kind: 'doc', ref: 'shared/docs/sp-mem.md', detail: 'Introspection [11.1]' },
                ]}
              />
            </p>
          </section>

          <details className="gv-assumptions">
            <summary>What the preview assumes ({view.assumptions.length})</summary>
            <ul>
              {view.assumptions.map((a, i) => (
                <li key={i}>{a}</li>
              ))}
            </ul>
          </details>
        </>
      )}
    </div>
  );
}
