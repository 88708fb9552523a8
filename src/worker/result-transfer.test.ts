import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../core/syntax/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { api, type Derived } from './api.ts';
import { DocSender, MISSING_BASE } from './doc-transfer.ts';
import { applyPatch, diffValue, NO_BASE, sameValue, ResultReceiver, ResultSender, type DerivedWire } from './result-transfer.ts';
import { workerApi } from './worker-api.ts';

/** what crosses postMessage */
const wire = <T>(v: T): T => structuredClone(v);

/** q35 with two nodes and the given memory devices ([id, node, addr?]) */
function machine(devices: Array<[string, number, string?]>): ConfigDocument {
  const args = ['-machine', 'q35', '-m', '4G,slots=16,maxmem=64G', '-smp', '2'];
  args.push('-object', 'memory-backend-ram,id=ram0,size=2G', '-object', 'memory-backend-ram,id=ram1,size=2G');
  args.push('-numa', 'node,nodeid=0,memdev=ram0,cpus=0', '-numa', 'node,nodeid=1,memdev=ram1,cpus=1');
  for (const [id, node, addr] of devices) {
    args.push('-object', `memory-backend-ram,id=${id}-mem,size=1G`);
    args.push('-device', `pc-dimm,id=${id},memdev=${id}-mem,node=${node}${addr ? `,addr=${addr}` : ''}`);
  }
  const r = parseQemuArgs(args, 'x');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

const base: Array<[string, number, string?]> = [
  ['a', 0],
  ['b', 1],
  ['c', 0],
  ['d', 1],
  ['e', 0],
];
const edits: Array<[string, Array<[string, number, string?]>]> = [
  ['one device to the other node', [['a', 0], ['b', 1], ['c', 1], ['d', 1], ['e', 0]]],
  ['a device added', [['a', 0], ['b', 1], ['c', 1], ['d', 1], ['e', 0], ['f', 1]]],
  ['a device removed', [['a', 0], ['c', 1], ['d', 1], ['e', 0], ['f', 1]]],
  ['a device moved to an address', [['a', 0], ['c', 1], ['d', 1, '0x800000000'], ['e', 0], ['f', 1]]],
  ['no change', [['a', 0], ['c', 1], ['d', 1, '0x800000000'], ['e', 0], ['f', 1]]],
  ['back to the start', base],
];

describe('derive result deltas', () => {
  it('rebuilds each result from the previous one, reusing the unchanged objects', () => {
    const sender = new ResultSender();
    const receiver = new ResultReceiver();
    let prev = receiver.decode(wire(sender.encode(api.derive(machine(base)), receiver.held())))!;
    expect(prev).toEqual(api.derive(machine(base)));
    for (const [what, devices] of edits) {
      const full = api.derive(machine(devices));
      expect(full.result.error, what).toBeNull();
      const w = wire(sender.encode(full, receiver.held()));
      expect('patch' in w, what).toBe(true);
      const got = receiver.decode(w)!;
      expect(got, what).toEqual(full);
      // a one-device edit: the device entries equal to the previous result's are its very objects
      const before = prev.result.layout!.devices;
      const after = got.result.layout!.devices;
      if (what === 'one device to the other node') {
        after.forEach((d, i) => {
          if (sameValue(d, before[i])) expect(d, `${what}: device ${i}`).toBe(before[i]);
        });
        expect(after.filter((d, i) => d === before[i]).length, what).toBeGreaterThanOrEqual(after.length - 1);
      }
      if (what === 'no change') expect(got).toBe(prev);
      prev = got;
    }
  });

  it('sends the whole result when the client does not hold the last one sent, and the client asks again for an unknown base', () => {
    const sender = new ResultSender();
    const r1 = api.derive(machine(base));
    const r2 = api.derive(machine(edits[0]![1]));
    const w1 = sender.encode(r1, NO_BASE);
    expect('full' in w1).toBe(true);
    // the client holds nothing: whole result again
    expect('full' in sender.encode(r2, NO_BASE)).toBe(true);
    // a patch against a base this client never received: it cannot rebuild it
    const w3 = sender.encode(r1, w1.seq + 1);
    expect('patch' in w3).toBe(true);
    expect(new ResultReceiver().decode(wire(w3))).toBeNull();
  });

  it('patches objects and arrays field by field and element by element', () => {
    const a = { x: 1n, list: [{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }], bytes: new Uint8Array([1, 2]) };
    const b = { x: 1n, list: [{ v: 1 }, { v: 5 }, { v: 3 }], bytes: new Uint8Array([1, 2]), added: null };
    const p = diffValue(a, b);
    expect(p).toEqual({ t: 'o', set: { list: { t: 'a', n: 3, set: [[1, { v: 5 }]] }, added: { t: 'v', v: null } } });
    const fewer = { x: 1n };
    expect(diffValue(a, fewer)).toEqual({ t: 'v', v: fewer });
    const got = applyPatch(a, wire(p));
    expect(got).toEqual(b);
    expect(got.list[0]).toBe(a.list[0]);
    expect(got.bytes).toBe(a.bytes);
    expect(diffValue(a, structuredClone(a))).toBeNull();
  });

  it('goes through the worker api: documents and results both as deltas', () => {
    const w = workerApi(api);
    const docs = new DocSender();
    const receiver = new ResultReceiver();
    const derive = (d: ConfigDocument): Derived => {
      const out = wire(w.derive(wire(docs.encode(d)), {}, receiver.held())) as DerivedWire | typeof MISSING_BASE;
      if (out === MISSING_BASE) throw new Error('missing base');
      return receiver.decode(out)!;
    };
    for (const devices of [base, ...edits.map((e) => e[1])]) {
      const d = machine(devices);
      expect(derive(d)).toEqual(api.derive(d));
    }
  });
});
