import { describe, expect, it } from 'vitest';
import { diffCommandLine, diffRows } from './changes.tsx';

interface Row {
  id: string;
  base: number;
}
const sig = (r: Row) => `${r.id}@${r.base}`;
const ident = (r: Row) => r.id;

describe('diffRows', () => {
  it('marks nothing when the rows say the same', () => {
    const rows = [
      { id: 'a', base: 0 },
      { id: 'b', base: 4 },
    ];
    const d = diffRows(rows, rows.map((r) => ({ ...r })), sig, ident);
    expect(d.marks.size).toBe(0);
    expect(d.removed).toEqual([]);
  });

  it('pairs rows by what they stand for: changed, new and removed', () => {
    // before: a@0 hot@1 b@4; after: hot@0 a@1 hot@2 (a moved up, the gap split in two, b gone)
    const prev = [
      { id: 'a', base: 0 },
      { id: 'hot', base: 1 },
      { id: 'b', base: 4 },
    ];
    const next = [
      { id: 'hot', base: 0 },
      { id: 'a', base: 1 },
      { id: 'hot', base: 2 },
    ];
    const d = diffRows(prev, next, sig, ident);
    expect([...d.marks.entries()].sort()).toEqual([
      [0, 'changed'],
      [1, 'changed'],
      [2, 'added'],
    ]);
    // b stood third (index 2), before the third row of the new table
    expect(d.removed).toEqual([{ before: 2, entry: { id: 'b', base: 4 } }]);
  });

  it('an unchanged row that moved in the order is not marked', () => {
    const prev = [
      { id: 'a', base: 0 },
      { id: 'b', base: 4 },
    ];
    const d = diffRows(prev, [prev[1]!, prev[0]!, { id: 'c', base: 8 }], sig, ident);
    expect([...d.marks.entries()]).toEqual([[2, 'added']]);
    expect(d.removed).toEqual([]);
  });
});

describe('diffCommandLine', () => {
  it('says which words of which option changed', () => {
    const before = ['-machine', 'q35', '-device', 'sp-mem,id=hbm0,memdev=m0,node=1', '-device', 'pc-dimm,id=dimm0,memdev=d0'];
    const after = ['-machine', 'q35', '-device', 'sp-mem,id=hbm0,memdev=m0,node=2', '-device', 'pc-dimm,id=dimm0,memdev=d0,addr=0x10c0400000'];
    expect(diffCommandLine(before, after)).toEqual([
      { option: '-device sp-mem,id=hbm0', added: ['node=2'], removed: ['node=1'] },
      { option: '-device pc-dimm,id=dimm0', added: ['addr=0x10c0400000'], removed: [] },
    ]);
  });

  it('lists an option added or removed whole, and lone flags', () => {
    const before = ['-m', '4G', '-object', 'memory-backend-ram,id=m1,size=1G', '-nodefaults'];
    const after = ['-m', '4G', '-numa', 'node,nodeid=2'];
    expect(diffCommandLine(before, after)).toEqual([
      { option: '-numa nodeid=2', added: ['node', 'nodeid=2'], removed: [] },
      { option: '-object memory-backend-ram,id=m1', added: [], removed: ['memory-backend-ram', 'id=m1', 'size=1G'] },
      { option: '-nodefaults', added: [], removed: ['-nodefaults'] },
    ]);
  });

  it('-m is one option whatever its size', () => {
    expect(diffCommandLine(['-m', '4G,slots=2'], ['-m', '8G,slots=2'])).toEqual([{ option: '-m', added: ['8G'], removed: ['4G'] }]);
  });

  it('on thousands of unnamed devices, one changed addr= is the one change (options alike at both ends set aside)', () => {
    const argv = (addr: string) => {
      const a = ['-machine', 'q35', '-m', '4G,maxmem=5000G'];
      for (let i = 0; i < 5000; i++) a.push('-object', `memory-backend-ram,id=m${i},size=1G`, '-device', `sp-mem,memdev=m${i},node=0${i === 2500 ? `,addr=${addr}` : ''}`);
      return a;
    };
    expect(diffCommandLine(argv('0x200000000'), argv('0x240000000'))).toEqual([
      { option: '-device sp-mem', added: ['addr=0x240000000'], removed: ['addr=0x200000000'] },
    ]);
  });
});
