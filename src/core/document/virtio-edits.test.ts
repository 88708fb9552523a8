/**
 * Edits of the virtio memory devices, kept as raw options: a move rewrites `memaddr=` and `node=` in place and
 * leaves every other word as written (expected texts written by hand).
 */
import { describe, expect, it } from 'vitest';
import { emptyDocument, virtioDeviceDriver, virtioDeviceProperty, type ConfigDocument, type DocOption } from './document.ts';
import { addMemoryDevice, backendUsers, describeOption, moveDevice, removeOption, setDeviceAddr } from './edits.ts';

function doc(...options: DocOption[]): ConfigDocument {
  return { ...emptyDocument('t'), options };
}
const backend: DocOption = { kind: 'object', qomType: 'memory-backend-ram', id: 'm1', size: '2G' };
const vmem = (text: string): DocOption => ({ kind: 'raw', args: ['-device', text] });

describe('virtio memory devices as raw options', () => {
  it('are recognised by driver, in key=value and JSON form', () => {
    expect(virtioDeviceDriver(vmem('virtio-mem-pci,id=v,memdev=m1'))).toBe('virtio-mem-pci');
    expect(virtioDeviceDriver(vmem('driver=virtio-pmem-pci,memdev=m1'))).toBe('virtio-pmem-pci');
    expect(virtioDeviceDriver(vmem('{"driver":"virtio-mem-pci","memdev":"m1"}'))).toBe('virtio-mem-pci');
    expect(virtioDeviceDriver(vmem('virtio-mem,memdev=m1'))).toBeNull();
    expect(virtioDeviceDriver({ kind: 'raw', args: ['-drive', 'virtio-mem-pci'] })).toBeNull();
  });

  it('read a property as written, the last repeat winning, commas unescaped', () => {
    const o = vmem('virtio-mem-pci,id=v,memaddr=0x1,memdev=m1,memaddr=0x2,romfile=a,,b');
    expect(virtioDeviceProperty(o, 'memaddr')).toBe('0x2');
    expect(virtioDeviceProperty(o, 'romfile')).toBe('a,b');
    expect(virtioDeviceProperty(vmem('{"driver":"virtio-mem-pci","memdev":"m1","node":1}'), 'node')).toBe('1');
  });

  it('move: memaddr= and node= rewritten in place, the rest byte for byte', () => {
    const d = doc(backend, vmem('virtio-mem-pci,id=v,memdev=m1,node=0,bus=pcie.0,addr=0x5'));
    const moved = moveDevice(d, { optionIndex: 1, node: 1, addr: 0x140000000n });
    expect(moved.options[1]).toEqual(vmem('virtio-mem-pci,id=v,memdev=m1,node=1,bus=pcie.0,addr=0x5,memaddr=0x140000000'));
    // a second move replaces the memaddr word; the PCI addr= stays
    const again = setDeviceAddr(moved, 1, 0x180000000n);
    expect(again.options[1]).toEqual(vmem('virtio-mem-pci,id=v,memdev=m1,node=1,bus=pcie.0,addr=0x5,memaddr=0x180000000'));
    // back to automatic placement
    expect(setDeviceAddr(again, 1, null).options[1]).toEqual(vmem('virtio-mem-pci,id=v,memdev=m1,node=1,bus=pcie.0,addr=0x5'));
    // the document given is not changed
    expect(d.options[1]).toEqual(vmem('virtio-mem-pci,id=v,memdev=m1,node=0,bus=pcie.0,addr=0x5'));
  });

  it('move of a JSON device: members replaced or added, numbers as numbers', () => {
    const d = doc(backend, vmem('{"driver":"virtio-mem-pci","node":0,"memdev":"m1","id":"v"}'));
    const moved = moveDevice(d, { optionIndex: 1, node: 1, addr: 0x140000000n });
    expect(moved.options[1]).toEqual(vmem('{"driver":"virtio-mem-pci","node":1,"memdev":"m1","id":"v","memaddr":5368709120}'));
    expect(JSON.parse((moved.options[1] as { args: string[] }).args[1]!)).toEqual({ driver: 'virtio-mem-pci', node: 1, memdev: 'm1', id: 'v', memaddr: 5368709120 });
  });

  it('a backend used by a virtio device is in use; removing the device takes its backend', () => {
    const d = doc(backend, vmem('virtio-mem-pci,id=v,memdev=m1'));
    expect(backendUsers(d, 'm1')).toEqual([1]);
    const r = removeOption(d, 0);
    expect(r.ok).toBe(false);
    const r2 = removeOption(d, 1);
    expect(r2.ok && r2.doc.options).toEqual([]);
    expect(describeOption(d.options[1]!)).toBe("virtio-mem-pci 'v'");
  });

  it('add: a RAM backend and a virtio-mem-pci on the node; virtio-pmem on a shared file', () => {
    const r = addMemoryDevice(doc(), 'virtio-mem-pci', '1G', 1);
    expect(r.doc.options).toEqual([
      { kind: 'object', qomType: 'memory-backend-ram', id: 'vmem0-mem', size: '1G' },
      vmem('virtio-mem-pci,id=vmem0,memdev=vmem0-mem,node=1'),
    ]);
    expect(r.index).toBe(1);
    const p = addMemoryDevice(r.doc, 'virtio-pmem-pci', '1G', 0);
    expect(p.doc.options.slice(2)).toEqual([
      { kind: 'object', qomType: 'memory-backend-file', id: 'vpmem0-mem', size: '1G', memPath: '/var/lib/qemu/vpmem0.img', share: 'on' },
      vmem('virtio-pmem-pci,id=vpmem0,memdev=vpmem0-mem'),
    ]);
  });
});
