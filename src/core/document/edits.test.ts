import { describe, expect, it } from 'vitest';
import { formatQemuArgs, parseQemuArgs } from '../syntax/index.ts';
import type { ConfigDocument } from './document.ts';
import {
  addBackend,
  addMemoryDevice,
  addNumaNode,
  machineFields,
  moveDevice,
  numaNodeIds,
  removeOption,
  setDeviceAddr,
  setDeviceNode,
  setHmatLb,
  setMachineField,
  setMachineHmat,
  setNodeInitiator,
  setNumaDistance,
  shiftIndex,
} from './edits.ts';

function doc(line: string): ConfigDocument {
  const p = parseQemuArgs(line.trim().split(/\s+/));
  if (!p.ok) throw new Error('parse');
  return p.doc;
}

const line = (d: ConfigDocument) => formatQemuArgs(d).join(' ');

const BASE = `-machine q35 -m 4G,slots=2,maxmem=8G -object memory-backend-ram,id=ram0,size=4G
  -numa node,nodeid=0,memdev=ram0 -numa node,nodeid=1
  -object memory-backend-ram,id=s-mem,size=1G -device sp-mem,id=s,memdev=s-mem,node=1`;

describe('document edits', () => {
  it('moves a device to another node and back to automatic placement without touching the original', () => {
    const d = doc(BASE);
    const i = d.options.findIndex((o) => o.kind === 'device');
    const moved = setDeviceAddr(setDeviceNode(d, i, 0), i, 0x100200000n);
    expect(line(moved)).toContain('-device sp-mem,id=s,memdev=s-mem,node=0,addr=0x100200000');
    expect(line(d)).toContain('-device sp-mem,id=s,memdev=s-mem,node=1');
    const auto = setDeviceAddr(moved, i, null);
    expect(line(auto)).toContain('-device sp-mem,id=s,memdev=s-mem,node=0');
    expect(line(auto)).not.toContain('addr=');
  });

  it('moves a device as a drag step: only what the move names, and nothing when it names nothing', () => {
    const d = doc(BASE);
    const i = d.options.findIndex((o) => o.kind === 'device');
    expect(moveDevice(d, { optionIndex: i, node: 0, addr: 0x100200000n })).toEqual(setDeviceAddr(setDeviceNode(d, i, 0), i, 0x100200000n));
    expect(line(moveDevice(d, { optionIndex: i, node: null, addr: 0x100200000n }))).toContain('-device sp-mem,id=s,memdev=s-mem,node=1,addr=0x100200000');
    expect(line(moveDevice(d, { optionIndex: i, node: 0, addr: null }))).toContain('-device sp-mem,id=s,memdev=s-mem,node=0');
    expect(moveDevice(d, { optionIndex: i, node: null, addr: null })).toBe(d);
    expect(moveDevice(d, { optionIndex: 0, node: 1, addr: null })).toBe(d);
  });

  it('adds a NUMA node with the next id after the last node', () => {
    const { doc: d, index } = addNumaNode(doc(BASE));
    expect(numaNodeIds(d).map((n) => n.id)).toEqual([0, 1, 2]);
    expect(d.options[index]).toMatchObject({ kind: 'numa-node', nodeid: '2' });
    expect(d.options[index - 1]).toMatchObject({ kind: 'numa-node', nodeid: '1' });
  });

  it('numbers nodes without nodeid as QEMU does', () => {
    expect(numaNodeIds(doc('-numa node -numa node -numa node,nodeid=5')).map((n) => n.id)).toEqual([0, 1, 5]);
  });

  it('adds a device with its backend right before it, with fresh ids', () => {
    const { doc: d, index } = addMemoryDevice(doc(BASE), 'pc-dimm', '1G', 1);
    expect(index).toBe(d.options.length - 1);
    const tail = formatQemuArgs(d).slice(-4).join(' ');
    expect(tail).toBe('-object memory-backend-ram,id=dimm0-mem,size=1G -device pc-dimm,id=dimm0,memdev=dimm0-mem,node=1');
    const again = addMemoryDevice(d, 'pc-dimm', '1G', 0).doc;
    expect(line(again)).toContain('-device pc-dimm,id=dimm1,memdev=dimm1-mem,node=0');
  });

  it('turns nvdimm=on on when adding an nvdimm, with a file backend', () => {
    const { doc: d } = addMemoryDevice(doc(BASE), 'nvdimm', '1G', 0);
    expect(line(d)).toMatch(/^-machine q35,nvdimm=on /);
    expect(line(d)).toContain('-object memory-backend-file,id=nv0-mem,size=1G,mem-path=/var/lib/qemu/nv0.img,share=on -device nvdimm,id=nv0,memdev=nv0-mem,node=0');
  });

  it('adds a standalone backend after the last backend', () => {
    const d0 = doc(BASE);
    const { doc: d, index } = addBackend(d0, '2G');
    expect(d.options[index]).toMatchObject({ kind: 'object', id: 'mem0', size: '2G' });
    expect(index).toBe(d0.options.findIndex((o) => o.kind === 'device'));
  });

  it('removes a device together with its unused backend, and refuses to remove a backend in use', () => {
    const d = doc(BASE);
    const dev = d.options.findIndex((o) => o.kind === 'device');
    const r = removeOption(d, dev);
    expect(r.ok).toBe(true);
    if (r.ok) expect(line(r.doc)).not.toContain('s-mem');
    const ram0 = d.options.findIndex((o) => o.kind === 'object' && o.id === 'ram0');
    const refused = removeOption(d, ram0);
    expect(refused).toEqual({ ok: false, message: "backend 'ram0' is used by NUMA node 0; remove or change that first" });
  });

  it('shifts indices around inserts and removals', () => {
    expect(shiftIndex(5, 3, 2)).toBe(7);
    expect(shiftIndex(2, 3, 2)).toBe(2);
    expect(shiftIndex(5, 3, -1)).toBe(4);
    expect(shiftIndex(3, 3, -1)).toBeNull();
  });

  it('edits machine fields, creating the option where QEMU expects it', () => {
    let d = doc('-machine q35 -m 2G');
    d = setMachineField(d, 'physBits', '46');
    d = setMachineField(d, 'cpus', '4');
    d = setMachineField(d, 'maxmem', '8G');
    d = setMachineField(d, 'slots', '2');
    expect(line(d)).toBe('-machine q35 -cpu qemu64,phys-bits=46 -smp cpus=4 -m size=2G,slots=2,maxmem=8G');
    expect(machineFields(d)).toMatchObject({ type: 'q35', size: '2G', slots: '2', maxmem: '8G', physBits: '46', cpus: '4' });
    d = setMachineField(d, 'slots', undefined);
    expect(line(d)).toContain('-m size=2G,maxmem=8G');
  });
});

