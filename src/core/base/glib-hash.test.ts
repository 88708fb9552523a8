/** Orders observed in real QEMU 7.2 and 11.1 (NVDIMM SRAT entries, src/cli/qemu/FINDINGS.md item 5). */
import { describe, expect, it } from 'vitest';
import { gHashIterationOrder, gStrHash } from './glib-hash.ts';

describe('GLib string hash table iteration order', () => {
  it('g_str_hash is djb2 (h = h * 33 + c from 5381)', () => {
    // hand computation: 5381 * 33 + 'a' (97) = 177670
    expect(gStrHash('a')).toBe(177670);
    expect(gStrHash('')).toBe(5381);
  });

  it.each([
    [['d0', 'd1'], ['d1', 'd0']],
    [['d1', 'd0'], ['d1', 'd0']],
    [['a', 'b', 'c'], ['b', 'a', 'c']],
    [['c', 'b', 'a'], ['b', 'a', 'c']],
    [['nv0', 'nv1', 'nv2', 'nv3'], ['nv0', 'nv2', 'nv1', 'nv3']],
    [['zeta', 'alpha', 'mid'], ['alpha', 'mid', 'zeta']],
    [['dimm1', 'dimm10', 'dimm2'], ['dimm2', 'dimm1', 'dimm10']],
    [['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'], ['n4', 'n3', 'n2', 'n8', 'n1', 'n7', 'n6', 'n5']],
    [['device[0]', 'device[1]', 'device[2]'], ['device[2]', 'device[1]', 'device[0]']],
  ])('%j iterates as %j', (keys, order) => {
    expect(gHashIterationOrder(keys)).toEqual(order);
  });
});
