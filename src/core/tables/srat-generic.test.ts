/**
 * SRAT Generic Initiator (type 5) and Generic Port (type 6) affinity structures against real QEMU 11.1
 * (src/core/testdata/qemu-hmat, captured by src/cli/capture-hmat-goldens-main.ts): each case's whole SRAT input is
 * written here by hand from its cmdline.txt, the bytes must be QEMU's, and `iasl -d` must read them without error
 * or warning, as we show them.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HMAT_FIXTURES, dslBody, hmatFixture, iasl as iaslTable } from '../../test-support/acpi.ts';
import { formatSratText } from './srat-text.ts';
import {
  buildSrat,
  buildSratEntries,
  decodeSrat,
  encodeSrat,
  readSratLayout,
  sratGenericInitiator,
  sratGenericPort,
  type RamRange,
  type SratInput,
} from './srat.ts';

const FIXTURES = HMAT_FIXTURES;
const fixture = hmatFixture;
const iasl = (bytes: Uint8Array) => iaslTable(bytes, 'SRAT');
const body = dslBody;

const MiB = 1n << 20n;
const range = (node: number, base: bigint, size: bigint): RamRange => ({ node, base, size });
/** nodes 0 and 1 with 64 MiB each, all below 4 GiB: node 0 around the 640K–1M hole, node 1 right after */
const RAM_64_64 = [range(0, 0n, 0xa0000n), range(0, 0x100000n, 64n * MiB - 0x100000n), range(1, 64n * MiB, 64n * MiB)];
const ONE_CPU = [{ index: 0, apicId: 0, node: 0 }];
const base = (numNodes: number, ramRanges: RamRange[] = RAM_64_64): SratInput => ({ possibleCpus: ONE_CPU, numNodes, ramRanges, nvdimms: [], window: null, spMems: [] });
/** devfn = slot << 3 | function */
const devfn = (slot: number, fn = 0) => (slot << 3) | fn;

/** Every captured SRAT with generic affinity structures, its input translated from cmdline.txt by hand. */
const CASES: Array<[dir: string, file: string, input: SratInput]> = [
  [
    'gi-q35-memless-node',
    'SRAT.bin',
    {
      // 2 GiB on q35 all lies below 4 GiB; one CPU on node 0; the virtio-net-pci takes q35's first free slot, 00:01.0
      ...base(3, [range(0, 0n, 0xa0000n), range(0, 0x100000n, 0x3ff00000n), range(1, 0x40000000n, 0x40000000n)]),
      genericAffinity: [sratGenericInitiator(2, 0, devfn(1))],
    },
  ],
  // pc: slot 1 is the PIIX3, the NIC gets 00:02.0
  ['gi-pc-memless-node', 'SRAT.bin', { ...base(3), genericAffinity: [sratGenericInitiator(2, 0, devfn(2))] }],
  ['gi-memory-node', 'SRAT.bin', { ...base(2), genericAffinity: [sratGenericInitiator(1, 0, devfn(1))] }],
  ['gi-object-before-device', 'SRAT.bin', { ...base(3), genericAffinity: [sratGenericInitiator(2, 0, devfn(1))] }],
  // dev0 at 00:01.0 (node 2), dev1 at 00:06.0 (node 3); QEMU's order is the hash order of /objects (m0 b a m1)
  ['gi-two-ids-a-b', 'SRAT.bin', { ...base(4), genericAffinity: [sratGenericInitiator(3, 0, devfn(6)), sratGenericInitiator(2, 0, devfn(1))] }],
  ['gi-two-ids-b-a', 'SRAT.bin', { ...base(4), genericAffinity: [sratGenericInitiator(2, 0, devfn(1)), sratGenericInitiator(3, 0, devfn(6))] }],
  ['gi-function-address', 'SRAT.bin', { ...base(3), genericAffinity: [sratGenericInitiator(2, 0, devfn(5, 3))] }],
  // behind a root port: bus 0 until firmware numbers the buses (fw_cfg blob); SeaBIOS gives the port's bus 1
  ['gi-behind-root-port', 'SRAT.bin', { ...base(3), genericAffinity: [sratGenericInitiator(2, 0, devfn(0))] }],
  ['gi-behind-root-port', 'SRAT.seabios.bin', { ...base(3), genericAffinity: [sratGenericInitiator(2, 1, devfn(0))] }],
  // behind a root port of a pxb-pcie with bus_nr=32: SeaBIOS gives the port's secondary bus 33
  ['gi-behind-pxb', 'SRAT.bin', { ...base(3), genericAffinity: [sratGenericInitiator(2, 0, devfn(0))] }],
  ['gi-behind-pxb', 'SRAT.seabios.bin', { ...base(3), genericAffinity: [sratGenericInitiator(2, 33, devfn(0))] }],
  [
    'gi-with-hotplug-window',
    'SRAT.bin',
    {
      // -m 128M,slots=2,maxmem=2G: the window at 4 GiB, maxmem − RAM plus 1 GiB per slot; hotplug PXM = last node
      ...base(3),
      window: { base: 0x1_0000_0000n, size: 2n * 1024n * MiB - 128n * MiB + 2n * 1024n * MiB },
      genericAffinity: [sratGenericInitiator(2, 0, devfn(1))],
    },
  ],
  [
    'gi-hmat-initiator',
    'SRAT.bin',
    {
      // -smp 2 is one socket of two cores (APIC IDs 0, 1), -numa cpu puts socket 0 on node 0
      ...base(3),
      possibleCpus: [
        { index: 0, apicId: 0, node: 0 },
        { index: 1, apicId: 1, node: 0 },
      ],
      genericAffinity: [sratGenericInitiator(2, 0, devfn(1))],
    },
  ],
  // the pxb-cxl with bus_nr=12: HID ACPI0016, UID 12
  ['gp-cxl-host-bridge', 'SRAT.bin', { ...base(3), genericAffinity: [sratGenericPort(2, 12)] }],
  // the pxb-cxl takes 00:01.0, the NIC 00:02.0; initiators come before ports whatever the order given
  ['gp-and-gi', 'SRAT.bin', { ...base(4), genericAffinity: [sratGenericPort(3, 12), sratGenericInitiator(2, 0, devfn(2))] }],
];

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const hasGenericPort = (input: SratInput) => input.genericAffinity?.some((g) => g.type === 'generic-port') ?? false;

