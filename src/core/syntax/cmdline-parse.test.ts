import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from './cmdline-parse.ts';
import { formatQemuArgs } from './cmdline-format.ts';
import { formatQemuError } from '../base/index.ts';
import { splitOptValue } from './qemu-opts.ts';

const words = (s: string) => s.trim().split(/\s+/);

describe("QEMU's option syntax", () => {
  it('splits key=value pairs, with ,, for a literal comma and an implied first key', () => {
    expect(splitOptValue('memory-backend-file,id=m0,mem-path=/tmp/a,,b,share=on', 'qom-type')).toEqual([
      { key: 'qom-type', value: 'memory-backend-file' },
      { key: 'id', value: 'm0' },
      { key: 'mem-path', value: '/tmp/a,b' },
      { key: 'share', value: 'on' },
    ]);
    expect(splitOptValue('type=q35,nvdimm=on', 'type')).toEqual([
      { key: 'type', value: 'q35' },
      { key: 'nvdimm', value: 'on' },
    ]);
    expect(splitOptValue('qemu64,+avx', 'model')).toEqual([
      { key: 'model', value: 'qemu64' },
      { key: '+avx', value: null },
    ]);
  });
});

describe('parseQemuArgs', () => {
  it('reads the modelled options into typed fields and keeps the rest verbatim, in place', () => {
    const r = parseQemuArgs(
      words('-nodefaults -M q35 -m size=2G,slots=2,maxmem=8G -drive if=none,id=hd0 -object memory-backend-ram,id=m0,size=1G -device sp-mem,id=s,memdev=m0 -display none'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.options.map((o) => o.kind)).toEqual(['raw', 'machine', 'memory', 'raw', 'object', 'device', 'raw']);
    expect(r.doc.options[1]).toMatchObject({ kind: 'machine', type: 'q35' });
    expect(r.doc.options[2]).toMatchObject({ kind: 'memory', size: '2G', slots: '2', maxmem: '8G' });
    expect(r.doc.options[3]).toEqual({ kind: 'raw', args: ['-drive', 'if=none,id=hd0'] });
    expect(r.doc.options[5]).toMatchObject({ kind: 'device', driver: 'sp-mem', id: 's', memdev: 'm0' });
  });

  it('merges repeated -machine and -m as QEMU does (later values win)', () => {
    const r = parseQemuArgs(words('-machine pc -m 1G -machine type=q35,nvdimm=on -m maxmem=4G'));
    if (!r.ok) throw new Error();
    expect(r.doc.options).toEqual([
      { kind: 'machine', type: 'q35', nvdimm: 'on' },
      { kind: 'memory', size: '1G', maxmem: '4G' },
    ]);
  });

  it('accepts --option spellings', () => {
    const r = parseQemuArgs(words('--machine q35 --m 2G'));
    expect(r.ok && r.doc.options.map((o) => o.kind)).toEqual(['machine', 'memory']);
  });

  it("refuses an unknown option and a missing argument with QEMU's words", () => {
    const a = parseQemuArgs(words('-M q35 -foo'));
    expect(a.ok).toBe(false);
    if (!a.ok) {
      expect(formatQemuError(a.error)).toBe('-foo: invalid option');
      expect(a.argIndex).toBe(2);
    }
    const b = parseQemuArgs(words('-M q35 -m'));
    expect(!b.ok && formatQemuError(b.error)).toBe('-m: requires an argument');
  });

  it('writes imported options back as the user wrote them', () => {
    const line = words('-M q35 -m 2G,maxmem=8G,slots=2 -numa node,memdev=r0,nodeid=0 -device pc-dimm,memdev=m,id=d');
    const r = parseQemuArgs(line);
    if (!r.ok) throw new Error();
    expect(formatQemuArgs(r.doc)).toEqual(line);
  });

  it('writes an edited option canonically', () => {
    const r = parseQemuArgs(words('-device pc-dimm,memdev=m,id=d'));
    if (!r.ok) throw new Error();
    const d = r.doc.options[0]!;
    if (d.kind !== 'device') throw new Error();
    const edited = { ...r.doc, options: [{ ...d, node: '1' }] };
    expect(formatQemuArgs(edited)).toEqual(['-device', 'pc-dimm,id=d,memdev=m,node=1']);
  });

  it('writes an edited -machine that names no type without a leading comma', () => {
    // QEMU 11.1.3: `-machine ,hmat=on` is refused with "Invalid parameter ''"; `-machine hmat=off` is read
    const r = parseQemuArgs(words('-machine hmat=on -m 1G'));
    if (!r.ok) throw new Error();
    const m = r.doc.options[0]!;
    if (m.kind !== 'machine') throw new Error();
    const edited = { ...r.doc, options: [{ ...m, hmat: 'off' }, ...r.doc.options.slice(1)] };
    expect(formatQemuArgs(edited)).toEqual(['-machine', 'hmat=off', '-m', '1G']);
  });
});
