/**
 * `query-memory-devices` (QMP) and `info memory-devices` (HMP) as QEMU reports them: every memory device in
 * ascending address order (shared/docs/qemu-memory.md §6; sp-mem: shared/docs/sp-mem.md "Introspection").
 */
import type { MemoryDeviceInfo, PlacedDevice } from './results.ts';

export function buildMemoryDeviceInfo(devices: readonly PlacedDevice[]): MemoryDeviceInfo[] {
  const sorted = [...devices].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  return sorted.map((d): MemoryDeviceInfo => {
    const memdev = `/objects/${d.memdev}`;
    if (d.driver === 'sp-mem') {
      const data: Extract<MemoryDeviceInfo, { type: 'sp-mem' }>['data'] = { addr: d.addr, size: d.size, node: d.node, memdev };
      if (d.id !== null) data.id = d.id;
      return { type: 'sp-mem', data };
    }
    const data: Extract<MemoryDeviceInfo, { type: 'dimm' | 'nvdimm' }>['data'] = {
      addr: d.addr,
      size: d.size,
      slot: d.slot ?? 0,
      node: d.node,
      memdev,
      hotplugged: false,
      hotpluggable: true,
    };
    if (d.id !== null) data.id = d.id;
    return { type: d.driver === 'nvdimm' ? 'nvdimm' : 'dimm', data };
  });
}

/** HMP `info memory-devices` text. */
export function formatInfoMemoryDevices(info: readonly MemoryDeviceInfo[]): string {
  const lines: string[] = [];
  for (const d of info) {
    lines.push(`Memory device [${d.type}]: "${d.data.id ?? ''}"`);
    lines.push(`  addr: 0x${d.data.addr.toString(16)}`);
    if (d.type === 'sp-mem') {
      lines.push(`  node: ${d.data.node}`, `  size: ${d.data.size}`, `  memdev: ${d.data.memdev}`);
    } else {
      lines.push(
        `  slot: ${d.data.slot}`,
        `  node: ${d.data.node}`,
        `  size: ${d.data.size}`,
        `  memdev: ${d.data.memdev}`,
        `  hotplugged: ${d.data.hotplugged}`,
        `  hotpluggable: ${d.data.hotpluggable}`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** The QMP value as JSON text (numbers as JSON numbers, exact for any 64-bit value). */
export function memoryDevicesToJson(info: readonly MemoryDeviceInfo[]): string {
  const body = JSON.stringify(
    info,
    (_k, v) => (typeof v === 'bigint' ? `__BIG__${v.toString()}__` : v),
    2,
  );
  return body.replace(/"__BIG__(\d+)__"/g, '$1');
}
