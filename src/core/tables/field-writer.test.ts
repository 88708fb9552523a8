/** The compiled field writer: defaults, split values, padding, and its refusals. */
import { describe, expect, it } from 'vitest';
import { array, ascii, fieldWriter, layout, u16, u64, u8, uint, type Layout } from './fields.ts';

function bytesOf(l: Layout, values: Record<string, unknown>): Uint8Array | string {
  const w = fieldWriter(l);
  const b = new Uint8Array(l.end);
  try {
    w.write(new DataView(b.buffer), l.start, values as never);
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return b;
}

const T = layout('t', [u8('v', 'Low', { split: 0 }), u16('x', 'X'), uint(3, 'v', 'High', { split: 8 }), u64('big', 'Big', { default: 7n }), ascii('s', 5, 'S', { pad: '\0' }), array('a', 3, 2, 'A')]);

describe('fieldWriter', () => {
  it('fills defaults, splits values and pads text', () => {
    const b = bytesOf(T, { v: 0x89abcdef, x: 0x1234, s: 'AB', a: [1, 2, 0xffff] }) as Uint8Array;
    expect(Array.from(b)).toEqual([0xef, 0x34, 0x12, 0xcd, 0xab, 0x89, 7, 0, 0, 0, 0, 0, 0, 0, 0x41, 0x42, 0, 0, 0, 1, 0, 2, 0, 0xff, 0xff]);
    expect(bytesOf(T, { x: 1 })).toBe('Error: t: no value for v');
    expect(bytesOf(T, { v: 1, x: 0x10000, s: '', a: [0, 0, 0] })).toBe('RangeError: u16 out of range: 65536');
  });
});
