/**
 * The HMAT against real QEMU 11.1 (src/core/testdata/qemu-hmat, captured by src/cli/capture-hmat-goldens-main.ts):
 * each case's input is written here by hand from its cmdline.txt, the bytes must be QEMU's, `iasl -d` must read
 * them without error or warning, and our text must be iasl's.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HMAT_FIXTURES, dslBody, hmatFixture, hmatFixtureError, iasl } from '../../test-support/acpi.ts';
import {
  HMAT_HIERARCHIES,
  buildHmat,
  decodeHmat,
  encodeHmat,
  formatHmatText,
  hmatCacheAttributes,
  hmatLbUnits,
  type HmatCacheOption,
  type HmatDataType,
  type HmatHierarchy,
  type HmatInput,
  type HmatLbOption,
  type HmatNode,
} from './hmat.ts';

const FIXTURES = HMAT_FIXTURES;
const fixture = hmatFixture;
const errorOf = hmatFixtureError;
const body = dslBody;

const M = 1n << 20n;
const G = 1n << 30n;
/** a node with its own memory and CPUs: its own initiator */
const cpuNode = (self: number): HmatNode => ({ hasMemory: true, initiator: self, isInitiator: true });
/** a node with its own memory, no CPUs, `initiator=` or none */
const memNode = (initiator: number | null): HmatNode => ({ hasMemory: true, initiator, isInitiator: false });
function lb(initiator: number, target: number, dataType: HmatDataType, value: bigint, hierarchy: HmatHierarchy = 'memory'): HmatLbOption {
  return { initiator, target, hierarchy, dataType, value };
}
const lat = (i: number, t: number, ns: bigint, h: HmatHierarchy = 'memory') => lb(i, t, 'access-latency', ns, h);
const bw = (i: number, t: number, bytes: bigint, h: HmatHierarchy = 'memory') => lb(i, t, 'access-bandwidth', bytes, h);
const cache = (node: number, size: bigint, level: 1 | 2 | 3, associativity: HmatCacheOption['associativity'], policy: HmatCacheOption['policy'], line: number): HmatCacheOption => ({
  node,
  size,
  level,
  associativity,
  policy,
  line,
});

/** two nodes: the CPUs on node 0 (-numa cpu), node 1 memory-only with initiator=0 */
const H2: HmatNode[] = [cpuNode(0), memNode(0)];
const H2LAT = [lat(0, 0, 10n), lat(0, 1, 20n)];
const H2BW = [bw(0, 0, 1n * G), bw(0, 1, 512n * M)];
/** DDR on nodes 0 and 1 (a socket each), HBM-like memory-only nodes 2 (initiator 0) and 3 (initiator 1) */
const HBM4: HmatNode[] = [cpuNode(0), cpuNode(1), memNode(0), memNode(1)];
const HBM4_LB: HmatLbOption[] = [
  lat(0, 0, 100n), lat(0, 1, 200n), lat(0, 2, 60n), lat(0, 3, 250n),
  lat(1, 0, 200n), lat(1, 1, 100n), lat(1, 2, 250n), lat(1, 3, 60n),
  bw(0, 0, 20n * G), bw(0, 1, 10n * G), bw(0, 2, 200n * G), bw(0, 3, 8n * G),
  bw(1, 0, 10n * G), bw(1, 1, 20n * G), bw(1, 2, 8n * G), bw(1, 3, 200n * G),
];

