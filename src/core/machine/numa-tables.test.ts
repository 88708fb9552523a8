/**
 * The NUMA tables in the document and the layout beyond the QEMU fixtures (hmat-goldens.test.ts): the options
 * survive parse → format, the tables reach the exports, QEMU 7.2 refuses the generic affinity objects, and what
 * the designer does not model it says in its own words.
 */
import { describe, expect, it } from 'vitest';
import { formatQemuArgs, parseQemuArgs } from '../syntax/index.ts';
import { formatQemuError } from '../base/index.ts';
import { buildExport } from '../io/design-exports.ts';
import { loadDocument, serializeDocument } from '../io/document-io.ts';
import { computeMachine } from './compute.ts';
import type { QemuVersion } from './results.ts';

const NODES = '-m 128M -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M -numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1';

function run(line: string, qemuVersion: QemuVersion = '11.1') {
  const p = parseQemuArgs(line.split(' '));
  if (!p.ok) throw new Error(formatQemuError(p.error));
  return { doc: p.doc, result: computeMachine(p.doc, { qemuVersion }) };
}

describe('NUMA tables', () => {
  const line = `-machine q35,hmat=on -smp 2 ${NODES},initiator=0 -numa node,nodeid=2 -numa cpu,node-id=0,socket-id=0 -numa dist,src=0,dst=1,val=20 -numa dist,src=0,dst=2,val=30 -numa dist,src=1,dst=2,val=40 -device virtio-net-pci,id=dev0,addr=0x4 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2 -numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=10`;

  it('keeps the options as modelled kinds, and writes them back as given', () => {
    const { doc } = run(line);
    expect(doc.options.map((o) => o.kind)).toContain('numa-hmat-lb');
    expect(doc.options.find((o) => o.kind === 'generic-affinity')).toMatchObject({ qomType: 'acpi-generic-initiator', id: 'gi0', pciDev: 'dev0', node: '2' });
    expect(doc.options.find((o) => o.kind === 'machine')).toMatchObject({ type: 'q35', hmat: 'on' });
    expect(formatQemuArgs(doc)).toEqual(line.split(' '));
    const loaded = loadDocument(serializeDocument(doc));
    expect(loaded.ok && formatQemuArgs(loaded.doc)).toEqual(line.split(' '));
  });

  it('builds SLIT and HMAT after the SRAT, with the generic initiator in the SRAT', () => {
    const { doc, result } = run(line);
    expect(result.error).toBeNull();
    const l = result.layout!;
    expect(l.slit?.matrix).toEqual([
      [10, 20, 30],
      [20, 10, 40],
      [30, 40, 10],
    ]);
    expect(l.srat?.genericAffinity).toEqual([
      { type: 'generic-initiator', proximityDomain: 2, handle: { kind: 'pci', segment: 0, bus: 0, devfn: 0x20 }, flags: 1, optionIndex: 13 },
    ]);
    expect(l.hmat?.structures.map((s) => s.type)).toEqual(['proximity-domain', 'proximity-domain', 'locality']);
    for (const f of ['slit', 'hmat'] as const) {
      const e = buildExport(f, doc, result);
      expect(e.ok && e.file?.name).toBe(f === 'slit' ? 'SLIT.bin' : 'HMAT.bin');
      expect(e.ok && e.text).toContain(f === 'slit' ? '[System Locality Information Table]' : '[Heterogeneous Memory Attributes Table]');
    }
    const xml = buildExport('libvirt', doc, result);
    expect(xml.ok && xml.text).toContain('hmat-lb,initiator=0,target=1');
    expect(xml.ok && xml.text).toContain('acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2');
    expect(xml.ok && xml.text).toContain('hmat=on');
    const none = run(`-machine q35 -smp 2 ${NODES}`);
    expect(buildExport('slit', none.doc, none.result)).toMatchObject({ ok: false, refusedByQemu: false });
    expect(none.result.layout?.hmat).toBeNull();
  });

  it('QEMU 7.2 has no acpi-generic-initiator; it writes a proximity domain structure for every node', () => {
    const gi = run(`-machine q35 ${NODES} -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=1`, '7.2');
    expect(gi.result.error && formatQemuError(gi.result.error)).toBe(
      "-object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=1: Parameter 'qom-type' does not accept value 'acpi-generic-initiator'",
    );
    const h = run(`-machine q35,hmat=on -smp 2 ${NODES} -numa node,nodeid=2`, '7.2');
    expect(h.result.layout?.hmat?.structures.filter((s) => s.type === 'proximity-domain')).toHaveLength(3);
    expect(run(`-machine q35,hmat=on -smp 2 ${NODES} -numa node,nodeid=2`).result.layout?.hmat?.structures.filter((s) => s.type === 'proximity-domain')).toHaveLength(2);
  });

  it('refuses in its own words what it does not model: default PCI slots without -nodefaults, devices behind bridges', () => {
    const base = `-machine q35 ${NODES} -numa node,nodeid=2`;
    const noDefaults = run(`${base} -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2`);
    expect(noDefaults.result.error).toMatchObject({ kind: 'cmdline/unsupported', message: expect.stringMatching(/^The designer does not model the PCI slots/) });
    const withDefaults = run(`${base} -nodefaults -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2`);
    expect(withDefaults.result.layout?.srat?.genericAffinity?.[0]?.handle).toEqual({ kind: 'pci', segment: 0, bus: 0, devfn: 0x08 });
    const pc = run(`-machine pc ${NODES} -numa node,nodeid=2 -nodefaults -device virtio-net-pci,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2`);
    expect(pc.result.layout?.srat?.genericAffinity?.[0]?.handle).toEqual({ kind: 'pci', segment: 0, bus: 0, devfn: 0x10 });
    const bridged = run(`${base} -nodefaults -device pcie-root-port,id=rp0,chassis=1 -device virtio-net-pci,id=dev0,bus=rp0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=2`);
    expect(bridged.result.error?.message).toMatch(/^The designer does not model the bus numbers/);
  });
});
