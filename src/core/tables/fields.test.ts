/** The field descriptions: their sizes are the ACPI/QEMU ones, and encode and decode are each other's inverse. */
import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer.ts';
import { ACPI_HEADER } from './acpi-header.ts';
import { E820_RECORD, E820_SOFT_RESERVED, decodeE820, e820Type, encodeE820, readE820 } from './e820.ts';
import { fieldText, layout, readFields, u16, u32, u64, u8, uint, writeFields } from './fields.ts';
import {
  SRAT_HEADER,
  SRAT_LAPIC_AFFINITY,
  SRAT_MEMORY_AFFINITY,
  SRAT_SUBTABLE_KINDS,
  SRAT_X2APIC_AFFINITY,
  buildSrat,
  decodeSrat,
  readSratLayout,
  walkNodeRam,
} from './srat.ts';

describe('table layouts', () => {
  it('have the sizes of the ACPI specification and QEMU', () => {
    expect([ACPI_HEADER.end, SRAT_HEADER.end, E820_RECORD.end]).toEqual([36, 48, 20]);
    expect([SRAT_LAPIC_AFFINITY.end, SRAT_MEMORY_AFFINITY.end, SRAT_X2APIC_AFFINITY.end]).toEqual([16, 40, 24]);
    expect(SRAT_SUBTABLE_KINDS.filter((k) => k.body).map((k) => [k.type, k.name])).toEqual([
      [0, 'Processor Local APIC/SAPIC Affinity'],
      [1, 'Memory Affinity'],
      [2, 'Processor Local x2APIC Affinity'],
    ]);
  });

  it('split a value over several fields and put it back together', () => {
    const l = layout('t', [u8('v', 'Low', { split: 0 }), u16('x', 'X'), uint(3, 'v', 'High', { split: 8 }), u64('big', 'Big', { default: 7n })]);
    const w = new ByteWriter();
    writeFields(w, l, { v: 0x89abcdef, x: 0x1234 });
    const b = w.bytes();
    expect(Array.from(b.subarray(0, 6))).toEqual([0xef, 0x34, 0x12, 0xcd, 0xab, 0x89]);
    expect(readFields(l, b)).toEqual({ v: 0x89abcdef, x: 0x1234, big: 7n });
    expect(() => writeFields(w, l, {})).toThrow(/no value for v/);
    expect(() => readFields(l, b.subarray(0, 10))).toThrow(RangeError);
  });

  it('show a field the iasl way, flags below it', () => {
    const l = layout('t', [u32('flags', 'Flags (decoded below)', { flags: [{ mask: 2, label: 'Hot Pluggable', name: 'HOTPLUGGABLE' }] })], 28);
    const b = new Uint8Array(32);
    b[28] = 3;
    expect(fieldText(l, b)).toEqual(['[01Ch 0028   4]        Flags (decoded below) : 00000003', '                               Hot Pluggable : 1']);
  });

  it('decode what they encode: the SRAT', () => {
    const ram = walkNodeRam([0x8000_0000n, 0x1_0000_0000n], 0x8000_0000n, 0x1_0000_0000n);
    const t = buildSrat({
      possibleCpus: [
        { index: 0, apicId: 0, node: 0 },
        { index: 1, apicId: 300, node: 1 },
      ],
      numNodes: 2,
      ramRanges: ram,
      nvdimms: [],
      window: { base: 0x2_0000_0000n, size: 0x1_0000_0000n },
      spMems: [{ addr: 0x2_4000_0000n, size: 0x4000_0000n, node: 1, optionIndex: 3 }],
    });
    const d = decodeSrat(t.bytes)!;
    expect(d.checksumOk).toBe(true);
    // decoding cannot tell an sp-mem entry from RAM, nor knows the option index
    expect(d.entries).toEqual(t.entries.map((e) => (e.type === 'memory' && e.role === 'sp-mem' ? { ...e, role: 'ram', optionIndex: undefined } : e)));
    const r = readSratLayout(t.bytes);
    expect(r.header).toMatchObject({ signature: 'SRAT', length: t.bytes.length, revision: 1, oemId: 'BOCHS ', creatorId: 'BXPC', reserved1: 1, reserved2: 0n });
    expect(r.subtables.map((s) => s.entry)).toEqual(t.entries.map((e) => e.type));
    expect(r.bad).toBeNull();
    expect(r.trailing).toBe(0);
  });

  it('decode what they encode: etc/e820', () => {
    const entries = [
      { address: 0n, length: 0x8000_0000n, type: 1 },
      { address: 0x2_4000_0000n, length: 0x4000_0000n, type: E820_SOFT_RESERVED },
    ];
    const b = encodeE820(entries);
    expect(decodeE820(b)).toEqual(entries);
    expect(decodeE820(b.subarray(0, 30))).toBeNull();
    expect(readE820(b.subarray(0, 30))).toEqual({ entries: entries.slice(0, 1), trailing: 10 });
  });
});

describe('E820 types', () => {
  it('have one name each way', () => {
    expect(e820Type(E820_SOFT_RESERVED)).toEqual({ type: E820_SOFT_RESERVED, name: 'SOFT_RESERVED', dmesg: 'soft reserved', iomem: 'Soft Reserved' });
    expect(e820Type(1)).toMatchObject({ name: 'RAM', dmesg: 'usable', iomem: 'System RAM' });
    expect(e820Type(99)).toEqual({ type: 99, dmesg: 'type 99', iomem: 'Reserved' });
  });
});

describe('ByteWriter growth', () => {
  it('writes past its initial capacity (the view is taken after the buffer grows)', () => {
    const w = new ByteWriter(2);
    w.u8(1).u16(0x0302).u32(0x07060504).u64(0x0f0e0d0c0b0a0908n);
    expect([...w.bytes()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
});
