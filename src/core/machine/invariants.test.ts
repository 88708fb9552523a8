/**
 * Invariants over property-generated configurations (fixed seed): whatever QEMU does with a configuration it
 * accepts, the tables must hang together. A failing seed becomes a named regression test.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from './compute.ts';
import { decodeSrat } from '../tables/index.ts';
import { decodeE820 } from '../tables/index.ts';
import type { MachineLayout, SratEntry } from './results.ts';

const GiB = 1n << 30n;
const MiB = 1n << 20n;

const configArb = fc
  .record({
    machine: fc.constantFrom('pc', 'q35'),
    ramMiB: fc.constantFrom(256, 1024, 2048, 2816, 3584, 4096, 6144),
    extraGiB: fc.integer({ min: 1, max: 64 }),
    slots: fc.integer({ min: 0, max: 8 }),
    nodes: fc.integer({ min: 1, max: 6 }),
    intel: fc.boolean(),
    devices: fc.array(
      fc.record({
        driver: fc.constantFrom('pc-dimm', 'sp-mem'),
        sizeMiB: fc.constantFrom(128, 256, 512, 1024, 2048, 3072),
        node: fc.integer({ min: 0, max: 5 }),
        addrGiB: fc.option(fc.integer({ min: 0, max: 80 }), { freq: 3 }),
      }),
      { maxLength: 6 },
    ),
  })
  .map((c) => {
    const args = ['-machine', c.machine, '-m', `${c.ramMiB}M,slots=${c.slots},maxmem=${c.ramMiB + c.extraGiB * 1024}M`];
    if (c.intel) args.push('-cpu', 'qemu64,vendor=GenuineIntel');
    // node 0 holds all RAM, others memory-less
    args.push('-object', `memory-backend-ram,id=ram0,size=${c.ramMiB}M`, '-numa', 'node,nodeid=0,memdev=ram0');
    for (let n = 1; n < c.nodes; n++) args.push('-numa', `node,nodeid=${n}`);
    c.devices.forEach((d, i) => {
      args.push('-object', `memory-backend-ram,id=b${i},size=${d.sizeMiB}M`);
      const addr = d.addrGiB === null ? '' : `,addr=${'0x' + ((4n + BigInt(d.addrGiB)) * GiB).toString(16)}`;
      args.push('-device', `${d.driver},id=d${i},memdev=b${i},node=${d.node % c.nodes}${addr}`);
    });
    return args;
  });

function memoryEntries(l: MachineLayout): Array<Extract<SratEntry, { type: 'memory' }>> {
  return l.srat!.entries.filter((e): e is Extract<SratEntry, { type: 'memory' }> => e.type === 'memory');
}

describe('invariants of accepted configurations', () => {
  it('hold for 400 generated configurations', () => {
    let accepted = 0;
    fc.assert(
      fc.property(configArb, (args) => {
        const p = parseQemuArgs(args);
        expect(p.ok).toBe(true);
        if (!p.ok) return;
        const r = computeMachine(p.doc);
        if (r.error) {
          // a refusal always names something and says something
          expect(r.error.message.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        const l = r.layout!;
        // the SRAT's bytes sum to 0 and decode back to the same entries
        const d = decodeSrat(l.srat!.bytes)!;
        expect(d.checksumOk).toBe(true);
        expect(d.entries.length).toBe(l.srat!.entries.length);
        // E820 entries never overlap, and the bytes decode to the entries
        const e820 = decodeE820(l.e820Bytes)!;
        expect(e820).toEqual(l.e820.map(({ address, length, type }) => ({ address, length, type })));
        const sorted = [...e820].sort((a, b) => (a.address < b.address ? -1 : 1));
        for (let i = 1; i < sorted.length; i++) {
          expect(sorted[i - 1]!.address + sorted[i - 1]!.length <= sorted[i]!.address).toBe(true);
        }
        // devices lie inside the window, aligned, without overlapping
        const w = l.window!;
        const devs = [...l.devices].sort((a, b) => (a.addr < b.addr ? -1 : 1));
        devs.forEach((dv, i) => {
          expect(dv.addr >= w.base && dv.addr + dv.size <= w.base + w.size).toBe(true);
          expect(dv.addr % dv.align).toBe(0n);
          if (i > 0) expect(devs[i - 1]!.addr + devs[i - 1]!.size <= dv.addr).toBe(true);
        });
        // hotplug gaps and sp-mem entries tile the window exactly
        const tiles = memoryEntries(l)
          .filter((e) => e.role === 'hotplug' || e.role === 'sp-mem')
          .sort((a, b) => (a.baseAddress < b.baseAddress ? -1 : 1));
        let cursor = w.base;
        for (const t of tiles) {
          expect(t.baseAddress).toBe(cursor);
          expect(t.length > 0n).toBe(true);
          expect(t.flags).toBe(t.role === 'hotplug' ? 3 : 1);
          cursor += t.length;
        }
        expect(cursor).toBe(w.base + w.size);
        // one SOFT_RESERVED entry per sp-mem, after QEMU's own entries
        const spm = l.devices.filter((x) => x.driver === 'sp-mem');
        expect(e820.filter((x) => x.type === 0xefffffff).length).toBe(spm.length);
        // RAM entries lie in RAM: below 4G, or above the (possibly relocated) start
        for (const e of memoryEntries(l).filter((x) => x.role === 'ram')) {
          const inLow = e.baseAddress + e.length <= l.ram.below4g;
          const inHigh = e.baseAddress >= l.ram.above4gStart && e.baseAddress + e.length <= l.ram.above4gStart + l.ram.above4g;
          expect(inLow || inHigh).toBe(true);
        }
        // RAM sizes add up to -m (no node ends between 640K and 1M here)
        const ramTotal = memoryEntries(l)
          .filter((x) => x.role === 'ram')
          .reduce((s, x) => s + x.length, 0n);
        expect(ramTotal).toBe(l.ram.ramSize - (0x100000n - 0xa0000n));
        void MiB;
      }),
      { seed: 20261120, numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('bad input never throws', () => {
  const junk = fc.oneof(
    fc.constantFrom('', '0', '-1', '1G', '0x', '0x1G', '1.5', '1e9', 'on', 'off', '18446744073709551616', '4294967296', '９', 'nan'),
    fc.string({ maxLength: 12 }),
  );
  const optionArb = fc.oneof(
    fc.record({ kind: fc.constant('machine' as const), type: fc.constantFrom('pc', 'q35', 'pc-q35-7.1', 'bogus'), maxRamBelow4g: fc.option(junk, { nil: undefined }), nvdimm: fc.option(junk, { nil: undefined }) }),
    fc.record({ kind: fc.constant('memory' as const), size: fc.option(junk, { nil: undefined }), slots: fc.option(junk, { nil: undefined }), maxmem: fc.option(junk, { nil: undefined }) }),
    fc.record({ kind: fc.constant('smp' as const), cpus: fc.option(junk, { nil: undefined }), sockets: fc.option(junk, { nil: undefined }), cores: fc.option(junk, { nil: undefined }) }),
    fc.record({ kind: fc.constant('cpu' as const), model: fc.constantFrom('qemu64', 'max', 'nope'), physBits: fc.option(junk, { nil: undefined }), vendor: fc.option(junk, { nil: undefined }) }),
    fc.record({ kind: fc.constant('object' as const), qomType: fc.constantFrom('memory-backend-ram' as const, 'memory-backend-file' as const, 'memory-backend-memfd' as const), id: fc.constantFrom('m0', 'm1', '', '0bad'), size: fc.option(junk, { nil: undefined }), align: fc.option(junk, { nil: undefined }), memPath: fc.option(fc.constant('/tmp/x'), { nil: undefined }) }),
    fc.record({ kind: fc.constant('numa-node' as const), nodeid: fc.option(junk, { nil: undefined }), memdev: fc.option(fc.constantFrom('m0', 'm1', 'zz'), { nil: undefined }), cpus: fc.option(fc.array(junk, { maxLength: 2 }), { nil: undefined }) }),
    fc.record({ kind: fc.constant('numa-dist' as const), src: fc.option(junk, { nil: undefined }), dst: fc.option(junk, { nil: undefined }), val: fc.option(junk, { nil: undefined }) }),
    fc.record({ kind: fc.constant('numa-cpu' as const), nodeId: fc.option(junk, { nil: undefined }), socketId: fc.option(junk, { nil: undefined }) }),
    fc.record({ kind: fc.constant('device' as const), driver: fc.constantFrom('pc-dimm' as const, 'nvdimm' as const, 'sp-mem' as const), id: fc.option(fc.constantFrom('d0', 'd1', '9x'), { nil: undefined }), memdev: fc.option(fc.constantFrom('m0', 'm1', 'zz'), { nil: undefined }), node: fc.option(junk, { nil: undefined }), addr: fc.option(junk, { nil: undefined }), slot: fc.option(junk, { nil: undefined }), labelSize: fc.option(junk, { nil: undefined }) }),
  );
  it('computeMachine answers every generated document with a layout or an error with a message', () => {
    fc.assert(
      fc.property(fc.array(optionArb, { maxLength: 10 }), (options) => {
        const r = computeMachine({ format: 'memory-map-designer', version: 1, name: 'fuzz', options });
        expect(r.error === null).toBe(r.layout !== null);
        if (r.error) {
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(r.error.message.startsWith('internal error')).toBe(false);
        }
      }),
      { seed: 7, numRuns: 3000 },
    );
  });
});
