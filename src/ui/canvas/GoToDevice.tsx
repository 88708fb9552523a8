/**
 * "Go to" on the map: type a device id (the list offers the design's ids as you type), press Enter, and the map
 * zooms to that device and selects it (the list holds the first 50 ids containing what is typed). An id matched exactly (any case) goes there; a part of an id matching one
 * device goes to it, several are listed; one matching none says so.
 */
import { useMemo, useState } from 'react';
import { formatSize } from '../../core/base/index.ts';
import type { DeviceBlock } from '../map/map-model.ts';
import { hexAddr } from '../map/ticks.ts';

interface Props {
  devices: readonly DeviceBlock[];
  onGo: (block: DeviceBlock) => void;
}

/** how many ids the list offers */
const OFFERED = 50;

export function GoToDevice({ devices, onGo }: Props) {
  const [text, setText] = useState('');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  // the list offered: the first OFFERED ids containing what is typed (a scan that stops there, redone only when
  // the design or the text changes: a large design has thousands of devices)
  const offered = useMemo(() => {
    const q = text.trim().toLowerCase();
    const out: DeviceBlock[] = [];
    for (const d of devices) {
      if (out.length === OFFERED) break;
      if (d.id?.toLowerCase().includes(q)) out.push(d);
    }
    return out;
  }, [devices, text]);
  const go = (e: React.FormEvent) => {
    e.preventDefault();
    const q = text.trim().toLowerCase();
    if (!q) return;
    const id = (d: DeviceBlock) => (d.id ?? '').toLowerCase();
    const exact = devices.find((d) => id(d) === q);
    const some = exact ? [exact] : devices.filter((d) => id(d).includes(q));
    const d = some.length === 1 ? some[0]! : null;
    if (d) onGo(d);
    setSaid(
      d
        ? { ok: true, text: `${d.id}: ${d.driver}, ${formatSize(d.size)} at ${hexAddr(d.start)}, node ${d.node}` }
        : some.length
          ? { ok: false, text: `${some.length} devices match “${text.trim()}”: ${some.slice(0, 4).map((x) => x.id).join(', ')}${some.length > 4 ? ', …' : ''}` }
          : { ok: false, text: `No device “${text.trim()}” in this design.` },
    );
  };
  return (
    <form className="go-to" role="search" aria-label="Go to a device" onSubmit={go}>
      <label>
        Go to{' '}
        <input
          type="search"
          list="map-device-ids"
          placeholder="device id"
          value={text}
          size={10}
          aria-invalid={said ? !said.ok : undefined}
          aria-describedby="go-to-result"
          data-testid="go-to"
          onChange={(e) => {
            setText(e.target.value);
            setSaid(null);
          }}
        />
      </label>
      <datalist id="map-device-ids">
        {offered.map((d) => (
          <option key={d.key} value={d.id!} />
        ))}
      </datalist>
      <span id="go-to-result" role="status" className={said && !said.ok ? 'go-to-error' : 'muted'} data-testid="go-to-result">
        {said?.text}
      </span>
    </form>
  );
}
