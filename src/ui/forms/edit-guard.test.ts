/**
 * The guarded edit: checked with the core's verdict before it is committed; what is refused says why in plain
 * words. QEMU's texts here are what real QEMU 11.1.3 printed for the same command lines; sizes and ranges are
 * computed by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { computeMachine } from '../../core/machine/index.ts';
import { formatQemuError } from '../../core/base/index.ts';
import { parseQemuArgs } from '../../core/syntax/index.ts';
import type { ConfigDocument } from '../../core/document/index.ts';
import { addMemoryDevice, patchOption, setDeviceAddr } from '../../state/doc-edits.ts';
import { createDesignerStore } from '../../state/store.ts';
import type { CheckResult, DerivedLayout } from '../../worker/api.ts';
import { explainRefusal } from '../map/placement.ts';
import { neighbourOf } from '../panels/DeleteFocus.tsx';
import { guardEdit, refusalWords } from './edit-guard.ts';

const GiB = 1n << 30n;

function doc(line: string): ConfigDocument {
  const r = parseQemuArgs(line.split(' '));
  if (!r.ok) throw new Error('parse');
  return r.doc;
}

/** The example machine's memory: 16G RAM, maxmem 96G, three 16G sp-mem 2 MiB apart, one 4G pc-dimm after them. */
const EXAMPLE = doc(
  [
    '-machine q35 -smp 8,sockets=1,cores=8 -m 16G,slots=4,maxmem=96G',
    '-object memory-backend-ram,id=ram0,size=16G -numa node,nodeid=0,memdev=ram0,cpus=0-7 -numa node,nodeid=1 -numa node,nodeid=2 -numa node,nodeid=3',
    '-object memory-backend-ram,id=hbm0-mem,size=16G -device sp-mem,id=hbm0,memdev=hbm0-mem,node=1,addr=0x480000000',
    '-object memory-backend-ram,id=hbm1-mem,size=16G -device sp-mem,id=hbm1,memdev=hbm1-mem,node=2,addr=0x880200000',
    '-object memory-backend-ram,id=hbm2-mem,size=16G -device sp-mem,id=hbm2,memdev=hbm2-mem,node=3,addr=0xc80400000',
    '-object memory-backend-ram,id=dimm0-mem,size=4G -device pc-dimm,id=dimm0,memdev=dimm0-mem,node=0',
  ].join(' '),
);
const DIMM0 = EXAMPLE.options.findIndex((o) => o.kind === 'device' && o.id === 'dimm0');

/** A client whose check is the core's own verdict, counting the calls. */
function coreClient() {
  const calls: ConfigDocument[] = [];
  return {
    calls,
    check: async (d: ConfigDocument): Promise<CheckResult> => {
      calls.push(d);
      const r = computeMachine(d);
      return { error: r.error, message: r.error ? formatQemuError(r.error) : null, placements: [] };
    },
  };
}

function layoutOf(d: ConfigDocument): DerivedLayout {
  const r = computeMachine(d);
  if (!r.layout) throw new Error(String(r.error?.message));
  return r.layout as unknown as DerivedLayout;
}

