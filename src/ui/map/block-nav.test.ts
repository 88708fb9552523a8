import { describe, expect, it } from 'vitest';
import { neighbourBlock } from './block-nav.ts';
import type { DeviceBlock } from './map-model.ts';

const GiB = 1n << 30n;
let n = 0;
const dev = (key: string, node: number, startGiB: number, sizeGiB = 1): DeviceBlock => ({
  optionIndex: n++,
  id: key,
  key,
  driver: 'sp-mem',
  node,
  start: BigInt(startGiB) * GiB,
  end: BigInt(startGiB + sizeGiB) * GiB,
  size: BigInt(sizeGiB) * GiB,
  backendSize: BigInt(sizeGiB) * GiB,
  memdev: `${key}-m`,
  align: 2n << 20n,
  explicitAddr: false,
  slot: null,
});

// lanes 0, 1 (empty), 2; the model's order is not address order
const a = dev('a', 0, 20);
const b = dev('b', 0, 10);
const c = dev('c', 0, 30);
const x = dev('x', 2, 8);
const y = dev('y', 2, 21);
const blocks = [a, b, c, x, y];
const nodes = [0, 1, 2];
// 10 px per GiB
const centre = (d: DeviceBlock) => Number((d.start + d.end) / 2n / (GiB / 10n));
const go = (from: DeviceBlock, key: Parameters<typeof neighbourBlock>[3]) => neighbourBlock(blocks, nodes, from, key, centre)?.key ?? null;

describe('keyboard focus between blocks', () => {
  it('left and right follow addresses in the lane; Home and End go to its ends', () => {
    expect(go(a, 'ArrowLeft')).toBe('b');
    expect(go(a, 'ArrowRight')).toBe('c');
    expect(go(c, 'ArrowRight')).toBeNull();
    expect(go(b, 'ArrowLeft')).toBeNull();
    expect(go(c, 'Home')).toBe('b');
    expect(go(b, 'End')).toBe('c');
    expect(go(c, 'End')).toBeNull();
  });

  it('up and down go to the nearest block of the next lane that has blocks', () => {
    // a's centre 20.5 GiB: y (21.5) is nearer than x (8.5); lane 1 has none
    expect(go(a, 'ArrowDown')).toBe('y');
    expect(go(b, 'ArrowDown')).toBe('x');
    expect(go(x, 'ArrowUp')).toBe('b');
    expect(go(y, 'ArrowUp')).toBe('a');
    expect(go(a, 'ArrowUp')).toBeNull();
    expect(go(y, 'ArrowDown')).toBeNull();
  });
});
