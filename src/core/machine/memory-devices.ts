/**
 * `query-memory-devices` (QMP) and `info memory-devices` (HMP) as QEMU reports them: every memory device in
 * ascending address order (shared/docs/qemu-memory.md §6; sp-mem: shared/docs/sp-mem.md "Introspection").
 */
import type { MemoryDeviceInfo, PlacedDevice } from './results.ts';

export function buildMemoryDeviceInfo(devices: readonly PlacedDevice[]): MemoryDeviceInfo[] {
  // devices placed automatically come in address order already
  let inOrder = true;
  for (let i = 1; i < devices.length && inOrder; i++) inOrder = devices[i - 1]!.addr <= devices[i]!.addr;
  const sorted = inOrder ? devices : [...devices].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  return sorted.map((d): MemoryDeviceInfo => {
    const memdev = `/objects/${d.memdev}`;
    if (d.driver === 'virtio-mem-pci') {
      const v = d.virtioMem ?? { blockSize: d.align, requestedSize: 0n };
      const data: Extract<MemoryDeviceInfo, { type: 'virtio-mem' }>['data'] = {
        memaddr: d.addr,
        size: 0n,
        'max-size': d.size,
        'block-size': v.blockSize,
        'requested-size': v.requestedSize,
        node: d.node,
        memdev,
      };
      if (d.id !== null) data.id = d.id;
      return { type: 'virtio-mem', data };
    }
    if (d.driver === 'virtio-pmem-pci') {
      const data: Extract<MemoryDeviceInfo, { type: 'virtio-pmem' }>['data'] = { memaddr: d.addr, size: d.size, memdev };
      if (d.id !== null) data.id = d.id;
      return { type: 'virtio-pmem', data };
    }
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
  let out = '';
  for (const d of info) {
    if (d.type === 'virtio-mem') {
      const x = d.data;
      out += `Memory device [virtio-mem]: "${x.id ?? ''}"\n  memaddr: 0x${x.memaddr.toString(16)}\n  node: ${x.node}\n`;
      out += `  requested-size: ${x['requested-size']}\n  size: ${x.size}\n  max-size: ${x['max-size']}\n  block-size: ${x['block-size']}\n  memdev: ${x.memdev}\n`;
      continue;
    }
    if (d.type === 'virtio-pmem') {
      const x = d.data;
      out += `Memory device [virtio-pmem]: "${x.id ?? ''}"\n  memaddr: 0x${x.memaddr.toString(16)}\n  size: ${x.size}\n  memdev: ${x.memdev}\n`;
      continue;
    }
    const x = d.data;
    out += `Memory device [${d.type}]: "${x.id ?? ''}"\n  addr: 0x${x.addr.toString(16)}\n`;
    if (d.type === 'sp-mem') {
      out += `  node: ${x.node}\n  size: ${x.size}\n  memdev: ${x.memdev}\n`;
    } else {
      out += `  slot: ${d.data.slot}\n  node: ${x.node}\n  size: ${x.size}\n  memdev: ${x.memdev}\n  hotplugged: ${d.data.hotplugged}\n  hotpluggable: ${d.data.hotpluggable}\n`;
    }
  }
  return out;
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
