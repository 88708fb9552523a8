import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../../core/document/index.ts';
import { parseQemuArgs } from '../../core/syntax/index.ts';
import { MEMDEV_FREE_SHOWN, nodeMemdevOptions } from './Inspector.tsx';

/** one NUMA node on backend `ram0`, `devices` sp-mem each on its own backend, `spare` unused backends */
function design(devices: number, spare: number): ConfigDocument {
  const args = ['-machine', 'q35', '-m', `1G,slots=8,maxmem=${devices + spare + 8}G`, '-object', 'memory-backend-ram,id=ram0,size=1G', '-numa', 'node,nodeid=0,memdev=ram0'];
  for (let i = 0; i < devices; i++) args.push('-object', `memory-backend-ram,id=m${i},size=1G`, '-device', `sp-mem,id=s${i},memdev=m${i}`);
  for (let i = 0; i < spare; i++) args.push('-object', `memory-backend-ram,id=free${i},size=1G`);
  const r = parseQemuArgs(args, 't');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}
const nodeIndex = (doc: ConfigDocument) => doc.options.findIndex((o) => o.kind === 'numa-node');

describe('the NUMA node form’s RAM backend choice', () => {
  it('a small design: none, then every backend, the ones other options use marked', () => {
    const doc = design(2, 1);
    const r = nodeMemdevOptions(doc, nodeIndex(doc), 'ram0');
    expect(r.options.map((o) => o.label)).toEqual(['(none: memory-less node)', 'ram0', 'm0 (in use)', 'm1 (in use)', 'free0']);
    expect(r.hidden).toBe(0);
  });

  it('a design of thousands of backends: none, the node’s own and a few free ones, not an option per backend', () => {
    const doc = design(3000, 80);
    const r = nodeMemdevOptions(doc, nodeIndex(doc), 'ram0');
    expect(r.options.map((o) => o.value)).toEqual(['', 'ram0', ...Array.from({ length: MEMDEV_FREE_SHOWN }, (_, i) => `free${i}`)]);
    // 3,081 backends: 3,000 in use by the sp-mem, the node's own, 50 of the 80 free ones listed
    expect(r.hidden).toBe(3081 - 1 - MEMDEV_FREE_SHOWN);
    // a memory-less node: none selected, still a short list
    const less = nodeMemdevOptions(doc, nodeIndex(doc), undefined);
    expect(less.options[0]).toEqual({ value: '', label: '(none: memory-less node)' });
    expect(less.options.filter((o) => o.value === '')).toHaveLength(1);
    expect(less.options.length).toBeLessThanOrEqual(MEMDEV_FREE_SHOWN + 2);
  });
});
