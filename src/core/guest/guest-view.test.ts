/**
 * The guest preview, line by line, against expectations written by hand from the formats of
 * shared/docs/linux-guest-view.md §1.2 (BIOS-e820: 0x + 16 digits, inclusive end; SRAT: %#010Lx; iomem: 8 digits,
 * 2 spaces per level) and addresses worked out by hand in the comments. Two expectations are real output quoted
 * from the docs: the SRAT lines of qemu-memory.md §4.8 and SeaBIOS's `q35 -m 4G` dump of §1.8.
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import { presetDocument } from '../designer/index.ts';
import { firmwareE820 } from './guest-firmware.ts';
import { guestDmesgText, guestIomemText, guestView, guestViewDefaults, formatSratLine, formatE820Line, formatIomemLine, type GuestViewOptions } from './guest-view.ts';
import type { MachineLayout } from '../machine/index.ts';

const words = (s: string) => s.trim().split(/\s+/);

function layoutOf(cmd: string): MachineLayout {
  const p = parseQemuArgs(words(cmd));
  if (!p.ok) throw new Error('parse failed');
  const r = computeMachine(p.doc);
  if (r.error) throw new Error(r.error.message);
  return r.layout!;
}

const lines = (text: string) => text.replace(/\n$/, '').split('\n');

function expectLines(actual: string[], expected: string[]) {
  // line by line, so a failure names the first differing line
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    expect(actual[i], `line ${i + 1}`).toBe(expected[i]);
  }
}

function view(cmd: string, opts: GuestViewOptions) {
  return guestView(layoutOf(cmd), opts);
}

describe('formats', () => {
  it('BIOS-e820: 0x + 16 digits, inclusive end', () => {
    expect(formatE820Line(0n, 0x9fc00n, 1)).toBe('BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable');
    expect(formatE820Line(0x100000000n, 0x120000000n, 0xefffffff)).toBe('BIOS-e820: [mem 0x0000000100000000-0x000000011fffffff] soft reserved');
    expect(formatE820Line(0x3fe52000n, 0x3fe64000n, 3)).toBe('BIOS-e820: [mem 0x000000003fe52000-0x000000003fe63fff] ACPI data');
    expect(formatE820Line(0x3fe64000n, 0x3fee4000n, 4)).toBe('BIOS-e820: [mem 0x000000003fe64000-0x000000003fee3fff] ACPI NVS');
    expect(formatE820Line(0x1000n, 0x2000n, 12)).toBe('BIOS-e820: [mem 0x0000000000001000-0x0000000000001fff] persistent (type 12)');
    expect(formatE820Line(0x1000n, 0x2000n, 2, 'user')).toBe('user: [mem 0x0000000000001000-0x0000000000001fff] reserved');
  });
  it('SRAT: %#010Lx is 0x plus at least 8 digits', () => {
    expect(formatSratLine(0, 0, 0n, 0xa0000n, false, false)).toBe('ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]');
    expect(formatSratLine(1, 1, 0x180000000n, 0x300000000n, true, false)).toBe('ACPI: SRAT: Node 1 PXM 1 [mem 0x180000000-0x2ffffffff] hotplug');
    expect(formatSratLine(0, 2, 0x140000000n, 0x180000000n, false, true)).toBe('ACPI: SRAT: Node 0 PXM 2 [mem 0x140000000-0x17fffffff] non-volatile');
  });
  it('iomem: 8 digits, 9+ printed in full, 2 spaces per level', () => {
    expect(formatIomemLine(0, 0n, 0xfffn, 'Reserved')).toBe('00000000-00000fff : Reserved');
    expect(formatIomemLine(2, 0x100000000n, 0x107ffffffn, 'System RAM (kmem)')).toBe('    100000000-107ffffff : System RAM (kmem)');
  });
});

describe('SeaBIOS q35 -m 4G (real dump, qemu-memory.md §1.8)', () => {
  // e820 map has 10 items: 0–9fc00 RAM, 9fc00–a0000, f0000–100000, 100000–7ffe0000 RAM, 7ffe0000–80000000,
  // b0000000–c0000000, fed1c000–fed20000, fffc0000–100000000, 100000000–180000000 RAM, fd00000000–10000000000
  const layout = layoutOf('-machine q35 -m 4G');
  it('firmware map equals the dump, with origins', () => {
    const fw = firmwareE820(layout, { firmware: 'seabios' });
    const got = fw.entries.map((e) => [e.start, e.end, e.type, e.origin]);
    expect(got).toEqual([
      [0x0n, 0x9fc00n, 1, 'qemu'],
      [0x9fc00n, 0xa0000n, 2, 'firmware'],
      [0xf0000n, 0x100000n, 2, 'firmware'],
      [0x100000n, 0x7ffe0000n, 1, 'qemu'],
      [0x7ffe0000n, 0x80000000n, 2, 'firmware-approx'],
      [0xb0000000n, 0xc0000000n, 2, 'firmware'],
      [0xfed1c000n, 0xfed20000n, 2, 'firmware'],
      [0xfffc0000n, 0x100000000n, 2, 'firmware'],
      [0x100000000n, 0x180000000n, 1, 'qemu'],
      [0xfd00000000n, 0x10000000000n, 2, 'qemu'],
    ]);
    // low RAM ends where the approximate reservation begins
    expect(fw.entries[3]!.approximate).toBe(true);
    expect(fw.entries[0]!.approximate).toBe(false);
  });
  it('dmesg', () => {
    const v = guestView(layout, { firmware: 'seabios', kernel: '6.3+' });
    expectLines(lines(guestDmesgText(v)), [
      'BIOS-provided physical RAM map:',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
      'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
      'BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable',
      'BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved',
      'BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved',
      'BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved',
      'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x0000000100000000-0x000000017fffffff] usable',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
    ]);
  });
  it('pc -m 128M: the 7 items of §1.8', () => {
    // 0–9fc00 RAM, 9fc00–a0000, f0000–100000, 100000–7fe0000 RAM, 7fe0000–8000000, fffc0000–100000000, fd00000000–…
    const v = view('-machine pc -m 128M', { firmware: 'seabios', kernel: '6.3+' });
    expectLines(v.dmesgE820, [
      'BIOS-provided physical RAM map:',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
      'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
      'BIOS-e820: [mem 0x0000000000100000-0x0000000007fdffff] usable',
      'BIOS-e820: [mem 0x0000000007fe0000-0x0000000007ffffff] reserved',
      'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
    ]);
    expect(v.dmesgSrat).toEqual([]);
  });
});

describe('design 1: qemu-memory.md §4.8 (q35, nodes 3G + 1G, pc-dimm 1G on node 1), SeaBIOS', () => {
  // RAM: below 4G 0x80000000, above 0x80000000 at 4G. Node 0 = [0,0xa0000) [0x100000,0x80000000) [4G,0x140000000);
  // node 1 = [0x140000000,0x180000000). Window base 0x180000000, size (8G-4G)+2x1G = 0x180000000 -> end 0x300000000.
  // dimm d0 (1G) first fit at 0x180000000. SeaBIOS on q35 with an SRAT keeps 0x21000 at the top of low RAM
  // (0x80000000 - 0x21000 = 0x7ffdf000; seen with SeaBIOS 1.17.0 on this very command line).
  const cmd =
    '-machine q35 -smp 2,sockets=2 -m 4G,slots=2,maxmem=8G -object memory-backend-ram,id=r0,size=3G -object memory-backend-ram,id=r1,size=1G -numa node,memdev=r0 -numa node,memdev=r1 -object memory-backend-ram,id=m0,size=1G -device pc-dimm,id=d0,memdev=m0,node=1';
  const v = view(cmd, { firmware: 'seabios', kernel: 'pre-6.3' });
  it('dmesg: E820 dump and the real SRAT lines of §4.8', () => {
    expectLines(lines(guestDmesgText(v)), [
      'BIOS-provided physical RAM map:',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
      'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
      'BIOS-e820: [mem 0x0000000000100000-0x000000007ffdefff] usable',
      'BIOS-e820: [mem 0x000000007ffdf000-0x000000007fffffff] reserved',
      'BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved',
      'BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved',
      'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x0000000100000000-0x000000017fffffff] usable',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
      // real Linux 6.12 output (qemu-memory.md §4.8), without the timestamps
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x7fffffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0x13fffffff]',
      'ACPI: SRAT: Node 1 PXM 1 [mem 0x140000000-0x17fffffff]',
      'ACPI: SRAT: Node 1 PXM 1 [mem 0x180000000-0x2ffffffff] hotplug',
    ]);
  });
  it('iomem', () => {
    // 64-bit PCI window: round_up(window end 0x300000000, 1G) + 32 GiB (q35) -> [0x300000000, 0xb00000000)
    expectLines(lines(guestIomemText(v)), [
      '00000000-00000fff : Reserved',
      '00001000-0009fbff : System RAM',
      '0009fc00-0009ffff : Reserved',
      '000a0000-000bffff : PCI Bus 0000:00',
      '000f0000-000fffff : Reserved',
      '  000f0000-000fffff : System ROM',
      '00100000-7ffdefff : System RAM',
      '7ffdf000-7fffffff : Reserved',
      '80000000-afffffff : PCI Bus 0000:00',
      'b0000000-bfffffff : PCI MMCONFIG 0000 [bus 00-ff]',
      '  b0000000-bfffffff : Reserved',
      'c0000000-febfffff : PCI Bus 0000:00',
      'fec00000-fec003ff : IOAPIC 0',
      'fed00000-fed003ff : HPET 0',
      '  fed00000-fed003ff : PNP0103:00',
      'fed1c000-fed1ffff : Reserved',
      'fee00000-fee00fff : Local APIC',
      'fffc0000-ffffffff : Reserved',
      '100000000-17fffffff : System RAM',
      '180000000-1bfffffff : System RAM',
      '300000000-affffffff : PCI Bus 0000:00',
      'fd00000000-ffffffffff : Reserved',
    ]);
  });
  it('no sp-mem, no fates', () => {
    expect(v.fates).toEqual([]);
  });
});

describe('design 2: QEMU\'s sp-mem qtest (one 128 MiB sp-mem on node 0), OVMF, Linux 6.3+', () => {
  // below 4G = 0x10000000 (256M); window base round_up(4G,1G) = 0x100000000, size (2G-256M)+2x1G = 0xf0000000.
  // sp0 at 0x100000000 +0x8000000. SRAT: node 0 RAM, 1 padding, sp-mem (flags 1), gap [0x108000000, 0x1f0000000).
  // OVMF edk2 2026.08 fragments, top T = 0x10000000: T-0x18c1000 = 0xe73f000, T-0x1800000 = 0xe800000,
  // T-0x42e000 = 0xfbd2000, T-0x1ae000 = 0xfe52000, T-0x19c000 = 0xfe64000, T-0x11c000 = 0xfee4000,
  // T-0x114000 = 0xfeec000, T-0x90000 = 0xff70000. ECAM at 0xe0000000.
  const v = guestView(computeMachine(presetDocument('upstream-qtest')!).layout!, { firmware: 'ovmf', kernel: '6.3+' });
  it('dmesg', () => {
    expectLines(lines(guestDmesgText(v)), [
      'BIOS-provided physical RAM map:',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable',
      'BIOS-e820: [mem 0x0000000000100000-0x00000000007fffff] usable',
      'BIOS-e820: [mem 0x0000000000800000-0x0000000000807fff] ACPI NVS',
      'BIOS-e820: [mem 0x0000000000808000-0x000000000080afff] usable',
      'BIOS-e820: [mem 0x000000000080b000-0x000000000080bfff] ACPI NVS',
      'BIOS-e820: [mem 0x000000000080c000-0x0000000000811fff] usable',
      'BIOS-e820: [mem 0x0000000000812000-0x0000000000812fff] reserved',
      'BIOS-e820: [mem 0x0000000000813000-0x0000000000813fff] usable',
      'BIOS-e820: [mem 0x0000000000814000-0x00000000008fffff] ACPI NVS',
      'BIOS-e820: [mem 0x0000000000900000-0x000000000e73efff] usable',
      'BIOS-e820: [mem 0x000000000e73f000-0x000000000e7fffff] reserved',
      'BIOS-e820: [mem 0x000000000e800000-0x000000000fbd1fff] usable',
      'BIOS-e820: [mem 0x000000000fbd2000-0x000000000fe51fff] reserved',
      'BIOS-e820: [mem 0x000000000fe52000-0x000000000fe63fff] ACPI data',
      'BIOS-e820: [mem 0x000000000fe64000-0x000000000fee3fff] ACPI NVS',
      'BIOS-e820: [mem 0x000000000fee4000-0x000000000feebfff] usable',
      'BIOS-e820: [mem 0x000000000feec000-0x000000000ff6ffff] reserved',
      'BIOS-e820: [mem 0x000000000ff70000-0x000000000fffffff] ACPI NVS',
      'BIOS-e820: [mem 0x00000000e0000000-0x00000000efffffff] reserved',
      'BIOS-e820: [mem 0x00000000ffc00000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x0000000100000000-0x0000000107ffffff] soft reserved',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x0fffffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0x107ffffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x108000000-0x1efffffff] hotplug',
    ]);
  });
  it('line origins', () => {
    const byText = (s: string) => v.e820.find((l) => l.text.includes(s))!;
    expect(byText('0x0000000000000000-').origin).toBe('qemu');
    expect(byText('ACPI data').origin).toBe('firmware-approx');
    expect(byText('0x00000000e0000000').origin).toBe('firmware');
    expect(byText('0x00000000ffc00000').origin).toBe('firmware');
    expect(byText('soft reserved').origin).toBe('qemu');
    expect(byText('soft reserved').optionIndices).toEqual([v.fates[0]!.optionIndex]);
  });
  it('iomem (6.3+: kmem; the flash range is gone)', () => {
    // 32-bit PCI window [0x10000000, ECAM) and [ECAM end, 0xfec00000); 64-bit: round_up(0x1f0000000, 1G) = 0x200000000, +32G
    expectLines(lines(guestIomemText(v)), [
      '00000000-00000fff : Reserved',
      '00001000-0009ffff : System RAM',
      '000a0000-000bffff : PCI Bus 0000:00',
      '000f0000-000fffff : System ROM',
      '00100000-007fffff : System RAM',
      '00800000-00807fff : ACPI Non-volatile Storage',
      '00808000-0080afff : System RAM',
      '0080b000-0080bfff : ACPI Non-volatile Storage',
      '0080c000-00811fff : System RAM',
      '00812000-00812fff : Reserved',
      '00813000-00813fff : System RAM',
      '00814000-008fffff : ACPI Non-volatile Storage',
      '00900000-0e73efff : System RAM',
      '0e73f000-0e7fffff : Reserved',
      '0e800000-0fbd1fff : System RAM',
      '0fbd2000-0fe51fff : Reserved',
      '0fe52000-0fe63fff : ACPI Tables',
      '0fe64000-0fee3fff : ACPI Non-volatile Storage',
      '0fee4000-0feebfff : System RAM',
      '0feec000-0ff6ffff : Reserved',
      '0ff70000-0fffffff : ACPI Non-volatile Storage',
      '10000000-dfffffff : PCI Bus 0000:00',
      'e0000000-efffffff : PCI MMCONFIG 0000 [bus 00-ff]',
      '  e0000000-efffffff : Reserved',
      'f0000000-febfffff : PCI Bus 0000:00',
      'fec00000-fec003ff : IOAPIC 0',
      'fed00000-fed003ff : HPET 0',
      '  fed00000-fed003ff : PNP0103:00',
      'fee00000-fee00fff : Local APIC',
      '100000000-107ffffff : Soft Reserved',
      '  100000000-107ffffff : dax0.0',
      '    100000000-107ffffff : System RAM (kmem)',
      '200000000-9ffffffff : PCI Bus 0000:00',
      'fd00000000-ffffffffff : Reserved',
    ]);
  });
  it('fate: kmem on node 0, which also has RAM and CPUs', () => {
    const f = v.fates[0]!;
    expect(f).toMatchObject({
      id: 'sp0',
      firmwareSees: true,
      e820Word: 'soft reserved',
      iomemName: 'Soft Reserved',
      iomemPath: ['Soft Reserved', 'dax0.0', 'System RAM (kmem)'],
      daxDevice: 'dax0.0',
      devPath: null,
      mode: 'system-ram',
      targetNode: 0,
      memoryOnlyNode: false,
    });
    expect(f.warnings.some((w) => w.text.includes('Node 0 also holds ordinary memory'))).toBe(true);
    for (const s of [...f.chain, ...f.warnings]) expect(s.sources.length).toBeGreaterThan(0);
  });
  it('SeaBIOS hides the range: no line, a warning, SRAT lines unchanged', () => {
    const sb = guestView(computeMachine(presetDocument('upstream-qtest')!).layout!, { firmware: 'seabios', kernel: '6.3+' });
    expect(sb.e820.some((l) => l.type === 0xefffffff)).toBe(false);
    expect(sb.firmwareMap.dropped).toMatchObject([{ start: 0x100000000n, end: 0x108000000n, type: 0xefffffff }]);
    expect(sb.iomemLines.some((l) => l.text.startsWith('100000000-'))).toBe(false);
    expect(sb.dmesgSrat).toEqual(v.dmesgSrat);
    expect(sb.fates[0]).toMatchObject({ firmwareSees: false, mode: 'absent', e820Type: null, daxDevice: null });
    expect(sb.warnings.some((w) => w.text.startsWith('SeaBIOS drops SOFT_RESERVED'))).toBe(true);
  });
});

describe('design 3: two sp-mem on different nodes with a pc-dimm between them, OVMF, Linux before 6.3', () => {
  // q35 -m 1G: all RAM below 4G (0x40000000). Window base 0x100000000, size (4G-1G)+2x1G = 0x140000000.
  // hbm0 256M at 0x100000000 (node 1), d0 256M at 0x110000000 (node 0), hbm1 256M at 0x120000000 (node 2).
  // SRAT: hbm0 (PXM 1, flags 1), gap [0x110000000,0x120000000) PXM 2 hotplug, hbm1 (PXM 2), gap [0x130000000,0x240000000).
  // OVMF top T = 0x40000000: 0x3e73f000, 0x3e800000, 0x3fbd2000, 0x3fe52000, 0x3fe64000, 0x3fee4000, 0x3feec000, 0x3ff70000.
  const cmd =
    '-machine q35 -smp 2 -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=ram0,size=1G -numa node,nodeid=0,memdev=ram0,cpus=0-1 -numa node,nodeid=1 -numa node,nodeid=2 -object memory-backend-ram,id=h0,size=256M -device sp-mem,id=hbm0,memdev=h0,node=1 -object memory-backend-ram,id=d0m,size=256M -device pc-dimm,id=d0,memdev=d0m,node=0 -object memory-backend-ram,id=h1,size=256M -device sp-mem,id=hbm1,memdev=h1,node=2';
  const v = view(cmd, { firmware: 'ovmf', kernel: 'pre-6.3' });
  it('dmesg', () => {
    expectLines(lines(guestDmesgText(v)), [
      'BIOS-provided physical RAM map:',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable',
      'BIOS-e820: [mem 0x0000000000100000-0x00000000007fffff] usable',
      'BIOS-e820: [mem 0x0000000000800000-0x0000000000807fff] ACPI NVS',
      'BIOS-e820: [mem 0x0000000000808000-0x000000000080afff] usable',
      'BIOS-e820: [mem 0x000000000080b000-0x000000000080bfff] ACPI NVS',
      'BIOS-e820: [mem 0x000000000080c000-0x0000000000811fff] usable',
      'BIOS-e820: [mem 0x0000000000812000-0x0000000000812fff] reserved',
      'BIOS-e820: [mem 0x0000000000813000-0x0000000000813fff] usable',
      'BIOS-e820: [mem 0x0000000000814000-0x00000000008fffff] ACPI NVS',
      'BIOS-e820: [mem 0x0000000000900000-0x000000003e73efff] usable',
      'BIOS-e820: [mem 0x000000003e73f000-0x000000003e7fffff] reserved',
      'BIOS-e820: [mem 0x000000003e800000-0x000000003fbd1fff] usable',
      'BIOS-e820: [mem 0x000000003fbd2000-0x000000003fe51fff] reserved',
      'BIOS-e820: [mem 0x000000003fe52000-0x000000003fe63fff] ACPI data',
      'BIOS-e820: [mem 0x000000003fe64000-0x000000003fee3fff] ACPI NVS',
      'BIOS-e820: [mem 0x000000003fee4000-0x000000003feebfff] usable',
      'BIOS-e820: [mem 0x000000003feec000-0x000000003ff6ffff] reserved',
      'BIOS-e820: [mem 0x000000003ff70000-0x000000003fffffff] ACPI NVS',
      'BIOS-e820: [mem 0x00000000e0000000-0x00000000efffffff] reserved',
      'BIOS-e820: [mem 0x00000000ffc00000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x0000000100000000-0x000000010fffffff] soft reserved',
      'BIOS-e820: [mem 0x0000000120000000-0x000000012fffffff] soft reserved',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x3fffffff]',
      'ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x10fffffff]',
      'ACPI: SRAT: Node 2 PXM 2 [mem 0x110000000-0x11fffffff] hotplug',
      'ACPI: SRAT: Node 2 PXM 2 [mem 0x120000000-0x12fffffff]',
      'ACPI: SRAT: Node 2 PXM 2 [mem 0x130000000-0x23fffffff] hotplug',
    ]);
  });
  it('iomem: hmem.N > Soft Reserved > daxN.0, the DIMM as System RAM, the flash kept', () => {
    const tail = lines(guestIomemText(v)).slice(-15);
    // 64-bit window: round_up(0x240000000, 1G) = 0x240000000, +32G -> 0xa3fffffff
    expectLines(tail, [
      'f0000000-febfffff : PCI Bus 0000:00',
      'fec00000-fec003ff : IOAPIC 0',
      'fed00000-fed003ff : HPET 0',
      '  fed00000-fed003ff : PNP0103:00',
      'fee00000-fee00fff : Local APIC',
      'ffc00000-ffffffff : Reserved',
      '100000000-10fffffff : hmem.0',
      '  100000000-10fffffff : Soft Reserved',
      '    100000000-10fffffff : dax0.0',
      '110000000-11fffffff : System RAM',
      '120000000-12fffffff : hmem.1',
      '  120000000-12fffffff : Soft Reserved',
      '    120000000-12fffffff : dax1.0',
      '240000000-a3fffffff : PCI Bus 0000:00',
      'fd00000000-ffffffffff : Reserved',
    ]);
  });
  it('fates: one devdax device per node', () => {
    expect(v.fates.map((f) => [f.id, f.daxDevice, f.devPath, f.targetNode, f.memoryOnlyNode, f.mode, f.mergedWith.length])).toEqual([
      ['hbm0', 'dax0.0', '/dev/dax0.0', 1, true, 'devdax', 0],
      ['hbm1', 'dax1.0', '/dev/dax1.0', 2, true, 'devdax', 0],
    ]);
    expect(v.fates[0]!.iomemPath).toEqual(['hmem.0', 'Soft Reserved', 'dax0.0']);
  });
  it('SeaBIOS: E820 as seen on a Linux 6.1 guest (SeaBIOS 1.17.0, QEMU 11.1.3)', () => {
    const sb = view(cmd, { firmware: 'seabios', kernel: 'pre-6.3' });
    expectLines(sb.dmesgE820, [
      'BIOS-provided physical RAM map:',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
      'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
      'BIOS-e820: [mem 0x0000000000100000-0x000000003ffdefff] usable',
      'BIOS-e820: [mem 0x000000003ffdf000-0x000000003fffffff] reserved',
      'BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved',
      'BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved',
      'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
    ]);
  });
});

describe('design 4: three touching 16 GiB HBM sp-mem on nodes 1-3, a 4 GiB DIMM, OVMF, Linux 6.3+', () => {
  // The example machine before its HBM stacks were placed 2 MiB apart: no addr=, so they are packed back to back.
  // 16G RAM on q35: below 0x80000000, above 14G at 4G -> end 0x480000000. Window base 0x480000000, size 80G+4x1G = 0x1500000000.
  // hbm0 0x480000000, hbm1 0x880000000, hbm2 0xc80000000 (16G each), dimm0 0x1080000000 (4G); gap [0x1080000000,0x1980000000).
  // The three soft-reserved entries touch: Linux merges them into [0x480000000, 0x1080000000).
  const v = guestView(
    layoutOf(`
      -machine q35 -cpu EPYC -smp 8,sockets=1,cores=8 -m 16G,slots=4,maxmem=96G
      -object memory-backend-ram,id=ram0,size=16G
      -numa node,nodeid=0,memdev=ram0,cpus=0-7 -numa node,nodeid=1 -numa node,nodeid=2 -numa node,nodeid=3
      -object memory-backend-ram,id=hbm0-mem,size=16G -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1
      -object memory-backend-ram,id=hbm1-mem,size=16G -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2
      -object memory-backend-ram,id=hbm2-mem,size=16G -device sp-mem,id=hbm2,memdev=hbm2-mem,node=3
      -object memory-backend-ram,id=dimm0-mem,size=4G -device pc-dimm,id=dimm0,memdev=dimm0-mem,node=0`),
    { firmware: 'ovmf', kernel: '6.3+' },
  );
  it('dmesg tail and SRAT', () => {
    const e = lines(guestDmesgText(v));
    expectLines(e.slice(-12), [
      'BIOS-e820: [mem 0x00000000e0000000-0x00000000efffffff] reserved',
      'BIOS-e820: [mem 0x00000000ffc00000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x0000000100000000-0x000000047fffffff] usable',
      'BIOS-e820: [mem 0x0000000480000000-0x000000107fffffff] soft reserved',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x7fffffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0x47fffffff]',
      'ACPI: SRAT: Node 1 PXM 1 [mem 0x480000000-0x87fffffff]',
      'ACPI: SRAT: Node 2 PXM 2 [mem 0x880000000-0xc7fffffff]',
      'ACPI: SRAT: Node 3 PXM 3 [mem 0xc80000000-0x107fffffff]',
      'ACPI: SRAT: Node 3 PXM 3 [mem 0x1080000000-0x197fffffff] hotplug',
    ]);
    // top of low RAM T = 0x80000000: fragments at 0x7e73f000 ... 0x7ff70000
    expect(e).toContain('BIOS-e820: [mem 0x0000000000900000-0x000000007e73efff] usable');
    expect(e).toContain('BIOS-e820: [mem 0x000000007ff70000-0x000000007fffffff] ACPI NVS');
  });
  it('iomem: one Soft Reserved range, one dax device', () => {
    // 64-bit window: round_up(0x1980000000, 1G) + 32G -> [0x1980000000, 0x2180000000)
    expectLines(lines(guestIomemText(v)).slice(-7), [
      '100000000-47fffffff : System RAM',
      '480000000-107fffffff : Soft Reserved',
      '  480000000-107fffffff : dax0.0',
      '    480000000-107fffffff : System RAM (kmem)',
      '1080000000-117fffffff : System RAM',
      '1980000000-217fffffff : PCI Bus 0000:00',
      'fd00000000-ffffffffff : Reserved',
    ]);
  });
  it('fates: all three collapse into dax0.0 on node 1', () => {
    expect(v.fates.map((f) => [f.id, f.daxDevice, f.targetNode, f.mergedWith.map((m) => m.id)])).toEqual([
      ['hbm0', 'dax0.0', 1, ['hbm1', 'hbm2']],
      ['hbm1', 'dax0.0', 1, ['hbm0', 'hbm2']],
      ['hbm2', 'dax0.0', 1, ['hbm0', 'hbm1']],
    ]);
    expect(v.fates[1]!.warnings.some((w) => w.text.includes('collapse into one dax device'))).toBe(true);
    expect(v.fates[0]!.memoryOnlyNode).toBe(true);
    expect(v.fates[0]!.warnings.some((w) => w.text.includes('lower memory tier'))).toBe(true);
  });
});

describe('design 5: NVDIMM next to a DIMM (q35,nvdimm=on), SeaBIOS', () => {
  // 2G RAM all below 4G. Window base 0x100000000, size 14G+4x1G = 0x480000000 -> end 0x580000000.
  // d0 1G at 0x100000000, nvdimm 1G at 0x140000000: its own ENABLED|NON_VOLATILE entry, then the umbrella.
  // SeaBIOS with an SRAT and an nvdimm on q35 keeps 0x22000 (0x80000000 - 0x22000 = 0x7ffde000; seen on SeaBIOS 1.17.0).
  const v = guestView(computeMachine(presetDocument('nvdimm')!).layout!, { firmware: 'seabios', kernel: '6.3+' });
  it('dmesg', () => {
    expectLines(lines(guestDmesgText(v)), [
      'BIOS-provided physical RAM map:',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
      'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
      'BIOS-e820: [mem 0x0000000000100000-0x000000007ffddfff] usable',
      'BIOS-e820: [mem 0x000000007ffde000-0x000000007fffffff] reserved',
      'BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved',
      'BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved',
      'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
      'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x7fffffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x140000000-0x17fffffff] non-volatile',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0x57fffffff] hotplug',
    ]);
  });
  it('the NVDIMM line is marked approximate', () => {
    const l = v.iomemLines.find((x) => x.text === '140000000-17fffffff : Persistent Memory')!;
    expect(l.node.approximate).toBe(true);
    expect(v.iomemLines.find((x) => x.text === '100000000-13fffffff : System RAM')).toBeDefined();
  });
});

describe('Linux node ids follow the order of first appearance', () => {
  it('a hotpluggable gap before the first sp-mem takes the next node id', () => {
    // PXM 0 (CPUs, RAM) -> node 0; then, in table order: gap at PXM 2 -> node 1, sp-mem at PXM 1 -> node 2
    const v = view(
      '-machine q35 -m 1G,slots=1,maxmem=4G -object memory-backend-ram,id=r0,size=1G -numa node,nodeid=0,memdev=r0 -numa node,nodeid=1 -numa node,nodeid=2 -object memory-backend-ram,id=h0,size=256M -device sp-mem,id=hbm0,memdev=h0,node=1,addr=0x140000000',
      { firmware: 'ovmf', kernel: '6.3+' },
    );
    // window [0x100000000, +3G+1G = 0x200000000); hbm0 [0x140000000, 0x150000000)
    expectLines(v.dmesgSrat, [
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x3fffffff]',
      'ACPI: SRAT: Node 1 PXM 2 [mem 0x100000000-0x13fffffff] hotplug',
      'ACPI: SRAT: Node 2 PXM 1 [mem 0x140000000-0x14fffffff]',
      'ACPI: SRAT: Node 1 PXM 2 [mem 0x150000000-0x1ffffffff] hotplug',
    ]);
    expect(v.fates[0]!.targetNode).toBe(2);
    expect(v.fates[0]!.pxm).toBe(1);
  });
});

describe('OVMF builds and options', () => {
  const layout = computeMachine(presetDocument('upstream-qtest')!).layout!;
  it('edk2 2022.11 drops SOFT_RESERVED and the AMD entry, ECAM at 0xb0000000', () => {
    const v = guestView(layout, { firmware: 'ovmf', kernel: 'pre-6.3', ovmfBuild: 'edk2-2022.11' });
    expect(v.e820.some((l) => l.word === 'soft reserved')).toBe(false);
    expect(v.dmesgE820).toContain('BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved');
    expect(v.dmesgE820.some((l) => l.includes('0x000000fd00000000'))).toBe(false);
    expect(v.fates[0]!.mode).toBe('absent');
  });
  it('SMM build: TSEG at the top 16 MiB of low RAM; the fragments move below it', () => {
    const v = guestView(layout, { firmware: 'ovmf', kernel: '6.3+', smm: true });
    // T = 0x10000000 - 16M = 0xf000000: last fragment ACPI NVS [0xef70000, 0xf000000)
    expect(v.dmesgE820).toContain('BIOS-e820: [mem 0x000000000f000000-0x000000000fffffff] reserved');
    expect(v.dmesgE820).toContain('BIOS-e820: [mem 0x000000000ef70000-0x000000000effffff] ACPI NVS');
  });
  it('defaults from the document', () => {
    const p = parseQemuArgs(words('-machine q35,hpet=off -m 1G -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd'));
    if (!p.ok) throw new Error('parse');
    expect(guestViewDefaults(p.doc)).toMatchObject({ firmware: 'ovmf', smm: true, hpet: false, kernel: '6.3+' });
    const v = guestView(computeMachine(p.doc).layout!, { ...guestViewDefaults(p.doc) });
    expect(v.iomemLines.some((l) => l.text.includes('HPET'))).toBe(false);
  });
  it('reuses QEMU\'s introspection from the layout', () => {
    const v = guestView(layout, { firmware: 'ovmf', kernel: '6.3+' });
    expect(v.infoMemoryDevices).toBe(layout.infoMemoryDevices);
    expect(v.memoryDevices).toBe(layout.memoryDevices);
  });
});