describe('NUMA distance and HMAT edits', () => {
  const NUMA = `-machine q35 -smp 2 -m 2G -object memory-backend-ram,id=r0,size=1G -object memory-backend-ram,id=r1,size=1G
    -numa node,nodeid=0,memdev=r0 -numa node,nodeid=1,memdev=r1 -numa cpu,node-id=0,socket-id=0 -device virtio-net-pci,id=n0`;

  it('writes, changes and removes -numa dist after the NUMA options; the last of repeated options is the one changed', () => {
    const d = setNumaDistance(doc(NUMA), 0, 1, '21');
    expect(line(d)).toContain('-numa cpu,node-id=0,socket-id=0 -numa dist,src=0,dst=1,val=21 -device virtio-net-pci,id=n0');
    const both = setNumaDistance(d, 1, 0, '31');
    expect(line(both)).toContain('-numa dist,src=0,dst=1,val=21 -numa dist,src=1,dst=0,val=31 -device');
    expect(line(setNumaDistance(both, 0, 1, '40'))).toContain('-numa dist,src=0,dst=1,val=40 -numa dist,src=1,dst=0,val=31');
    const repeated = doc(`${NUMA} -numa dist,src=0,dst=1,val=20 -numa dist,src=0,dst=1,val=30`);
    expect(line(setNumaDistance(repeated, 0, 1, '25'))).toMatch(/val=20 -numa dist,src=0,dst=1,val=25$/);
    const cleared = setNumaDistance(repeated, 0, 1, undefined);
    expect(line(cleared)).not.toContain('-numa dist');
    expect(line(cleared)).toBe(line(doc(NUMA)));
    expect(setNumaDistance(doc(NUMA), 0, 1, undefined)).toEqual(doc(NUMA));
  });

  it('writes a latency or a bandwidth cell as -numa hmat-lb, before any hmat-cache, and clears it', () => {
    const cell = { initiator: 0, target: 1, hierarchy: 'memory', dataType: 'access-latency' };
    const d = setHmatLb(setMachineHmat(doc(NUMA), true), cell, '120');
    expect(line(d)).toMatch(/^-machine q35,hmat=on .* -numa cpu,node-id=0,socket-id=0 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=120 -device/);
    const bw = setHmatLb(d, { ...cell, dataType: 'read-bandwidth' }, '8G');
    expect(line(bw)).toContain('latency=120 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=read-bandwidth,bandwidth=8G -device');
    expect(line(setHmatLb(bw, cell, '90'))).toContain('data-type=access-latency,latency=90 ');
    expect(line(setHmatLb(bw, cell, undefined))).not.toContain('access-latency');
    const withCache = doc(`${NUMA} -numa hmat-cache,node-id=1,size=1M,level=1,associativity=direct,policy=write-back,line=64`);
    expect(line(setHmatLb(withCache, cell, '5'))).toMatch(/latency=5 -numa hmat-cache,node-id=1/);
  });

  it('turns hmat on and off and sets a node\'s initiator', () => {
    expect(line(setMachineHmat(doc(NUMA), true))).toMatch(/^-machine q35,hmat=on /);
    expect(line(setMachineHmat(setMachineHmat(doc(NUMA), true), false))).toMatch(/^-machine q35 /);
    expect(setMachineHmat(doc('-m 1G'), true).options[0]).toEqual(doc('-machine hmat=on -m 1G').options[0]);
    expect(line(setNodeInitiator(doc(NUMA), 1, '0'))).toContain('-numa node,nodeid=1,memdev=r1,initiator=0');
    expect(line(setNodeInitiator(setNodeInitiator(doc(NUMA), 1, '0'), 1, undefined))).toContain('-numa node,nodeid=1,memdev=r1 ');
    expect(setNodeInitiator(doc(NUMA), 5, '0')).toEqual(doc(NUMA));
  });
});