/** Every captured configuration with an HMAT, its input translated from cmdline.txt by hand. */
const CASES: Array<[dir: string, input: HmatInput]> = [
  // one node, the one CPU in it by default
  ['hmat-1node', { nodes: [cpuNode(0)] }],
  // both sockets on node 0; node 1 has no initiator=: 128 and the flag clear
  ['hmat-2nodes-no-initiator', { nodes: [cpuNode(0), memNode(null)] }],
  ['hmat-2nodes-initiator', { nodes: H2 }],
  ['hmat-2nodes-latency', { nodes: H2, lb: H2LAT }],
  ['hmat-2nodes-latency-bandwidth', { nodes: H2, lb: [...H2BW, ...H2LAT] }],
  [
    'hmat-bios-tables-acpihmat',
    {
      nodes: H2,
      lb: [lat(0, 0, 1n), bw(0, 0, 65534n * M), lat(0, 1, 65534n), bw(0, 1, 32767n * M)],
      caches: [cache(0, 10n * 1024n, 1, 'direct', 'write-back', 8), cache(1, 10n * 1024n, 1, 'direct', 'write-back', 8)],
    },
  ],
  [
    'hmat-bios-tables-noinitiator',
    {
      // two CPUs each on nodes 0 and 1 (-numa cpu by socket), node 2 memory without initiator=
      nodes: [cpuNode(0), cpuNode(1), memNode(null)],
      lb: [
        lat(0, 0, 10n), bw(0, 0, 10485760n), lat(0, 1, 20n), bw(0, 1, 5242880n), lat(0, 2, 30n), bw(0, 2, 1048576n),
        lat(1, 0, 20n), bw(1, 0, 5242880n), lat(1, 1, 10n), bw(1, 1, 10485760n), lat(1, 2, 30n), bw(1, 2, 1048576n),
      ],
    },
  ],
  ['hmat-pc-2nodes', { nodes: H2, lb: [...H2LAT, ...H2BW] }],
  ['hmat-4nodes-hbm', { nodes: HBM4, lb: HBM4_LB }],
  [
    'hmat-4nodes-hbm-caches',
    {
      nodes: HBM4,
      lb: HBM4_LB,
      caches: [
        cache(2, 16n * M, 1, 'direct', 'write-back', 64),
        cache(0, 1n * M, 1, 'none', 'none', 32),
        cache(0, 8n * M, 2, 'direct', 'write-through', 64),
        cache(0, 64n * M, 3, 'complex', 'write-back', 128),
      ],
    },
  ],
  [
    'hmat-read-write-kinds',
    {
      nodes: H2,
      lb: [
        lb(0, 1, 'write-bandwidth', 256n * M),
        lb(0, 0, 'read-latency', 15n),
        lb(0, 1, 'write-latency', 40n),
        lb(0, 0, 'read-bandwidth', 2n * G),
        lb(0, 1, 'read-latency', 30n),
        lb(0, 0, 'write-latency', 20n),
        lb(0, 0, 'write-bandwidth', 1n * G),
        lb(0, 1, 'read-bandwidth', 1n * G),
      ],
    },
  ],
  [
    'hmat-cache-hierarchies',
    {
      nodes: H2,
      lb: [...H2LAT, ...H2BW, lat(0, 1, 5n, 'first-level'), lat(0, 1, 8n, 'second-level'), bw(0, 1, 4n * G, 'third-level'), bw(0, 1, 8n * G, 'first-level')],
      caches: [cache(1, 4n * M, 1, 'direct', 'write-back', 64), cache(1, 32n * M, 2, 'complex', 'write-through', 128), cache(1, 256n * M, 3, 'none', 'none', 256)],
    },
  ],
  // a socket each on nodes 0 and 1; node 2 memory-only with initiator=1
  ['hmat-partial-entries', { nodes: [cpuNode(0), cpuNode(1), memNode(1)], lb: [lat(1, 2, 30n), lat(0, 0, 10n)] }],
  ['hmat-latency-base-uneven', { nodes: [cpuNode(0), cpuNode(1)], lb: [lat(0, 0, 300n), lat(0, 1, 1000n), lat(1, 0, 20n), lat(1, 1, 300n)] }],
  ['hmat-zero-values', { nodes: H2, lb: [lat(0, 0, 0n), bw(0, 1, 0n)] }],
  ['hmat-latency-base-overflow', { nodes: H2, lb: [lat(0, 0, 10_000_000n), lat(0, 1, 20_000_000n)] }],
  ['hmat-latency-entry-wrap', { nodes: H2, lb: [lat(0, 0, 100_000n), lat(0, 1, 1n)] }],
  ['hmat-bandwidth-base', { nodes: H2, lb: [bw(0, 0, 3n * G), bw(0, 1, 512n * M)] }],
  // node 0: the CPUs, no memory (no proximity-domain structure); node 1: the memory, initiator=0
  [
    'hmat-memless-cpu-node',
    { nodes: [{ hasMemory: false, initiator: 0, isInitiator: true }, memNode(0)], lb: [lat(0, 1, 50n), lat(0, 0, 10n)] },
  ],
  ['hmat-cpus-option', { nodes: H2, lb: [lat(0, 1, 5n)] }],
  // node 2 only has a pc-dimm: device memory is not node memory
  [
    'hmat-dimm-only-node',
    { nodes: [cpuNode(0), cpuNode(1), { hasMemory: false, initiator: 1, isInitiator: false }], lb: [lat(1, 2, 120n), lat(0, 0, 80n)] },
  ],
  // node 1 is HBM as an sp-mem: no node memory either
  [
    'hmat-sp-mem-node',
    {
      nodes: [cpuNode(0), { hasMemory: false, initiator: 0, isInitiator: false }],
      lb: [lat(0, 0, 100n), lat(0, 1, 200n), bw(0, 0, 10n * G), bw(0, 1, 100n * G)],
    },
  ],
  // node 2 has no memory and only the generic initiator: in the initiator lists, no proximity-domain structure
  [
    'gi-hmat-initiator',
    {
      nodes: [cpuNode(0), memNode(0), { hasMemory: false, initiator: null, isInitiator: true }],
      lb: [lat(0, 0, 10n), lat(2, 1, 20n), lat(0, 1, 30n), bw(2, 1, 4n * G)],
    },
  ],
];

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('HMAT', () => {
  it.each(CASES)('%s: the bytes QEMU builds', (dir, input) => {
    const want = fixture(dir, 'HMAT.bin');
    expect(want, `${dir}/HMAT.bin`).not.toBeNull();
    const got = buildHmat(input);
    expect(hex(got.bytes)).toBe(hex(want!));
    const d = decodeHmat(got.bytes);
    expect(d?.checksumOk).toBe(true);
    expect(d?.structures).toEqual(got.structures);
  });

  it.each(CASES)('%s: iasl -d reads it without error or warning, as we show it', (_dir, input) => {
    const bytes = buildHmat(input).bytes;
    const r = iasl(bytes, 'HMAT');
    expect(r.status).toBe(0);
    expect(r.output).not.toMatch(/error|warning/i);
    expect(r.output).toContain('Acpi Data Table [HMAT] decoded');
    expect(body(formatHmatText(bytes))).toBe(body(r.dsl));
  });

  it('covers every captured HMAT, and QEMU builds one only with hmat=on and NUMA', () => {
    const withHmat = readdirSync(FIXTURES).filter((dir) => existsSync(join(FIXTURES, dir, 'HMAT.bin')));
    expect(withHmat.sort()).toEqual(CASES.map(([dir]) => dir).sort());
    // hmat=on without -numa: no SRAT, no HMAT
    expect(fixture('hmat-no-numa', 'HMAT.bin')).toBeNull();
    expect(fixture('hmat-no-numa', 'SRAT.bin')).toBeNull();
  });

  it('orders the structures: domains by node, latency/bandwidth by hierarchy then data type, caches by node then level', () => {
    const s = buildHmat(CASES.find(([d]) => d === 'hmat-cache-hierarchies')![1]).structures;
    expect(s.map((x) => (x.type === 'locality' ? `${HMAT_HIERARCHIES[x.hierarchy]}/${x.dataType}` : x.type))).toEqual([
      'proximity-domain',
      'proximity-domain',
      'memory/0',
      'memory/3',
      'first-level/0',
      'first-level/3',
      'second-level/0',
      'third-level/3',
      'cache',
      'cache',
      'cache',
    ]);
    expect(hmatCacheAttributes(3, { level: 2, associativity: 'complex', policy: 'write-through', line: 128 })).toBe(0x0080_2223);
  });

  it('computes the entry base units as QEMU does, quirks included', () => {
    const units = (lbs: HmatLbOption[]) => {
      const s = buildHmat({ nodes: H2, lb: lbs }).structures;
      return s.flatMap((x) => (x.type === 'locality' ? [[x.entryBaseUnit, ...x.entries]] : []));
    };
    // 10 and 20 ns: base 10 ns, written in ps
    expect(units(H2LAT)).toEqual([[10_000n, 1, 2]]);
    // every latency 0: QEMU's base stays 2^64 − 1, ×1000 truncated to 32 bits
    expect(units([lat(0, 0, 0n)])[0]![0]).toBe(0xffff_fc18n);
    // every bandwidth 0: base 1 byte/s, 0 MB/s
    expect(units([bw(0, 0, 0n)])[0]![0]).toBe(0n);
    // 10^7 ns: 10^10 ps does not fit 32 bits
    expect(units([lat(0, 0, 10_000_000n)])[0]![0]).toBe(10_000_000_000n % 2n ** 32n);
    // 100000 then 1: accepted, 100000 wraps to 16 bits
    expect(units([lat(0, 0, 100_000n), lat(0, 1, 1n)])).toEqual([[1000n, 100_000 % 65536, 1]]);
  });

  it('refuses hmat-lb options as QEMU does, with its messages', () => {
    const refusal = (lbs: HmatLbOption[]) => hmatLbUnits(lbs).error;
    const cases: Array<[string, HmatLbOption[], number]> = [
      ['refused-hmat-lb-bandwidth-unaligned', [bw(0, 0, 1000n)], 0],
      ['refused-hmat-lb-duplicate', [lat(0, 1, 10n), lat(0, 1, 20n)], 1],
      ['refused-hmat-lb-duplicate-bandwidth', [bw(0, 1, 1n * G), bw(0, 1, 2n * G)], 1],
      ['refused-hmat-lb-latency-range', [lat(0, 1, 1n), lat(0, 0, 100_000n)], 1],
      ['refused-hmat-lb-bandwidth-range', [bw(0, 0, 1n * M), bw(0, 1, 65535n * M)], 1],
      ['refused-hmat-lb-bandwidth-bits', [bw(0, 0, 1n * M), bw(0, 1, 128n * G)], 1],
    ];
    for (const [dir, lbs, index] of cases) {
      const e = refusal(lbs);
      expect(e?.index, dir).toBe(index);
      // QEMU's message is prefixed with the option it refuses
      const text = errorOf(dir);
      expect(text.startsWith('-numa hmat-lb,'), dir).toBe(true);
      expect(text.slice(text.indexOf(': ') + 2), dir).toBe(e?.message);
    }
    expect(() => buildHmat({ nodes: H2, lb: [lat(0, 1, 1n), lat(0, 0, 100_000n)] })).toThrow(/should not differ/);
    expect(refusal([...H2LAT, ...H2BW])).toBeNull();
  });

  it('decodes what it encodes, and shows malformed bytes without throwing', () => {
    const t = buildHmat(CASES.find(([d]) => d === 'hmat-4nodes-hbm-caches')![1]);
    expect(encodeHmat(decodeHmat(t.bytes)!.structures)).toEqual(t.bytes);
    expect(decodeHmat(t.bytes.subarray(0, 100))).toBeNull();
    for (const b of [new Uint8Array(0), t.bytes.subarray(0, 30), t.bytes.subarray(0, 100), Uint8Array.from(t.bytes).fill(0xff, 44)]) {
      expect(typeof formatHmatText(b)).toBe('string');
    }
    expect(formatHmatText(new Uint8Array(10))).toContain('Too short for an HMAT');
  });
});