describe('guardEdit', () => {
  it('commits an edit QEMU accepts', async () => {
    const store = createDesignerStore(EXAMPLE);
    // the free space after dimm0 (0x1080400000 + 4 GiB), 2 MiB aligned
    const out = await guardEdit(coreClient(), store, (d) => setDeviceAddr(d, DIMM0, 0x1180400000n), { optionIndex: DIMM0, baseRefused: false });
    expect(out.status).toBe('committed');
    expect(store.getState().doc.options[DIMM0]).toMatchObject({ addr: '0x1180400000' });
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('does not commit an edit that makes QEMU refuse an accepted design; Apply anyway does', async () => {
    const store = createDesignerStore(EXAMPLE);
    const client = coreClient();
    const out = await guardEdit(client, store, (d) => setDeviceAddr(d, DIMM0, 0xc80400000n), {
      optionIndex: DIMM0,
      layout: layoutOf(EXAMPLE),
    });
    // the design as it was was checked too (its verdict was not known)
    expect(client.calls).toHaveLength(2);
    expect(store.getState().doc).toBe(EXAMPLE);
    if (out.status !== 'refused') throw new Error(out.status);
    expect(out.refusal.qemu).toBe("-device pc-dimm,id=dimm0,memdev=dimm0-mem,node=0,addr=0xc80400000: address range conflicts with memory device id='hbm2'");
    // dimm0: 4 GiB from 0xc80400000 → 0xd803fffff; hbm2: 16 GiB from 0xc80400000 → 0x10803fffff
    expect(out.refusal.words).toBe('dimm0 [0xc80400000–0xd803fffff] would overlap hbm2 [0xc80400000–0x10803fffff]');
    expect(out.refusal.blocks).toEqual(['dimm0', 'hbm2']);
    expect(out.applyAnyway()).toBe(true);
    expect(store.getState().doc.options[DIMM0]).toMatchObject({ addr: '0xc80400000' });
  });

  it('commits an edit of a design QEMU refuses already (it may be the fix)', async () => {
    const refused = setDeviceAddr(EXAMPLE, DIMM0, 0xc80400000n);
    const store = createDesignerStore(refused);
    const out = await guardEdit(coreClient(), store, (d) => patchOption(d, DIMM0, { node: '1' }), { optionIndex: DIMM0 });
    expect(out.status).toBe('committed');
    expect(store.getState().doc.options[DIMM0]).toMatchObject({ node: '1' });
  });

  it('commits nothing when the design changed while the edit was checked', async () => {
    const store = createDesignerStore(EXAMPLE);
    const client = coreClient();
    const slow = {
      check: async (d: ConfigDocument) => {
        store.getState().actions.commit(patchOption(store.getState().doc, DIMM0, { node: '2' }));
        return client.check(d);
      },
    };
    const out = await guardEdit(slow, store, (d) => patchOption(d, DIMM0, { node: '1' }), { baseRefused: false });
    expect(out.status).toBe('superseded');
    expect(store.getState().doc.options[DIMM0]).toMatchObject({ node: '2' });
  });
});

describe('refusalWords', () => {
  it('a device that does not fit: what memory devices get and what is free', () => {
    const r = addMemoryDevice(EXAMPLE, 'sp-mem', '64G', 0);
    const error = computeMachine(r.doc).error!;
    expect(error.message).toBe('not enough space, currently 0xd00000000 in use of total space for memory devices 0x1400000000');
    // maxmem − RAM = 96 − 16 = 80 GiB; in use 3 × 16 + 4 = 52 GiB; free 28 GiB
    const w = refusalWords(error, r.doc, { optionIndex: r.index, layout: layoutOf(EXAMPLE), adding: 'the new sp-mem' }, explainRefusal);
    expect(w.text).toBe('the new sp-mem does not fit: memory devices get 80 GiB (maxmem less the RAM), of which 28 GiB is free');
    expect(80n * GiB).toBe(0x1400000000n);
  });

  it('a misaligned address says the alignment', () => {
    const next = setDeviceAddr(EXAMPLE, DIMM0, 0x10c0401000n);
    const error = computeMachine(next).error!;
    expect(error.message).toBe('address must be aligned to 0x200000 bytes');
    const w = refusalWords(error, next, { optionIndex: DIMM0, layout: layoutOf(EXAMPLE) }, explainRefusal);
    expect(w.text).toBe('dimm0 at 0x10c0401000 would not be aligned to 0x200000');
  });

  it('without the layout, the kind of QEMU’s error and the device QEMU names', () => {
    const next = setDeviceAddr(EXAMPLE, DIMM0, 0xc80400000n);
    const error = computeMachine(next).error!;
    expect(refusalWords(error, next, { optionIndex: DIMM0 }).text).toBe('dimm0 would overlap hbm2');
  });
});

describe('neighbourOf', () => {
  const layout = layoutOf(EXAMPLE);
  const index = (id: string) => EXAMPLE.options.findIndex((o) => o.kind === 'device' && o.id === id);
  it('the next block in the reading order (lane by lane, then address), else the previous one', () => {
    // lanes: dimm0 (node 0), hbm0 (1), hbm1 (2), hbm2 (3)
    expect(neighbourOf(layout, EXAMPLE, index('hbm1'))).toBe(index('hbm2'));
    expect(neighbourOf(layout, EXAMPLE, index('dimm0'))).toBe(index('hbm0'));
    expect(neighbourOf(layout, EXAMPLE, index('hbm2'))).toBe(index('hbm1'));
  });
  it('none when the block is the only one', () => {
    const one = doc('-machine q35 -m 1G,slots=1,maxmem=2G -object memory-backend-ram,id=m,size=256M -device pc-dimm,id=d,memdev=m');
    expect(neighbourOf(layoutOf(one), one, one.options.findIndex((o) => o.kind === 'device'))).toBeNull();
  });
});
