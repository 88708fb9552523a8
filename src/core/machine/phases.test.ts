/**
 * The pieces computeMachine is built from: the release table and the message catalogue (one place each), the
 * plug index the first-fit walk reads, and the shortcut for plain `node=` values. (How the cost of a recompute
 * grows with the devices is `npm run bench`'s to show: core.recompute.growth.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QEMU_MESSAGES } from '../base/index.ts';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from './compute.ts';
import { QEMU_RELEASES } from './qemu-versions.ts';
import { PlugIndex, mergeRanges, placeMemoryDevice, type PlacedRange } from './placement.ts';
import { parseU64Prop, plainDecimal } from './phases/context.ts';
import type { QemuVersion } from './results.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('the QEMU release table', () => {
  const versions: QemuVersion[] = ['11.1', '10.2', '7.2'];

  it('has a row for every version, naming messages the catalogue has', () => {
    expect(Object.keys(QEMU_RELEASES).sort()).toEqual([...versions].sort());
    for (const v of versions) {
      const r = QEMU_RELEASES[v];
      expect(typeof QEMU_MESSAGES[r.unsupportedMachineType], v).toBe('function');
      expect(typeof QEMU_MESSAGES[r.noDeviceMemory], v).toBe('function');
    }
  });

  it('is the only place the machine model tells releases apart', () => {
    const bad: string[] = [];
    for (const file of sources(HERE)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/[!=]==?\s*'(?:7\.2|10\.2|11\.1)'|'(?:7\.2|10\.2|11\.1)'\s*[!=]==?/g)) bad.push(`${file}: ${m[0]}`);
    }
    expect(bad).toEqual([]);
  });

  it('keeps the wording and limits that differ', () => {
    const reject = (args: string, v: QemuVersion) => {
      const p = parseQemuArgs(args.split(' '));
      if (!p.ok) throw new Error(p.error.message);
      return computeMachine(p.doc, { qemuVersion: v }).error?.message;
    };
    expect(reject('-M q35 -smp 300', '7.2')).toBe("Invalid SMP CPUs 300. The max CPUs supported by machine 'pc-q35-7.2' is 288");
    expect(reject('-M q35 -smp 5000', '11.1')).toBe("Invalid SMP CPUs 5000. The max CPUs supported by machine 'pc-q35-11.1' is 4096");
    expect(reject('-cpu qemu64,phys-bits=31', '7.2')).toBe('phys-bits should be between 32 and 52  (but is 31)');
    expect(reject('-cpu qemu64,phys-bits=31', '11.1')).toBe('phys-bits should be at least 32 (but is 31)');
    expect(reject('-cpu qemu64,phys-bits=53', '7.2')).toBe('phys-bits should be between 32 and 52  (but is 53)');
    expect(reject('-smp 2,modules=1', '7.2')).toBe("Parameter 'smp.modules' is unexpected");
    expect(reject('-M nosuch', '7.2')).toBe('unsupported machine type\nUse -machine help to list supported machines');
    expect(reject('-M nosuch', '10.2')).toBe('unsupported machine type: "nosuch"\nUse -machine help to list supported machines');
  });
});

describe('the message catalogue', () => {
  it('holds QEMU texts byte for byte', () => {
    const M = QEMU_MESSAGES;
    expect(M.parameterExpectsSize64('size')).toBe(
      "Parameter 'size' expects a non-negative number below 2^64\nOptional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.",
    );
    expect(M.parameterExpectsIdentifier('id')).toBe(
      "Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.",
    );
    expect(M.smpHierarchy({ sockets: 2, dies: 1, modules: null, cores: 3, threads: 1 })).toBe(
      'sockets (2) * dies (1) * cores (3) * threads (1)',
    );
    expect(M.numaCpuIds({ index: 3, socket: 1, die: 0, module: 0, core: 1, thread: 0 }, true)).toBe(
      'CPU 3 [socket-id: 1, die-id: 0, module-id: 0, core-id: 1, thread-id: 0]',
    );
    expect(M.addressOutOfRange(0x1000n, 0x2000n, 0x100000000n, 0x40000000n)).toBe(
      "can't add memory device [0x1000:0x2000], usable range for memory devices [0x100000000:0x40000000]",
    );
    expect(M.q35LowmemPoorPerformance(0x100000000n, 1073741824n)).toBe(
      'There is possibly poor performance as the ram size  (0x100000000) is more then twice the size of max-ram-below-4g (1073741824) and max-ram-below-4g is not a multiple of 1G.',
    );
  });
});

describe('PlugIndex', () => {
  // non-overlapping ranges in any order, as placement produces them
  const rangesArb = fc
    .array(fc.record({ slot: fc.integer({ min: 0, max: 200 }), len: fc.integer({ min: 1, max: 3 }), gap: fc.boolean() }), { maxLength: 60 })
    .map((xs) => {
      const used = new Set<number>();
      const out: PlacedRange[] = [];
      xs.forEach(({ slot, len, gap }, i) => {
        for (let s = slot; s < slot + len; s++) if (used.has(s)) return;
        for (let s = slot; s < slot + len; s++) used.add(s);
        // units of 2 MiB; `gap` leaves the last 4 KiB of the unit free, so neighbours may or may not touch
        const addr = BigInt(slot) * 0x200000n;
        out.push({ addr, size: BigInt(len) * 0x200000n - (gap ? 0x1000n : 0n), label: `d${i}` });
      });
      return out;
    });

  it('keeps the devices sorted and their union merged, whatever the order they come in', () => {
    fc.assert(
      fc.property(rangesArb, (ranges) => {
        const index = new PlugIndex();
        for (const r of ranges) index.insert({ ...r });
        const sorted = [...ranges].sort((a, b) => (a.addr < b.addr ? -1 : 1));
        expect(index.byAddr.map((r) => [r.addr, r.size, r.label])).toEqual(sorted.map((r) => [r.addr, r.size, r.label]));
        expect(index.occupied.map((r) => [r.addr, r.size])).toEqual(mergeRanges(sorted).map((r) => [r.addr, r.size]));
        for (const r of [...index.byAddr, ...index.occupied]) expect(r.end).toBe(r.addr + r.size);
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it('places as the plain list does', () => {
    fc.assert(
      fc.property(rangesArb, fc.integer({ min: 1, max: 4 }), fc.constantFrom(0x1000n, 0x200000n, 0x400000n), (ranges, units, align) => {
        const index = new PlugIndex();
        for (const r of ranges) index.insert({ ...r });
        const sorted = [...ranges].sort((a, b) => (a.addr < b.addr ? -1 : 1));
        const req = {
          window: { base: 0n, size: 256n * 0x200000n },
          hint: null,
          size: BigInt(units) * 0x200000n,
          regionAlign: align,
          minAlign: 0n,
          usedSize: 0n,
          capacity: 1n << 40n,
          legacyAlign: null,
          qemuVersion: '11.1' as const,
        };
        expect(placeMemoryDevice({ ...req, plugged: index.byAddr, occupied: index.occupied })).toEqual(
          placeMemoryDevice({ ...req, plugged: sorted }),
        );
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('plainDecimal', () => {
  it('reads what parseU64Prop reads, or leaves it to it', () => {
    const text = fc.array(fc.constantFrom('0', '1', '7', '9', ' ', '-', 'x', '8'), { maxLength: 11 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const v = plainDecimal(t);
        if (v !== null) expect(BigInt(v)).toBe(parseU64Prop(t));
      }),
      { seed: 10, numRuns: 2000 },
    );
    expect(plainDecimal('010')).toBeNull(); // octal, for parseU64Prop
    expect(plainDecimal('0')).toBe(0);
    expect(plainDecimal('123456789')).toBe(123456789);
    expect(plainDecimal('1234567890')).toBeNull();
  });
});
