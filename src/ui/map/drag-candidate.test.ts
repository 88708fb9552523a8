import { describe, expect, it } from 'vitest';
import { formatQemuArgs } from '../../core/syntax/index.ts';
import { parseQemuArgs } from '../../core/syntax/index.ts';
import { moveDevice } from '../../core/document/index.ts';
import { api } from '../../worker/api.ts';
import { buildCandidate, candidateKey, dragMove } from './drag-candidate.ts';

const doc = (() => {
  const r = parseQemuArgs(
    '-machine q35 -m 2G,slots=2,maxmem=8G -numa node -numa node -object memory-backend-ram,id=m,size=1G -device sp-mem,id=s,memdev=m,node=1'.split(' '),
  );
  if (!r.ok) throw new Error('parse');
  return r.doc;
})();
const DEV = doc.options.findIndex((o) => o.kind === 'device');

describe('drag candidates', () => {
  it('writes node= and addr= only for what the drag changed', () => {
    const lane = buildCandidate(doc, { optionIndex: DEV, originNode: 1, node: 0, axisMoved: false, addr: 0n });
    expect(formatQemuArgs(lane).at(-1)).toBe('sp-mem,id=s,memdev=m,node=0');
    const axis = buildCandidate(doc, { optionIndex: DEV, originNode: 1, node: 1, axisMoved: true, addr: 0x100200000n });
    expect(formatQemuArgs(axis).at(-1)).toBe('sp-mem,id=s,memdev=m,node=1,addr=0x100200000');
  });

  it('is the same document the worker checks for a drag step', () => {
    for (const [node, axisMoved, addr] of [
      [0, false, 0n],
      [1, true, 0x100400000n],
      [0, true, 0x140000000n],
    ] as const) {
      const ui = buildCandidate(doc, { optionIndex: DEV, originNode: 1, node, axisMoved, addr });
      const move = { optionIndex: DEV, node: node !== 1 ? node : null, addr: axisMoved ? addr : null };
      expect(dragMove({ optionIndex: DEV, originNode: 1, node, axisMoved, addr })).toEqual(move);
      const worker = moveDevice(doc, move);
      expect(worker).toEqual(ui);
      // and the worker's verdict on the move is its verdict on that document
      api.setMoveBase(doc);
      expect(api.checkMove(move)).toEqual(api.check(ui));
    }
  });

  it('keys candidates by node and address', () => {
    expect(candidateKey(2, false, 0x480000000n)).toBe('2@auto');
    expect(candidateKey(2, true, 0x480200000n)).toBe('2@0x480200000');
  });
});
