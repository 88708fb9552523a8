import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../../core/document/index.ts';
import { parseQemuArgs } from '../../core/syntax/index.ts';
import { MEMDEV_FREE_SHOWN, memdevOptions } from './Inspector.tsx';

function design(devices: number, spare: number): ConfigDocument {
  const args = ['-machine', 'q35', '-m', `1G,slots=8,maxmem=${devices + spare + 8}G`];
  for (let i = 0; i < devices; i++) args.push('-object', `memory-backend-ram,id=m${i},size=1G`, '-device', `sp-mem,id=s${i},memdev=m${i}`);
  for (let i = 0; i < spare; i++) args.push('-object', `memory-backend-ram,id=free${i},size=1G`);
  const r = parseQemuArgs(args, 't');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}
const deviceIndex = (doc: ConfigDocument, id: string) => doc.options.findIndex((o) => o.kind === 'device' && o.id === id);

describe('memdevOptions', () => {
  it('lists every backend of a small design, marking the ones other options use', () => {
    const doc = design(3, 1);
    const r = memdevOptions(doc, deviceIndex(doc, 's1'), 'm1');
    expect(r.hidden).toBe(0);
    expect(r.options.map((o) => o.label)).toEqual(['m0 (in use)', 'm1', 'm2 (in use)', 'free0']);
  });
  it('lists only the own and a few free backends of a large design', () => {
    const doc = design(400, 60);
    const r = memdevOptions(doc, deviceIndex(doc, 's7'), 'm7');
    expect(r.options.map((o) => o.value)).toEqual(['m7', ...Array.from({ length: MEMDEV_FREE_SHOWN }, (_, i) => `free${i}`)]);
    expect(r.hidden).toBe(460 - 1 - MEMDEV_FREE_SHOWN);
  });
});