describe('SRAT generic initiator and generic port affinity', () => {
  it.each(CASES)('%s (%s): the bytes QEMU builds', (dir, file, input) => {
    const want = fixture(dir, file);
    expect(want, `${dir}/${file}`).not.toBeNull();
    const t = buildSrat(input);
    expect(hex(t.bytes)).toBe(hex(want!));
    const d = decodeSrat(t.bytes)!;
    expect(d.checksumOk).toBe(true);
    // decoding cannot tell the option index, nor the order the caller gave the two kinds in
    expect(d.genericAffinity).toEqual(t.genericAffinity);
    expect(d.entries.length).toBe(t.entries.length);
    expect(readSratLayout(t.bytes).subtables.filter((s) => s.type >= 5).map((s) => [s.length, s.entry])).toEqual(
      t.genericAffinity!.map((g) => [32, g.type]),
    );
  });

  it.each(CASES)('%s (%s): iasl -d reads it without error or warning, as we show it', (_dir, _file, input) => {
    const bytes = buildSrat(input).bytes;
    const r = iasl(bytes);
    expect(r.status).toBe(0);
    expect(r.output).not.toMatch(/error|warning/i);
    expect(r.output).toContain('Acpi Data Table [SRAT] decoded');
    const ours = body(formatSratText(bytes));
    const theirs = body(r.dsl);
    if (!hasGenericPort(input)) {
      expect(ours).toBe(theirs);
    } else {
      // ACPICA 20200925 predates the Generic Port Affinity structure: the same text up to it, then its remark
      const cut = theirs.indexOf('**** Unknown SRAT subtable type 0x6');
      expect(cut).toBeGreaterThan(0);
      const upTo = theirs.slice(0, cut).replace('[Unknown Subtable Type]', '[Generic Port Affinity]').trim();
      expect(ours.startsWith(upTo)).toBe(true);
      expect(ours).toContain('Device Handle : 41 43 50 49 30 30 31 36 0C 00 00 00 00 00 00 00');
    }
  });

  it('shows the structures in the disassembler vocabulary', () => {
    // after the 48-byte header, one LAPIC (16) and five memory entries (40 each): at 0x108
    const text = formatSratText(buildSrat(CASES[0]![2]).bytes);
    expect(text).toContain('[108h 0264   1]                Subtable Type : 05 [Generic Initiator Affinity]');
    expect(text).toContain('[10Bh 0267   1]           Device Handle Type : 01');
    expect(text).toContain('[10Ch 0268   4]             Proximity Domain : 00000002');
    expect(text).toContain('[110h 0272  16]                Device Handle : 00 00 00 08 00 00 00 00 00 00 00 00 00 00 00 00');
    expect(text).toMatch(/Flags \(decoded below\) : 00000001\n\s+Enabled : 1\n\[124h 0292   4\]                    Reserved2 : 00000000/);
  });

  it('covers every captured SRAT with such structures; no NUMA, no SRAT', () => {
    const withGeneric = readdirSync(FIXTURES).flatMap((dir) =>
      ['SRAT.bin', 'SRAT.seabios.bin'].flatMap((file) => {
        const b = fixture(dir, file);
        return b && readSratLayout(b).subtables.some((s) => s.type === 5 || s.type === 6) ? [`${dir}/${file}`] : [];
      }),
    );
    expect(withGeneric.sort()).toEqual(CASES.map(([dir, file]) => `${dir}/${file}`).sort());
    // an acpi-generic-initiator without -numa: accepted, and QEMU builds no SRAT at all
    expect(fixture('gi-no-numa', 'SRAT.bin')).toBeNull();
  });

  it('leaves the SRAT of today’s inputs as it was', () => {
    const input = base(2);
    const t = buildSrat(input);
    expect(t.genericAffinity).toBeUndefined();
    expect(t.bytes).toEqual(encodeSrat(buildSratEntries(input)));
    expect(buildSrat({ ...input, genericAffinity: [] })).toEqual(t);
  });
});
