import { describe, expect, it } from 'vitest';
import { parseQemuSize, parseQemuUint, alignUp, formatQemuSize } from './qemu-numbers.ts';

describe('parseQemuSize (QEMU qemu_strtosz rules)', () => {
  it('reads integers with binary suffixes, case-insensitive', () => {
    expect(parseQemuSize('4G')).toBe(4n * 1024n ** 3n);
    expect(parseQemuSize('4g')).toBe(4n * 1024n ** 3n);
    expect(parseQemuSize('512M')).toBe(512n * 1024n ** 2n);
    expect(parseQemuSize('640k')).toBe(640n * 1024n);
    expect(parseQemuSize('1T')).toBe(1024n ** 4n);
    expect(parseQemuSize('2b')).toBe(2n);
    expect(parseQemuSize('4096')).toBe(4096n);
  });

  it('uses the default suffix when none is given (-m reads MiB)', () => {
    expect(parseQemuSize('128', 'M')).toBe(128n * 1024n * 1024n);
  });

  it('reads fractions, rounding half up, only with a suffix', () => {
    expect(parseQemuSize('1.5G')).toBe(1536n * 1024n * 1024n);
    expect(parseQemuSize('0.5K')).toBe(512n);
    // 1.1K = 1126.4 bytes → 1126
    expect(parseQemuSize('1.1K')).toBe(1126n);
    expect(parseQemuSize('1.5')).toBeNull();
    // "1.k": no fraction digits is still fine
    expect(parseQemuSize('1.k')).toBe(1024n);
  });

  it('reads hex without fraction or suffix', () => {
    expect(parseQemuSize('0x1000')).toBe(4096n);
    expect(parseQemuSize('0x1G')).toBeNull();
    expect(parseQemuSize('0x')).toBeNull();
  });

  it('refuses negatives, exponents, junk and values of 2^64 or more', () => {
    expect(parseQemuSize('-1')).toBeNull();
    expect(parseQemuSize('1e3G')).toBeNull();
    expect(parseQemuSize('4X')).toBeNull();
    expect(parseQemuSize('')).toBeNull();
    expect(parseQemuSize('16E')).toBeNull(); // 16 × 2^60 = 2^64
    expect(parseQemuSize('15E')).toBe(15n << 60n);
    expect(parseQemuSize('18446744073709551615')).toBe((1n << 64n) - 1n);
    expect(parseQemuSize('18446744073709551616')).toBeNull();
  });
});

describe('parseQemuUint (base 0 like strtoull)', () => {
  it('reads decimal, hex and octal', () => {
    expect(parseQemuUint('42')).toBe(42n);
    expect(parseQemuUint('0x2a')).toBe(42n);
    expect(parseQemuUint('052')).toBe(42n);
    expect(parseQemuUint('010')).toBe(8n);
  });
  it('refuses junk and values above the maximum', () => {
    expect(parseQemuUint('x')).toBeNull();
    expect(parseQemuUint('1G')).toBeNull();
    expect(parseQemuUint('65536', 0xffffn)).toBeNull();
  });
});

describe('helpers', () => {
  it('aligns up', () => {
    expect(alignUp(0x140000001n, 0x40000000n)).toBe(0x180000000n);
    expect(alignUp(0x140000000n, 0x40000000n)).toBe(0x140000000n);
  });
  it('writes sizes the way a person would type them', () => {
    expect(formatQemuSize(16n << 30n)).toBe('16G');
    expect(formatQemuSize(1536n << 20n)).toBe('1536M');
    expect(formatQemuSize(1000n)).toBe('1000');
  });
});
