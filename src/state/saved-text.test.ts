import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../core/syntax/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { serializeDocumentCompact } from '../core/io/index.ts';
import { bigDesignArgs } from './big-design.ts';
import { compactText } from './saved-text.ts';

function parse(args: string[], name: string): ConfigDocument {
  const r = parseQemuArgs(args, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

describe('the compact saved text, built per option', () => {
  it('equals the core’s serialisation for every kind of option, odd names and a host', () => {
    const docs: ConfigDocument[] = [
      parse(['-machine', 'q35'], 'plain'),
      parse([], 'no options'),
      parse(
        ['-machine', 'q35,accel=kvm', '-cpu', 'host', '-m', '4G,slots=4,maxmem=16G', '-smp', '2', '-object', 'memory-backend-ram,id=m0,size=1G', '-numa', 'node,nodeid=0,memdev=m0'],
        'name with "options":[] and \\ and \u2028 and é',
      ),
      parse(['-machine', 'pc', '-netdev', 'user,id=n0', '-device', 'virtio-net-pci,netdev=n0', '-append', 'console=ttyS0 "quoted"', '-nographic'], '{"options":[1]}'),
      parse(bigDesignArgs({ nodes: 4, dimms: 8, options: 300 }), 'big'),
    ];
    const withHost: ConfigDocument = { ...docs[2]!, host: { vendor: 'AuthenticAMD', physBits: 48 } };
    for (const d of [...docs, withHost]) expect(compactText(d), d.name).toBe(serializeDocumentCompact(d));
  });

  it('stays equal after edits that keep the unchanged option objects', () => {
    const d0 = parse(bigDesignArgs({ nodes: 2, dimms: 4, options: 60 }), 'edits');
    expect(compactText(d0)).toBe(serializeDocumentCompact(d0));
    const i = d0.options.findIndex((o) => o.kind === 'device');
    const opt = d0.options[i]!;
    const d1: ConfigDocument = { ...d0, name: 'renamed', options: d0.options.map((o, k) => (k === i && opt.kind === 'device' ? { ...opt, node: '1', addr: '0x200000000' } : o)) };
    expect(compactText(d1)).toBe(serializeDocumentCompact(d1));
    expect(compactText(d1)).toContain('"addr":"0x200000000"');
    const d2: ConfigDocument = { ...d1, options: d1.options.filter((_, k) => k !== i) };
    expect(compactText(d2)).toBe(serializeDocumentCompact(d2));
    // the earlier document's text is unchanged by the edits (options are never changed in place)
    expect(compactText(d0)).toBe(serializeDocumentCompact(d0));
  });
});
